/**
 * The documentation dimension's score (definitions in definitions.ts, wording in wording.ts).
 */
import type { Scenario } from '../scenario/schema.ts';
import { clamp100 } from './definitions.ts';
import type { DimensionResult } from './reasons.ts';
import type { RunFacts } from './run-facts.ts';
import { met, missed } from './verdict.ts';

export function scoreDocumentation(s: Scenario, f: RunFacts): DimensionResult {
  const r = s.rubric;
  const fs = f.firstRealSignalAt;
  // The first change at any time: a containment before the first real signal changes the system too (#17).
  const firstChangeAt = f.containments.reduce<number | null>((a, c) => (a === null ? c.decidedAt : Math.min(a, c.decidedAt)), null);
  const inWindow = f.evidence.filter((e) => fs !== null && e.t >= fs);
  // An item that names its own changes (`before`) is judged against the first of them decided (#17:
  // keep the payload before purging it), the others against the first change of any kind.
  const deadline = (id: string): number | null => {
    const own = s.evidence.find((x) => x.id === id)?.before;
    if (!own) return r.evidenceBeforeChanges ? firstChangeAt : null;
    const at = f.containments.filter((c) => own.includes(c.id)).map((c) => c.decidedAt);
    return at.length ? Math.min(...at) : null;
  };
  const counted = inWindow.filter((e) => {
    const by = deadline(e.id);
    return by === null || e.t <= by;
  });
  const afterOwnChange = inWindow.filter((e) => !counted.includes(e) && s.evidence.find((x) => x.id === e.id)?.before).length;
  const early = f.evidence.length - inWindow.length;
  const evidenceShare = s.evidence.length ? counted.length / s.evidence.length : 1;
  // A role counts whenever it was assigned during the exercise (definition `evidence`): at setup,
  // by a participant taking it on joining, or later. Preparing the team before the incident is
  // good practice, not a false alarm.
  const assigned = r.requiredRoles.filter((role) => f.roles.some((x) => x.role === role));
  // One person holding every role is one role filled: each person counts for one role only.
  const people = new Set(f.roles.filter((x) => assigned.includes(x.role)).map((x) => x.person.trim().toLowerCase())).size;
  const rolesShare = r.requiredRoles.length ? Math.min(assigned.length, people) / r.requiredRoles.length : 1;
  return {
    dimension: 'documentation',
    score: clamp100(60 * evidenceShare + 40 * rolesShare),
    verdict:
      evidenceShare < 1 ? missed('documentation.evidence_missing') : rolesShare < 1 ? missed('documentation.roles_missing') : met('documentation.complete'),
    reasons: [
      {
        code: 'documentation.evidence',
        params: { counted: counted.length, of: s.evidence.length, firstChangeAt, early, ...(afterOwnChange ? { afterOwnChange } : {}) },
      },
      {
        code: 'documentation.roles',
        params: { assigned: assigned.length, of: r.requiredRoles.length, missing: r.requiredRoles.filter((x) => !assigned.includes(x)), people },
      },
    ],
    refs: counted.map((e) => e.t),
    definitions: ['evidence', 'team_input'],
  };
}
