/**
 * Checks a schema-valid scenario for what a schema cannot see: duplicate ids, references to
 * things that do not exist, cycles between injects, and times that cannot happen.
 */
import { AUDIENCES, type Scenario } from './schema.ts';
import { formatDuration } from './duration.ts';

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
  const metrics = unique(s.metrics, 'metrics');
  const harms = unique(s.harm, 'harm');
  const injects = unique(s.injects, 'injects');
  const investigations = unique(s.investigations, 'investigations');
  const containments = unique(s.containments, 'containments');
  const evidence = unique(s.evidence, 'evidence');
  const rootCauses = unique(s.rootCauses, 'rootCauses');
  unique(s.hints, 'hints');

  // Actions share one namespace ("action:<id>" in triggers), so ids must not collide across kinds.
  const actionIds = new Map<string, string>();
  for (const [kind, ids] of [
    ['investigations', investigations],
    ['containments', containments],
    ['evidence', evidence],
  ] as const) {
    for (const a of ids) {
      const prev = actionIds.get(a);
      if (prev) add([kind], `action id "${a}" is used by both ${prev} and ${kind}`);
      else actionIds.set(a, kind);
    }
  }

  const horizon = s.clock.horizon;
  if (s.fault.startsAt >= horizon)
    add(['fault', 'startsAt'], `fault starts at ${formatDuration(s.fault.startsAt)}, at or after the horizon (${formatDuration(horizon)})`);
  s.fault.evolution.forEach((p, i) => {
    if (i > 0 && p.at <= s.fault.evolution[i - 1]!.at) add(['fault', 'evolution', i, 'at'], 'evolution points must be in increasing time order');
  });

  s.metrics.forEach((m, i) => {
    if (m.min !== undefined && m.max !== undefined && m.min > m.max) add(['metrics', i, 'min'], `min ${m.min} is above max ${m.max}`);
  });

  const faultWindow = horizon - s.fault.startsAt;
  s.harm.forEach((h, i) => {
    if (h.accrual.length === 0 && h.occurrences.length === 0) add(['harm', i], 'give accrual segments or occurrences, or the harm never grows');
    h.accrual.forEach((seg, j) => {
      if (seg.to <= seg.from) add(['harm', i, 'accrual', j, 'to'], `ends (${formatDuration(seg.to)}) before it starts (${formatDuration(seg.from)})`);
      if (seg.to > faultWindow)
        add(['harm', i, 'accrual', j, 'to'], `fault age ${formatDuration(seg.to)} is past the horizon (the fault runs ${formatDuration(faultWindow)})`);
    });
    h.occurrences.forEach((o, j) => {
      if (o.at > faultWindow)
        add(['harm', i, 'occurrences', j, 'at'], `fault age ${formatDuration(o.at)} is past the horizon (the fault runs ${formatDuration(faultWindow)})`);
    });
  });

  const checkAction = (path: (string | number)[], ref: string) => {
    if (!actionIds.has(ref)) add(path, `unknown action "${ref}" (not an investigation, containment or evidence id)`);
  };

  s.injects.forEach((inj, i) => {
    const t = inj.trigger;
    if ('at' in t && t.at > horizon) add(['injects', i, 'trigger', 'at'], `at ${formatDuration(t.at)} is past the horizon (${formatDuration(horizon)})`);
    if ('metric' in t && !metrics.has(t.metric)) add(['injects', i, 'trigger', 'metric'], `unknown metric "${t.metric}"`);
    if ('after' in t) {
      const [kind, ref] = t.after.event.split(':') as [string, string | undefined];
      const path = ['injects', i, 'trigger', 'after', 'event'];
      if (kind === 'inject' && ref && !injects.has(ref)) add(path, `unknown inject "${ref}"`);
      if (kind === 'action' && ref) checkAction(path, ref);
      if (kind === 'finding' && ref && !investigations.has(ref)) add(path, `unknown investigation "${ref}"`);
      if (kind === 'communication' && ref && !(AUDIENCES as readonly string[]).includes(ref))
        add(path, `unknown audience "${ref}" (one of ${AUDIENCES.join(', ')})`);
    }
    if (inj.when?.actionTaken) checkAction(['injects', i, 'when', 'actionTaken'], inj.when.actionTaken);
    if (inj.when?.actionNotTaken) checkAction(['injects', i, 'when', 'actionNotTaken'], inj.when.actionNotTaken);
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

  s.containments.forEach((c, i) => {
    if (c.requiresFinding && !investigations.has(c.requiresFinding))
      add(['containments', i, 'requiresFinding'], `unknown investigation "${c.requiresFinding}"`);
    for (const key of Object.keys(c.harmFactor)) if (!harms.has(key)) add(['containments', i, 'harmFactor', key], `unknown harm "${key}"`);
  });

  const r = s.rubric;
  r.acceptableContainments.forEach((c, i) => {
    if (!containments.has(c)) add(['rubric', 'acceptableContainments', i], `unknown containment "${c}"`);
    else if (!s.containments.find((x) => x.id === c)!.available)
      add(['rubric', 'acceptableContainments', i], `"${c}" is not available in this scenario, so it cannot be an acceptable choice`);
  });
  r.harmfulContainments.forEach((c, i) => {
    if (!containments.has(c)) add(['rubric', 'harmfulContainments', i], `unknown containment "${c}"`);
    if (r.acceptableContainments.includes(c)) add(['rubric', 'harmfulContainments', i], `"${c}" is listed as both acceptable and harmful`);
  });
  if (!containments.has(r.bestContainment)) add(['rubric', 'bestContainment'], `unknown containment "${r.bestContainment}"`);
  else if (!s.containments.find((c) => c.id === r.bestContainment)!.available)
    add(['rubric', 'bestContainment'], `"${r.bestContainment}" is not available in this scenario`);
  if (!rootCauses.has(r.rootCause)) add(['rubric', 'rootCause'], `unknown root cause "${r.rootCause}"`);

  s.statedFigures.forEach((f, i) => {
    if (!harms.has(f.harm)) add(['statedFigures', i, 'harm'], `unknown harm "${f.harm}"`);
    if (f.at > horizon) add(['statedFigures', i, 'at'], `at ${formatDuration(f.at)} is past the horizon`);
  });
  return out;
}
