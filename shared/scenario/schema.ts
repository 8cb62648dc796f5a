/**
 * The scenario format (v2): what a YAML scenario file may contain.
 *
 * Scenarios are data, never code. This zod schema is the single definition of the format; the
 * loader (load.ts) turns its issues into `file:line:column  path: message` problems, and
 * cross-check.ts adds the checks a schema cannot express (references, cycles, impossible times).
 * Durations are written as "3h47m" / "90m" / minutes and become milliseconds of sim time.
 *
 * v1 files (one `fault:` instead of `faults:`) still load: migrate-v1.ts turns them into this
 * shape before the schema sees them, and `firebreak migrate` writes the result back as YAML.
 */
import { z } from 'zod';
import { isTimeZone } from '../i18n/words.ts';
import { MAX_DURATION, parseDuration, parseSignedDuration } from './duration.ts';
import { frameworkTagsSchema } from '../frameworks/tags.ts';
import { REGULATORY_PROFILE_IDS } from '../frameworks/regulatory-profiles.ts';
import { EXERCISE_PLAN_FIELDS, INJECT_PLAN_FIELDS } from './exercise-plan.ts';

const duration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (use e.g. 90m, 3h47m, 2d; at most ${MAX_DURATION / 86_400_000} days)` });
    return z.NEVER;
  }
  return ms;
});

/** A sim time that may be before the exercise began ("-30d": a flaw present since launch). */
const signedDuration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseSignedDuration(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (use e.g. 90m, 3h47m, or -30d for before the exercise)` });
    return z.NEVER;
  }
  return ms;
});

/** Every number in a scenario is finite and within a sane magnitude (no NaN, no 1e308). */
const LIMIT = 1e12;
const num = () => z.number().finite('must be a finite number').min(-LIMIT, `must be at least ${-LIMIT}`).max(LIMIT, `must be at most ${LIMIT}`);
const nonNeg = () => num().min(0, 'must not be negative');
const factor = () => num().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

/** #17: an IANA time zone name the runtime knows (Europe/Paris, America/New_York). */
const timeZone = z.string().refine(isTimeZone, 'not an IANA time zone name (such as Europe/Paris or America/New_York)');

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'ids use lowercase letters, digits, - and _');
const text = z.string().min(1, 'must not be empty');
const ids = z.array(id);

// --- #17 working hours: one definition for business-time deadlines, harm rates, traffic and targets ---
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WORKING_HOURS_TARGETS = ['mttd', 'mttc', 'triageWithin'] as const;
/** A time of day, 00:00 to 24:00 (24:00: open until midnight). */
const timeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'use HH:MM between 00:00 and 24:00, such as 09:00 or 17:30');
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/**
 * When a business is open, on the scenario's wall clock (or in `timeZone`, daylight-saving changes
 * included): these days, from `open` to `close`, and closed on clock.holidays unless `holidays: false`.
 * Defaults: Monday to Friday, 09:00 to 17:00.
 */
const schedule = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1, 'name at least one day (mon ... sun)').default(['mon', 'tue', 'wed', 'thu', 'fri']),
    open: timeOfDay.default('09:00'),
    close: timeOfDay.default('17:00'),
    timeZone: timeZone.optional(),
    /** Closed on the scenario's public holidays (clock.holidays); false: a service that runs on holidays too. */
    holidays: z.boolean().default(true),
  })
  .strict()
  .superRefine((v, ctx) => {
    const ok = (x: string) => /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(x);
    if (ok(v.open) && ok(v.close) && minutesOf(v.close) <= minutesOf(v.open))
      ctx.addIssue({
        code: 'custom',
        path: ['close'],
        message: `closes at ${v.close}, not after it opens at ${v.open} (hours past midnight: close at 24:00 and open at 00:00 the next day)`,
      });
  });
export type ScheduleDef = z.output<typeof schedule>;
/** Names a schedule of clock.schedules; absent: clock.workingHours. */
const scheduleRef = id.optional();
/** Harm at a rate per hour while the schedule is open, and `outsideHours` per hour while it is closed. */
const harmRate = z.object({ perHour: nonNeg(), outsideHours: nonNeg().default(0), schedule: scheduleRef }).strict();
/** A traffic-driven metric: its whole value (baseline, noise, drivers, faults' effects) times `outsideHours` while the schedule is closed. */
const metricHours = z.object({ outsideHours: nonNeg(), schedule: scheduleRef }).strict();
// --- end #17 working hours ---

