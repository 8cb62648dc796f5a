/**
 * Scripted teams: the actions file read by `firebreak run`.
 *
 * A YAML (or JSON) list; each item says when and what:
 *   - at: 2h10m              # sim time from the start, or
 *     after: signal:fairness-alert  # when that signal reaches the room (also: previous, finding:<id>)
 *     delay: 10m             # optional, added to either
 *     do: TRIAGE             # the input type, then its fields
 *     severity: 2
 *     incidentType: bias_fairness
 * Relative times make a script hold across seeds (injects can have seeded jitter).
 */
import { LineCounter, parseDocument, isSeq } from 'yaml';
import { z } from 'zod';
import { parseDuration } from '../scenario/duration.ts';
import { teamInputSchema, type TeamInput } from './inputs.ts';
import { ExerciseRun } from './exercise-run.ts';

export interface ScriptedAction {
  index: number;
  line: number;
  at: number | null;
  after: string | null;
  delay: number;
  input: TeamInput;
}

export class ActionsFileError extends Error {}

const itemSchema = z
  .object({
    at: z.union([z.string(), z.number()]).optional(),
    after: z
      .string()
      .regex(/^(previous|signal:[a-z0-9_-]+|finding:[a-z0-9_-]+)$/, 'use previous, signal:<inject id> or finding:<investigation id>')
      .optional(),
    delay: z.union([z.string(), z.number()]).optional(),
    do: z.string(),
  })
  .passthrough();

export function parseActionsFile(text: string, file = '<actions>'): ScriptedAction[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const p = lc.linePos(e.pos[0]);
    throw new ActionsFileError(`${file}:${p.line}:${p.col}  YAML: ${e.message.split('\n')[0]}`);
  }
  const raw = doc.toJS({ maxAliasCount: 50 }) as unknown;
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ActionsFileError(`${file}:1:1  an actions file is a list of actions (- at: ..., do: ...)`);
  const seq = isSeq(doc.contents) ? doc.contents : null;
  return raw.map((item, index) => {
    const node = seq?.items[index] as { range?: [number, number, number] } | undefined;
    const pos = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
    const where = `${file}:${pos.line}:${pos.col}  actions.${index}`;
    const parsed = itemSchema.safeParse(item);
    if (!parsed.success) throw new ActionsFileError(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ')}`);
    const { at, after, delay, do: type, ...fields } = parsed.data;
    const atMs = at === undefined ? null : parseDuration(at);
    if (at !== undefined && atMs === null) throw new ActionsFileError(`${where}.at: "${at}" is not a duration`);
    const delayMs = delay === undefined ? 0 : parseDuration(delay);
    if (delayMs === null) throw new ActionsFileError(`${where}.delay: "${delay}" is not a duration`);
    if (atMs === null && after === undefined) throw new ActionsFileError(`${where}: give "at" or "after"`);
    const input = teamInputSchema.safeParse({ type, ...fields });
    if (!input.success) throw new ActionsFileError(`${where}: ${input.error.issues.map((i) => `${i.path.join('.') || 'do'}: ${i.message}`).join('; ')}`);
    return { index, line: pos.line, at: atMs, after: after ?? null, delay: delayMs, input: input.data };
  });
}

/**
 * Plays a script against a run. Actions whose trigger never happens (a signal that never fires)
 * are skipped with a warning, as a team that waits for an alarm that never rings would do nothing.
 */
export function playScript(run: ExerciseRun, actions: ReadonlyArray<ScriptedAction>): string[] {
  const warnings: string[] = [];
  let previous = 0;
  for (const a of actions) {
    if (run.over) {
      warnings.push(`action ${a.index} (${a.input.type}, line ${a.line}) not taken: the exercise was already over`);
      continue;
    }
    let base: number | null = a.at;
    if (a.after === 'previous') base = previous;
    else if (a.after?.startsWith('signal:')) base = waitFor(run, () => run.context.signals.find((s) => s.id === a.after!.slice(7))?.t);
    else if (a.after?.startsWith('finding:')) base = waitFor(run, () => run.context.findings.find((f) => f.id === a.after!.slice(8))?.t);
    if (base === null) {
      warnings.push(`action ${a.index} (${a.input.type}, line ${a.line}) not taken: ${a.after} never happened`);
      continue;
    }
    const t = Math.max(base + a.delay, run.now);
    if (t > run.horizon) {
      warnings.push(`action ${a.index} (${a.input.type}, line ${a.line}) not taken: ${t} ms is past the horizon`);
      continue;
    }
    const why = (run.advanceTo(t), run.check(a.input));
    if (why) {
      warnings.push(`action ${a.index} (${a.input.type}, line ${a.line}) refused: ${why}`);
      continue;
    }
    previous = run.apply(a.input, t).t;
  }
  return warnings;
}

function waitFor(run: ExerciseRun, found: () => number | undefined): number | null {
  for (;;) {
    const t = found();
    if (t !== undefined) return t;
    if (run.over || run.clock.peek() === null) return null;
    run.clock.fireNext(run.clock.peek()!);
  }
}
