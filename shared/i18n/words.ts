/**
 * The message catalogue's formatter: every user-facing sentence, label, number, amount of money,
 * duration and date is produced here, from ICU messages (FormatJS) keyed by typed codes.
 *
 * The catalogues are JSON (messages/<locale>.json, checked by `formatjs verify` and by
 * test/unit/i18n); English is the source. A second language is a new JSON file and one line in
 * all-catalogues.ts, never a code change. This module is the only place that names a locale or a
 * currency: everything else asks a `Words` for its text.
 */
// intl-messageformat, not @formatjs/intl: only its message formatter is used, and the page's
// first screen carries it (#18: 11 kB less).
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import en from './messages/en.json';

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The catalogue of each language loaded so far: English always; the others from
 * all-catalogues.ts (which the host, the CLI, report rendering and the page's language switch
 * import), so a page read in English never downloads French (#18: ~100 kB of the first screen).
 * In the page, English itself comes in two parts (catalogue-parts.ts, later-english.ts).
 */
const loaded: Partial<Record<Locale, Catalogue>> = { en: { ...en } };

export function addCatalogue(locale: Locale, messages: Catalogue): void {
  loaded[locale] = messages;
}

/**
 * More messages of a loaded language (the page's English arrives in parts, catalogue-parts.ts):
 * added in place, so the words already made for it find them.
 */
export function addMessages(locale: Locale, messages: Partial<Catalogue>): void {
  const c = loaded[locale];
  if (!c) throw new Error(`the ${locale} message catalogue is not loaded`);
  Object.assign(c, messages);
}

export function hasCatalogue(locale: Locale): boolean {
  return loaded[locale] !== undefined;
}

/** A language's catalogue; an error naming the fix if it was never loaded. */
export function catalogue(locale: Locale): Catalogue {
  const c = loaded[locale];
  if (!c) throw new Error(`the ${locale} message catalogue is not loaded (import shared/i18n/all-catalogues.ts first)`);
  return c;
}

/** What each language is called in its own words, for the language setting. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as ReadonlyArray<string>).includes(x);
}

/**
 * A message not yet worded: a key and its values. Values may be messages themselves, or figures
 * the language formats (a duration, an amount): a Msg is plain data, so it can cross the wire and
 * be worded in the reader's language.
 */
export interface Msg {
  key: MessageKey;
  values?: Readonly<Record<string, MsgValue>>;
}
export type MsgValue = string | number | boolean | Msg | Figure;

/** A figure worded by the language: see the Words method of the same name. */
export type Figure =
  | { fmt: 'duration'; ms: number }
  | { fmt: 'offset'; ms: number }
  | { fmt: 'whole'; n: number }
  | { fmt: 'percent'; share: number }
  | { fmt: 'money'; n: number; currency: string }
  | { fmt: 'wall'; epoch: number }
  /** A moment of a run: its offset and the scenario's wall clock ("T+4h12m (Mon 09 Mar 13:12)"). */
  | { fmt: 'cite'; start: number; t: number }
  | { fmt: 'list'; items: ReadonlyArray<MsgValue>; type?: 'conjunction' | 'disjunction' };

export function msg(key: MessageKey, values?: Record<string, MsgValue>): Msg {
  return values ? { key, values } : { key };
}

export const fig = {
  duration: (ms: number): Figure => ({ fmt: 'duration', ms }),
  offset: (ms: number): Figure => ({ fmt: 'offset', ms }),
  whole: (n: number): Figure => ({ fmt: 'whole', n }),
  percent: (share: number): Figure => ({ fmt: 'percent', share }),
  money: (n: number, currency: string): Figure => ({ fmt: 'money', n, currency }),
  wall: (epoch: number): Figure => ({ fmt: 'wall', epoch }),
  cite: (start: number, t: number): Figure => ({ fmt: 'cite', start, t }),
  list: (items: ReadonlyArray<MsgValue>, type?: 'conjunction' | 'disjunction'): Figure => (type ? { fmt: 'list', items, type } : { fmt: 'list', items }),
};

export function isMsg(x: unknown): x is Msg {
  return typeof x === 'object' && x !== null && typeof (x as Msg).key === 'string';
}

function isFigure(x: unknown): x is Figure {
  return typeof x === 'object' && x !== null && typeof (x as Figure).fmt === 'string';
}

const MINUTE = 60_000;

export interface Words {
  readonly locale: Locale;
  /** One message of the catalogue with its values. */
  t(key: MessageKey, values?: Readonly<Record<string, MsgValue>>): string;
  /** A message built elsewhere (a refusal from the host, a reason from the engine). */
  format(m: Msg): string;
  /** One value of a message: a string or number as it is, a message or a figure worded. */
  value(v: MsgValue): string | number;
  /** "a, b and c" (or "a, b or c"). */
  list(parts: ReadonlyArray<string>, type?: 'conjunction' | 'disjunction'): string;
  /** A whole number with the locale's grouping: "12,000". */
  whole(n: number): string;
  /** A number with up to `decimals` decimals: "4.3". */
  number(n: number, decimals?: number): string;
  /** A share (0–1) as a whole percentage: "42%". */
  percent(share: number): string;
  /** An amount of money in the scenario's currency (ISO 4217), whole units: "$1,234", "1 234 €". */
  money(n: number, currency: string): string;
  /** A short amount of money for chart axes: "$1.2M", "1,2 M€". */
  compactMoney(n: number, currency: string): string;
  /** A compact duration of sim time: "4h12m", "2d3h", "0m". */
  duration(ms: number): string;
  /** An offset from the exercise start: "T+4h12m", "T-30d". */
  offset(ms: number): string;
  /** "13:12" for a UTC epoch (sim time is worked in UTC). */
  clock(epoch: number): string;
  /** "Mon" for a UTC epoch. */
  weekday(epoch: number): string;
  /** "Mon 09 Mar 13:12" for a UTC epoch. */
  wall(epoch: number): string;
  /** "5 Dec 2026" for a UTC epoch. */
  date(epoch: number): string;
  /** "Dec 2026" for a UTC epoch (History's trend axis). */
  month(epoch: number): string;
  /** "5 Dec 2026, 14:03" in the reader's own time zone: when something was saved on this machine. */
  localDateTime(epoch: number): string;
}

function values(w: Words, v: Readonly<Record<string, MsgValue>> | undefined): Record<string, string | number> | undefined {
  if (!v) return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, x] of Object.entries(v)) out[k] = w.value(x);
  return out;
}

