/**
 * A button that sends one input to the host (which checks it, journals it, then applies it).
 *
 * Disabled with the reason when the team state says the input cannot be taken now (the engine's
 * refusal, sent ahead in TeamState.reasons, or the panel's own `blockedReason`); shows "Saving…"
 * while the host journals it, and the host's reason if it refused (the input is then not taken).
 */
import { useWords } from '../i18n/words.tsx';
import type { ReactNode } from 'react';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { actionKey } from '../../../shared/views/team-state.ts';
import { useAppStore } from '../store/app-store.ts';
import { useTeam, useTeamActs } from './team-context.tsx';

export interface ActionButtonProps {
  input: TeamInput;
  children: ReactNode;
  /** Overrides the pending/error key (defaults to actionKey(input)). */
  actionKey?: string;
  className?: string;
  /** Extra reason to disable (e.g. an empty message), shown like the engine's. */
  blockedReason?: string | null;
  /** Show the reason under the button, not only on hover. */
  showReason?: boolean;
  onTaken?: () => void;
}

export function ActionButton(props: ActionButtonProps) {
  const acts = useTeamActs();
  const w = useWords();
  const key = props.actionKey ?? actionKey(props.input);
  const pending = useAppStore((s) => s.session.pending[key] === true);
  const error = useAppStore((s) => s.session.inputErrors[key] ?? null);
  const anyWrite = useAppStore((s) => Object.keys(s.session.pending).length > 0);
  // The engine's refusal as a message, worded here in the page's language (a string, so equal reasons do not re-render).
  const stateReason = useTeam((t) => {
    const m = t.closedReason ?? t.reasons[actionKey(props.input)];
    return m ? w.format(m) : null;
  });
  const why = stateReason ?? props.blockedReason ?? null;
  const onClick = async () => {
    const result = await acts.take(props.input, key);
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
        {pending ? w.t('action.saving') : props.children}
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
