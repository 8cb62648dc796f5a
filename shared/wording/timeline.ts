/**
 * The timeline in words: each typed engine event (timeline-events.ts) and each input as one line.
 *
 * Each is first a message (a catalogue key and its values, shared/i18n), then worded in a
 * language; the console, the projector, the debrief and the reports all read them from here.
 * An input is worded the same way everywhere: `describeInput` for the facilitator and the record,
 * `publicInputMessage` for the room (the same action, said as what the team did).
 */
import type { Scenario } from '../scenario/schema.ts';
import type { TeamInput } from '../engine/inputs.ts';
import type { TimelineEntry } from '../engine/run-state.ts';
import type { TimelineEvent } from '../engine/timeline-events.ts';
import { assertNever } from '../engine/assert-never.ts';
import { RESPONSE_KIND } from '../scoring/run-facts.ts';
import { scenarioIndex } from '../engine/scenario-index.ts';
import { EN, fig, msg, type Msg, type Words } from '../i18n/words.ts';
import { citeFigure, startEpoch } from '../scenario/sim-time.ts';

const label = (list: ReadonlyArray<{ id: string; label: string }>, id: string) => list.find((x) => x.id === id)?.label ?? id;
const audienceNoun = (a: TeamInputOf<'COMMUNICATE'>['audience']) => msg(`audience.noun.${a}`);
/** An obligation by its audience, with its own id when the audience has several (#17). */
const obligationNoun = (s: Scenario, id: string) => {
  const n = s.rubric.notifications.find((x) => (x.id ?? x.audience) === id);
  if (!n) return id;
  const several = s.rubric.notifications.filter((x) => x.audience === n.audience).length > 1;
  return several ? msg('obligation.noun.named', { audience: audienceNoun(n.audience), id }) : audienceNoun(n.audience);
};
const roleInline = (r: TeamInputOf<'ASSIGN_ROLE'>['role']) => msg(`role.inline.${r}`);

/** An objective as a line names it: its id and text ("o2: Contain within 30 minutes"). */
const objectiveText = (s: Scenario, id: string) => {
  const o = s.objectives.find((x) => x.id === id);
  return o ? `${o.id}: ${o.text}` : id;
};

type TeamInputOf<T extends TeamInput['type']> = Extract<TeamInput, { type: T }>;

/** A team or facilitator input as a message ("Decided: Roll back the model"). */
export function inputMessage(s: Scenario, input: TeamInput): Msg {
  switch (input.type) {
    case 'ACKNOWLEDGE':
      return msg('input.ACKNOWLEDGE');
    case 'TRIAGE':
      return msg('input.TRIAGE', { severity: input.severity, incidentType: msg(`incidentType.inline.${input.incidentType}`) });
    case 'ASSIGN_ROLE':
      return msg('input.ASSIGN_ROLE', { person: input.person, role: roleInline(input.role) });
    case 'INVESTIGATE':
      return msg('input.INVESTIGATE', { investigation: label(s.investigations, input.investigationId) });
    case 'CONTAIN':
      return msg('input.CONTAIN', { containment: label(s.containments, input.containmentId) });
    case 'LIFT':
      return msg('input.LIFT', { containment: label(s.containments, input.containmentId) });
    case 'PRESERVE_EVIDENCE':
      return msg('input.PRESERVE_EVIDENCE', { evidence: label(s.evidence, input.evidenceId) });
    case 'COMMUNICATE':
      return input.audience === 'internal' ? msg('input.COMMUNICATE.internal') : msg('input.COMMUNICATE', { audience: audienceNoun(input.audience) });
    case 'DECLARE_ROOT_CAUSE':
      return msg('input.DECLARE_ROOT_CAUSE', { rootCause: label(s.rootCauses, input.rootCauseId) });
    case 'RESOLVE':
      return msg('input.RESOLVE');
    case 'PLAN_NOTICE':
      return msg('input.PLAN_NOTICE', { owner: input.owner, what: input.what });
    case 'OVERRULE_CONTENT':
      return msg('input.OVERRULE_CONTENT', { obligation: obligationNoun(s, input.obligationId), reason: input.reason });
    case 'ADHOC_INJECT':
      return msg('input.ADHOC_INJECT', { title: input.title });
    case 'NOTE':
      return msg('input.NOTE', { text: input.text });
    case 'RATE':
      return msg('input.RATE', { objective: objectiveText(s, input.objectiveId), rating: input.rating });
    case 'DECISION':
      return input.owner?.trim() ? msg('input.DECISION.owner', { text: input.text, owner: input.owner.trim() }) : msg('input.DECISION', { text: input.text });
    case 'HOT_WASH':
      return msg('input.HOT_WASH');
    case 'REVEAL_HINT':
      return msg('input.REVEAL_HINT', { text: s.hints.find((h) => h.id === input.hintId)?.text ?? input.hintId });
    case 'REVEAL_HARM':
      return msg('input.REVEAL_HARM');
    case 'END':
      return input.reason ? msg('input.END.reason', { reason: input.reason }) : msg('input.END');
    case 'CLOCK':
      return msg('input.CLOCK');
    case 'WITHDRAW':
      return msg('input.WITHDRAW', { seq: input.target });
    default:
      return assertNever(input);
  }
}

