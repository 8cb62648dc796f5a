/**
 * Clock keyboard shortcuts (console and solo screen): space pause/resume, 1/2/3 speeds, n next
 * inject, ? shortcut list.
 *
 * Ignored while typing in a field, and with modifier keys held, so messages can contain spaces;
 * Space is the focused control's when a control has the focus. A speed key only sets the speed.
 */
import { useEffect } from 'react';
import { SPEEDS } from '../session/clock-driver.ts';
import { useAppStore } from '../store/app-store.ts';
import type { ClockControls } from './clock-bar.tsx';
import type { MessageKey } from '../../../shared/i18n/words.ts';

/** The shortcut list: keys as printed on the keyboard (or the catalogue's name for one), and what each does. */
export const SHORTCUTS: ReadonlyArray<{ keys: string | MessageKey; named?: true; does: MessageKey }> = [
  { keys: 'shortcuts.key.space', named: true, does: 'shortcuts.pause' },
  { keys: '1', does: 'shortcuts.speed1' },
  { keys: '2', does: 'shortcuts.speed10' },
  { keys: '3', does: 'shortcuts.speed60' },
  { keys: 'N', does: 'shortcuts.next' },
  { keys: '?', does: 'shortcuts.toggle' },
  { keys: 'shortcuts.key.esc', named: true, does: 'shortcuts.closeList' },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(type);
  }
  return false;
}

/** A control that Space operates when it has the focus. */
function isControl(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest(
      'button, a[href], input, select, textarea, summary, label, [role="tab"], [role="button"], [role="checkbox"], [role="radio"], [role="link"], [role="switch"], [role="menuitem"], [role="option"]',
    ) !== null
  );
}

export function handleShortcut(e: KeyboardEvent, session: ClockControls): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return false;
  const store = useAppStore.getState();
  if (e.key === '?') {
    store.setShortcutsOpen(!store.panels.shortcutsOpen);
    return true;
  }
  if (e.key === 'Escape' && store.panels.shortcutsOpen) {
    store.setShortcutsOpen(false);
    return true;
  }
  if (e.key === ' ' || e.code === 'Space') {
    // Space on a focused control is that control's (it presses a button, picks a tab, ticks a box).
    if (isControl(e.target)) return false;
    session.togglePause();
    return true;
  }
  const speedIndex = ['1', '2', '3'].indexOf(e.key);
  if (speedIndex >= 0) {
    session.setSpeed(SPEEDS[speedIndex]!);
    return true;
  }
  if (e.key === 'n' || e.key === 'N') {
    session.jumpToNextInject();
    return true;
  }
  return false;
}

export function useShortcuts(session: ClockControls | null): void {
  useEffect(() => {
    if (!session) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat && e.key !== 'n') return;
      if (handleShortcut(e, session)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);
}