export const SURFACES = [
  'model_version',
  'prompt',
  'retrieval_source',
  'configuration',
  'input_data_pipeline',
  'provider_update',
  'provider_outage',
  'concept_drift',
  'adversarial_input',
  'downstream_automation',
  'design_flaw',
  // #17 vocabulary: an operational cause that is not the AI's (a mistyped command, a full disk).
  'operational',
] as const;

export const CHANNELS = ['monitoring_alert', 'dashboard', 'ticket', 'client', 'provider', 'social_press', 'regulator', 'internal'] as const;

/**
 * Incident types, after the taxonomies AI incident programmes use. Output-quality types sit beside
 * the classic ones; harmful content, security exploitation and regulatory violation are subtypes
 * (INCIDENT_TYPE_PARENT) so a rubric may accept either the subtype or its parent.
 */
export const INCIDENT_TYPES = [
  'performance_degradation',
  'quality_degradation',
  'hallucination_misinformation',
  'relevance_failure',
  'bias_fairness',
  'safety',
  'harmful_content',
  'privacy_data_leakage',
  'security',
  'security_exploitation',
  'availability',
  'data_integration',
  'governance',
  'regulatory_violation',
] as const;

export const INCIDENT_TYPE_PARENT: Partial<Record<(typeof INCIDENT_TYPES)[number], (typeof INCIDENT_TYPES)[number]>> = {
  harmful_content: 'safety',
  security_exploitation: 'security',
  regulatory_violation: 'governance',
};

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
  'failover',
  'rate_limit',
  'refund',
  // #17 vocabulary: restoring data from a backup, adding capacity.
  'restore_backup',
  'add_capacity',
] as const;

export const ROLES = ['incident_commander', 'technical_lead', 'communications_lead', 'scribe', 'client_liaison', 'data_lead'] as const;

export const AUDIENCES = ['internal', 'client', 'regulator', 'affected_users', 'public'] as const;

/** The team's actions, which a room role may be allowed (the facilitator's own inputs are never a role's). */
export const TEAM_ACTIONS = [
  'ACKNOWLEDGE',
  'TRIAGE',
  'ASSIGN_ROLE',
  'INVESTIGATE',
  'CONTAIN',
  'LIFT',
  'PRESERVE_EVIDENCE',
  'COMMUNICATE',
  'DECLARE_ROOT_CAUSE',
  'RESOLVE',
  'PLAN_NOTICE',
] as const;
export type TeamAction = (typeof TEAM_ACTIONS)[number];

export const DIMENSIONS = ['detection', 'triage', 'containment', 'investigation', 'communication', 'documentation'] as const;

/** Content elements of a notification (what an initial notice needs; a regulator's breach notice). */
export const MESSAGE_ELEMENTS = [
  'what_happened',
  'impact',
  'actions_taken',
  'recipient_actions',
  'next_update',
  'nature',
  'categories_and_numbers',
  'likely_consequences',
  'measures_taken',
  'contact_point',
] as const;

export type Surface = (typeof SURFACES)[number];
export type Channel = (typeof CHANNELS)[number];
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export type ContainmentKind = (typeof CONTAINMENT_KINDS)[number];
export type Role = (typeof ROLES)[number];
export type Audience = (typeof AUDIENCES)[number];
export type Dimension = (typeof DIMENSIONS)[number];
export type MessageElement = (typeof MESSAGE_ELEMENTS)[number];

/** Only in these variants (absent: in every variant). */
const inVariants = ids.min(1).optional();

/** A point on a fault's intensity curve (0 = no effect, 1 = full effect), relative to fault start. */
const intensityPoint = z.object({ at: duration, intensity: num().min(0).max(5) }).strict();

const fault = z
  .object({
    id,
    surface: z.enum(SURFACES),
    /** Sim time the fault begins; negative when it was already there before the exercise. */
    startsAt: signedDuration,
    description: text,
    /** Piecewise-linear intensity over fault age; defaults to full effect from the start. */
    evolution: z
      .array(intensityPoint)
      .min(1)
      .default([{ at: 0, intensity: 1 }]),
    /** The root cause (rootCauses id) behind this fault. */
    rootCause: id.optional(),
    // --- #17 domain gaps: a fault that ends by itself ---
    /**
     * Fault age at which it ends by itself (a provider that recovers): from then on it acts no
     * more, its harm stops, and lifting a failover afterwards brings nothing back.
     */
    endsAfter: duration.optional(),
    // --- end #17 ---
    variants: inVariants,
  })
  .strict();

