/**
 * The score card's wording: reason codes → sentences from the message catalogue (shared/i18n), in
 * one place. English by default; any catalogue language by passing its `Words`.
 *
 * Every sentence cites its moment (T+offset and wall time) and each dimension's text ends with the
 * names of the definitions it rests on (DEFINITIONS in definitions.ts, quoted in README.md; their
 * names are catalogue messages too, checked against DEFINITIONS by test/unit/i18n).
 */
import type { Scenario } from '../scenario/schema.ts';
import { cite } from '../scenario/sim-time.ts';
import type { DefinitionId } from './definitions.ts';
import { assertNever, type DimensionResult, type Reason } from './reasons.ts';
import type { ResponseKind } from './run-facts.ts';
import { EN, type Words } from '../i18n/words.ts';
import { scheduleDef } from '../engine/working-hours.ts';
import { WEEKDAYS } from '../scenario/schema.ts';
import { audienceInline, elementInline, incidentTypeInline, roleInline } from '../i18n/labels.ts';

const label = (list: ReadonlyArray<{ id: string; label: string }>, id: string) => list.find((x) => x.id === id)?.label ?? id;
const faultLabel = (s: Scenario, id: string) => s.faults.find((x) => x.id === id)?.description ?? id;
const harmLabel = (s: Scenario, id: string) => (s.harm.find((x) => x.id === id)?.label ?? id).toLowerCase();

/** How a reason names the kind of response that counted ("declaring the incident"). */
export const responseNoun = (k: ResponseKind, w: Words = EN) => w.t(`response.noun.${k}`);

// --- #17 working hours ---
/** "Mon–Fri" for a run of three or more consecutive days, else "Sat and Sun", in the reader's words. */
export function workingDaysText(days: ReadonlyArray<(typeof WEEKDAYS)[number]>, w: Words = EN): string {
  const idx = WEEKDAYS.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0);
  // 1970-01-05 was a Monday: its epoch day is 4.
  const name = (i: number) => w.weekday((4 + i) * 86_400_000);
  const run = idx.length >= 3 && idx[idx.length - 1]! - idx[0]! === idx.length - 1;
  return run ? `${name(idx[0]!)}–${name(idx[idx.length - 1]!)}` : w.list(idx.map(name));
}

/**
 * A target as the reason states it: "4h", or for one the scenario counts in working hours
 * (definition `working_hours`) "4h in working hours (Mon–Fri 09:00–17:00; 3h10m counted)".
 */
function targetText(s: Scenario, target: number, working: number | undefined, w: Words): string {
  if (working === undefined) return w.duration(target);
  const def = scheduleDef(s);
  return w.t('reason.target.workingHours', {
    target: w.duration(target),
    days: workingDaysText(def.days, w),
    open: def.open,
    close: def.close,
    counted: w.duration(working),
  });
}
// --- end #17 working hours ---

