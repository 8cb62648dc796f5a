/**
 * The score card's wording: reason codes → English sentences, in one place.
 *
 * Every sentence cites its moment (T+offset and wall time) and each dimension's text ends with the
 * names of the definitions it rests on (DEFINITIONS in definitions.ts, quoted in README.md).
 */
import type { Scenario } from '../scenario/schema.ts';
import { formatDuration } from '../scenario/duration.ts';
import { cite } from '../scenario/sim-time.ts';
import { DEFINITIONS, type DefinitionId } from './definitions.ts';
import { assertNever, type DimensionResult, type Reason } from './reasons.ts';
import type { ResponseKind } from './run-facts.ts';
import type { MessageElement } from '../engine/inputs.ts';
import { EN } from '../i18n/words.ts';
import { audienceInline, elementInline, incidentTypeInline, roleInline } from '../i18n/labels.ts';

const num = (n: number) => EN.whole(n);
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const pct = (x: number) => EN.percent(x);
const label = (list: ReadonlyArray<{ id: string; label: string }>, id: string) => list.find((x) => x.id === id)?.label ?? id;
const list = (xs: ReadonlyArray<string>) => EN.list(xs);

/** How the console and the debrief name each message element. */
export const ELEMENT_LABELS: Record<MessageElement, { label: string; hint: string }> = {
  what_happened: { label: 'What happened', hint: 'The incident in one or two sentences' },
  impact: { label: 'Impact and who is affected', hint: 'Who, how many, since when' },
  actions_taken: { label: 'What has been done', hint: 'Containment and investigation so far' },
  recipient_actions: { label: 'What the recipient should do', hint: 'Actions you need from them, or "nothing for now"' },
  next_update: { label: 'Next update', hint: 'When they will hear from you next' },
  nature: { label: 'Nature of the breach', hint: 'Confidentiality, integrity or availability; how it happened' },
  categories_and_numbers: { label: 'Categories and approximate numbers', hint: 'People and records concerned, approximately' },
  likely_consequences: { label: 'Likely consequences', hint: 'For the people whose data is concerned' },
  measures_taken: { label: 'Measures taken or proposed', hint: 'To address the breach and mitigate its effects' },
  contact_point: { label: 'Contact point', hint: 'DPO or other contact for more information' },
};

const RESPONSE_WORDS: Record<ResponseKind, string> = {
  declare: 'declaring the incident',
  triage: 'triaging',
  contain: 'a containment',
  communicate: 'a message',
  preserve_evidence: 'preserving evidence',
  declare_root_cause: 'declaring a root cause',
  investigate: 'an investigation',
  resolve: 'resolving',
  assign_role: 'assigning a role',
};

const STATUS_WORDS = {
  met: 'met',
  late: 'late',
  missed: 'missed',
  open: 'open (not yet due when the exercise ended; planned)',
  not_due: 'not yet due',
  due: 'due',
  not_applicable: 'not applicable',
} as const;