/** A point of a metric's external driver: added to the value whatever the team does. */
const driverPoint = z.object({ at: duration, value: num() }).strict();

const metric = z
  .object({
    id,
    label: text,
    unit: z.string().default(''),
    baseline: num(),
    /** Amplitude of seeded noise around the baseline (uniform in ±noise). */
    noise: nonNeg().default(0),
    /** Added to the value at intensity 1 of each fault (fault id → effect) while it acts. */
    effects: z.record(id, num()).default({}),
    /** Background trend per hour of sim time, following no fault. */
    trendPerHour: num().default(0),
    /** An external driver the team cannot affect (piecewise linear over sim time). */
    driver: z.array(driverPoint).default([]),
    decimals: z.number().int().min(0).max(4).default(1),
    /** Shown on the room's projector dashboards (false keeps it on the facilitator console). */
    public: z.boolean().default(true),
    min: num().optional(),
    max: num().optional(),
    // --- #20 rolling windows ---
    /**
     * The dashboard shows a rolling mean over this window ("24h" for a trailing 24-hour figure):
     * a fault's effect fills in over the window and clears over the window after a fix, and the
     * noise drifts over a twenty-fourth of the window instead of jumping every minute.
     */
    window: duration.optional(),
    // --- end #20 rolling windows ---
    // --- #17 working hours ---
    hours: metricHours.optional(),
    // --- end #17 ---
  })
  .strict();

/** Harm grows linearly over a window of fault age (`total` spread evenly from `from` to `to`). */
const accrualSegment = z.object({ from: duration, to: duration, total: nonNeg() }).strict();
/** Or in discrete occurrences (one customer's data leaked at fault age `at`). */
const occurrence = z.object({ at: duration, amount: nonNeg().default(1), note: z.string().optional() }).strict();

const harm = z
  .object({
    id,
    label: text,
    unit: z.string().default(''),
    kind: z.enum(['people', 'decisions', 'records', 'money']).default('people'),
    /**
     * What drives it: a fault's id (accrual is in that fault's age), `external` (accrual in sim
     * time, no containment touches it: views of a viral post), or `action` (only what containments
     * create, see containments[].createsHarm).
     */
    source: z.string().regex(/^(external|action|[a-z0-9][a-z0-9_-]*)$/, 'a fault id, external or action'),
    /** Harm the team cannot stop does not block "contained" (external and action harm never do). */
    containable: z.boolean().default(true),
    // --- #17 domain gaps: a harm that needs two faults together ---
    /**
     * Further faults this harm needs acting at the same time as its source: it accrues (in fault age)
     * from the moment the last of them began, and stops when any of them is fixed or ends.
     */
    alsoNeeds: ids.default([]),
    // --- #17 domain gaps: external harm that starts at an event ---
    /**
     * For `source: external`: accrual runs from the moment this event happens (an inject that
     * itself depends on what the team did: the press story that runs only if nobody told the
     * client), in sim time since then; no harm if it never happens. Absent: from T+0.
     */
    startsWith: z
      .string()
      .regex(/^(fault|detection|containment|(fault|inject|action|finding|communication|lifted|fixed):[a-z0-9_-]+)$/, 'an event (inject:<id>, action:<id>, ...)')
      .optional(),
    // --- #17 working hours: a rate that follows the schedule (added to any accrual) ---
    rate: harmRate.optional(),
    // --- end #17 ---
    accrual: z.array(accrualSegment).default([]),
    occurrences: z.array(occurrence).default([]),
  })
  .strict();

const eventRef = z
  .string()
  .regex(
    /^(fault|detection|containment|(fault|inject|action|finding|communication|lifted|fixed):[a-z0-9_-]+)$/,
    'unknown event form (fault, detection, containment, fault:<id>, inject:<id>, action:<id>, finding:<id>, communication:<audience>, lifted:<id>, fixed:<id>)',
  );

