/**
 * The exercise plan of a scenario, in HSEEP's terms: the parts a programme manager plans and
 * reports with, beside the simulation (faults, metrics, harm) that the engine plays.
 *
 * - `objectives`: entries with an id, the text and the capability they test (a plain string is
 *   still accepted and becomes an entry o1, o2, …, with no capability).
 * - `capabilities`: the capabilities the exercise tests, each with its critical tasks. The six AI
 *   incident capabilities (CAPABILITIES) need no label; a scenario may define its own.
 * - `modules`: the phases of the exercise, each a span of sim time, with the situation the players
 *   read, the questions the room discusses, the expected actions (HSEEP's expected outcomes) and
 *   the facilitator's notes.
 * - `overview`: the Exercise Overview fields of the guide and the AAR/IP (all optional).
 * - per inject (INJECT_PLAN_FIELDS): its own questions, expected actions, objectives and notes.
 *
 * What players may read: objectives, capabilities, modules' titles, narratives and questions, the
 * overview. Facilitator only: expected actions and facilitator notes (PLAYER_FIELDS below).
 * Cross-references (objectives → capabilities, modules → injects, spans) are checked by
 * checkExercisePlan, called from cross-check.ts.
 */
import { z } from 'zod';
import { parseDuration, formatDuration } from './duration.ts';

