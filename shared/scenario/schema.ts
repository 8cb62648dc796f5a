/**
 * The scenario format: what a YAML scenario file may contain.
 *
 * Scenarios are data, never code. This zod schema is the single definition of the format; the
 * loader (load.ts) turns its issues into `file:line:column  path: message` problems, and
 * cross-check.ts adds the checks a schema cannot express (references, cycles, impossible times).
 * Durations are written as "3h47m" / "90m" / minutes and become milliseconds of sim time.
 */
import { z } from 'zod';
import { parseDuration } from './duration.ts';

const duration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (use e.g. 90m, 3h47m, 2d)` });
    return z.NEVER;
  }
  return ms;
});

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'ids use lowercase letters, digits, - and _');
const text = z.string().min(1, 'must not be empty');

export const SURFACES = ['model_version', 'prompt', 'retrieval_source', 'configuration', 'input_data_pipeline', 'provider_update'] as const;

export const CHANNELS = ['monitoring_alert', 'dashboard', 'ticket', 'client', 'provider', 'social_press', 'regulator', 'internal'] as const;

export const INCIDENT_TYPES = [
  'performance_degradation',
  'bias_fairness',
  'safety',
  'privacy_data_leakage',
  'security',
  'availability',
  'data_integration',
  'governance',
] as const;

export const CONTAINMENT_KINDS = [
  'kill_switch',
  'rollback_model',
  'rollback_prompt',
  'rollback_retrieval',
  'rollback_config',
  'fix_data_pipeline',
  'graceful_degradation',
  'human_fallback',
  'guardrail',
  'reduced_scope',
] as const;

export const ROLES = ['incident_commander', 'technical_lead', 'communications_lead', 'scribe', 'client_liaison'] as const;

export const AUDIENCES = ['internal', 'client', 'regulator', 'affected_users', 'public'] as const;

export const DIMENSIONS = ['detection', 'triage', 'containment', 'investigation', 'communication', 'documentation'] as const;

export type Surface = (typeof SURFACES)[number];
export type Channel = (typeof CHANNELS)[number];
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export type ContainmentKind = (typeof CONTAINMENT_KINDS)[number];
export type Role = (typeof ROLES)[number];
export type Audience = (typeof AUDIENCES)[number];
export type Dimension = (typeof DIMENSIONS)[number];

/** A point on the fault's intensity curve (0 = no effect, 1 = full effect), relative to fault start. */
const intensityPoint = z.object({ at: duration, intensity: z.number().min(0).max(5) }).strict();

const fault = z
  .object({
    surface: z.enum(SURFACES),
    startsAt: duration,
    description: text,
    /** Piecewise-linear intensity over fault age; defaults to full effect from the start. */
    evolution: z
      .array(intensityPoint)
      .min(1)
      .default([{ at: 0, intensity: 1 }]),
  })
  .strict();

const metric = z
  .object({
    id,
    label: text,
    unit: z.string().default(''),
    baseline: z.number(),
    /** Amplitude of seeded noise around the baseline (uniform in ±noise). */
    noise: z.number().min(0).default(0),
    /** Added to the baseline at fault intensity 1 while the fault is not contained. */
    faultEffect: z.number().default(0),
    decimals: z.number().int().min(0).max(4).default(1),
    /** Shown on the room's projector dashboards (false keeps it on the facilitator console). */
    public: z.boolean().default(true),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict();

/** Harm grows linearly over a window of fault age (`total` spread evenly from `from` to `to`). */
const accrualSegment = z.object({ from: duration, to: duration, total: z.number().min(0) }).strict();
/** Or in discrete occurrences (one customer's data leaked at fault age `at`). */
const occurrence = z.object({ at: duration, amount: z.number().min(0).default(1), note: z.string().optional() }).strict();

const harm = z
  .object({
    id,
    label: text,
    unit: z.string().default(''),
    kind: z.enum(['people', 'decisions', 'records', 'money']).default('people'),
    accrual: z.array(accrualSegment).default([]),
    occurrences: z.array(occurrence).default([]),
  })
  .strict();

/** What makes an inject fire: an absolute sim time, or a delay after another event. */
const trigger = z.union([
  z.object({ at: duration }).strict(),
  z
    .object({
      after: z
        .object({
          /** fault | detection | containment | inject:<id> | action:<id> | finding:<id> | communication:<audience> */
          event: z.string().regex(/^(fault|detection|containment|(inject|action|finding|communication):[a-z0-9_-]+)$/, 'unknown event form'),
          delay: duration.default(0),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      /** Fires the first minute the metric is above (or below) the threshold. */
      metric: id,
      above: z.number().optional(),
      below: z.number().optional(),
    })
    .strict()
    .refine((m) => (m.above === undefined) !== (m.below === undefined), 'give exactly one of above / below'),
]);

const condition = z
  .object({
    contained: z.boolean().optional(),
    detected: z.boolean().optional(),
    actionTaken: id.optional(),
    actionNotTaken: id.optional(),
  })
  .strict();

const inject = z
  .object({
    id,
    trigger,
    when: condition.optional(),
    /** Seeded random delay of up to this much, so repeated runs differ a little by seed. */
    jitter: duration.default(0),
    channel: z.enum(CHANNELS),
    source: text,
    title: text,
    body: text,
    severity: z.enum(['info', 'warning', 'critical']).default('info'),
    /** Facilitator-only marker: the signal is noise, not the fault. */
    redHerring: z.boolean().default(false),
  })
  .strict();

const investigation = z
  .object({
    id,
    label: text,
    duration,
    finding: z.object({ title: text, body: text }).strict(),
    /** The finding points at the real fault (used for investigation scoring). */
    relevant: z.boolean().default(false),
  })
  .strict();

const containment = z
  .object({
    id,
    label: text,
    kind: z.enum(CONTAINMENT_KINDS),
    description: z.string().default(''),
    available: z.boolean().default(true),
    unavailableReason: z.string().optional(),
    /** Only possible once this investigation's finding is in (you cannot fix what you have not found). */
    requiresFinding: id.optional(),
    /** Time from the decision until the change takes effect. */
    takesEffectAfter: duration.default(0),
    /** Multiplier on each harm's growth once in effect (0 stops it, 1 does not help). Missing = 1. */
    harmFactor: z.record(z.string(), z.number().min(0).max(1)).default({}),
    /** Multiplier on the fault's effect on metrics once in effect. */
    metricFactor: z.number().min(0).max(1).default(1),
    /** Removes the root cause: the system recovers. */
    fixesRootCause: z.boolean().default(false),
    costs: z
      .object({
        revenuePerHour: z.number().min(0).default(0),
        usersWithoutService: z.number().min(0).default(0),
      })
      .strict()
      .default({ revenuePerHour: 0, usersWithoutService: 0 }),
  })
  .strict();

const evidence = z.object({ id, label: text }).strict();
const rootCause = z.object({ id, label: text }).strict();
const hint = z.object({ id, text }).strict();

const notificationTarget = z
  .object({
    audience: z.enum(AUDIENCES),
    /** Deadline measured from detection (awareness) or from fault start. */
    within: duration,
    from: z.enum(['detection', 'fault']).default('detection'),
    reason: z.string().default(''),
  })
  .strict();

const severity = z.number().int().min(1).max(4);

const rubric = z
  .object({
    severity,
    incidentType: z.enum(INCIDENT_TYPES),
    mttd: duration,
    mttc: duration,
    triageWithin: duration,
    acceptableContainments: z.array(id).min(1),
    harmfulContainments: z.array(id).default([]),
    /** The containment a textbook team would choose; used for the best-achievable harm figure. */
    bestContainment: id,
    rootCause: id,
    notifications: z.array(notificationTarget).default([]),
    /** Internal status-update cadence by severity (Severity 1 every 30 minutes, ...). */
    statusCadence: z.object({ '1': duration.optional(), '2': duration.optional(), '3': duration.optional(), '4': duration.optional() }).strict().default({}),
    evidenceBeforeChanges: z.boolean().default(true),
    requiredRoles: z.array(z.enum(ROLES)).default(['incident_commander', 'communications_lead', 'scribe']),
    weights: z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, z.number().min(0)])) as Record<Dimension, z.ZodNumber>).strict(),
  })
  .strict();

/** Figures the scenario's story states, checked by tests against a do-nothing run. */
const statedFigure = z.object({ harm: id, at: duration, value: z.number(), tolerance: z.number().min(0).default(0) }).strict();

export const scenarioSchema = z
  .object({
    id,
    version: z.number().int().min(1),
    title: text,
    summary: text,
    system: z.object({ name: text, description: z.string().default(''), client: text }).strict(),
    objectives: z.array(text).min(1),
    difficulty: z.enum(['introductory', 'intermediate', 'advanced']),
    expectedDuration: duration,
    sources: z.array(z.object({ title: text, url: z.string().optional() }).strict()).default([]),
    clock: z
      .object({
        /** Wall-clock time at sim start, as local ISO without zone: 2026-03-09T03:00 */
        start: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'use YYYY-MM-DDTHH:MM'),
        /** The exercise ends (uncontained) after this much sim time. */
        horizon: duration,
      })
      .strict(),
    fault,
    metrics: z.array(metric).default([]),
    harm: z.array(harm).min(1),
    injects: z.array(inject).min(1),
    investigations: z.array(investigation).default([]),
    containments: z.array(containment).min(1),
    evidence: z.array(evidence).default([]),
    rootCauses: z.array(rootCause).min(2),
    hints: z.array(hint).default([]),
    rubric,
    statedFigures: z.array(statedFigure).default([]),
  })
  .strict();

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Metric = Scenario['metrics'][number];
export type Harm = Scenario['harm'][number];
export type Inject = Scenario['injects'][number];
export type Containment = Scenario['containments'][number];
export type Investigation = Scenario['investigations'][number];
export type NotificationTarget = Scenario['rubric']['notifications'][number];
