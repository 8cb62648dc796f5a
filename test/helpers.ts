/** Shared test helpers: loading fixtures and built-in scenarios. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, formatProblem } from '../shared/scenario/load.ts';
import type { Scenario } from '../shared/scenario/schema.ts';

export const ROOT = join(import.meta.dirname, '..');

export function loadFile(path: string): { scenario: Scenario; source: string } {
  const r = loadScenario(readFileSync(join(ROOT, path)), path);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return { scenario: r.scenario, source: r.source };
}

export const mini = () => loadFile('test/fixtures/mini.yaml');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
