/**
 * Typed reason codes: what each scorer found, as data. wording.ts turns them into sentences.
 *
 * Times are sim milliseconds; ids are scenario ids. Keeping reasons as data lets the card, the
 * debrief and a future translation word them without re-deriving anything.
 */
import type { Audience, Dimension, IncidentType } from '../scenario/schema.ts';
import type { DefinitionId, ObligationStatus } from './definitions.ts';
import type { ResponseKind } from './run-facts.ts';
import type { DimensionVerdict } from './verdict.ts';

export type Reason =
  | { code: 'detection.no_real_signal' }
  | { code: 'detection.never'; params: { faultStart: number | null; firstRealSignalAt: number | null } }
  | {
      code: 'detection.detected';
      params: { at: number; mttd: number; target: number; by: ResponseKind; /** #17: the open time of working hours it is judged on. */ working?: number };
    }
  | { code: 'detection.false_alarm'; params: { count: number; first: number; kinds: ResponseKind[]; penalty: number; firstRealSignalAt: number | null } }
  | { code: 'triage.never' }
  | {
      code: 'triage.initial';
      params: {
        at: number;
        elapsed: number;
        target: number;
        /** #17: the open time of working hours it is judged on (rubric.inWorkingHours). */
        working?: number;
        severity: number;
        expectedSeverity: number;
        incidentType: IncidentType;
        expectedTypes: IncidentType[];
        typeCorrect: boolean;
      };
    }
  | { code: 'triage.corrected'; params: { at: number; onTime: boolean; severity: number; incidentType: IncidentType } }
  | { code: 'triage.made_wrong'; params: { at: number; severity: number; incidentType: IncidentType } }
  | { code: 'containment.none'; params: { tried: string[] } }
  | { code: 'containment.never_contained'; params: { tried: string[]; uncontained: string[] } }
  /** A fault contained and then exposed again (a lift before the fix): its containment was revoked. */
  | { code: 'containment.recurred'; params: { faults: { faultId: string; at: number[] }[] } }
  /** Harm a containment created (harm is harm, whoever causes it). */
  | { code: 'containment.created'; params: { harmId: string; amount: number; worst: number } }
  | {
      code: 'containment.contained';
      params: { at: number; mttc: number; target: number; with: string[]; /** #17: the open time of working hours it is judged on. */ working?: number };
    }
  | { code: 'containment.before_signal'; params: { ids: string[]; firstRealSignalAt: number | null } }
  | { code: 'containment.harmful'; params: { ids: string[] } }
  | { code: 'containment.harm'; params: { harmId: string; actual: number; credited: number; doNothing: number; best: number; share: number } }
  | { code: 'containment.untouchable'; params: { harmIds: string[] } }
  | { code: 'containment.costs'; params: { revenue: number; userHours: number; oneOff: number; share: number; credited: boolean } }
  | { code: 'investigation.findings'; params: { found: number; of: number; beforeFault: number } }
  | {
      code: 'investigation.root_cause';
      params: {
        at: number;
        declared: string;
        expected: string;
        correct: boolean;
        early: boolean;
        wrongGuesses: number;
        causes?: { found: number; of: number };
      };
    }
  | { code: 'investigation.no_root_cause'; params: { expected: string } }
  | { code: 'communication.none_required' }
  | {
      code: 'communication.obligation';
      params: {
        audience: Audience;
        status: ObligationStatus;
        sentAt: number | null;
        dueAt: number | null;
        within: number;
        content: number;
        missing: string[];
        /** Not yet due when the exercise ended and not met. */
        openAtEnd: boolean;
        /** A statement the scenario marks as false that the notice made (its content earns nothing). */
        falseStatement: string | null;
        /** #17: the content judgement was overruled (definition `content_overrule`): by whom, why, and what it was. */
        overruled?: { by: string | null; role: string | null; reason: string; was: number } | null;
        /** The team's dated plan for it, if any. */
        plan: { owner: string; by: number } | null;
      };
    }
  | { code: 'communication.cadence'; params: { updates: number; worstGap: number | null; interval: number | null; severity: number | null; share: number } }
  | { code: 'communication.no_updates' }
  | { code: 'communication.not_detected' }
  | { code: 'documentation.evidence'; params: { counted: number; of: number; firstChangeAt: number | null; early: number; afterOwnChange?: number } }
  | { code: 'documentation.roles'; params: { assigned: number; of: number; missing: string[]; people: number } };

export type ReasonCode = Reason['code'];

export interface DimensionResult {
  dimension: Dimension;
  score: number;
  /** Met or missed, with the reason code: the one answer every reader shows. */
  verdict: DimensionVerdict;
  reasons: Reason[];
  /** Sim times the reasons refer to, for linking into the timeline. */
  refs: number[];
  /** The definitions the score rests on (cited in the reason text). */
  definitions: DefinitionId[];
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
