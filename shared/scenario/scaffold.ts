/**
 * `firebreak new <id>`: a new scenario with every section present and commented, that validates
 * and passes `validate --check` as written, so an author starts from something that runs and
 * changes it one section at a time.
 *
 * The template is one small incident (a prompt change makes a support bot's answers worse) with
 * the shape a good scenario has: a timeline comment, a red herring, a metric alert, a branch on
 * `contained`, a tempting wrong containment, a stated figure. A top-level field the template
 * does not show yet (the format grows) is listed at the end as a commented pointer to the README.
 */
import { SCHEMA_MODELINE } from './json-schema.ts';
import { scenarioSchema } from './schema.ts';

const ID = /^[a-z0-9][a-z0-9_-]*$/;

export function isScenarioId(id: string): boolean {
  return ID.test(id) && id.length <= 80;
}

export function scaffoldScenario(id: string): string {
  if (!isScenarioId(id)) throw new Error(`"${id}" is not a scenario id (lowercase letters, digits, - and _, starting with a letter or digit)`);
  const body = TEMPLATE.replaceAll('__ID__', id);
  const shown = new Set([...body.matchAll(/^#? ?([a-zA-Z]+):/gm)].map((m) => m[1]));
  const missing = Object.keys(scenarioSchema.shape).filter((k) => !shown.has(k));
  const tail = missing.length
    ? `\n# More sections this format accepts (see scenarios/README.md for each):\n${missing.map((k) => `# ${k}: ...`).join('\n')}\n`
    : '';
  return `${SCHEMA_MODELINE}\n${body}${tail}`;
}

const TEMPLATE = `format: 2 # the scenario format (v2)
# __ID__: one line saying what goes wrong (for authors; players never see comments).
#
# Timeline (wall clock; sim time T+0 = Mon 2026-03-09 09:00; fault age in brackets). Keep it
# up to date: you will need it when you tune numbers.
#   09:10  T+10m              Vendor maintenance notice (red herring).
#   09:30  T+30m     [0]      FAULT. A prompt change makes the bot invent refund rules.
#   ~09:45           [~15m]   First alert: wrong-answer rate above 5% (metric trigger).
#   10:30  T+1h30m   [1h]     Customer complaint ticket.
#   11:00  T+2h      [1h30m]  Client escalation (only if still uncontained).
#   11:30  T+2h30m   [2h]     Stated figure: 400 wrong answers if nobody acts.
#   13:00  T+4h      [3h30m]  Horizon: 700 wrong answers if nobody acts.

# Identity: a lowercase-kebab id, and a version you bump when a change alters scoring.
id: __ID__
version: 1 # bump it when a change alters scoring

# Player text: on the library card, the setup screen and the projector's briefing. Describe the
# situation and who the players are; never the fault or the fix (that goes in facilitator.brief).
title: Answers that do not add up
# summary: who the players are and the situation, not the answer.
summary: >-
  A Monday morning at Acme. The support bot answers about 600 customer questions an hour. You are
  the bot's on-call team.
# objectives: what the exercise trains (also player text).
objectives:
  - Notice a quality problem from a business metric, not an error.
  - Contain it without switching off more than you must.
difficulty: introductory # introductory, intermediate or advanced
expectedDuration: 45m # how long a room takes
# system: the AI system in the story and the client the team reports to.
system:
  name: Acme support bot
  description: LLM assistant that answers billing questions from the help-centre articles.
  client: Acme Customer Support # who the team reports to
sources: [] # real-world references: - { title: ..., url: ... }

# Facilitator only: the answer, and words that would give it away (validate --check looks for
# them in the player text above).
facilitator:
  brief: >-
    At 09:30 a prompt change tells the bot to "be generous", and it starts inventing refund rules.
    Rolling the prompt back fixes it; switching the bot off stops the harm at a cost.
  giveaways: [prompt change, generous]

# Time: durations are "90m", "2h30m", "2d" or minutes. clock.start is local wall time, no zone.
clock:
  start: "2026-03-09T09:00"
  horizon: 4h

# Variants: alternative versions of what went wrong, one per run (drawn by seed or chosen at setup).
# - { id: retrieval, label: The help-centre index went stale }
variants: []

# Faults: what goes wrong. startsAt is sim time; evolution is intensity over fault age (0-1).
faults:
  - id: prompt-regression
    surface: prompt
    startsAt: 30m
    description: A prompt change (v8) tells the bot to be generous; it invents refund rules.
    evolution: [{ at: 0, intensity: 0.5 }, { at: 30m, intensity: 1 }]
    rootCause: prompt-v8

# Metrics: dashboards. value = baseline + noise + effects[fault] x intensity, per sim minute.
metrics:
  - id: wrong-answer-rate
    label: Answers flagged wrong by the QA sampler
    unit: '%'
    baseline: 1
    noise: 0.3
    effects: { prompt-regression: 9 }
    decimals: 1
    min: 0

# Harm: what the story is about. accrual spreads total over [from, to) of fault age.
harm:
  - id: wrong-answers
    label: Customers given a wrong refund answer
    unit: customers
    kind: people
    source: prompt-regression
    accrual: [{ from: 0, to: 3h30m, total: 700 }]

# Injects: the signals. Triggers: at, after (an event + delay), or a metric threshold.
injects:
  - id: vendor-maintenance
    trigger: { at: 10m }
    redHerring: true # facilitator-only marker
    channel: provider
    source: Help-centre vendor
    title: Planned maintenance on the search API, 09:00-10:00
    severity: info
    body: Search may return cached results for up to 5 minutes. No action required.
  - id: qa-alert
    trigger: { metric: wrong-answer-rate, above: 5 }
    channel: monitoring_alert
    source: QA sampler
    title: Wrong-answer rate above 5%
    severity: warning
    body: "Sampled answers flagged wrong: 6.2% (baseline 1%). Top topic: refunds."
  - id: complaint
    trigger: { after: { event: fault, delay: 1h } }
    channel: ticket
    source: Support desk
    title: "Customer quotes a refund rule we do not have"
    severity: warning
    body: A customer insists the bot promised a full refund after 90 days.
  - id: client-escalation
    trigger: { at: 2h }
    when: { contained: false } # a branch: only if still uncontained
    channel: client
    source: Head of Customer Support
    title: Why is the bot still promising refunds?
    severity: critical
    body: Agents are honouring promises the bot made. I need a plan in 30 minutes.

# Investigations: what the team can look into; relevant ones point at the fault.
investigations:
  - id: review-prompt-history
    label: Review recent prompt changes
    duration: 15m
    relevant: true
    fault: prompt-regression
    finding: { title: Prompt v8 went live at 09:30, body: 'It adds "be generous with customers".' }
  - id: check-vendor
    label: Check the help-centre vendor's maintenance
    duration: 10m
    finding: { title: Maintenance finished on time, body: Search results are current. }

# Containments: what the team can do. harmFactor 0 stops a harm; fixes removes a fault for good.
containments:
  - id: disable-bot
    label: Switch the bot off and route customers to agents
    kind: kill_switch
    takesEffectAfter: 5m
    harmFactor: { wrong-answers: 0 }
    metricEffects: { wrong-answer-rate: { faultFactor: 0 } }
    costs: { usersWithoutService: 600 }
  - id: rollback-prompt
    label: Roll the prompt back to v7
    kind: rollback_prompt
    takesEffectAfter: 10m
    liftable: false
    fixes: [prompt-regression]
  - id: rollback-model
    label: Roll the model back to last month's version
    kind: rollback_model
    takesEffectAfter: 20m
    liftable: false
    harmFactor: { wrong-answers: 1 } # the tempting wrong answer: the model is fine

# Evidence worth preserving before changes (scored with rubric.evidenceBeforeChanges).
evidence:
  - id: export-transcripts
    label: Export the flagged transcripts
  - id: snapshot-prompt
    label: Snapshot the live prompt and its change history

# Root causes the team can declare: the right one and plausible wrong ones.
rootCauses:
  - id: prompt-v8
    label: The v8 prompt change
  - id: model-regression
    label: A regression in the model
  - id: vendor-search
    label: Stale search results during maintenance

# Hints the facilitator can reveal.
hints:
  - id: hint-what-changed
    text: What changed in the bot this morning?

# Room roles: change what a built-in role sees and may do, or add your own.
# - { id: qa_analyst, label: QA analyst, channels: [monitoring_alert], dashboards: true, actions: [INVESTIGATE] }
roles: []

# Rubric: the answer and the targets the score card measures.
rubric:
  severity: 2
  incidentType: quality_degradation
  mttd: 30m # from fault start
  mttc: 1h # from declaring
  triageWithin: 15m
  acceptableContainments: [disable-bot, rollback-prompt]
  harmfulContainments: [rollback-model]
  bestResponse: [disable-bot]
  rootCause: prompt-v8
  notifications:
    - { audience: internal, within: 30m, reason: Severity 2 - tell the support leads. }
    - { audience: client, within: 1h, reason: The client hears from us before customers complain. }
  statusCadence: { '1': 30m, '2': 2h }
  evidenceBeforeChanges: true
  requiredRoles: [incident_commander, communications_lead, scribe]
  weights: { detection: 20, triage: 15, containment: 30, investigation: 15, communication: 15, documentation: 5 }

# Numbers the story states, checked against a do-nothing run (at is sim time).
statedFigures:
  - { harm: wrong-answers, at: 2h30m, value: 400, tolerance: 0 }
`;