/** One reason as a sentence (no trailing full stop), in the language of `w`. */
export function reasonText(s: Scenario, r: Reason, w: Words = EN): string {
  const at = (t: number) => cite(s, t, w);
  const list = (xs: ReadonlyArray<string>) => w.list(xs);
  const containments = (ids: ReadonlyArray<string>) => list(ids.map((id) => label(s.containments, id)));
  const signal = (t: number | null, paren = false) =>
    t === null ? w.t('reason.signal.any') : paren ? w.t('reason.signal.firstParen', { at: at(t) }) : w.t('reason.signal.firstAt', { at: at(t) });
  switch (r.code) {
    case 'detection.no_real_signal':
      return w.t('reason.detection.no_real_signal');
    case 'detection.never': {
      const p = r.params;
      if (p.faultStart === null) return w.t('reason.detection.never');
      return p.firstRealSignalAt === null
        ? w.t('reason.detection.never.fault', { fault: at(p.faultStart) })
        : w.t('reason.detection.never.faultSignal', { fault: at(p.faultStart), signal: at(p.firstRealSignalAt) });
    }
    case 'detection.detected':
      return w.t('reason.detection.detected', {
        at: at(r.params.at),
        by: responseNoun(r.params.by, w),
        mttd: w.duration(r.params.mttd),
        target: targetText(s, r.params.target, r.params.working, w),
      });
    case 'detection.false_alarm': {
      const p = r.params;
      return w.t('reason.detection.false_alarm', {
        count: p.count,
        kinds: list(p.kinds.map((k) => responseNoun(k, w))),
        first: at(p.first),
        signal: signal(p.firstRealSignalAt),
        penalty: p.penalty,
      });
    }
    case 'triage.never':
      return w.t('reason.triage.never');
    case 'triage.initial': {
      const p = r.params;
      const severity =
        p.severity === p.expectedSeverity
          ? w.t('reason.triage.severity.correct', { severity: p.severity })
          : w.t('reason.triage.severity.wrong', { severity: p.severity, expected: p.expectedSeverity });
      const type = p.typeCorrect
        ? w.t('reason.triage.type.correct', { type: incidentTypeInline(p.incidentType, w) })
        : w.t('reason.triage.type.wrong', {
            type: incidentTypeInline(p.incidentType, w),
            expected: w.list(
              p.expectedTypes.map((x) => incidentTypeInline(x, w)),
              'disjunction',
            ),
          });
      const when = p.elapsed < 60_000 ? w.t('reason.triage.onDetection') : w.t('reason.triage.afterDetection', { duration: w.duration(p.elapsed) });
      return w.t('reason.triage.initial', { at: at(p.at), when, target: targetText(s, p.target, p.working, w), severity, type });
    }
    case 'triage.corrected':
      return w.t('reason.triage.corrected', {
        at: at(r.params.at),
        severity: r.params.severity,
        type: incidentTypeInline(r.params.incidentType, w),
        onTime: r.params.onTime,
      });
    case 'triage.made_wrong':
      return w.t('reason.triage.made_wrong', { at: at(r.params.at), severity: r.params.severity, type: incidentTypeInline(r.params.incidentType, w) });
    case 'containment.none':
      return r.params.tried.length ? w.t('reason.containment.none.tried', { tried: containments(r.params.tried) }) : w.t('reason.containment.none');
    case 'containment.never_contained':
      return r.params.uncontained.length
        ? w.t('reason.containment.never_contained.exposed', {
            tried: containments(r.params.tried),
            exposed: list(r.params.uncontained.map((id) => faultLabel(s, id))),
          })
        : w.t('reason.containment.never_contained', { tried: containments(r.params.tried) });
    case 'containment.recurred':
      return r.params.faults.map((x) => w.t('reason.containment.recurred', { fault: faultLabel(s, x.faultId), times: list(x.at.map(at)) })).join('; ');
    case 'containment.created':
      return w.t('reason.containment.created', {
        amount: w.whole(r.params.amount),
        noun: harmLabel(s, r.params.harmId),
        share: w.percent(r.params.worst > 0 ? r.params.amount / r.params.worst : 1),
      });
    case 'containment.contained':
      return w.t('reason.containment.contained', {
        at: at(r.params.at),
        mttc: w.duration(r.params.mttc),
        target: targetText(s, r.params.target, r.params.working, w),
        with: containments(r.params.with),
      });
    case 'containment.before_signal':
      return w.t('reason.containment.before_signal', { ids: containments(r.params.ids), signal: signal(r.params.firstRealSignalAt, true) });
    case 'containment.harmful':
      return w.t('reason.containment.harmful', { ids: containments(r.params.ids) });
    case 'containment.harm': {
      const p = r.params;
      const values = {
        actual: w.whole(p.actual),
        noun: harmLabel(s, p.harmId),
        credited: w.whole(p.credited),
        doNothing: w.whole(p.doNothing),
        best: w.whole(p.best),
        share: w.percent(p.share),
      };
      return Math.round(p.credited) !== Math.round(p.actual) ? w.t('reason.containment.harm.credited', values) : w.t('reason.containment.harm', values);
    }
    case 'containment.untouchable':
      return w.t('reason.containment.untouchable', { harms: list(r.params.harmIds.map((id) => harmLabel(s, id))) });
    case 'containment.costs': {
      const p = r.params;
      if (p.revenue + p.oneOff + p.userHours === 0) return w.t('reason.containment.costs.none');
      return w.t('reason.containment.costs', {
        money: w.money(p.revenue + p.oneOff, s.currency),
        hours: w.whole(p.userHours),
        credit: !p.credited ? 'none' : p.share <= 0 ? 'best' : p.share >= 1 ? 'twice' : 'over',
        share: w.percent(p.share),
      });
    }
    case 'investigation.findings':
      return r.params.beforeFault
        ? w.t('reason.investigation.findings.early', { found: r.params.found, of: r.params.of, beforeFault: r.params.beforeFault })
        : w.t('reason.investigation.findings', { found: r.params.found, of: r.params.of });
    case 'investigation.root_cause': {
      const p = r.params;
      return (
        w.t('reason.investigation.root_cause', {
          at: at(p.at),
          declared: label(s.rootCauses, p.declared),
          verdict: p.early ? 'early' : p.correct ? 'correct' : 'wrong',
          expected: label(s.rootCauses, p.expected),
          wrongGuesses: p.wrongGuesses,
          penalty: p.wrongGuesses * 20,
        }) + (p.causes ? w.t('reason.investigation.root_causes', p.causes) : '')
      );
    }
    case 'investigation.no_root_cause':
      return w.t('reason.investigation.no_root_cause', { expected: label(s.rootCauses, r.params.expected) });
    case 'communication.none_required':
      return w.t('reason.communication.none_required');
    case 'communication.not_detected':
      return w.t('reason.communication.not_detected');
    case 'communication.obligation': {
      const p = r.params;
      const content =
        p.sentAt === null
          ? ''
          : p.falseStatement !== null
            ? w.t('reason.obligation.content.false', { statement: p.falseStatement })
            : p.missing.length
              ? w.t('reason.obligation.content.missing', { share: w.percent(p.content), missing: list(p.missing.map((x) => elementInline(x, w))) })
              : w.t('reason.obligation.content.all');
      const overruled = p.overruled
        ? w.t('reason.obligation.content.overruled', {
            by: p.overruled.by ?? w.t('reason.obligation.content.overruled.someone'),
            was: w.percent(p.overruled.was),
            now: w.percent(p.content),
            reason: p.overruled.reason,
          })
        : '';
      const plan =
        p.status === 'open' && p.plan
          ? w.t('reason.obligation.plan', { owner: p.plan.owner, by: at(p.plan.by) })
          : p.openAtEnd
            ? p.plan
              ? w.t('reason.obligation.plan.late')
              : w.t('reason.obligation.plan.none')
            : '';
      return w.t('reason.obligation', {
        who: audienceInline(p.audience, w),
        status: w.t(`reason.obligation.status.${p.status}`),
        sent: p.sentAt === null ? '' : w.t('reason.obligation.sent', { at: at(p.sentAt) }),
        due: p.dueAt === null ? '' : w.t('reason.obligation.due', { at: at(p.dueAt), within: w.duration(p.within) }),
        content: content + overruled,
        plan,
      });
    }
    case 'communication.cadence': {
      const p = r.params;
      if (p.interval === null) return w.t('reason.communication.cadence.none', { updates: p.updates });
      return w.t('reason.communication.cadence', {
        updates: p.updates,
        gap: w.duration(p.worstGap ?? 0),
        interval: w.duration(p.interval),
        severity: p.severity ?? '',
        share: w.percent(p.share),
      });
    }
    case 'communication.no_updates':
      return w.t('reason.communication.no_updates');
    case 'documentation.evidence': {
      const p = r.params;
      return (
        w.t('reason.documentation.evidence', {
          counted: p.counted,
          of: p.of,
          at: p.firstChangeAt !== null ? w.t('reason.documentation.evidence.at', { at: at(p.firstChangeAt) }) : '',
          early: p.early ? w.t('reason.documentation.evidence.early', { early: p.early }) : '',
        }) + (p.afterOwnChange ? w.t('reason.documentation.evidence.after_change', { count: p.afterOwnChange }) : '')
      );
    }
    case 'documentation.roles': {
      const p = r.params;
      return w.t('reason.documentation.roles', {
        assigned: p.assigned,
        of: p.of,
        missing: p.missing.length ? w.t('reason.documentation.roles.missing', { roles: list(p.missing.map((x) => roleInline(x, w))) }) : '',
        people: p.people < p.assigned ? w.t('reason.documentation.roles.people', { people: p.people }) : '',
      });
    }
    default:
      return assertNever(r);
  }
}

/** "Definitions: Detection, MTTD." */
export function definitionsCited(ids: ReadonlyArray<DefinitionId>, w: Words = EN): string {
  return w.t('reason.definitions', { names: ids.map((id) => w.t(`definition.${id}`)).join(', ') });
}

/** A dimension's reason text: its sentences, then the definitions it rests on. */
export function dimensionText(s: Scenario, d: Pick<DimensionResult, 'reasons' | 'definitions'>, w: Words = EN): string {
  return w.t('reason.dimension', { reasons: d.reasons.map((r) => reasonText(s, r, w)).join('; '), definitions: definitionsCited(d.definitions, w) });
}
