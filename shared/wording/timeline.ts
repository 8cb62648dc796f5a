/**
 * The timeline in words: each typed engine event (timeline-events.ts) as one line.
 *
 * The one place English is produced for what happened during a run; the console, the projector,
 * the debrief and the reports all read it from here.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { TeamInput } from '../engine/inputs.ts';
import type { TimelineEntry } from '../engine/run-state.ts';
import type { TimelineEvent } from '../engine/timeline-events.ts';
import { assertNever } from '../engine/assert-never.ts';
import { formatDuration } from '../scenario/duration.ts';
import { cite, wallTime } from '../scenario/sim-time.ts';
import { AUDIENCE_NOUNS, CONTAINMENT_STATUS_LABELS, FAULT_STATUS_LABELS, humanize } from './labels.ts';

const label = (list: ReadonlyArray<{ id: string; label: string }>, id: string) => list.find((x) => x.id === id)?.label ?? id;

/** A team or facilitator input as one line ("Decided: Roll back the model"). */
export function describeInput(s: Scenario, input: TeamInput): string {
  switch (input.type) {
    case 'ACKNOWLEDGE':
      return 'Incident declared';
    case 'TRIAGE':
      return `Triaged as Severity ${input.severity}, ${humanize(input.incidentType)}`;
    case 'ASSIGN_ROLE':
      return `${input.person} is ${humanize(input.role)}`;
    case 'INVESTIGATE':
      return `Started: ${label(s.investigations, input.investigationId)}`;
    case 'CONTAIN':
      return `Decided: ${label(s.containments, input.containmentId)}`;
    case 'LIFT':
      return `Lifted: ${label(s.containments, input.containmentId)}`;
    case 'PRESERVE_EVIDENCE':
      return `Preserved evidence: ${label(s.evidence, input.evidenceId)}`;
    case 'COMMUNICATE':
      return input.audience === 'internal' ? 'Internal status update sent' : `Notified ${AUDIENCE_NOUNS[input.audience]}`;
    case 'DECLARE_ROOT_CAUSE':
      return `Root cause declared: ${label(s.rootCauses, input.rootCauseId)}`;
    case 'RESOLVE':
      return 'Incident resolved';
    case 'PLAN_NOTICE':
      return `Notice planned: ${input.owner} sends ${input.what}`;
    case 'ADHOC_INJECT':
      return `Facilitator inject: ${input.title}`;
    case 'NOTE':
      return `Note: ${input.text}`;
    case 'REVEAL_HINT':
      return `Hint: ${s.hints.find((h) => h.id === input.hintId)?.text ?? input.hintId}`;
    case 'REVEAL_HARM':
      return 'Harm counters revealed to the room';
    case 'END':
      return `Exercise ended by the facilitator${input.reason ? `: ${input.reason}` : ''}`;
    case 'CLOCK':
      return 'Clock checkpoint';
    default:
      return assertNever(input);
  }
}

/** One timeline entry as one line. */
export function timelineText(s: Scenario, entry: Pick<TimelineEntry, 'event'>): string {
  return eventText(s, entry.event);
}

