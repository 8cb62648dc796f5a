/**
 * The message catalogue: every message parses as ICU, every language has every key with the same
 * placeholders, and every key the code names exists (keys are typed, so the typecheck covers
 * literal keys; this covers the ones built from enum members at run time).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { AUDIENCES, CHANNELS, CONTAINMENT_KINDS, DIMENSIONS, INCIDENT_TYPES, MESSAGE_ELEMENTS, ROLES, SURFACES } from '../../../shared/scenario/schema.ts';
import { catalogue, LOCALES, wordsFor, type MessageKey } from '../../../shared/i18n/words.ts';
import * as labels from '../../../shared/i18n/labels.ts';

const ROOT = join(import.meta.dirname, '../../..');

function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
    if ('value' in e && typeof e.value === 'string' && e.type !== TYPE.tag) out.add(e.value);
    if ('options' in e) for (const o of Object.values(e.options)) argumentsOf(o.value, out);
    if (e.type === TYPE.tag) argumentsOf(e.children, out);
  }
  return out;
}

describe('message catalogue', () => {
  const en = catalogue('en');

  it.each(LOCALES)('%s: every message parses and uses the same placeholders as English', (locale) => {
    const cat = catalogue(locale);
    expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as MessageKey[]) {
      const mine = argumentsOf(parse(cat[key]));
      const source = argumentsOf(parse(en[key]));
      expect([...mine].sort(), `${locale} ${key}`).toEqual([...source].sort());
    }
  });

  it('formatjs verify finds no missing or extra keys and no structural difference', () => {
    const files = LOCALES.map((l) => join(ROOT, 'shared/i18n/messages', `${l}.json`));
    // Throws (non-zero exit) on any problem, printing it.
    execFileSync(
      join(ROOT, 'node_modules/.bin/formatjs'),
      ['verify', '--source-locale', 'en', '--missing-keys', '--extra-keys', '--structural-equality', ...files],
      {
        stdio: 'pipe',
      },
    );
    expect(JSON.parse(readFileSync(files[0]!, 'utf8'))).toEqual(en);
  }, 60_000);

  it.each(LOCALES)('%s: every enum member has a label (no key falls through to its id)', (locale) => {
    const w = wordsFor(locale);
    const worded = [
      ...AUDIENCES.flatMap((a) => [labels.audienceLabel(a, w), labels.audienceNoun(a, w), labels.audienceInline(a, w)]),
      ...CHANNELS.map((c) => labels.channelLabel(c, w)),
      ...ROLES.flatMap((r) => [labels.roleLabel(r, w), labels.roleInline(r, w)]),
      ...INCIDENT_TYPES.flatMap((x) => [labels.incidentTypeLabel(x, w), labels.incidentTypeInline(x, w)]),
      ...CONTAINMENT_KINDS.map((x) => labels.containmentKindLabel(x, w)),
      ...DIMENSIONS.map((d) => labels.capabilityLabel(d, w)),
      ...MESSAGE_ELEMENTS.flatMap((e) => [labels.elementLabel(e, w), labels.elementHint(e, w), labels.elementInline(e, w)]),
      ...SURFACES.map((x) => w.t(`surface.${x}`)),
    ];
    for (const text of worded) expect(text).not.toMatch(/_|^$/);
  });

  it('words numbers, money, durations and dates in each language', () => {
    const en = wordsFor('en');
    const fr = wordsFor('fr');
    const at = Date.UTC(2026, 2, 9, 13, 12);
    expect([
      en.whole(12000.4),
      en.money(1234, 'USD'),
      en.money(1234, 'GBP'),
      en.duration(4 * 3_600_000 + 12 * 60_000),
      en.offset(-30 * 86_400_000),
      en.wall(at),
    ]).toEqual(['12,000', '$1,234', '£1,234', '4h12m', 'T-30d', 'Mon 09 Mar 13:12']);
    expect(en.list(['a', 'b', 'c'])).toBe('a, b and c');
    // French: narrow no-break spaces group thousands and precede the currency sign.
    expect(fr.whole(12000).replace(/\s/g, ' ')).toBe('12 000');
    expect(fr.money(1234, 'EUR').replace(/\s/g, ' ')).toBe('1 234 €');
    expect(fr.duration(4 * 3_600_000 + 12 * 60_000)).toBe('4h12min');
    expect(fr.wall(at)).toBe('lun. 09 mars 13:12');
    expect(fr.list(['a', 'b', 'c'])).toBe('a, b et c');
  });
});
