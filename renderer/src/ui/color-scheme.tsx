/**
 * Light or dark: the system's preference unless the person chose one here; the choice is
 * remembered (localStorage) and applied as `data-color-scheme` on <html>, which base.css reads.
 */
import { useSyncExternalStore } from 'react';
import { useWords } from '../i18n/words.tsx';

export type ColorScheme = 'system' | 'light' | 'dark';
const KEY = 'firebreak.colorScheme';
const ORDER: ColorScheme[] = ['system', 'light', 'dark'];

const listeners = new Set<() => void>();

function read(): ColorScheme {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Puts the remembered choice on the page (called once at start, before the first paint). */
export function applyColorScheme(scheme: ColorScheme = read()): void {
  if (scheme === 'system') delete document.documentElement.dataset.colorScheme;
  else document.documentElement.dataset.colorScheme = scheme;
}

export function setColorScheme(scheme: ColorScheme): void {
  try {
    if (scheme === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, scheme);
  } catch {
    // Storage refused (private mode): the choice holds for this page only.
  }
  applyColorScheme(scheme);
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** One button that steps system → light → dark (`compact`: a symbol, for the clock bar). */
export function ColorSchemeToggle({ compact = false }: { compact?: boolean }) {
  const scheme = useSyncExternalStore(subscribe, read, () => 'system' as const);
  const next = ORDER[(ORDER.indexOf(scheme) + 1) % ORDER.length]!;
  const w = useWords();
  const label = (s: ColorScheme) => w.t(`theme.${s}`);
  return (
    <button
      type="button"
      className="button button-quiet color-scheme-toggle"
      onClick={() => setColorScheme(next)}
      title={w.t('theme.switch', { current: label(scheme), next: label(next).toLowerCase() })}
      aria-label={compact ? label(scheme) : undefined}
    >
      {compact ? <span aria-hidden="true">◐</span> : label(scheme)}
    </button>
  );
}
