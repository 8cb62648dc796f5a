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
 *
 * Read like a scenario file: size cap, strict UTF-8, alias cap, and every error located as
 * file:line:col.
 */
import { LineCounter, parseDocument, isSeq, visit } from 'yaml';
import { z } from 'zod';
import { parseDuration } from '../scenario/duration.ts';
import { teamInputSchema, type TeamInput } from './inputs.ts';
import { ExerciseRun } from './exercise-run.ts';
import { MAX_SCENARIO_BYTES } from '../scenario/load.ts';
import { decodeUtf8 } from '../scenario/utf8.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface ScriptedAction {
  index: number;
  line: number;
  column: number;
  at: number | null;
  after: string | null;
  delay: number;
  input: TeamInput;
}

export class ActionsFileError extends Error {}

/** The same cap as scenario files: an actions file is a short script, not a data dump. */
export const MAX_ACTIONS_BYTES = MAX_SCENARIO_BYTES;
/** More actions than any exercise could take (a 72-hour run with one action a minute is 4,320). */
export const MAX_ACTIONS = 10_000;
/** Aliases a script may use before it looks like an alias bomb (the scenario loader's limit). */
const MAX_ALIASES = 50;

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

/** The scenario ids an input names, by field: checked before anything runs. */
const ID_FIELDS: ReadonlyArray<{ field: string; what: string; ids: (s: Scenario) => ReadonlyArray<string> }> = [
  { field: 'investigationId', what: 'investigation', ids: (s) => s.investigations.map((x) => x.id) },
  { field: 'containmentId', what: 'containment', ids: (s) => s.containments.map((x) => x.id) },
  { field: 'evidenceId', what: 'evidence', ids: (s) => s.evidence.map((x) => x.id) },
  { field: 'rootCauseId', what: 'root cause', ids: (s) => s.rootCauses.map((x) => x.id) },
  { field: 'hintId', what: 'hint', ids: (s) => s.hints.map((x) => x.id) },
];

function known(ids: ReadonlyArray<string>): string {
  return ids.length === 0 ? 'the scenario has none' : `the scenario has ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', ...' : ''}`;
}

function decodeOrThrow(input: string | Uint8Array, file: string): string {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > MAX_ACTIONS_BYTES) {
    throw new ActionsFileError(`${file}:1:1  file is ${(size / 1048576).toFixed(1)} MB; actions files are limited to ${MAX_ACTIONS_BYTES / 1048576} MB`);
  }
  if (typeof input === 'string') return input;
  const r = decodeUtf8(input);
  if (!r.ok) throw new ActionsFileError(`${file}:${r.line}:${r.column}  ${r.message}`);
  return r.text;
}

/**
 * Refuses a file with more top-level list items than MAX_ACTIONS before the YAML parser spends
 * seconds on it (a block list's items start with "- " at column 1; the check after parsing
 * covers every other layout).
 */
function tooManyItems(text: string, file: string): void {
  let items = 0;
  for (let i = 0, line = 1; i < text.length; line++) {
    if (text.charCodeAt(i) === 0x2d && (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x0a) && ++items > MAX_ACTIONS) {
      throw new ActionsFileError(`${file}:${line}:1  actions.${MAX_ACTIONS}: more than ${MAX_ACTIONS} actions; no exercise takes that many`);
    }
    const nl = text.indexOf('\n', i);
    if (nl < 0) break;
    i = nl + 1;
  }
}

/**
 * Parses an actions file (text, or the file's bytes: strict UTF-8).
 *
 * With the scenario given, every id an action names (after: signal:/finding:, investigation,
 * containment, evidence, root cause, hint) must exist in it: an unknown one is an error located at
 * its line and column before anything runs, not a warning at run time.
 */
