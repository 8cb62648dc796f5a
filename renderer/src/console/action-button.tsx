/**
 * A button that takes one team input through the session (check → persist → apply).
 *
 * Disabled with the engine's reason when the input cannot be taken now; shows "Saving…" while the
 * journal write is in flight, and the error if it failed (the input is then not taken).
 */
import type { ReactNode } from 'react';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { inputKey } from '../session/input-keys.ts';
import { useOpenSession, useRun } from '../session/use-run.ts';
import { useAppStore } from '../store/app-store.ts';

export interface ActionButtonProps {
  input: TeamInput;
  children: ReactNode;
  /** Overrides the pending/error key (defaults to inputKey(input)). */
  actionKey?: string;
  className?: string;
  /** Extra reason to disable (e.g. an empty message), shown like the engine's. */
  blockedReason?: string | null;
  /** Show the reason under the button, not only on hover. */
  showReason?: boolean;
  onTaken?: () => void;
}

export function ActionButton(props: ActionButtonProps) {
  const session = useOpenSession();
  const key = props.actionKey ?? inputKey(props.input);
  const pending = useAppStore((s) => s.session.pending[key] === true);
  const error = useAppStore((s) => s.session.inputErrors[key] ?? null);
  const anyWrite = useAppStore((s) => Object.keys(s.session.pending).length > 0);
  const why = useRun((run) => run.check(props.input)) ?? props.blockedReason ?? null;
  const onClick = async () => {
    const result = await session.take(props.input, key);
    if (result.ok) props.onTaken?.();
  };
  const reasonId = why ? `why-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}` : undefined;
  return (
    <span className="action">
      <button
        type="button"
        className={`button ${props.className ?? ''}`}
        onClick={onClick}
        disabled={why !== null || pending || (anyWrite && !pending)}
        aria-busy={pending}
        title={why ?? undefined}
        aria-describedby={props.showReason ? reasonId : undefined}
      >
        {pending ? 'Saving…' : props.children}
      </button>
      {props.showReason && why && (
        <span className="action-reason" id={reasonId}>
          {why}
        </span>
      )}
      {error && !pending && (
        <span className="action-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