function figure(w: Words, f: Figure): string {
  switch (f.fmt) {
    case 'duration':
      return w.duration(f.ms);
    case 'offset':
      return w.offset(f.ms);
    case 'whole':
      return w.whole(f.n);
    case 'percent':
      return w.percent(f.share);
    case 'money':
      return w.money(f.n, f.currency);
    case 'wall':
      return w.wall(f.epoch);
    case 'cite':
      return w.t('time.cite', { offset: w.offset(f.t), wall: w.wall(f.start + f.t) });
    case 'list':
      return w.list(
        f.items.map((x) => String(w.value(x))),
        f.type,
      );
  }
}

/** The words of one language. */
export function createWords(locale: Locale, messages: Readonly<Record<MessageKey, string | MessageFormatElement[]>> = catalogue(locale)): Words {
  const utc = { timeZone: 'UTC' } as const;
  // English lists and dates read the British way ("a, b and c", "5 Dec 2026"); numbers and money stay en.
  const regional = locale === 'en' ? 'en-GB' : locale;
  const lists = { conjunction: new Intl.ListFormat(regional, { type: 'conjunction' }), disjunction: new Intl.ListFormat(regional, { type: 'disjunction' }) };
  const dates = new Intl.DateTimeFormat(regional, { ...utc, day: 'numeric', month: 'short', year: 'numeric' });
  const monthYears = new Intl.DateTimeFormat(regional, { ...utc, month: 'short', year: 'numeric' });
  const localDateTimes = new Intl.DateTimeFormat(regional, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  // Formatters are made once per language and kept: a debrief words tens of thousands of timeline
  // rows, and FormatJS's own per-call cache serialises its arguments on every lookup (#18 profile:
  // most of the report model's time went there).
  const weekdays = new Intl.DateTimeFormat(locale, { ...utc, weekday: 'short' });
  const months = new Intl.DateTimeFormat(locale, { ...utc, month: 'short', day: 'numeric' });
  const part = (f: Intl.DateTimeFormat, epoch: number, type: Intl.DateTimeFormatPartTypes) => f.formatToParts(epoch).find((p) => p.type === type)?.value ?? '';
  const wholes = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const decimals = new Map<number, Intl.NumberFormat>();
  const monies = new Map<string, Intl.NumberFormat>();
  const compacts = new Map<string, Intl.NumberFormat>();
  const kept = <K, V>(m: Map<K, V>, k: K, make: () => V): V => {
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = make()));
    return v;
  };
  const formats = new Map<MessageKey, IntlMessageFormat>();
  const message = (key: MessageKey): IntlMessageFormat =>
    kept(formats, key, () => {
      const source = messages[key];
      if (typeof source !== 'string' && !Array.isArray(source))
        // In the page, a screen's messages may not be loaded yet: shared/i18n/catalogue-parts.ts.
        throw new Error(`no message "${key}" in the ${locale} catalogue${locale === 'en' ? ' (if it exists, its part of the catalogue is not loaded)' : ''}`);
      return new IntlMessageFormat(source, locale);
    });
  const format = (key: MessageKey, v: Record<string, string | number> | undefined): string => {
    try {
      return String(message(key).format(v));
    } catch (e) {
      throw new Error(`message "${key}" (${locale}): ${(e as Error).message}`, { cause: e });
    }
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  const w: Words = {
    locale,
    t: (key, v) => format(key, values(w, v)),
    format: (m) => w.t(m.key, m.values),
    value: (x) => (isMsg(x) ? w.format(x) : isFigure(x) ? figure(w, x) : typeof x === 'boolean' ? String(x) : x),
    list: (parts, type = 'conjunction') => (parts.length <= 1 ? parts.join('') : lists[type].format(parts)),
    whole: (n) => wholes.format(Math.round(n)),
    number: (n, digits = 1) => kept(decimals, digits, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(n),
    percent: (share) => percents.format(Math.round(share * 100) / 100),
    money: (n, currency) =>
      kept(monies, currency, () => new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 })).format(
        Math.round(n),
      ),
    compactMoney: (n, currency) =>
      kept(compacts, currency, () => new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 2 })).format(n),
    duration: (ms) => {
      const neg = ms < 0;
      let rest = Math.round(Math.abs(ms) / MINUTE);
      const d = Math.floor(rest / 1440);
      rest -= d * 1440;
      const h = Math.floor(rest / 60);
      const m = rest - h * 60;
      const parts = `${d ? w.t('unit.days', { n: d }) : ''}${h ? w.t('unit.hours', { n: h }) : ''}${m || (!d && !h) ? w.t('unit.minutes', { n: m }) : ''}`;
      return neg ? `-${parts}` : parts;
    },
    offset: (ms) => (ms < 0 ? w.t('time.offset.before', { duration: w.duration(-ms) }) : w.t('time.offset.after', { duration: w.duration(ms) })),
    clock: (epoch) => {
      const d = new Date(epoch);
      return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    },
    weekday: (epoch) => part(weekdays, epoch, 'weekday'),
    wall: (epoch) =>
      w.t('time.wall', {
        weekday: w.weekday(epoch),
        day: pad(new Date(epoch).getUTCDate()),
        month: part(months, epoch, 'month'),
        time: w.clock(epoch),
      }),
    date: (epoch) => dates.format(epoch),
    month: (epoch) => monthYears.format(epoch),
    localDateTime: (epoch) => localDateTimes.format(epoch),
  };
  return w;
}

