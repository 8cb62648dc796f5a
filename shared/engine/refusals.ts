/**
 * Why the engine refused an input: typed reason codes with parameters.
 *
 * Each reason is read off the state of the entity the input is about (a containment's lifecycle
 * status, an investigation already running, the run being closed), so the machine's guards and
 * the console's disabled buttons agree by construction. shared/wording/ words them.
 */
import type { MessageElement } from '../scenario/schema.ts';

export type Refusal =
  | { code: 'closed' }
  | { code: 'unknown_id'; kind: 'investigation' | 'containment' | 'evidence' | 'root_cause' | 'hint' | 'obligation' | 'objective'; id: string }
  | { code: 'already_declared' }
  | { code: 'investigation_running'; investigationId: string }
  | { code: 'investigation_done'; investigationId: string }
  | { code: 'containment_unavailable'; containmentId: string; reason: string | null }
  | { code: 'needs_finding'; containmentId: string; investigationId: string }
  | { code: 'containment_active'; containmentId: string }
  | { code: 'not_in_effect'; containmentId: string }
  | { code: 'not_liftable'; containmentId: string }
  | { code: 'already_preserved'; evidenceId: string }
  | { code: 'already_revealed'; hintId: string }
  | { code: 'empty_message' }
  | { code: 'obligation_settled'; obligationId: string }
  | { code: 'plan_in_past'; obligationId: string }
  /** A rating's observed moment lies ahead of the clock. */
  | { code: 'moment_in_future' }
  /** The hot wash opens once the exercise has ended. */
  | { code: 'hot_wash_not_open' }
  /** A hot wash with nothing written in it. */
  | { code: 'empty_hot_wash' }
  /** WITHDRAW (#20 undo): no entry with that seq in the run. */
  | { code: 'entry_not_found'; seq: number }
  /** WITHDRAW of an entry other than a note, hint or harm reveal. */
  | { code: 'not_withdrawable'; seq: number; inputType: string }
  /** WITHDRAW of an entry already withdrawn. */
  | { code: 'already_withdrawn'; seq: number }
  /** #17 OVERRULE_CONTENT: only the facilitator or an evaluator overrules a content judgement. */
  | { code: 'not_an_evaluator' }
  /** OVERRULE_CONTENT of an obligation no notice met (there is no content to judge). */
  | { code: 'no_notice_to_judge'; obligationId: string }
  /** OVERRULE_CONTENT of an element the obligation does not require. */
  | { code: 'element_not_required'; obligationId: string; element: MessageElement };

export type RefusalCode = Refusal['code'];