const duration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (use e.g. 90m, 3h47m)` });
    return z.NEVER;
  }
  return ms;
});
const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'ids use lowercase letters, digits, - and _');
const text = z.string().min(1, 'must not be empty');

/** The capabilities an AI incident exercise tests, after the score card's dimensions. */
export const CAPABILITIES = ['detection_monitoring', 'triage', 'containment', 'investigation', 'communication', 'documentation_governance'] as const;
export type BuiltInCapability = (typeof CAPABILITIES)[number];

export const CAPABILITY_LABELS: Record<BuiltInCapability, string> = {
  detection_monitoring: 'Detection and monitoring',
  triage: 'Triage',
  containment: 'Containment',
  investigation: 'Investigation',
  communication: 'Communication',
  documentation_governance: 'Documentation and governance',
};

/**
 * The critical tasks of a built-in capability, for a scenario that does not list its own (the
 * guide's "Objectives and capabilities"): what a team must do to perform it, in HSEEP's sense.
 */
export const CAPABILITY_TASKS: Record<BuiltInCapability, string[]> = {
  detection_monitoring: ['Notice the first signal and open an incident.', 'Tell a real signal from noise and red herrings.'],
  triage: ['Set a severity from the harm, not from the noise.', 'Assign the incident roles and page who the severity calls for.'],
  containment: ['Choose a containment proportionate to the harm and its cost.', 'Keep the evidence before changing the system.'],
  investigation: ['Find what changed, and when, from records you can trust.', 'Name the root cause and the evidence for it.'],
  communication: ['Tell the client, the affected people and any regulator on time.', 'Keep a steady rhythm of status updates.'],
  documentation_governance: ['Keep a timeline of decisions and their reasons.', 'Turn the lessons into owned, dated actions.'],
};

/** A capability's critical tasks: the scenario's own, else the built-in capability's. */
export function criticalTasksOf(s: { capabilities: Capability[] }, capId: string): string[] {
  const own = s.capabilities.find((c) => c.id === capId)?.criticalTasks;
  if (own?.length) return own;
  return (CAPABILITY_TASKS as Record<string, string[]>)[capId] ?? [];
}

/** The engine's score dimension that measures a built-in capability (for "engine score" beside ratings). */
export const CAPABILITY_DIMENSION: Record<BuiltInCapability, string> = {
  detection_monitoring: 'detection',
  triage: 'triage',
  containment: 'containment',
  investigation: 'investigation',
  communication: 'communication',
  documentation_governance: 'documentation',
};

const objectiveEntry = z.object({ id, text, capability: id.optional() }).strict();

/** `objectives:` items: an entry, or (older files) plain text, numbered o1, o2, … in order. */
export const objectivesSchema = z
  .array(z.union([text, objectiveEntry]))
  .min(1)
  .transform((list) => list.map((o, i) => (typeof o === 'string' ? { id: `o${i + 1}`, text: o } : o)));

export const capabilitySchema = z
  .object({
    id,
    /** Required for a capability the scenario defines; the built-in ones have a label. */
    label: text.optional(),
    criticalTasks: z.array(text).min(1, 'list at least one critical task'),
  })
  .strict();

export const moduleSchema = z
  .object({
    id,
    title: text,
    /** The span of sim time this module covers (from T+from up to T+to). */
    from: duration,
    to: duration,
    /** The situation as the players read it at the start of the module (player-facing). */
    narrative: z.string().default(''),
    /** Discussion questions for the room (player-facing). */
    questions: z.array(text).default([]),
    /** What a well-prepared team does or decides in this module (facilitator only). */
    expectedActions: z.array(text).default([]),
    /** Facilitator only: what to watch for, when to prompt. */
    facilitatorNotes: z.string().default(''),
    /** Injects delivered in this module (default: those whose trigger time falls in its span). */
    injects: z.array(id).default([]),
    /** Objectives this module exercises. */
    objectives: z.array(id).default([]),
  })
  .strict();

export const overviewSchema = z
  .object({
    scope: z.string().optional(),
    missionArea: z.string().optional(),
    threatHazard: z.string().optional(),
    sponsor: z.string().optional(),
    participatingOrganizations: z.array(text).optional(),
    pointOfContact: z.string().optional(),
    location: z.string().optional(),
  })
  .strict();

/** Extra fields an inject may carry (spread into the inject schema in schema.ts). */
export const INJECT_PLAN_FIELDS = {
  /** Questions for the room when this inject arrives (player-facing). */
  questions: z.array(text).default([]),
  /** What the team should do on this inject (facilitator only). */
  expectedActions: z.array(text).default([]),
  /** Objectives this inject tests. */
  objectives: z.array(id).default([]),
  /** Facilitator only. */
  facilitatorNotes: z.string().default(''),
};

/**
 * HSEEP's two kinds of exercise. `operations` (the default): the engine simulates a fault and
 * scores the response. `discussion`: modules, injects and questions played on the clock with no
 * simulated fault to find; the evaluators' ratings judge it, and the engine's score is not
 * reported (its simulation sections are a quiet placeholder, see shared/exercise/discussion-base.ts).
 */
export const EXERCISE_TYPES = ['operations', 'discussion'] as const;
export type ExerciseType = (typeof EXERCISE_TYPES)[number];

/** Top-level fields of the exercise plan (spread into the scenario schema in schema.ts). */
export const EXERCISE_PLAN_FIELDS = {
  exerciseType: z.enum(EXERCISE_TYPES).default('operations'),
  objectives: objectivesSchema,
  capabilities: z.array(capabilitySchema).default([]),
  modules: z.array(moduleSchema).default([]),
  overview: overviewSchema.default({}),
};

export type Objective = z.output<typeof objectiveEntry>;
export type Capability = z.output<typeof capabilitySchema>;
export type ExerciseModule = z.output<typeof moduleSchema>;
export type ExerciseOverview = z.output<typeof overviewSchema>;

/** Fields of a module and an inject that only the facilitator sees. */
export const FACILITATOR_ONLY = { module: ['expectedActions', 'facilitatorNotes'], inject: ['expectedActions', 'facilitatorNotes'] } as const;

/** The plan-shaped part of a scenario that checkExercisePlan reads (avoids importing schema.ts). */
export interface PlanView {
  objectives: Objective[];
  capabilities: Capability[];
  modules: ExerciseModule[];
  injects: { id: string; objectives: string[]; trigger: unknown }[];
  clock: { horizon: number };
}

/** A capability's label: the scenario's, else the built-in one's, else its id. */
export function capabilityLabel(s: { capabilities: Capability[] }, capId: string): string {
  const own = s.capabilities.find((c) => c.id === capId)?.label;
  if (own) return own;
  return (CAPABILITY_LABELS as Record<string, string>)[capId] ?? capId;
}

interface TimedInject {
  id: string;
  trigger: unknown;
}

/**
 * When an inject is planned to arrive, if that follows from the scenario alone: its `at` time, or
 * a delay after a fault's start or after another such inject. Null for injects that wait on the
 * team (an action, a finding, a metric, detection).
 */
export function plannedAt(s: { faults: { id: string; startsAt: number }[]; injects: TimedInject[] }, inj: TimedInject, depth = 0): number | null {
  const t = inj.trigger as { at?: number; after?: { event: string; delay: number } };
  if (typeof t.at === 'number') return t.at;
  if (!t.after || depth > 20) return null;
  const [kind, ref] = t.after.event.split(':') as [string, string | undefined];
  let base: number | null = null;
  if (kind === 'fault' && ref === undefined) base = s.faults.length ? Math.min(...s.faults.map((f) => f.startsAt)) : null;
  else if (kind === 'fault') base = s.faults.find((f) => f.id === ref)?.startsAt ?? null;
  else if (kind === 'inject') {
    const other = s.injects.find((x) => x.id === ref);
    base = other ? plannedAt(s, other, depth + 1) : null;
  }
  return base === null ? null : Math.max(0, base) + t.after.delay;
}

/** The module each inject belongs to: listed by a module, else the one whose span holds its planned time. */
export function moduleOfInject(
  s: Pick<PlanView, 'modules'> & { faults: { id: string; startsAt: number }[]; injects: TimedInject[] },
  inj: TimedInject,
): string | null {
  const listed = s.modules.find((m) => m.injects.includes(inj.id));
  if (listed) return listed.id;
  const at = plannedAt(s, inj);
  if (at === null) return null;
  const m = s.modules.find((x) => at >= x.from && at < x.to) ?? s.modules.findLast((x) => at === x.to);
  return m?.id ?? null;
}

/** The module running at a sim time (the last one that has started, while its span lasts). */
export function moduleAt(s: Pick<PlanView, 'modules'>, t: number): ExerciseModule | null {
  return s.modules.find((m) => t >= m.from && t < m.to) ?? null;
}

export function checkExercisePlan(s: PlanView): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const add = (path: (string | number)[], message: string) => out.push({ path, message });
  const uniq = (list: { id: string }[], key: string) => {
    const seen = new Map<string, number>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) add([key, i, 'id'], `duplicate id "${x.id}" (also ${key}.${seen.get(x.id)})`);
      else seen.set(x.id, i);
    });
    return new Set(list.map((x) => x.id));
  };
  const list = (set: Set<string>) => (set.size ? ` (known: ${[...set].slice(0, 8).join(', ')}${set.size > 8 ? ', …' : ''})` : ' (none defined)');

  const objectives = uniq(s.objectives, 'objectives');
  const capabilities = new Set<string>([...CAPABILITIES, ...uniq(s.capabilities, 'capabilities')]);
  uniq(s.modules, 'modules');
  const injects = new Set(s.injects.map((i) => i.id));

  s.capabilities.forEach((c, i) => {
    if (!(CAPABILITIES as readonly string[]).includes(c.id) && c.label === undefined)
      add(['capabilities', i, 'label'], `"${c.id}" is a capability this scenario defines (not one of ${CAPABILITIES.join(', ')}), so it needs a label`);
  });
  s.objectives.forEach((o, i) => {
    if (o.capability !== undefined && !capabilities.has(o.capability))
      add(['objectives', i, 'capability'], `unknown capability "${o.capability}"${list(capabilities)}`);
  });
  const seenInject = new Map<string, string>();
  s.modules.forEach((m, i) => {
    if (m.to <= m.from) add(['modules', i, 'to'], `the module ends (${formatDuration(m.to)}) before it starts (${formatDuration(m.from)})`);
    if (m.from > s.clock.horizon) add(['modules', i, 'from'], `starts at ${formatDuration(m.from)}, past the horizon (${formatDuration(s.clock.horizon)})`);
    const prev = s.modules[i - 1];
    if (prev && m.from < prev.to)
      add(['modules', i, 'from'], `overlaps module "${prev.id}" (it runs until ${formatDuration(prev.to)}); modules follow each other in time`);
    m.injects.forEach((x, j) => {
      if (!injects.has(x)) add(['modules', i, 'injects', j], `unknown inject "${x}"`);
      else if (seenInject.has(x)) add(['modules', i, 'injects', j], `inject "${x}" is already in module "${seenInject.get(x)}"`);
      else seenInject.set(x, m.id);
    });
    m.objectives.forEach((x, j) => {
      if (!objectives.has(x)) add(['modules', i, 'objectives', j], `unknown objective "${x}"${list(objectives)}`);
    });
  });
  s.injects.forEach((inj, i) =>
    inj.objectives.forEach((x, j) => {
      if (!objectives.has(x)) add(['injects', i, 'objectives', j], `unknown objective "${x}"${list(objectives)}`);
    }),
  );
  return out;
}