const made = new Map<Locale, Words>();

/**
 * Tests only: the words a language uses from now on (the pseudo-locale run words every message
 * of the catalogue in accented brackets, so any English left on a screen is a hard-coded string).
 */
export function replaceWordsForTests(locale: Locale, words: Words): void {
  made.set(locale, words);
}

/** The (cached) words of a language. */
export function wordsFor(locale: Locale): Words {
  let w = made.get(locale);
  if (!w) made.set(locale, (w = createWords(locale)));
  return w;
}

/** English: the source language, and what every wording function uses unless told otherwise. */
export const EN: Words = wordsFor('en');

// ---- #17: time zones for business time (the one module allowed to ask Intl; pure and
// host-independent: the zone rules come from the runtime's ICU data, never from the host's TZ).
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(zone, f);
  }
  return f;
}

/** Whether `zone` is an IANA time zone name the runtime knows ("Europe/Paris"). */
export function isTimeZone(zone: string): boolean {
  try {
    zoneFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** The offset of an IANA zone from UTC (ms, east positive) at the UTC instant `utc`. */
export function zoneOffset(zone: string, utc: number): number {
  const parts = zoneFormat(zone).formatToParts(utc);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return local - Math.floor(utc / 1000) * 1000;
}

/** The UTC instant of a wall-clock time in `zone` (a time skipped by a clock change moves forward). */
export function zoneWallToUtc(zone: string, wall: number): number {
  const first = wall - zoneOffset(zone, wall);
  return wall - zoneOffset(zone, first);
}

// ---- #20: month names for reading typed dates ("5 déc. 2026") in the app's language.
const monthNameCache = new Map<Locale, ReadonlyArray<ReadonlyArray<string>>>();
/**
 * For each month (0–11), its short and long names in the language's regional form and in British
 * English (what History's date field accepts typed), as the formatter writes them.
 */
export function monthNames(locale: Locale): ReadonlyArray<ReadonlyArray<string>> {
  let names = monthNameCache.get(locale);
  if (!names) {
    const tags = [locale === 'en' ? 'en-GB' : locale, 'en-GB'];
    const formats = tags.flatMap((l) => (['short', 'long'] as const).map((month) => new Intl.DateTimeFormat(l, { month, timeZone: 'UTC' })));
    names = Array.from({ length: 12 }, (_, mo) => formats.map((f) => f.format(Date.UTC(2026, mo, 1))));
    monthNameCache.set(locale, names);
  }
  return names;
}