/** What makes an inject fire: an absolute sim time, a delay after another event, or a metric. */
const trigger = z.union([
  z.object({ at: duration }).strict(),
  z.object({ after: z.object({ event: eventRef, delay: duration.default(0) }).strict() }).strict(),
  z
    .object({
      /** Fires the first minute the metric is above (or below) the threshold. */
      metric: id,
      above: num().optional(),
      below: num().optional(),
    })
    .strict()
    .refine((m) => (m.above === undefined) !== (m.below === undefined), 'give exactly one of above / below'),
]);

const severity = z.number().int().min(1).max(4);

/**
 * A condition on the state of the run, all parts joined by "and". Used by injects (`when`) and by
 * notification obligations (only due when it holds).
 */
const condition = z
  .object({
    contained: z.boolean().optional(),
    detected: z.boolean().optional(),
    actionTaken: id.optional(),
    actionNotTaken: id.optional(),
    /** The severity in force is one of these (1 is the most severe). */
    severityIn: z.array(severity).min(1).optional(),
    /** Not triaged yet counts as not severe. */
    triaged: z.boolean().optional(),
    notified: z.array(z.enum(AUDIENCES)).min(1).optional(),
    notNotified: z.array(z.enum(AUDIENCES)).min(1).optional(),
    injectFired: id.optional(),
    injectNotFired: id.optional(),
    /** A containment is in effect right now. */
    inEffect: id.optional(),
    notInEffect: id.optional(),
    /** A containment was ever decided (even if later lifted). */
    everApplied: id.optional(),
    faultActive: id.optional(),
    faultFixed: id.optional(),
    /** At least this much sim time since an event (same forms as trigger.after.event). */
    since: z.object({ event: eventRef, atLeast: duration }).strict().optional(),
    variant: z.array(id).min(1).optional(),
  })
  .strict();

const roleId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'role ids use lowercase letters, digits and _ (e.g. fraud_analyst)');

/**
 * A room role: a built-in one (incident_commander, …) whose view or permissions the scenario
 * changes, or a new one the scenario defines (then `label` is required). Unset fields keep the
 * built-in role's rule, or nothing for a new role.
 */
const roleDef = z
  .object({
    id: roleId,
    label: text.optional(),
    /** Signal channels routed to this role's feed. */
    channels: z.union([z.literal('all'), z.array(z.enum(CHANNELS))]).optional(),
    /** Sees the public dashboards. */
    dashboards: z.boolean().optional(),
    /** The team actions this role may take. */
    actions: z.array(z.enum(TEAM_ACTIONS)).optional(),
    /** Who this role may write to (with COMMUNICATE). */
    audiences: z.union([z.literal('all'), z.array(z.enum(AUDIENCES))]).optional(),
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
    /** Facilitator-only marker: the signal is noise, not a fault. */
    redHerring: z.boolean().default(false),
    /**
     * The faults this signal shows. Once any inject declares it, only signals that show a fault
     * already begun count as real signals (detection, MTTD and the response clock start there); a
     * routine change ticket after the fault is then no sign of it.
     */
    shows: ids.min(1).optional(),
    /** In a live room, the roles whose screens receive this signal (empty: by channel, per the role table). */
    roles: z.array(roleId).default([]),
    variants: inVariants,
    // Exercise plan (exercise-plan.ts): questions, expected actions, objectives, facilitator notes.
    ...INJECT_PLAN_FIELDS,
  })
  .strict();

const findingText = z.object({ title: text, body: text }).strict();

const investigation = z
  .object({
    id,
    label: text,
    duration,
    /** The fault this investigation looks at; its finding depends on that fault's state. */
    fault: id.optional(),
    /** What it shows while the fault acts (the defect). */
    finding: findingText,
    /** What it shows before the fault began (default: normal readings). */
    findingBefore: findingText.optional(),
    /** What it shows after the fault was fixed (default: recovery). */
    findingAfter: findingText.optional(),
    /** A scoping finding also reports this harm so far. */
    reportsHarm: id.optional(),
    /** The finding points at a real fault (used for investigation scoring). */
    relevant: z.boolean().default(false),
    variants: inVariants,
  })
  .strict();

