import type { ExerciseOutcome, OutcomeVerdicts } from '../contract/api.ts';

/**
 * Verdicts: the one answer to "was this met?", made by scoring and read by every screen, page and
 * export.
 *
 * A verdict is plain data: a status and a typed reason code saying why. The score card carries one
 * per dimension and one per target (MTTD, MTTC, time to triage, time to notify, each notification
 * obligation). Readers (debrief, key times, History, Compare, trends, views, the CLI, reports) show
 * the verdict and never compare a value with a target themselves, so an obligation not yet due
 * reads `open` everywhere and a false alarm misses the MTTD target everywhere.
 */

export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

/** Why a dimension is met or missed (the first criterion that failed, or what met it). */
export const DIMENSION_VERDICT_CODES = [
  'detection.within_target',
  'detection.over_target',
  'detection.never',
  'detection.false_alarm',
  'triage.met',
  'triage.never',
  'triage.over_target',
  'triage.wrong_severity',
  'triage.wrong_type',
  'triage.made_wrong',
  'containment.within_target',
  'containment.over_target',
  'containment.never',
  'containment.harmful',
  'containment.before_signal',
  'investigation.correct',
  'investigation.wrong',
  'investigation.early',
  'investigation.none',
  'communication.met',
  'communication.not_detected',
  'communication.obligation_missed',
  'communication.cadence',
  'documentation.complete',
  'documentation.evidence_missing',
  'documentation.roles_missing',
] as const;
export type DimensionVerdictCode = (typeof DIMENSION_VERDICT_CODES)[number];

/**
 * Why a time target is met, missed, open or not applicable. `false_alarm`: the MTTD target is
 * missed when a response came before the first real signal (the detection dimension's rule);
 * `never_*`: the clock never started or the moment never came; the notification codes follow an
 * obligation's status at the end (`not_yet_due` is an open obligation).
 */
export const TARGET_VERDICT_CODES = [
  'target.within',
  'target.over',
  'target.false_alarm',
  'target.never_detected',
  'target.never_triaged',
  'target.never_contained',
  'target.on_time',
  'target.late',
  'target.not_sent',
  'target.not_yet_due',
  'target.condition_not_met',
  'target.none_required',
] as const;
export type TargetVerdictCode = (typeof TARGET_VERDICT_CODES)[number];

export const VERDICT_STATUSES = ['met', 'missed', 'open', 'not_applicable'] as const;

export type VerdictCode = DimensionVerdictCode | TargetVerdictCode;

export interface Verdict<C extends VerdictCode = VerdictCode> {
  readonly status: VerdictStatus;
  readonly code: C;
}

export type DimensionVerdict = Verdict<DimensionVerdictCode>;
export type TargetVerdict = Verdict<TargetVerdictCode>;

/** The targets the card judges besides the dimensions (obligations are judged one by one). */
export type TargetId = 'mttd' | 'mttc' | 'timeToTriage' | 'timeToNotify';
export const TARGET_IDS: ReadonlyArray<TargetId> = ['mttd', 'mttc', 'timeToTriage', 'timeToNotify'];

export const verdict = <C extends VerdictCode>(status: VerdictStatus, code: C): Verdict<C> => ({ status, code });
export const met = <C extends VerdictCode>(code: C): Verdict<C> => verdict('met', code);
export const missed = <C extends VerdictCode>(code: C): Verdict<C> => verdict('missed', code);

/** True only for `met` (open and not applicable are neither met nor missed). */
export const isMet = (v: Pick<Verdict, 'status'> | null | undefined): boolean => v?.status === 'met';

/** A timed target: met within the target, missed over it or when the moment never came. */
export function timeVerdict(value: number | null, target: number, never: TargetVerdictCode): TargetVerdict {
  if (value === null) return missed(never);
  return value <= target ? met('target.within') : missed('target.over');
}

/**
 * Several verdicts read as one (time to notify across external audiences): missed when any is
 * missed, else met when any is met, else open when any is open, else not applicable.
 */
export function combine(vs: ReadonlyArray<TargetVerdict>): TargetVerdict {
  const missedOne = vs.find((v) => v.status === 'missed');
  if (missedOne) return missedOne;
  if (vs.some((v) => v.status === 'met')) return met('target.on_time');
  if (vs.some((v) => v.status === 'open')) return verdict('open', 'target.not_yet_due');
  return verdict('not_applicable', 'target.none_required');
}

/**
 * The verdicts of a stored outcome: the ones scoring recorded, or, for an outcome saved before
 * verdicts were stored, the same verdicts worked out once here from the figures it kept (the
 * detection dimension missed with MTTD within target can only be a false alarm).
 */
export function outcomeVerdicts(o: ExerciseOutcome): OutcomeVerdicts {
  if (o.verdicts) return o.verdicts;
  const mttdV: TargetVerdict =
    o.mttd === null
      ? missed('target.never_detected')
      : o.mttd > o.targets.mttd
        ? missed('target.over')
        : o.targetsMet['detection'] === false
          ? missed('target.false_alarm')
          : timeVerdict(o.mttd, o.targets.mttd, 'target.never_detected');
  return {
    mttd: mttdV,
    mttc: timeVerdict(o.mttc, o.targets.mttc, o.mttd === null ? 'target.never_detected' : 'target.never_contained'),
    timeToNotify:
      o.notifyMet === null ? verdict('not_applicable', 'target.none_required') : o.notifyMet ? verdict('met', 'target.on_time') : missed('target.not_sent'),
  };
}