/** A team or facilitator input as one line ("Decided: Roll back the model"). */
export function describeInput(s: Scenario, input: TeamInput, w: Words = EN): string {
  return w.format(inputMessage(s, input));
}

/**
 * An input as the room may read it ("Decided to contain: …"), or null for inputs that stay on the
 * console (notes, facilitator injects, clock checkpoints). `role` words a role the scenario labels
 * itself (null: the catalogue's).
 */
export function publicInputMessage(s: Scenario, input: TeamInput, roleText: ((role: string) => string | null) | null = null): Msg | null {
  switch (input.type) {
    case 'ACKNOWLEDGE':
      return msg('public.ACKNOWLEDGE');
    case 'TRIAGE':
      return msg('public.TRIAGE', { severity: input.severity, incidentType: msg(`incidentType.inline.${input.incidentType}`) });
    case 'ASSIGN_ROLE':
      return msg('public.ASSIGN_ROLE', { person: input.person, role: roleText?.(input.role) ?? roleInline(input.role) });
    case 'INVESTIGATE':
      return msg('public.INVESTIGATE', { investigation: label(s.investigations, input.investigationId) });
    case 'CONTAIN':
      return msg('public.CONTAIN', { containment: label(s.containments, input.containmentId) });
    case 'LIFT':
      return msg('public.LIFT', { containment: label(s.containments, input.containmentId) });
    case 'PRESERVE_EVIDENCE':
      return msg('public.PRESERVE_EVIDENCE', { evidence: label(s.evidence, input.evidenceId) });
    case 'COMMUNICATE':
      return msg('public.COMMUNICATE', { audience: msg(`audience.inline.${input.audience}`), message: input.message.slice(0, 300) });
    case 'DECLARE_ROOT_CAUSE':
      return msg('public.DECLARE_ROOT_CAUSE', { rootCause: label(s.rootCauses, input.rootCauseId) });
    case 'RESOLVE':
      return msg('public.RESOLVE');
    case 'PLAN_NOTICE':
      return msg('public.PLAN_NOTICE', { owner: input.owner, what: input.what.slice(0, 300) });
    case 'REVEAL_HINT':
      return msg('public.REVEAL_HINT');
    case 'REVEAL_HARM':
      return msg('public.REVEAL_HARM');
    case 'END':
      return msg('public.END');
    case 'DECISION':
      return input.owner?.trim() ? msg('public.DECISION.owner', { text: input.text, owner: input.owner.trim() }) : msg('public.DECISION', { text: input.text });
    case 'RATE':
    case 'OVERRULE_CONTENT':
    case 'HOT_WASH':
    case 'NOTE':
    case 'ADHOC_INJECT':
    case 'CLOCK':
    case 'WITHDRAW':
      return null;
    default:
      return assertNever(input);
  }
}

/** One timeline entry as one line. */
export function timelineText(s: Scenario, entry: Pick<TimelineEntry, 'event'>, w: Words = EN): string {
  return eventText(s, entry.event, w);
}

export function eventText(s: Scenario, e: TimelineEvent, w: Words = EN): string {
  return w.format(eventMessage(s, e));
}