/** What a containment does to one metric while in effect. */
const metricEffect = z
  .object({
    /** Multiplier on the faults' effect on this metric (0 removes it, 1 leaves it). */
    faultFactor: factor().optional(),
    /** Multiplier on the whole value (a kill switch: 0 for traffic-based metrics). */
    scale: nonNeg().optional(),
    /** Added to the value (a failover's own overhead). */
    offset: num().optional(),
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
    /** Only possible once this investigation's finding has shown the defect. */
    requiresFinding: id.optional(),
    /** Time from the decision until the change takes effect. */
    takesEffectAfter: duration.default(0),
    /** Can be lifted later (a kill switch); fixes cannot be undone. */
    liftable: z.boolean().default(true),
    /** Multiplier on each harm's growth while in effect (0 stops it, 1 does not help). Missing = 1. */
    harmFactor: z.record(id, factor()).default({}),
    /** Multiplier on every fault's effect on metrics not listed in metricEffects. */
    metricFactor: factor().default(1),
    metricEffects: z.record(id, metricEffect).default({}),
    /** Removes these faults' root cause for good: they stop acting once this takes effect. */
    fixes: ids.default([]),
    costs: z
      .object({
        revenuePerHour: nonNeg().default(0),
        usersWithoutService: nonNeg().default(0),
        /** Paid once, when decided (a refund, a settlement). */
        oneOff: nonNeg().default(0),
      })
      .strict()
      .default({ revenuePerHour: 0, usersWithoutService: 0, oneOff: 0 }),
    /** Harm this action itself causes, per hour in effect (harm id → amount; harm source: action). */
    createsHarm: z.record(id, nonNeg()).default({}),
    // --- #17 domain gaps: a one-off harm an action creates ---
    /** Harm this action causes once, when it takes effect (a re-seed writing 4,000 fabricated records). */
    createsHarmOnce: z.record(id, nonNeg()).default({}),
    // --- end #17 ---
  })
  .strict();

const evidence = z
  .object({
    id,
    label: text,
    // --- #17 domain gaps: evidence that must be kept before a specific change ---
    /**
     * The containments this evidence must be preserved before (purging a payload, altering the
     * system: EU AI Act Art. 73(6)); it is judged against the first of them decided, not the first change.
     */
    before: ids.min(1).optional(),
    // --- end #17 ---
  })
  .strict();
const rootCause = z.object({ id, label: text }).strict();
const hint = z.object({ id, text }).strict();

const notificationTarget = z
  .object({
    /** Defaults to the audience; give one when an audience has two obligations. */
    id: id.optional(),
    audience: z.enum(AUDIENCES),
    /** Deadline measured from `from`. */
    within: duration,
    /** detection (awareness), fault (its start), or an event (inject:<id>, fault:<id>, ...). */
    from: z.union([z.enum(['detection', 'fault']), eventRef]).default('detection'),
    /**
     * Counted in calendar time, business hours (Mon–Fri 09:00–17:00) or business days, or in days
     * by the EU rule (#17, Regulation 1182/71: from the next day to the end of the last, rolled past
     * weekends and clock.holidays). Business time skips clock.holidays too.
     */
    clock: z.enum(['calendar', 'business_hours', 'business_days', 'eu_days']).default('calendar'),
    // --- #17 time zones ---
    /** Business hours and days counted in this IANA zone (a regulator abroad); needs clock.timeZone. */
    timeZone: timeZone.optional(),
    // --- end #17 ---
    /** Only an obligation when this holds at the start of the clock or later (e.g. Severity 1). */
    when: condition.optional(),
    /** Elements a notice must carry to count (defaults by audience, see shared/scoring). */
    elements: z.array(z.enum(MESSAGE_ELEMENTS)).optional(),
    /**
     * What this audience must be told, per element: any one of `mentions` (case-insensitive, a
     * word stem is enough), a number within `tolerance` of `number`; and what is false (`falseIf`):
     * a notice saying it earns no content.
     */
    facts: z
      .array(
        z
          .object({
            element: z.enum(MESSAGE_ELEMENTS),
            mentions: z.array(text).min(1).optional(),
            number: z
              .object({
                value: num().optional(),
                tolerance: nonNeg().default(0),
                // --- #17 notice content vs the world's state when it was sent ---
                /** The number to state is this harm's total at the moment the notice is sent (instead of `value`). */
                harm: id.optional(),
                /** Also accepted within this share of the number (0.1: 10%), when larger than `tolerance`. */
                relativeTolerance: factor().optional(),
                // --- end #17 ---
              })
              .strict()
              .refine((n) => (n.value === undefined) !== (n.harm === undefined), 'give exactly one of value / harm')
              .optional(),
            falseIf: z.array(text).min(1).optional(),
            // --- #17 notice content vs the world's state when it was sent ---
            /**
             * The wall-clock time (HH:MM) of this event that the notice must state, within
             * `tolerance`: the fault's start (fault, fault:<id>) or any event (inject:<id>, ...).
             */
            time: z
              .object({ event: eventRef, tolerance: duration.default(0) })
              .strict()
              .optional(),
            /** The fact (what to state and what is false) holds only for a notice sent while this held. */
            when: condition.optional(),
            /** ... and only for a notice sent at or after this sim time, and before `trueUntil`. */
            trueFrom: duration.optional(),
            trueUntil: duration.optional(),
            // --- end #17 ---
          })
          .strict(),
      )
      .optional(),
    /**
     * The deadline may fall after the horizon on purpose: the open-obligation rule judges it (met,
     * or a dated plan recorded before the end), so `validate --check` does not warn.
     */
    mayRemainOpen: z.boolean().optional(),
    reason: z.string().default(''),
  })
  .strict();

