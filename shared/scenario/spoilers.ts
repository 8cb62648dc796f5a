/**
 * Spoiler-free player text: what the library card, the setup screen and the projector briefing
 * show must not give the answer away, or solo training is spoiled before it starts.
 *
 * Player text is the scenario's title, summary, objectives, system name and client (exactly what
 * `scenarioEntry` hands the library and setup, and what the projector's briefing slide shows),
 * and everything else the participants' Situation Manual prints: the modules' titles, situations
 * and questions, the injects' questions, the system's description and the exercise overview.
 * It is checked against three things the author already wrote:
 * - `facilitator.giveaways`: words and phrases the author marks as the answer (case-insensitive);
 * - the correct root causes' labels (the rubric's, each variant's and each fault's own): any pair of adjacent
 *   content words from them ("inventory snapshot", "provider update");
 * - the faults' descriptions: any run of five adjacent words copied from them.
 */
import type { Scenario } from './schema.ts';

export interface PlayerText {
  /** Data path of the field ("summary", "objectives.2"). */
  path: (string | number)[];
  text: string;
}

export interface Spoiler {
  path: (string | number)[];
  /** The words found in player text. */
  found: string;
  /** Where they come from, for the message. */
  from: string;
}

/** Every piece of text a player sees before the exercise starts. */
export function playerText(s: Scenario): PlayerText[] {
  return [
    { path: ['title'], text: s.title },
    { path: ['summary'], text: s.summary },
    ...s.objectives.map((o, i) => ({ path: ['objectives', i, 'text'], text: o.text })),
    // The exercise plan's player-facing text (exercise-plan.ts): module titles, situations, questions.
    ...s.modules.flatMap((m, i) => [
      { path: ['modules', i, 'title'], text: m.title },
      { path: ['modules', i, 'narrative'], text: m.narrative },
      ...m.questions.map((q, j) => ({ path: ['modules', i, 'questions', j], text: q })),
    ]),
    // The participants' Situation Manual also prints the injects' questions, the system's
    // description and the exercise overview (shared/exercise/facilitator-guide.ts).
    ...s.injects.flatMap((inj, i) => inj.questions.map((q, j) => ({ path: ['injects', i, 'questions', j], text: q }))),
    { path: ['system', 'name'], text: s.system.name },
    { path: ['system', 'description'], text: s.system.description },
    { path: ['system', 'client'], text: s.system.client },
    ...Object.entries(s.overview).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).flatMap((t, j) =>
        typeof t === 'string' ? [{ path: Array.isArray(v) ? ['overview', k, j] : ['overview', k], text: t }] : [],
      ),
    ),
  ];
}

/** Words too common to give anything away on their own. */
const STOP = new Set(
  (
    'a an the and or of to in on at by for from with into onto over under as is are was were be been being it its this that these those ' +
    'their them they there then than so not no nor but if when while which who whom whose what where how why all any each every some ' +
    'more most less least many much one two three few other another same own such only just also very can could should would may might ' +
    'must will shall do does did done has have had having our your we you he she his her i me my up out off about after before again ' +
    'left made make makes keep kept still new'
  ).split(' '),
);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}$%']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);
}

/** Adjacent pairs of content words ("inventory snapshot"). */
function contentPairs(text: string): string[] {
  const ws = words(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < ws.length; i++) {
    const [a, b] = [ws[i]!, ws[i + 1]!];
    if (!STOP.has(a) && !STOP.has(b) && a.length > 2 && b.length > 2) out.push(`${a} ${b}`);
  }
  return out;
}

/** Runs of n adjacent words. */
function shingles(text: string, n: number): string[] {
  const ws = words(text);
  const out: string[] = [];
  for (let i = 0; i + n <= ws.length; i++) out.push(ws.slice(i, i + n).join(' '));
  return out;
}

/** Word-boundary containment on the normalised word stream. */
function containsPhrase(haystack: string, phrase: string): boolean {
  const h = ` ${words(haystack).join(' ')} `;
  const p = words(phrase).join(' ');
  return p.length > 0 && h.includes(` ${p} `);
}

/** The root causes a team must name, on any variant, and each fault's own root cause (a second fault's too). */
function correctRootCauses(s: Scenario): string[] {
  const ids = new Set([
    s.rubric.rootCause,
    ...s.rubric.alsoRootCauses,
    ...Object.values(s.rubric.variants).flatMap((v) => (v.rootCause ? [v.rootCause] : [])),
    ...s.faults.flatMap((f) => (f.rootCause ? [f.rootCause] : [])),
  ]);
  return s.rootCauses.filter((r) => ids.has(r.id)).map((r) => r.label);
}

/** The giveaways found in one piece of text (rendered text too: a card's or a slide's textContent). */
export function spoilersInText(s: Scenario, text: string, path: (string | number)[] = []): Spoiler[] {
  const out: Spoiler[] = [];
  const seen = new Set<string>();
  const add = (found: string, from: string) => {
    if (seen.has(found)) return;
    seen.add(found);
    out.push({ path, found, from });
  };
  for (const g of s.facilitator.giveaways) if (containsPhrase(text, g)) add(g, 'facilitator.giveaways');
  for (const label of correctRootCauses(s)) for (const p of contentPairs(label)) if (containsPhrase(text, p)) add(p, `the root cause "${label}"`);
  for (const f of s.faults) for (const p of shingles(f.description, 5)) if (containsPhrase(text, p)) add(p, `fault ${f.id}'s description`);
  return out;
}

/** Every giveaway in the scenario's player text, located by field. */
export function findSpoilers(s: Scenario): Spoiler[] {
  return playerText(s).flatMap((t) => spoilersInText(s, t.text, t.path));
}