/** One engine event as a message. */
export function eventMessage(s: Scenario, e: TimelineEvent): Msg {
  switch (e.code) {
    case 'fault.started': {
      const f = s.faults.find((x) => x.id === e.faultId);
      const values = { surface: f ? msg(`surface.${f.surface}`) : e.faultId, description: f?.description ?? e.faultId };
      return e.beforeExercise && f ? msg('event.fault.started.before', { ...values, since: fig.duration(-f.startsAt) }) : msg('event.fault.started', values);
    }
    case 'fault.status':
      return msg('event.fault.status', { fault: e.faultId, status: e.status, label: msg(`faultStatus.${e.status}`) });
    case 'sign.visible':
      return msg(e.via === 'hidden' ? 'event.sign.hidden' : 'event.sign.visible', { title: scenarioIndex(s).injects.get(e.ref)?.title ?? e.ref });
    case 'signal': {
      const inj = scenarioIndex(s).injects.get(e.injectId);
      return msg(e.redHerring ? 'event.signal.redHerring' : 'event.signal', { source: inj?.source ?? '', title: inj?.title ?? e.injectId });
    }
    case 'inject.skipped':
      return msg('event.inject.skipped', { inject: e.injectId });
    case 'response.false_alarm': {
      // Worded as the score card words the same false alarm ("declaring the incident", not "acknowledge").
      const kind = RESPONSE_KIND[e.inputType as TeamInput['type']];
      return msg('event.response.false_alarm', { action: kind ? msg(`response.noun.${kind}`) : msg('action.inline', { type: e.inputType }) });
    }
    case 'input.facilitator_own':
      return msg('event.input.facilitator_own', { action: msg('action.inline', { type: e.inputType }) });
    case 'detected':
      return msg('event.detected');
    case 'declared':
      return msg('event.declared');
    case 'triaged':
      return msg('event.triaged', { initial: e.initial, severity: e.severity, incidentType: msg(`incidentType.inline.${e.incidentType}`) });
    case 'role.assigned':
      return msg('event.role.assigned', { person: e.person, role: roleInline(e.role) });
    case 'investigation.started':
      return msg('event.investigation.started', { investigation: label(s.investigations, e.investigationId) });
    case 'finding': {
      const f = findingMessage(
        s.investigations.find((i) => i.id === e.investigationId),
        e.shows,
      );
      return e.harmId !== undefined && e.harmSoFar !== undefined
        ? msg('event.finding.harm', { title: f.title, harm: label(s.harm, e.harmId), amount: fig.whole(e.harmSoFar) })
        : msg('event.finding', { title: f.title });
    }
    case 'containment.decided':
      return msg('event.containment.decided', { reapplied: e.reapplied, containment: label(s.containments, e.containmentId) });
    case 'containment.status':
      return msg('event.containment.status', { containment: label(s.containments, e.containmentId), status: msg(`containmentStatus.${e.status}`) });
    case 'evidence.preserved':
      return msg('event.evidence.preserved', { evidence: label(s.evidence, e.evidenceId) });
    case 'communication':
      return e.audience === 'internal' ? msg('event.communication.internal') : msg('event.communication', { audience: audienceNoun(e.audience) });
    case 'obligation.due':
      // The clock started: the notice falls due at dueAt (days away, for a regulator), not now.
      return msg('event.obligation.due', { audience: audienceNoun(e.audience), due: fig.wall(startEpoch(s) + e.dueAt) });
    case 'obligation.met':
      return msg('event.obligation.met', { audience: audienceNoun(e.audience) });
    case 'obligation.late':
      return msg('event.obligation.late', { audience: audienceNoun(e.audience) });
    case 'obligation.missed':
      return msg('event.obligation.missed', { audience: audienceNoun(e.audience) });
    case 'obligation.planned':
      return msg('event.obligation.planned', { audience: audienceNoun(e.audience), owner: e.owner, by: citeFigure(s, e.by) });
    case 'content.overruled':
      return msg('event.content.overruled', { obligation: obligationNoun(s, e.obligationId), reason: e.reason });
    case 'root_cause.declared':
      return msg('event.root_cause.declared', { rootCause: label(s.rootCauses, e.rootCauseId) });
    case 'contained':
      return msg('event.contained');
    case 'recovered':
      return msg('event.recovered');
    case 'adhoc_inject':
      return msg('event.adhoc_inject', { title: e.title });
    case 'note':
      return msg('event.note', { text: e.text });
    case 'rating':
      return msg('event.rating', { objective: objectiveText(s, e.objectiveId), rating: e.rating });
    case 'decision':
      return e.owner ? msg('event.decision.owner', { text: e.text, owner: e.owner }) : msg('event.decision', { text: e.text });
    case 'hot_wash':
      return msg('event.hot_wash');
    case 'hint':
      return msg('event.hint', { text: s.hints.find((h) => h.id === e.hintId)?.text ?? e.hintId });
    case 'harm.revealed':
      return msg('event.harm.revealed');
    case 'withdrawn': {
      const kind = e.inputType;
      switch (kind) {
        case 'NOTE':
          return msg('event.withdrawn.NOTE', { text: e.text ?? '' });
        case 'REVEAL_HINT':
          return msg('event.withdrawn.REVEAL_HINT', { text: s.hints.find((h) => h.id === e.text)?.text ?? e.text ?? '' });
        case 'REVEAL_HARM':
          return msg('event.withdrawn.REVEAL_HARM');
        default:
          return assertNever(kind);
      }
    }
    case 'resolved':
      return msg('event.resolved');
    case 'ended':
      return e.reason ? msg('event.ended.reason', { reason: e.reason }) : msg('event.ended');
    case 'horizon':
      return msg('event.horizon', { horizon: fig.duration(s.clock.horizon) });
    default:
      return assertNever(e);
  }
}

/** What an investigation's finding says for what the world showed (the scenario's own words, or the catalogue's). */
export function findingMessage(
  inv: Scenario['investigations'][number] | undefined,
  shows: 'normal' | 'defect' | 'recovery',
): { title: string | Msg; body: string | Msg } {
  if (!inv) return { title: msg('finding.unknown'), body: '' };
  switch (shows) {
    case 'defect':
      return inv.finding;
    case 'normal':
      return inv.findingBefore ?? { title: msg('finding.normal.title', { investigation: inv.label }), body: msg('finding.normal.body') };
    case 'recovery':
      return inv.findingAfter ?? { title: msg('finding.recovery.title', { investigation: inv.label }), body: msg('finding.recovery.body') };
    default:
      return assertNever(shows);
  }
}

/** What an investigation's finding says, worded. */
export function findingFor(
  inv: Scenario['investigations'][number] | undefined,
  shows: 'normal' | 'defect' | 'recovery',
  w: Words = EN,
): { title: string; body: string } {
  const f = findingMessage(inv, shows);
  return { title: String(w.value(f.title)), body: String(w.value(f.body)) };
}
