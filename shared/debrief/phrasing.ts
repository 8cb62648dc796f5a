/**
 * Small wording helpers shared by the debrief and the report: moments, quantities, actions.
 *
 * Kept apart so every sentence in the debrief cites a moment and a harm figure the same way.
 */
import type { Audience, Harm, Scenario } from '../scenario/schema.ts';
import { clockTime, startEpoch, wallTime } from '../scenario/sim-time.ts';
import { EN, type Words } from '../i18n/words.ts';
import { audienceNoun as catalogueAudienceNoun, isAudience } from '../i18n/labels.ts';

const DAY_MS = 86_400_000;

/** "14:15" on the scenario's first day, "Tue 09:30" later that week, "Wed 08 Apr 15:05" beyond. */
export function moment(s: Pick<Scenario, 'clock'>, t: number, w: Words = EN): string {
  const start = startEpoch(s);
  const day = Math.floor((start + t) / DAY_MS) - Math.floor(start / DAY_MS);
  if (day === 0) return clockTime(s, t, w);
  if (day < 7) return w.t('time.weekdayTime', { weekday: w.weekday(start + t), time: clockTime(s, t, w) });
  return wallTime(s, t, w);
}

/** Whole units with thousands separators: harm counts are shown as people, decisions, records. */
export function whole(n: number, w: Words = EN): string {
  return w.whole(n);
}

/** An amount of money in the scenario's currency. */
export function money(s: Pick<Scenario, 'currency'>, n: number, w: Words = EN): string {
  return w.money(n, s.currency);
}

/** A harm amount with its unit: "$1,234" for money (in the scenario's currency), else "118 applications". */
export function harmAmount(s: Pick<Scenario, 'currency'>, h: Pick<Harm, 'kind' | 'unit'>, n: number, w: Words = EN): string {
  if (h.kind === 'money') return money(s, n, w);
  return h.unit ? w.t('harm.amount', { amount: w.whole(n), unit: h.unit }) : w.whole(n);
}

/** A harm amount as a bare figure: "$1,234" for money, else "118". */
export function harmNumber(s: Pick<Scenario, 'currency'>, h: Pick<Harm, 'kind' | 'unit'>, n: number, w: Words = EN): string {
  return h.kind === 'money' ? money(s, n, w) : w.whole(n);
}

/** The harm's label as a noun phrase inside a sentence: "applications wrongly declined". */
export function harmNoun(h: Pick<Harm, 'label'>): string {
  const l = h.label;
  // Keep acronyms ("PII records") as they are; lower-case an ordinary leading capital.
  return /^[A-Z][a-z]/.test(l) ? l[0]!.toLowerCase() + l.slice(1) : l;
}

const VERBS = new Set([
  'add',
  'apply',
  'block',
  'cap',
  'cut',
  'disable',
  'enable',
  'fall',
  'filter',
  'fix',
  'freeze',
  'hand',
  'halt',
  'isolate',
  'limit',
  'lower',
  'move',
  'pause',
  'pin',
  'purge',
  'put',
  'quarantine',
  'raise',
  'redeploy',
  'refresh',
  'reload',
  'remove',
  'restore',
  'retrain',
  'revert',
  'revoke',
  'roll',
  'rotate',
  'route',
  'send',
  'serve',
  'set',
  'shut',
  'stop',
  'suspend',
  'switch',
  'take',
  'throttle',
  'turn',
  'use',
  'drop',
  'force',
  'hold',
  'reduce',
  'replace',
  'require',
  'restrict',
  'show',
  'swap',
  'tighten',
  'unpublish',
  'withdraw',
  'run',
  'check',
  'review',
  'slice',
  'analyze',
  'analyse',
  'inspect',
  'compare',
  'audit',
  'trace',
  'query',
  'sample',
  'interview',
  'close',
  'repair',
  'identify',
  'patch',
  'invalidate',
  'notify',
  'rebuild',
  'retire',
  'escalate',
]);

/** "roll" → "rolling", "fix" → "fixing", "route" → "routing", "stop" → "stopping". */
export function gerund(verb: string): string {
  const v = verb.toLowerCase();
  if (/ie$/.test(v)) return `${v.slice(0, -2)}ying`;
  if (/[^aeiou]e$/.test(v) || /[^e]ue$/.test(v)) return `${v.slice(0, -1)}ing`;
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(v)) return `${v}${v.at(-1)}ing`;
  return `${v}ing`;
}

function verbPhrase(text: string): string | null {
  const m = /^(\S+)(.*)$/.exec(text.trim());
  if (!m || !VERBS.has(m[1]!.toLowerCase())) return null;
  // "Fix X and redeploy" → "Fixing X and redeploying"
  const rest = m[2]!.replace(/\b(and|then) (\w+)\b/g, (all, conj: string, w: string) => (VERBS.has(w.toLowerCase()) ? `${conj} ${gerund(w)}` : all));
  return gerund(m[1]!) + rest;
}

/**
 * An action label as the subject of a sentence.
 *
 * "Roll back the model" → "Rolling back the model"; "Kill switch: stop all decisions" →
 * "Stopping all decisions (kill switch)"; anything else → "Choosing “<label>”".
 */
export function actionSubject(label: string, w: Words = EN): string {
  // The gerund rules are English grammar: another language says "choose “<label>”" its own way.
  if (w.locale !== 'en') return w.t('whatIf.choosing', { label });
  const direct = verbPhrase(label);
  if (direct) return cap(direct);
  const colon = label.indexOf(':');
  if (colon > 0) {
    const after = verbPhrase(label.slice(colon + 1));
    if (after) return `${cap(after)} (${label.slice(0, colon).trim().toLowerCase()})`;
  }
  return w.t('whatIf.choosing', { label });
}

/** An investigation label as a sentence subject: "Running a feature-drift report", else "Starting “<label>”". */
export function investigationSubject(label: string, w: Words = EN): string {
  if (w.locale !== 'en') return w.t('whatIf.starting', { label });
  const direct = verbPhrase(label);
  return direct ? cap(direct) : w.t('whatIf.starting', { label });
}

export function cap(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** "a, b and c" */
export function listJoin(parts: ReadonlyArray<string>, w: Words = EN): string {
  return w.list(parts);
}

/** "the regulator", "affected users": whom a notice goes to, inside a sentence. */
export function audienceNoun(a: string, w: Words = EN): string {
  return isAudience(a) ? catalogueAudienceNoun(a, w) : a;
}

/** For headings: "Client", "Regulator", "Affected users". */
export function audienceTitle(a: string, w: Words = EN): string {
  return isAudience(a) ? w.t(`audience.title.${a satisfies Audience}`) : a;
}