/** One reason as a sentence (no trailing full stop). */
export function reasonText(s: Scenario, r: Reason): string {
  switch (r.code) {
    case 'detection.no_real_signal':
      return 'No real signal of the fault reached the room';
    case 'detection.never':
      return r.params.faultStart === null
        ? 'The incident was never detected'
        : `The incident was never detected; the fault began at ${cite(s, r.params.faultStart)}${r.params.firstRealSignalAt !== null ? ` and the first real signal arrived at ${cite(s, r.params.firstRealSignalAt)}` : ''}`;
    case 'detection.detected':
      return `Detected at ${cite(s, r.params.at)} by ${RESPONSE_WORDS[r.params.by]}: MTTD ${formatDuration(r.params.mttd)} (target ${formatDuration(r.params.target)})`;
    case 'detection.false_alarm':
      return `${r.params.count === 1 ? 'A false alarm' : `${r.params.count} false alarms`}: ${list(r.params.kinds.map((k) => RESPONSE_WORDS[k]))} from ${cite(s, r.params.first)}, before ${r.params.firstRealSignalAt === null ? 'any real signal' : `the first real signal at ${cite(s, r.params.firstRealSignalAt)}`} (-${r.params.penalty} points)`;
    case 'triage.never':
      return 'Never triaged after detection: no severity or incident type was declared';
    case 'triage.initial': {
      const p = r.params;
      const sev = p.severity === p.expectedSeverity ? `Severity ${p.severity} (correct)` : `Severity ${p.severity} (expected ${p.expectedSeverity})`;
      const type = p.typeCorrect
        ? `${incidentTypeInline(p.incidentType)} (correct)`
        : `${incidentTypeInline(p.incidentType)} (expected ${EN.list(
            p.expectedTypes.map((x) => incidentTypeInline(x)),
            'disjunction',
          )})`;
      const when = p.elapsed < 60_000 ? 'on detection' : `${formatDuration(p.elapsed)} after detection`;
      return `Initial triage at ${cite(s, p.at)}, ${when} (target ${formatDuration(p.target)}): ${sev}, ${type}`;
    }
    case 'triage.corrected':
      return `Re-triaged at ${cite(s, r.params.at)} to Severity ${r.params.severity}, ${incidentTypeInline(r.params.incidentType)}: a ${r.params.onTime ? 'timely' : 'late'} correction earns back ${r.params.onTime ? 'half' : 'a quarter'} of the missed points`;
    case 'triage.made_wrong':
      return `Re-triaged at ${cite(s, r.params.at)} to Severity ${r.params.severity}, ${incidentTypeInline(r.params.incidentType)}, moving away from the right answer`;
    case 'containment.none':
      return r.params.tried.length
        ? `No containment decided after the first real signal (earlier ones: ${list(r.params.tried.map((id) => label(s.containments, id)))})`
        : 'No containment was decided';
    case 'containment.never_contained':
      return `Harm was never contained for good (tried ${list(r.params.tried.map((id) => label(s.containments, id)))}${
        r.params.uncontained.length
          ? `; still exposed: ${list(
              r.params.uncontained.map((id) =>
                label(
                  s.faults.map((x) => ({ id: x.id, label: x.description })),
                  id,
                ),
              ),
            )}`
          : ''
      }); MTTC is censored at the horizon`;
    case 'containment.recurred':
      return r.params.faults
        .map(
          (x) =>
            `${label(
              s.faults.map((y) => ({ id: y.id, label: y.description })),
              x.faultId,
            )} was exposed again at ${list(x.at.map((t) => cite(s, t)))} (a lift before the fix revokes containment)`,
        )
        .join('; ');
    case 'containment.created': {
      const noun = label(s.harm, r.params.harmId).toLowerCase();
      return `${num(r.params.amount)} ${noun} created by the team's own containments (${pct(r.params.worst > 0 ? r.params.amount / r.params.worst : 1)} of the most they could create), counted against harm avoided`;
    }
    case 'containment.contained':
      return `Contained at ${cite(s, r.params.at)}: MTTC ${formatDuration(r.params.mttc)} (target ${formatDuration(r.params.target)}) with ${list(r.params.with.map((id) => label(s.containments, id)))}`;
    case 'containment.before_signal':
      return `${list(r.params.ids.map((id) => label(s.containments, id)))} decided before ${r.params.firstRealSignalAt === null ? 'any real signal' : `the first real signal (${cite(s, r.params.firstRealSignalAt)})`}: costs paid, no credit`;
    case 'containment.harmful':
      return `${list(r.params.ids.map((id) => label(s.containments, id)))} made no difference or made it worse (-15; harm it avoided earns nothing)`;
    case 'containment.harm': {
      const p = r.params;
      const h = s.harm.find((x) => x.id === p.harmId);
      const noun = (h?.label ?? p.harmId).toLowerCase();
      const credited = Math.round(p.credited) !== Math.round(p.actual) ? ` (${num(p.credited)} counting only containments after the first real signal)` : '';
      return `${num(p.actual)} ${noun}${credited}; do nothing ${num(p.doNothing)}, best achievable ${num(p.best)}: ${pct(p.share)} of the avoidable harm avoided`;
    }
    case 'containment.untouchable':
      return `${list(r.params.harmIds.map((id) => label(s.harm, id).toLowerCase()))}: no containment can change it, so it is not scored`;
    case 'containment.costs': {
      const p = r.params;
      if (p.revenue + p.oneOff + p.userHours === 0) return 'No containment costs incurred';
      const parts = [`${EN.money(p.revenue + p.oneOff, s.currency)} in lost revenue and one-off costs`, `${num(p.userHours)} user-hours without service`];
      return `Costs incurred: ${parts.join(' and ')}${p.credited ? (p.share <= 0 ? ' (no more than the best response costs)' : p.share >= 1 ? ' (twice the best response costs or more: no credit for costs)' : ` (${pct(p.share)} over what the best response costs)`) : ''}`;
    }
    case 'investigation.findings':
      return `${r.params.found} of ${r.params.of} relevant findings uncovered${r.params.beforeFault ? ` (${r.params.beforeFault} started before the first real signal or completed before the fault: no credit)` : ''}`;
    case 'investigation.root_cause': {
      const p = r.params;
      const verdict = p.early ? ' before any real signal (a guess, no credit)' : p.correct ? ' (correct)' : ` (actual: "${label(s.rootCauses, p.expected)}")`;
      return `Root cause declared at ${cite(s, p.at)} as "${label(s.rootCauses, p.declared)}"${verdict}${p.wrongGuesses ? ` after ${plural(p.wrongGuesses, 'wrong root cause')} (-${p.wrongGuesses * 20})` : ''}`;
    }
    case 'investigation.no_root_cause':
      return `No root cause declared (actual: "${label(s.rootCauses, r.params.expected)}")`;
    case 'communication.none_required':
      return 'No notifications were required';
    case 'communication.not_detected':
      return 'No incident was detected, so no notification or status update can be credited';
    case 'communication.obligation': {
      const p = r.params;
      const who = audienceInline(p.audience);
      const due = p.dueAt === null ? '' : ` (due ${cite(s, p.dueAt)}, ${formatDuration(p.within)})`;
      const sent = p.sentAt === null ? '' : ` at ${cite(s, p.sentAt)}`;
      const content =
        p.sentAt === null
          ? ''
          : p.falseStatement !== null
            ? `, but it says "${p.falseStatement}", which is false: no credit for content`
            : p.missing.length
              ? `, ${pct(p.content)} of the elements (missing ${list(p.missing.map((x) => elementInline(x)))})`
              : ', every element';
      const plan =
        p.status === 'open' && p.plan
          ? `, ${p.plan.owner} to send it by ${cite(s, p.plan.by)}`
          : p.openAtEnd
            ? p.plan
              ? ' (not yet due when the exercise ended; its plan does not keep the deadline)'
              : ' (not yet due when the exercise ended, and no dated plan was recorded)'
            : '';
      return `Notify ${who}: ${STATUS_WORDS[p.status]}${sent}${due}${content}${plan}`;
    }
    case 'communication.cadence': {
      const p = r.params;
      if (p.interval === null) return `${plural(p.updates, 'internal status update')} (no cadence required at this severity)`;
      return `${plural(p.updates, 'internal status update')}; largest gap ${formatDuration(p.worstGap ?? 0)} against the ${formatDuration(p.interval)} Severity ${p.severity} interval (${pct(p.share)})`;
    }
    case 'communication.no_updates':
      return 'No internal status update that counts (one needs at least two words)';
    case 'documentation.evidence':
      return `${r.params.counted} of ${r.params.of} evidence items preserved before the first change${r.params.firstChangeAt !== null ? ` at ${cite(s, r.params.firstChangeAt)}` : ''}${r.params.early ? ` (${r.params.early} preserved before any real signal do not count)` : ''}`;
    case 'documentation.roles':
      return `${r.params.assigned} of ${r.params.of} required roles assigned${r.params.missing.length ? ` (missing ${list(r.params.missing.map((x) => roleInline(x)))})` : ''}${r.params.people < r.params.assigned ? ` (held by ${plural(r.params.people, 'person')}: one person counts for one role)` : ''}`;
    default:
      return assertNever(r);
  }
}

export function definitionsCited(ids: ReadonlyArray<DefinitionId>): string {
  return `Definitions: ${ids.map((id) => DEFINITIONS[id].name).join(', ')}.`;
}

/** A dimension's reason text: its sentences, then the definitions it rests on. */
export function dimensionText(s: Scenario, d: Pick<DimensionResult, 'reasons' | 'definitions'>): string {
  return `${d.reasons.map((r) => reasonText(s, r)).join('; ')}. ${definitionsCited(d.definitions)}`;
}
