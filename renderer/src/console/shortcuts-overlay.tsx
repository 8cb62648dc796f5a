/** The keyboard shortcut list, opened with "?" (or the ? button). */
import type { MessageKey } from '../../../shared/i18n/words.ts';
import { useWords } from '../i18n/words.tsx';
import { useAppStore } from '../store/app-store.ts';
import { SHORTCUTS } from './use-shortcuts.ts';

export function ShortcutsOverlay() {
  const w = useWords();
  const open = useAppStore((s) => s.panels.shortcutsOpen);
  const setOpen = useAppStore((s) => s.setShortcutsOpen);
  if (!open) return null;
  return (
    <div className="overlay" role="presentation" onClick={() => setOpen(false)}>
      <div
        className="overlay-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        <h2 id="shortcuts-title">{w.t('shortcuts.title')}</h2>
        <dl className="shortcut-list">
          {SHORTCUTS.map((s) => (
            <div key={s.keys}>
              <dt>
                <kbd>{s.named ? w.t(s.keys as MessageKey) : s.keys}</kbd>
              </dt>
              <dd>{w.t(s.does)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="button" onClick={() => setOpen(false)} autoFocus>
          {w.t('shortcuts.close')}
        </button>
      </div>
    </div>
  );
}
