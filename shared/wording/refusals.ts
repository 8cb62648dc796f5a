/**
 * Why an input was refused, as a message (the engine gives typed Refusal codes; the catalogue
 * words them). The message is plain data: the host sends it to the page, which words it in the
 * reader's language.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { Refusal } from '../engine/refusals.ts';
import { assertNever } from '../engine/assert-never.ts';
import { EN, msg, type Msg, type Words } from '../i18n/words.ts';

const label = (list: ReadonlyArray<{ id: string; label: string }>, id: string) => list.find((x) => x.id === id)?.label ?? id;

export function refusalMessage(s: Scenario, r: Refusal): Msg {
  switch (r.code) {
    case 'closed':
      return msg('refusal.closed');
    case 'unknown_id':
      return msg('refusal.unknown_id', { kind: r.kind, id: r.id });
    case 'already_declared':
      return msg('refusal.already_declared');
    case 'investigation_running':
      return msg('refusal.investigation_running');
    case 'investigation_done':
      return msg('refusal.investigation_done');
    case 'containment_unavailable':
      // The scenario's own reason is the scenario's words (not translated).
      return r.reason ? msg('refusal.containment_unavailable.reason', { reason: r.reason }) : msg('refusal.containment_unavailable');
    case 'needs_finding':
      return msg('refusal.needs_finding', { investigation: label(s.investigations, r.investigationId) });
    case 'containment_active':
      return msg('refusal.containment_active');
    case 'not_in_effect':
      return msg('refusal.not_in_effect');
    case 'not_liftable':
      return msg('refusal.not_liftable');
    case 'already_preserved':
      return msg('refusal.already_preserved');
    case 'already_revealed':
      return msg('refusal.already_revealed');
    case 'empty_message':
      return msg('refusal.empty_message');
    case 'obligation_settled':
      return msg('refusal.obligation_settled');
    case 'plan_in_past':
      return msg('refusal.plan_in_past');
    case 'moment_in_future':
      return msg('refusal.moment_in_future');
    case 'hot_wash_not_open':
      return msg('refusal.hot_wash_not_open');
    case 'empty_hot_wash':
      return msg('refusal.empty_hot_wash');
    case 'entry_not_found':
      return msg('refusal.entry_not_found');
    case 'not_withdrawable':
      return msg('refusal.not_withdrawable');
    case 'already_withdrawn':
      return msg('refusal.already_withdrawn');
    case 'not_an_evaluator':
      return msg('refusal.not_an_evaluator');
    case 'no_notice_to_judge':
      return msg('refusal.no_notice_to_judge');
    case 'element_not_required':
      return msg('refusal.element_not_required', { element: msg(`element.${r.element}`) });
    default:
      return assertNever(r);
  }
}

export function refusalText(s: Scenario, r: Refusal, w: Words = EN): string {
  return w.format(refusalMessage(s, r));
}
