/**
 * What the engine says happened: typed events with parameters, never sentences.
 *
 * shared/wording/ turns each into words (one catalogue, ready for translation); the console, the
 * debrief and the reports all read the words from there.
 */
import type { Audience, IncidentType, Role } from '../scenario/schema.ts';
import type { ContainmentStatus, FaultStatus, FindingShows } from './run-state.ts';

export type TimelineEvent =
  | { code: 'fault.started'; faultId: string; beforeExercise: boolean }
  | { code: 'fault.status'; faultId: string; status: FaultStatus }
  /** `hidden`: the signal the world where nobody acts shows here did not come, an earlier action hid it (#17). */
  | { code: 'sign.visible'; via: 'inject' | 'hidden'; ref: string }
  | { code: 'signal'; injectId: string; redHerring: boolean }
  | { code: 'inject.skipped'; injectId: string }
  | { code: 'response.false_alarm'; inputType: string }
  /** A team action the facilitator took in their own name: recorded, not the team's (definition `team_input`). */
  | { code: 'input.facilitator_own'; inputType: string }
  | { code: 'detected' }
  | { code: 'declared' }
  | { code: 'triaged'; severity: number; incidentType: IncidentType; initial: boolean }
  | { code: 'role.assigned'; role: Role; person: string }
  | { code: 'investigation.started'; investigationId: string }
  | { code: 'finding'; investigationId: string; shows: FindingShows; harmId?: string; harmSoFar?: number }
  | { code: 'containment.decided'; containmentId: string; reapplied: boolean }
  | { code: 'containment.status'; containmentId: string; status: ContainmentStatus }
  | { code: 'evidence.preserved'; evidenceId: string }
  | { code: 'communication'; audience: Audience }
  | { code: 'obligation.due'; obligationId: string; audience: Audience; dueAt: number }
  | { code: 'obligation.met'; obligationId: string; audience: Audience }
  | { code: 'obligation.late'; obligationId: string; audience: Audience }
  | { code: 'obligation.missed'; obligationId: string; audience: Audience }
  | { code: 'obligation.planned'; obligationId: string; audience: Audience; owner: string; by: number }
  /** #17: the facilitator or an evaluator overruled the content judgement of this obligation's notice. */
  | { code: 'content.overruled'; obligationId: string; reason: string }
  | { code: 'root_cause.declared'; rootCauseId: string }
  | { code: 'contained' }
  | { code: 'recovered' }
  | { code: 'adhoc_inject'; title: string }
  | { code: 'note'; text: string }
  | { code: 'rating'; objectiveId: string; rating: 'P' | 'S' | 'M' | 'U' }
  | { code: 'decision'; text: string; owner: string | null }
  | { code: 'hot_wash' }
  | { code: 'hint'; hintId: string }
  | { code: 'harm.revealed' }
  /** The facilitator withdrew their entry `seq` (#20 undo); `text` is the note's text or the hint's id. */
  | { code: 'withdrawn'; seq: number; inputType: 'NOTE' | 'REVEAL_HINT' | 'REVEAL_HARM'; text: string | null }
  | { code: 'resolved' }
  | { code: 'ended'; reason: string | null }
  | { code: 'horizon' };

export type TimelineCode = TimelineEvent['code'];
