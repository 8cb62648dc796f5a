/**
 * Checks a schema-valid scenario for what a schema cannot see: duplicate ids, references to
 * things that do not exist, cycles between injects, and times that cannot happen.
 */
import { AUDIENCES, DIMENSIONS, ROLES, type Condition, type Scenario } from './schema.ts';
import { formatDuration } from './duration.ts';
import { checkExercisePlan } from './exercise-plan.ts';

export interface RefProblem {
  path: (string | number)[];
  message: string;
}

export function crossCheck(s: Scenario): RefProblem[] {
  const out: RefProblem[] = [];
  const add = (path: (string | number)[], message: string) => out.push({ path, message });

  const unique = (list: { id: string }[], key: string) => {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) add([key, i, 'id'], `duplicate id "${item.id}" (also ${key}.${seen.get(item.id)})`);
      else seen.set(item.id, i);
    });
    return new Set(list.map((x) => x.id));
  };
  const variants = unique(s.variants, 'variants');
  const faults = unique(s.faults, 'faults');
  const metrics = unique(s.metrics, 'metrics');
  const harms = unique(s.harm, 'harm');
  const injects = unique(s.injects, 'injects');
  const investigations = unique(s.investigations, 'investigations');
  const containments = unique(s.containments, 'containments');
  const evidence = unique(s.evidence, 'evidence');
  const rootCauses = unique(s.rootCauses, 'rootCauses');
  unique(s.hints, 'hints');
  // Room roles: the built-in ones, and those the scenario defines (a new one needs a label).
  const roles = new Set<string>([...ROLES, ...unique(s.roles, 'roles')]);
  s.roles.forEach((r, i) => {
    if (!(ROLES as ReadonlyArray<string>).includes(r.id) && r.label === undefined)
      add(['roles', i, 'label'], `"${r.id}" is a new role (not one of ${ROLES.join(', ')}), so it needs a label`);
  });

  const known = (set: Set<string>, noun: string, path: (string | number)[], ref: string) => {
    if (!set.has(ref)) add(path, `unknown ${noun} "${ref}"${set.size ? ` (known: ${[...set].slice(0, 8).join(', ')}${set.size > 8 ? ', …' : ''})` : ''}`);
  };
  const checkVariants = (path: (string | number)[], list: string[] | undefined) => list?.forEach((v, i) => known(variants, 'variant', [...path, i], v));

  // Actions share one namespace ("action:<id>" in triggers), so ids must not collide across kinds.
  const actionIds = new Map<string, string>();
  for (const [kind, set] of [
    ['investigations', investigations],
    ['containments', containments],
    ['evidence', evidence],
  ] as const) {
    for (const a of set) {
      const prev = actionIds.get(a);
      if (prev) add([kind], `action id "${a}" is used by both ${prev} and ${kind}`);
      else actionIds.set(a, kind);
    }
  }
  const checkAction = (path: (string | number)[], ref: string) => {
    if (!actionIds.has(ref)) add(path, `unknown action "${ref}" (not an investigation, containment or evidence id)`);
  };

  const horizon = s.clock.horizon;
  s.faults.forEach((f, i) => {
    if (f.startsAt >= horizon)
      add(['faults', i, 'startsAt'], `fault starts at ${formatDuration(f.startsAt)}, at or after the horizon (${formatDuration(horizon)})`);
    f.evolution.forEach((p, j) => {
      if (j > 0 && p.at <= f.evolution[j - 1]!.at) add(['faults', i, 'evolution', j, 'at'], 'evolution points must be in increasing time order');
    });
    if (f.rootCause) known(rootCauses, 'root cause', ['faults', i, 'rootCause'], f.rootCause);
    checkVariants(['faults', i, 'variants'], f.variants);
  });
  if (s.variants.length > 0) {
    // Every variant must leave at least one fault, or there is no incident to play.
    for (const v of s.variants) if (!s.faults.some((f) => !f.variants || f.variants.includes(v.id))) add(['variants'], `variant "${v.id}" has no fault`);
  }

  s.metrics.forEach((m, i) => {
    if (m.min !== undefined && m.max !== undefined && m.min > m.max) add(['metrics', i, 'min'], `min ${m.min} is above max ${m.max}`);
    for (const f of Object.keys(m.effects)) known(faults, 'fault', ['metrics', i, 'effects', f], f);
    m.driver.forEach((p, j) => {
      if (j > 0 && p.at <= m.driver[j - 1]!.at) add(['metrics', i, 'driver', j, 'at'], 'driver points must be in increasing time order');
    });
  });

  const faultById = new Map(s.faults.map((f) => [f.id, f]));
  s.harm.forEach((h, i) => {
    if (h.source !== 'external' && h.source !== 'action') known(faults, 'fault', ['harm', i, 'source'], h.source);
    h.alsoNeeds.forEach((f, j) => known(faults, 'fault', ['harm', i, 'alsoNeeds', j], f));
    if (h.alsoNeeds.length && (h.source === 'external' || h.source === 'action'))
      add(['harm', i, 'alsoNeeds'], 'only a harm a fault drives can need another fault too');
    const creators = s.containments.filter((c) => c.createsHarm[h.id] !== undefined || c.createsHarmOnce[h.id] !== undefined);
    if (h.source === 'action') {
      if (creators.length === 0) add(['harm', i, 'source'], 'no containment creates this harm (containments[].createsHarm or createsHarmOnce)');
    } else if (h.accrual.length === 0 && h.occurrences.length === 0 && !h.rate)
      add(['harm', i], 'give accrual segments, occurrences or a rate, or the harm never grows');
    const f = faultById.get(h.source);
    // Fault-driven accrual is in fault age; external accrual in sim time.
    const window = f ? horizon - f.startsAt : horizon;
    h.accrual.forEach((seg, j) => {
      if (seg.to <= seg.from) add(['harm', i, 'accrual', j, 'to'], `ends (${formatDuration(seg.to)}) before it starts (${formatDuration(seg.from)})`);
      if (seg.to > window)
        add(
          ['harm', i, 'accrual', j, 'to'],
          `${f ? 'fault age' : 'sim time'} ${formatDuration(seg.to)} is past the horizon (${formatDuration(window)} available)`,
        );
    });
    h.occurrences.forEach((o, j) => {
      if (o.at > window)
        add(
          ['harm', i, 'occurrences', j, 'at'],
          `${f ? 'fault age' : 'sim time'} ${formatDuration(o.at)} is past the horizon (${formatDuration(window)} available)`,
        );
    });
  });

  const checkEvent = (path: (string | number)[], event: string) => {
    const [kind, ref] = event.split(':') as [string, string | undefined];
    if (!ref) return;
    if (kind === 'inject') known(injects, 'inject', path, ref);
    if (kind === 'action') checkAction(path, ref);
    if (kind === 'finding') known(investigations, 'investigation', path, ref);
    if (kind === 'lifted') known(containments, 'containment', path, ref);
    if (kind === 'fault' || kind === 'fixed') known(faults, 'fault', path, ref);
    if (kind === 'communication' && !(AUDIENCES as readonly string[]).includes(ref)) add(path, `unknown audience "${ref}" (one of ${AUDIENCES.join(', ')})`);
  };
  // #17: an external harm may start with an event (only external: fault harm starts with its fault).
  s.harm.forEach((h, i) => {
    if (!h.startsWith) return;
    if (h.source !== 'external') add(['harm', i, 'startsWith'], 'only an external harm (source: external) starts with an event');
    else checkEvent(['harm', i, 'startsWith'], h.startsWith);
  });
  const checkCondition = (path: (string | number)[], w: Condition | undefined) => {
    if (!w) return;
    if (w.actionTaken) checkAction([...path, 'actionTaken'], w.actionTaken);
    if (w.actionNotTaken) checkAction([...path, 'actionNotTaken'], w.actionNotTaken);
    if (w.injectFired) known(injects, 'inject', [...path, 'injectFired'], w.injectFired);
    if (w.injectNotFired) known(injects, 'inject', [...path, 'injectNotFired'], w.injectNotFired);
    for (const k of ['inEffect', 'notInEffect', 'everApplied'] as const) if (w[k]) known(containments, 'containment', [...path, k], w[k]!);
    for (const k of ['faultActive', 'faultFixed'] as const) if (w[k]) known(faults, 'fault', [...path, k], w[k]!);
    if (w.since) checkEvent([...path, 'since', 'event'], w.since.event);
    checkVariants([...path, 'variant'], w.variant);
  };

  s.injects.forEach((inj, i) => {
    const t = inj.trigger;
    if ('at' in t && t.at > horizon) add(['injects', i, 'trigger', 'at'], `at ${formatDuration(t.at)} is past the horizon (${formatDuration(horizon)})`);
    if ('metric' in t) known(metrics, 'metric', ['injects', i, 'trigger', 'metric'], t.metric);
    if ('after' in t) checkEvent(['injects', i, 'trigger', 'after', 'event'], t.after.event);
    checkCondition(['injects', i, 'when'], inj.when);
    checkVariants(['injects', i, 'variants'], inj.variants);
    inj.roles.forEach((r, j) => known(roles, 'role', ['injects', i, 'roles', j], r));
    inj.shows?.forEach((f, j) => known(faults, 'fault', ['injects', i, 'shows', j], f));
  });

  // Cycles among "after inject:x" chains would never fire; report each once, at its first member.
  const next = new Map<string, string>();
  for (const inj of s.injects) if ('after' in inj.trigger && inj.trigger.after.event.startsWith('inject:')) next.set(inj.id, inj.trigger.after.event.slice(7));
  const reported = new Set<string>();
  for (const start of next.keys()) {
    const seen: string[] = [];
    let cur: string | undefined = start;
    while (cur !== undefined && !seen.includes(cur)) {
      seen.push(cur);
      cur = next.get(cur);
    }
    if (cur !== undefined && cur === start && !seen.some((x) => reported.has(x))) {
      seen.forEach((x) => reported.add(x));
      const i = s.injects.findIndex((x) => x.id === start);
      add(['injects', i, 'trigger', 'after', 'event'], `injects wait on each other in a cycle: ${[...seen, start].join(' → ')}`);
    }
  }

  s.investigations.forEach((inv, i) => {
    if (inv.fault) known(faults, 'fault', ['investigations', i, 'fault'], inv.fault);
    if (inv.reportsHarm) known(harms, 'harm', ['investigations', i, 'reportsHarm'], inv.reportsHarm);
    checkVariants(['investigations', i, 'variants'], inv.variants);
  });

  s.evidence.forEach((e, i) => e.before?.forEach((c, j) => known(containments, 'containment', ['evidence', i, 'before', j], c)));

  s.containments.forEach((c, i) => {
    if (c.requiresFinding) known(investigations, 'investigation', ['containments', i, 'requiresFinding'], c.requiresFinding);
    for (const key of Object.keys(c.harmFactor)) known(harms, 'harm', ['containments', i, 'harmFactor', key], key);
    for (const key of Object.keys(c.metricEffects)) known(metrics, 'metric', ['containments', i, 'metricEffects', key], key);
    c.fixes.forEach((f, j) => known(faults, 'fault', ['containments', i, 'fixes', j], f));
    for (const field of ['createsHarm', 'createsHarmOnce'] as const) {
      for (const key of Object.keys(c[field])) {
        known(harms, 'harm', ['containments', i, field, key], key);
        const h = s.harm.find((x) => x.id === key);
        if (h && h.source !== 'action') add(['containments', i, field, key], `harm "${key}" must have source: action to be created by a containment`);
      }
    }
    if (c.fixes.length > 0 && c.liftable) add(['containments', i, 'liftable'], 'a containment that fixes a fault cannot be lifted (set liftable: false)');
  });

  const r = s.rubric;
  const checkRubricChoices = (
    path: (string | number)[],
    o: { acceptableContainments?: string[]; harmfulContainments?: string[]; bestResponse?: string[]; rootCause?: string },
  ) => {
    o.acceptableContainments?.forEach((c, i) => {
      known(containments, 'containment', [...path, 'acceptableContainments', i], c);
      if (s.containments.find((x) => x.id === c)?.available === false)
        add([...path, 'acceptableContainments', i], `"${c}" is not available in this scenario, so it cannot be an acceptable choice`);
    });
    o.harmfulContainments?.forEach((c, i) => {
      known(containments, 'containment', [...path, 'harmfulContainments', i], c);
      if ((o.acceptableContainments ?? r.acceptableContainments).includes(c))
        add([...path, 'harmfulContainments', i], `"${c}" is listed as both acceptable and harmful`);
    });
    o.bestResponse?.forEach((c, i) => {
      known(containments, 'containment', [...path, 'bestResponse', i], c);
      if (s.containments.find((x) => x.id === c)?.available === false) add([...path, 'bestResponse', i], `"${c}" is not available in this scenario`);
    });
    if (o.rootCause) known(rootCauses, 'root cause', [...path, 'rootCause'], o.rootCause);
  };
  checkRubricChoices(['rubric'], r);
  r.alsoRootCauses.forEach((c, i) => {
    known(rootCauses, 'root cause', ['rubric', 'alsoRootCauses', i], c);
    if (c === r.rootCause) add(['rubric', 'alsoRootCauses', i], `"${c}" is already the rubric's rootCause`);
  });
  for (const [v, o] of Object.entries(r.variants)) {
    known(variants, 'variant', ['rubric', 'variants', v], v);
    checkRubricChoices(['rubric', 'variants', v], o);
  }

  const ids = new Set<string>();
  r.notifications.forEach((n, i) => {
    const nid = n.id ?? n.audience;
    if (ids.has(nid)) add(['rubric', 'notifications', i, n.id ? 'id' : 'audience'], `two notification obligations share the id "${nid}"; give each an id`);
    ids.add(nid);
    if (n.from !== 'detection' && n.from !== 'fault') checkEvent(['rubric', 'notifications', i, 'from'], n.from);
    checkCondition(['rubric', 'notifications', i, 'when'], n.when);
    // #17: the EU rule counts whole days (Regulation 1182/71); hours would be silently rounded.
    if (n.clock === 'eu_days' && n.within % 86_400_000 !== 0)
      add(['rubric', 'notifications', i, 'within'], 'a period counted by the EU rule (clock: eu_days) is a whole number of days, such as 3d');
    if (n.timeZone && !s.clock.timeZone)
      add(['rubric', 'notifications', i, 'timeZone'], 'give the scenario clock its time zone (clock.timeZone) to count an obligation in another');
    // #17: facts judged against the world's state when the notice was sent.
    (n.facts ?? []).forEach((f, j) => {
      const path = ['rubric', 'notifications', i, 'facts', j];
      if (f.number?.harm) known(harms, 'harm', [...path, 'number', 'harm'], f.number.harm);
      if (f.time) checkEvent([...path, 'time', 'event'], f.time.event);
      checkCondition([...path, 'when'], f.when);
      if (f.trueFrom !== undefined && f.trueUntil !== undefined && f.trueUntil <= f.trueFrom)
        add([...path, 'trueUntil'], `ends (${formatDuration(f.trueUntil)}) before it starts (${formatDuration(f.trueFrom)})`);
    });
  });

  const weightSum = DIMENSIONS.reduce((a, d) => a + r.weights[d], 0);
  if (Math.abs(weightSum - 100) > 1e-9) add(['rubric', 'weights'], `weights add up to ${weightSum}, not 100 (each is a share of the overall score)`);

  s.statedFigures.forEach((f, i) => {
    known(harms, 'harm', ['statedFigures', i, 'harm'], f.harm);
    if (f.at > horizon) add(['statedFigures', i, 'at'], `at ${formatDuration(f.at)} is past the horizon`);
    if (f.variant) known(variants, 'variant', ['statedFigures', i, 'variant'], f.variant);
  });
  // --- #17 working hours: schedules named where they are used; a zone needs the scenario's own ---
  const schedules = new Set(Object.keys(s.clock.schedules ?? {}));
  const checkSchedule = (path: (string | number)[], name: string | undefined) => {
    if (name !== undefined && !schedules.has(name))
      add(
        path,
        `no schedule "${name}" in clock.schedules${schedules.size ? ` (there are: ${[...schedules].join(', ')})` : ''}; leave it out for clock.workingHours`,
      );
  };
  s.harm.forEach((h, i) => {
    if (!h.rate) return;
    checkSchedule(['harm', i, 'rate', 'schedule'], h.rate.schedule);
    if (h.source === 'action') add(['harm', i, 'rate'], 'a harm with source: action grows only by what containments create (createsHarm)');
  });
  s.metrics.forEach((m, i) => checkSchedule(['metrics', i, 'hours', 'schedule'], m.hours?.schedule));
  const zoned: [(string | number)[], { timeZone?: string | undefined } | undefined][] = [
    [['clock', 'workingHours'], s.clock.workingHours],
    ...Object.entries(s.clock.schedules ?? {}).map(([k, v]): [(string | number)[], { timeZone?: string | undefined }] => [['clock', 'schedules', k], v]),
  ];
  for (const [path, def] of zoned)
    if (def?.timeZone && !s.clock.timeZone) add([...path, 'timeZone'], 'give the scenario clock its time zone (clock.timeZone) to keep hours in another');
  // --- end #17 working hours ---
  out.push(...checkExercisePlan(s));
  return out;
}
