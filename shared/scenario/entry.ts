/**
 * A scenario file as the library lists it: its summary when valid, its located problems when not.
 *
 * Shared by the hosts' scenario library and the renderer tests' fake host, so both describe a
 * file the same way.
 */
import type { ScenarioEntry } from '../contract/api.ts';
import { frameworkTagLabels } from '../frameworks/tags.ts';
import { loadScenario } from './load.ts';

export function scenarioEntry(file: string, builtIn: boolean, input: string | Uint8Array): ScenarioEntry {
  const r = loadScenario(input, file);
  if (!r.ok) {
    let source = '';
    if (typeof input === 'string') source = input;
    else {
      try {
        source = new TextDecoder('utf-8', { fatal: true }).decode(input);
      } catch {
        source = '';
      }
    }
    return { file, builtIn, ok: false, source, problems: r.problems };
  }
  const s = r.scenario;
  return {
    file,
    builtIn,
    ok: true,
    source: r.source,
    problems: [],
    summary: {
      id: s.id,
      version: s.version,
      title: s.title,
      summary: s.summary,
      objectives: s.objectives.map((o) => o.text),
      difficulty: s.difficulty,
      expectedDuration: s.expectedDuration,
      client: s.system.client,
      system: s.system.name,
      variants: s.variants.map((v) => ({ id: v.id, label: v.label })),
      frameworkTags: frameworkTagLabels(s.frameworks),
    },
  };
}