const rubricCore = {
  severity,
  /** One correct incident type, or several equally acceptable ones. */
  incidentType: z.union([z.enum(INCIDENT_TYPES), z.array(z.enum(INCIDENT_TYPES)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v])),
  acceptableContainments: ids.min(1),
  harmfulContainments: ids.default([]),
  /** The containments a textbook team would choose together; used for the best-achievable harm. */
  bestResponse: ids.min(1),
  rootCause: id,
};

const rubricOverride = z
  .object({
    severity: rubricCore.severity.optional(),
    incidentType: rubricCore.incidentType.optional(),
    acceptableContainments: rubricCore.acceptableContainments.optional(),
    harmfulContainments: ids.optional(),
    bestResponse: rubricCore.bestResponse.optional(),
    rootCause: id.optional(),
  })
  .strict();

const rubric = z
  .object({
    ...rubricCore,
    mttd: duration,
    mttc: duration,
    triageWithin: duration,
    notifications: z.array(notificationTarget).default([]),
    /** Internal status-update cadence by severity (Severity 1 every 30 minutes, ...). */
    statusCadence: z.object({ '1': duration.optional(), '2': duration.optional(), '3': duration.optional(), '4': duration.optional() }).strict().default({}),
    evidenceBeforeChanges: z.boolean().default(true),
    requiredRoles: z.array(z.enum(ROLES)).default(['incident_commander', 'communications_lead', 'scribe']),
    weights: z
      .object(Object.fromEntries(DIMENSIONS.map((d) => [d, nonNeg().max(100)])) as Record<Dimension, z.ZodNumber>)
      .strict()
      .refine((w) => Object.values(w).some((x) => x > 0), 'at least one weight must be above 0, or nothing can score'),
    /** Per-variant changes to the answer (a different root cause when another surface failed). */
    variants: z.record(id, rubricOverride).default({}),
    // --- #17 domain gaps: an incident with more than one root cause ---
    /** Further root causes the team must also declare (several causes together); none: one cause. */
    alsoRootCauses: ids.default([]),
    // --- end #17 ---
    // --- #17 working hours ---
    /** Targets counted in working hours (clock.workingHours): "contain within 4 working hours". MTTD/MTTC stay elapsed time. */
    inWorkingHours: z.array(z.enum(WORKING_HOURS_TARGETS)).default([]),
    // --- end #17 ---
  })
  .strict();

/** Figures the scenario's story states, checked by tests against a do-nothing run. */
const statedFigure = z.object({ harm: id, at: duration, value: num(), tolerance: nonNeg().default(0), variant: id.optional() }).strict();

const variant = z.object({ id, label: text, description: z.string().default('') }).strict();

/** A real calendar date and time: rejects 2026-02-31T25:61. */
const clockStart = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'use YYYY-MM-DDTHH:MM')
  .refine((v) => {
    // The regex above reports a malformed value; this checks only well-formed ones.
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
    if (!m) return true;
    const [y, mo, d, h, mi, sec] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
    const dt = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d && dt.getUTCHours() === h && dt.getUTCMinutes() === mi && h < 24;
  }, 'not a real date and time (check the month length and that hours are 00–23, minutes 00–59)');