export function parseActionsFile(input: string | Uint8Array, file = '<actions>', scenario?: Scenario): ScriptedAction[] {
  const text = decodeOrThrow(input, file);
  tooManyItems(text, file);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const at = (offset: number): string => {
    const p = lc.linePos(offset);
    return `${file}:${p.line}:${p.col}`;
  };
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new ActionsFileError(`${at(e.pos[0])}  YAML: ${e.message.split('\n')[0]}`);
  }
  let aliases = 0;
  let tooMany: number | null = null;
  visit(doc, {
    Alias(_, node) {
      if (++aliases > MAX_ALIASES && tooMany === null) tooMany = node.range?.[0] ?? 0;
    },
  });
  if (tooMany !== null) throw new ActionsFileError(`${at(tooMany)}  YAML: more than ${MAX_ALIASES} aliases (an alias bomb?); write the actions out`);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown;
  } catch (e) {
    throw new ActionsFileError(`${file}:1:1  YAML: ${(e as Error).message}`);
  }
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ActionsFileError(`${file}:1:1  an actions file is a list of actions (- at: ..., do: ...)`);
  const seq = isSeq(doc.contents) ? doc.contents : null;
  if (raw.length > MAX_ACTIONS) {
    const node = seq?.items[MAX_ACTIONS] as { range?: [number, number, number] } | undefined;
    throw new ActionsFileError(`${at(node?.range?.[0] ?? 0)}  actions.${MAX_ACTIONS}: more than ${MAX_ACTIONS} actions; no exercise takes that many`);
  }
  /** Where a field of item `index` is (its value), else where the item is. */
  const fieldAt = (index: number, field: string | null): string => {
    const node = (field === null ? seq?.items[index] : doc.getIn([index, field], true)) as { range?: [number, number, number] } | undefined;
    if (node?.range) return at(node.range[0]);
    const item = seq?.items[index] as { range?: [number, number, number] } | undefined;
    return item?.range ? at(item.range[0]) : `${file}:1:1`;
  };
  return raw.map((item, index) => {
    const node = seq?.items[index] as { range?: [number, number, number] } | undefined;
    const pos = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
    const where = `${file}:${pos.line}:${pos.col}  actions.${index}`;
    const parsed = itemSchema.safeParse(item);
    if (!parsed.success) throw new ActionsFileError(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ')}`);
    const { at: atRaw, after, delay, do: type, ...fields } = parsed.data;
    const atMs = atRaw === undefined ? null : parseDuration(atRaw);
    if (atRaw !== undefined && atMs === null) throw new ActionsFileError(`${fieldAt(index, 'at')}  actions.${index}.at: "${atRaw}" is not a duration`);
    const delayMs = delay === undefined ? 0 : parseDuration(delay);
    if (delayMs === null) throw new ActionsFileError(`${fieldAt(index, 'delay')}  actions.${index}.delay: "${delay}" is not a duration`);
    if (atMs === null && after === undefined) throw new ActionsFileError(`${where}: give "at" or "after"`);
    const input = teamInputSchema.safeParse({ type, ...fields });
    if (!input.success) throw new ActionsFileError(`${where}: ${input.error.issues.map((i) => `${i.path.join('.') || 'do'}: ${i.message}`).join('; ')}`);
    if (scenario) {
      if (after?.startsWith('signal:') && !scenario.injects.some((i) => i.id === after.slice(7))) {
        throw new ActionsFileError(
          `${fieldAt(index, 'after')}  actions.${index}.after: no inject "${after.slice(7)}" (${known(scenario.injects.map((i) => i.id))})`,
        );
      }
      if (after?.startsWith('finding:') && !scenario.investigations.some((i) => i.id === after.slice(8))) {
        throw new ActionsFileError(
          `${fieldAt(index, 'after')}  actions.${index}.after: no investigation "${after.slice(8)}" (${known(scenario.investigations.map((i) => i.id))})`,
        );
      }
      const named = input.data as Record<string, unknown>;
      for (const f of ID_FIELDS) {
        const value = named[f.field];
        if (typeof value === 'string' && !f.ids(scenario).includes(value)) {
          throw new ActionsFileError(`${fieldAt(index, f.field)}  actions.${index}.${f.field}: no ${f.what} "${value}" (${known(f.ids(scenario))})`);
        }
      }
    }
    return { index, line: pos.line, column: pos.col, at: atMs, after: after ?? null, delay: delayMs, input: input.data };
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
