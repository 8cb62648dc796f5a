/**
 * One catalogue of words (#16): no label built by replacing underscores, and no locale or currency
 * named outside the catalogue's formatter (shared/i18n/words.ts). Read from the source's syntax
 * tree (string, template and regular-expression literals, and calls), so comments that quote
 * "$1,234" or mention en-US are not counted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const FOLDERS = ['renderer/src', 'host', 'shared'];
/** The formatter itself: the one module that names locales and asks Intl for formats. */
const FORMATTER = 'shared/i18n/words.ts';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

const LOCALE = /^(en|fr|de|es|it|nl|pt)-[A-Z]{2}$/;
const CURRENCY_CODE = /^(USD|EUR|GBP|JPY|CHF|CAD|AUD)$/;
/** A currency sign before a figure ("$1,234") or alone ("€"); "$1" as a replacement's group is not one. */
const CURRENCY_SIGN = /(^|[^\w])([$€£¥]\d{1,3}(,\d{3})+|[$€£¥]\d+\.\d\d|[€£¥]|^\$$)/;
const INTL_FORMATS = new Set(['NumberFormat', 'DateTimeFormat', 'ListFormat', 'PluralRules', 'RelativeTimeFormat']);
const LOCALE_METHODS = new Set(['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']);

function scan(file: string): { underscores: Finding[]; locales: Finding[]; currencies: Finding[] } {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out = { underscores: [] as Finding[], locales: [] as Finding[], currencies: [] as Finding[] };
  const at = (n: ts.Node): Finding => ({ file, line: src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1, text: n.getText(src).slice(0, 100) });
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const name = n.expression.name.text;
      const first = n.arguments[0];
      // label.replace(/_/g, ' '), replaceAll('_', ' '): an enum member worded by hand.
      if ((name === 'replace' || name === 'replaceAll') && first && (first.getText(src) === '/_/g' || first.getText(src) === "'_'"))
        out.underscores.push(at(n));
      if (LOCALE_METHODS.has(name)) out.locales.push(at(n));
    }
    if (ts.isPropertyAccessExpression(n) && n.expression.getText(src) === 'Intl' && INTL_FORMATS.has(n.name.text)) out.locales.push(at(n));
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      if (LOCALE.test(n.text)) out.locales.push(at(n));
      // A separator handed to join or split ("scrypt$17$8$…") is not an amount.
      const separator =
        ts.isCallExpression(n.parent) &&
        n.parent.arguments.includes(n as ts.Expression) &&
        ts.isPropertyAccessExpression(n.parent.expression) &&
        (n.parent.expression.name.text === 'join' || n.parent.expression.name.text === 'split');
      if (!separator && (CURRENCY_CODE.test(n.text) || CURRENCY_SIGN.test(n.text))) out.currencies.push(at(n));
    }
    // `$${amount}`, `${amount} €`: a sign written around a figure.
    if (ts.isTemplateExpression(n) && [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].some((part) => /[$€£¥]$|^\s?[€£¥]/.test(part)))
      out.currencies.push(at(n));
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

describe('no words or formats outside the catalogue', () => {
  const files = FOLDERS.flatMap(sources).filter((f) => f !== FORMATTER);
  const found = files.map(scan);
  const all = (k: keyof ReturnType<typeof scan>) => found.flatMap((x) => x[k]).map((f) => `${relative(ROOT, join(ROOT, f.file))}:${f.line}  ${f.text}`);

  it('reads the sources it should (renderer, host, shared)', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files).toContain('renderer/src/history/history-table.tsx');
  });

  it('has no label made by replacing underscores (labels come from shared/i18n/labels.ts)', () => {
    expect(all('underscores')).toEqual([]);
  });

  it('names no locale and asks Intl or toLocale… for no format outside shared/i18n/words.ts', () => {
    expect(all('locales')).toEqual([]);
  });

  it('hard-codes no currency: amounts are in the scenario’s currency, worded by the formatter', () => {
    // The one currency code allowed: the schema's default for a scenario that names none.
    const allowed = (line: string) => line.startsWith('shared/scenario/schema.ts:') && line.endsWith("'USD'");
    expect(all('currencies').filter((l) => !allowed(l))).toEqual([]);
  });

  it('would catch each kind of leak (the scanner itself)', () => {
    const probe = (code: string) => {
      const src = ts.createSourceFile('probe.ts', code, ts.ScriptTarget.Latest, true);
      let hits = 0;
      const visit = (n: ts.Node) => {
        if (
          ts.isCallExpression(n) &&
          ts.isPropertyAccessExpression(n.expression) &&
          n.expression.name.text === 'replace' &&
          n.arguments[0]?.getText(src) === '/_/g'
        )
          hits++;
        ts.forEachChild(n, visit);
      };
      visit(src);
      return hits;
    };
    expect(probe("const l = kind.replace(/_/g, ' ');")).toBe(1);
    expect(probe("// kind.replace(/_/g, ' ') in a comment\nconst l = 1;")).toBe(0);
    expect(CURRENCY_SIGN.test('$1,234')).toBe(true);
    expect(CURRENCY_SIGN.test('€')).toBe(true);
    expect(CURRENCY_SIGN.test('$1.')).toBe(false);
    expect(CURRENCY_SIGN.test('^[0-9a-f]{64}$')).toBe(false);
    expect(LOCALE.test('en-US')).toBe(true);
  });
});
