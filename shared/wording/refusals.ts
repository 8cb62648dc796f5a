/**
 * Why an input was refused, in words (the engine gives typed Refusal codes).
 */
import type { Scenario } from '../scenario/schema.ts';
import type { Refusal } from '../engine/refusals.ts';
import { assertNever } from '../engine/assert-never.ts';

const label = (list: ReadonlyArray<{ id: string; label: string }>, id: string) => list.find((x) => x.id === id)?.label ?? id;

export function refusalText(s: Scenario, r: Refusal): string {
  switch (r.code) {
    case 'closed':
      return 'the exercise is over';
    case 'unknown_id': {
      const noun = {
        investigation: 'investigation',
        containment: 'containment',
        evidence: 'evidence',
        root_cause: 'root cause',
        hint: 'hint',
        obligation: 'notification obligation',
      }[r.kind];
      return `unknown ${noun} "${r.id}"`;
    }
    case 'already_declared':
      return 'the incident is already declared';
    case 'investigation_running':
      return 'this investigation is already running';
    case 'investigation_done':
      return 'this investigation has already found the defect';
    case 'containment_unavailable':
      return r.reason ?? 'not available in this scenario';
    case 'needs_finding':
      return `needs the finding of "${label(s.investigations, r.investigationId)}" first`;
    case 'containment_active':
      return 'already decided or in effect';
    case 'not_in_effect':
      return 'not in effect, so there is nothing to lift';
    case 'not_liftable':
      return 'this change cannot be undone';
    case 'already_preserved':
      return 'already preserved';
    case 'already_revealed':
      return 'already revealed';
    case 'empty_message':
      return 'the message is empty';
    case 'obligation_settled':
      return 'this notification has already been sent';
    case 'plan_in_past':
      return 'the planned time has already passed';
    default:
      return assertNever(r);
  }
}