export const scenarioSchema = z
  .object({
    /** Format marker written by `firebreak migrate`; v1 files have none and are migrated on load. */
    format: z.literal(2).optional(),
    id,
    version: z.number().int().min(1).max(1_000_000),
    title: text,
    summary: text,
    system: z.object({ name: text, description: z.string().default(''), client: text }).strict(),
    difficulty: z.enum(['introductory', 'intermediate', 'advanced']),
    expectedDuration: duration,
    /** The currency every amount of money in the scenario is in (ISO 4217: USD, EUR, GBP). */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code in capitals, such as USD, EUR or GBP')
      .default('USD'),
    sources: z.array(z.object({ title: text, url: z.string().optional() }).strict()).default([]),
    clock: z
      .object({
        /** Wall-clock time at sim start, as local ISO without zone: 2026-03-09T03:00 */
        start: clockStart,
        /** The exercise ends (uncontained) after this much sim time. */
        horizon: duration,
        // --- #17 domain gaps: public holidays, skipped by business time and EU-rule days ---
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')).optional(),
        /** #17: the IANA time zone `start` is local time in (Europe/Paris), for obligations counted in another zone. */
        timeZone: timeZone.optional(),
        // --- end #17 ---
        // --- #17 working hours: the default schedule (business-time deadlines too), and named ones ---
        workingHours: schedule.optional(),
        schedules: z.record(id, schedule).default({}),
        // --- end #17 working hours ---
      })
      .strict(),
    /** Alternative versions of what went wrong; one is chosen per run (by seed or facilitator). */
    variants: z.array(variant).default([]),
    faults: z.array(fault).min(1),
    metrics: z.array(metric).default([]),
    harm: z.array(harm).min(1),
    injects: z.array(inject).min(1),
    investigations: z.array(investigation).default([]),
    containments: z.array(containment).min(1),
    evidence: z.array(evidence).default([]),
    rootCauses: z.array(rootCause).min(2),
    hints: z.array(hint).default([]),
    /** Room roles: the built-in ones' views and permissions changed, or new ones (see scenarios/README.md). */
    roles: z.array(roleDef).default([]),
    // --- #21 scenario library: facilitator-only text (kept in its own block for merges) ---
    /**
     * What only the facilitator reads: the brief (what really happens, the answer) and the
     * giveaways, words and phrases that would spoil the exercise if a player saw them. Player text
     * (title, summary, objectives, system and client names: the library card, setup and the
     * projector briefing) must not contain a giveaway, the root cause's label, or a fault's
     * description; `firebreak validate --check` warns when it does.
     */
    facilitator: z
      .object({ brief: z.string().default(''), giveaways: z.array(text).default([]) })
      .strict()
      .default({ brief: '', giveaways: [] }),
    /** AI-risk framework tags, each with the framework version (shared/frameworks/tags.ts). */
    frameworks: frameworkTagsSchema.default({}),
    /**
     * Legal notification clocks reused by id (shared/frameworks/regulatory-profiles.ts); each
     * expands on load into a rubric.notifications obligation that cites the article.
     */
    regulatory: z
      .array(
        z
          .object({ profile: z.enum(REGULATORY_PROFILE_IDS), from: z.union([z.enum(['detection', 'fault']), eventRef]).optional(), when: condition.optional() })
          .strict(),
      )
      .default([]),
    // --- end #21 ---
    rubric,
    statedFigures: z.array(statedFigure).default([]),
    // Exercise plan (exercise-plan.ts): objectives, capabilities, modules, overview.
    ...EXERCISE_PLAN_FIELDS,
  })
  .strict();

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Fault = Scenario['faults'][number];
export type Metric = Scenario['metrics'][number];
export type Harm = Scenario['harm'][number];
export type Inject = Scenario['injects'][number];
export type Containment = Scenario['containments'][number];
export type Investigation = Scenario['investigations'][number];
export type NotificationTarget = Scenario['rubric']['notifications'][number];
export type Condition = NonNullable<Inject['when']>;
export type Rubric = Scenario['rubric'];
export type Variant = Scenario['variants'][number];
export type RoleDef = Scenario['roles'][number];
