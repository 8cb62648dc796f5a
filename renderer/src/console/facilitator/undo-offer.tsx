/**
 * #20 Undo: after the facilitator adds a note, reveals a hint or reveals harm, "Undo" is offered
 * for a short while; it sends WITHDRAW for that entry (the engine decides whether it may be
 * withdrawn and journals the withdrawal; the window is the console's alone).
 */
import { useEffect, useState } from 'react';
import type { TeamInput } from '../../../../shared/engine/inputs.ts';
import { useWords } from '../../i18n/words.tsx';
import { useOpenSession } from '../../session/use-run.ts';

/** How long "Undo" stays offered after the action (the plan editor's window too). */
export const UNDO_WINDOW_MS = 15_000;

export type Undoable = Extract<TeamInput, { type: 'NOTE' | 'REVEAL_HINT' | 'REVEAL_HARM' }>;

function sameEntry(a: TeamInput, b: Undoable): boolean {
  switch (b.type) {
    case 'NOTE':
      return a.type === 'NOTE' && a.text === b.text;
    case 'REVEAL_HINT':
      return a.type === 'REVEAL_HINT' && a.hintId === b.hintId;
    case 'REVEAL_HARM':
      return a.type === 'REVEAL_HARM';
  }
}

/** The offer's state: `offer(input)` after an action is taken; render `<UndoOffer {...undo} />`. */
export function useUndoOffer() {
  const [taken, setTaken] = useState<{ input: Undoable; n: number } | null>(null);
  useEffect(() => {
    if (!taken) return;
    const timer = setTimeout(() => setTaken(null), UNDO_WINDOW_MS);
    return () => clearTimeout(timer);
  }, [taken]);
  return { taken: taken?.input ?? null, offer: (input: Undoable) => setTaken((t) => ({ input, n: (t?.n ?? 0) + 1 })), clear: () => setTaken(null) };
}

export function UndoOffer({ taken, clear }: { taken: Undoable | null; clear: () => void }) {
  const w = useWords();
  const session = useOpenSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!taken) return null;
  const undo = async () => {
    // The latest matching entry still standing (a withdrawn one has left the run's inputs).
    const entry = session.run.context.inputs.findLast((e) => sameEntry(e.input, taken));
    if (!entry) return clear();
    setBusy(true);
    const r = await session.take({ type: 'WITHDRAW', target: entry.seq }, 'WITHDRAW');
    setBusy(false);
    if (r.ok) {
      setError(null);
      clear();
    } else setError(r.error);
  };
  return (
    <p className="small undo-offer" role="status">
      {w.t(`facilitate.taken.${taken.type}`)}{' '}
      <button type="button" className="button button-quiet" disabled={busy} onClick={() => void undo()}>
        {w.t('facilitate.undo')}
      </button>
      {error && <span className="action-error">{error}</span>}
    </p>
  );
}