export function eventText(s: Scenario, e: TimelineEvent): string {
  switch (e.code) {
    case 'fault.started': {
      const f = s.faults.find((x) => x.id === e.faultId);
      const when = e.beforeExercise && f ? ` (present since ${formatDuration(-f.startsAt)} before the exercise)` : '';
      return `Fault begins${when} (${humanize(f?.surface ?? e.faultId)}): ${f?.description ?? e.faultId}`;
    }
    case 'fault.status':
      return `Fault "${e.faultId}" is ${FAULT_STATUS_LABELS[e.status]}${e.status === 'fixed' ? ': the system is recovering' : e.status === 'recurred' ? ': the harm is back' : ''}`;
    case 'sign.visible':
      return `First real signal: ${s.injects.find((i) => i.id === e.ref)?.title ?? e.ref}`;
    case 'signal': {
      const inj = s.injects.find((i) => i.id === e.injectId);
      return `${inj?.source ?? ''}: ${inj?.title ?? e.injectId}${e.redHerring ? ' (red herring)' : ''}`;
    }
    case 'inject.skipped':
      return `Inject "${e.injectId}" skipped: its condition does not hold`;
    case 'response.false_alarm':
      return `False alarm: ${humanize(e.inputType.toLowerCase())} before any sign of a fault could be seen`;
    case 'detected':
      return 'Incident detected';
    case 'declared':
      return 'Incident declared';
    case 'triaged':
      return `${e.initial ? 'Triaged' : 'Re-triaged'} as Severity ${e.severity}, ${humanize(e.incidentType)}`;
    case 'role.assigned':
      return `${e.person} is ${humanize(e.role)}`;
    case 'investigation.started':
      return `Started: ${label(s.investigations, e.investigationId)}`;
    case 'finding': {
      const inv = s.investigations.find((i) => i.id === e.investigationId);
      const f = findingFor(inv, e.shows);
      const harm =
        e.harmId !== undefined && e.harmSoFar !== undefined ? ` (${label(s.harm, e.harmId)}: ${Math.round(e.harmSoFar).toLocaleString('en-US')} so far)` : '';
      return `Finding: ${f.title}${harm}`;
    }
    case 'containment.decided':
      return `${e.reapplied ? 'Re-applied' : 'Decided'}: ${label(s.containments, e.containmentId)}`;
    case 'containment.status':
      return `${label(s.containments, e.containmentId)}: ${CONTAINMENT_STATUS_LABELS[e.status]}`;
    case 'evidence.preserved':
      return `Preserved evidence: ${label(s.evidence, e.evidenceId)}`;
    case 'communication':
      return e.audience === 'internal' ? 'Internal status update sent' : `Notified ${AUDIENCE_NOUNS[e.audience]}`;
    case 'obligation.due':
      // The clock started: the notice falls due at dueAt (days away, for a regulator), not now.
      return `Notice to ${AUDIENCE_NOUNS[e.audience]} due by ${wallTime(s, e.dueAt)}`;
    case 'obligation.met':
      return `Notice to ${AUDIENCE_NOUNS[e.audience]}: met`;
    case 'obligation.late':
      return `Notice to ${AUDIENCE_NOUNS[e.audience]}: sent after the deadline`;
    case 'obligation.missed':
      return `Deadline to notify ${AUDIENCE_NOUNS[e.audience]}: missed`;
    case 'obligation.planned':
      return `Notice to ${AUDIENCE_NOUNS[e.audience]} planned: ${e.owner} sends it by ${cite(s, e.by)}`;
    case 'root_cause.declared':
      return `Root cause declared: ${label(s.rootCauses, e.rootCauseId)}`;
    case 'contained':
      return 'Harm contained: every active fault cut to 20% or less';
    case 'recovered':
      return 'Every root cause fixed: the system is recovering';
    case 'adhoc_inject':
      return `Facilitator inject: ${e.title}`;
    case 'note':
      return `Note: ${e.text}`;
    case 'hint':
      return `Hint: ${s.hints.find((h) => h.id === e.hintId)?.text ?? e.hintId}`;
    case 'harm.revealed':
      return 'Harm counters revealed to the room';
    case 'resolved':
      return 'Incident resolved';
    case 'ended':
      return `Exercise ended by the facilitator${e.reason ? `: ${e.reason}` : ''}`;
    case 'horizon':
      return `Exercise horizon reached (${formatDuration(s.clock.horizon)})`;
    default:
      return assertNever(e);
  }
}

/** What an investigation's finding says for what the world showed. */
export function findingFor(inv: Scenario['investigations'][number] | undefined, shows: 'normal' | 'defect' | 'recovery'): { title: string; body: string } {
  if (!inv) return { title: 'Unknown investigation', body: '' };
  switch (shows) {
    case 'defect':
      return inv.finding;
    case 'normal':
      return inv.findingBefore ?? { title: `${inv.label}: readings normal`, body: 'Nothing out of the ordinary in what this investigation examined.' };
    case 'recovery':
      return (
        inv.findingAfter ?? { title: `${inv.label}: recovering`, body: 'The defect this looks for is no longer present; readings are returning to normal.' }
      );
    default:
      return assertNever(shows);
  }
}
