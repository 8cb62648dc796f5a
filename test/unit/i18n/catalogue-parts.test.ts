/**
 * The page's English catalogue in two parts (#18, shared/i18n/catalogue-parts.ts): the later part
 * arrives with the debrief, History and author screens only, so no code the page reaches without
 * them may word a message of that part, and nothing the host sends to a page may name one. Both
 * are read from the source's syntax tree: the renderer's imports from its entry (static and lazy,
 * except the screens loaded `withLaterMessages`), and the string literals of every module reached.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cataloguePart, LATER_NAMESPACES, partOf } from '../../../shared/i18n/catalogue-parts.ts';
import { catalogue } from '../../../shared/i18n/words.ts';

const ROOT = join(import.meta.dirname, '../../..');
const ENTRY = 'renderer/src/main.tsx';
const SCREENS = 'renderer/src/routing/screens.tsx';

interface Module {
  /** Relative specifiers this module loads: [specifier, loaded with the later messages]. */
  imports: [string, boolean][];
  /** String literals (and the text before a template's first placeholder) with their lines. */
  strings: { text: string; line: number }[];
}

function read(file: string): Module {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Module = { imports: [], strings: [] };
  const withLater = (n: ts.Node): boolean => {
    for (let p = n.parent; p; p = p.parent)
      if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'withLaterMessages') return true;
    return false;
  };
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) && !n.importClause?.isTypeOnly) out.imports.push([(n.moduleSpecifier as ts.StringLiteral).text, false]);
    else if (ts.isExportDeclaration(n) && n.moduleSpecifier && !n.isTypeOnly) out.imports.push([(n.moduleSpecifier as ts.StringLiteral).text, false]);
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0]))
      out.imports.push([n.arguments[0].text, withLater(n)]);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n))
      out.strings.push({ text: n.text, line: src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1 });
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

/** Every project module the page runs without loading the later part, and the screens that load it. */
function firstPartModules(): { reached: Map<string, Module>; later: Set<string> } {
  const reached = new Map<string, Module>();
  const later = new Set<string>();
  const queue = [ENTRY];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (reached.has(file)) continue;
    const m = read(file);
    reached.set(file, m);
    for (const [spec, withLater] of m.imports) {
      if (!spec.startsWith('.')) continue;
      const path = relative(ROOT, resolve(ROOT, dirname(file), spec));
      if (!/\.tsx?$/.test(path) || !existsSync(join(ROOT, path))) continue;
      if (withLater) later.add(path);
      else queue.push(path);
    }
  }
  return { reached, later };
}

/** A message key of the later part at the start of a literal: "history.title", `history.col.${c}`. */
function laterKey(text: string): string | null {
  const m = /^([A-Za-z]+)\./.exec(text);
  return m && LATER_NAMESPACES.has(m[1]!) ? text : null;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('catalogue parts', () => {
  it('splits English in two without losing or repeating a message, and every later namespace has messages', () => {
    const en = catalogue('en');
    const first = cataloguePart(en, 'first');
    const later = cataloguePart(en, 'later');
    expect(Object.keys(first).length + Object.keys(later).length).toBe(Object.keys(en).length);
    expect({ ...first, ...later }).toEqual(en);
    for (const ns of LATER_NAMESPACES)
      expect(
        Object.keys(later).some((k) => k.startsWith(`${ns}.`)),
        ns,
      ).toBe(true);
    expect(Object.keys(later).every((k) => partOf(k) === 'later')).toBe(true);
    // Worth a part of its own: English the first screen does not carry (about 48 kB when split).
    expect(JSON.stringify(later).length).toBeGreaterThan(40_000);
  });

  it('the debrief, History and the author load the later part with their screen', () => {
    const { later } = firstPartModules();
    expect([...later].sort()).toEqual([
      'renderer/src/author/author-screen.tsx',
      'renderer/src/debrief/debrief-screen.tsx',
      'renderer/src/history/history-screen.tsx',
    ]);
    expect(read(SCREENS).imports.filter(([spec]) => spec.endsWith('shared/i18n/later-english.ts'))).toHaveLength(1);
  });

  it('no module the page runs without those screens words a message of the later part', () => {
    const { reached } = firstPartModules();
    expect(reached.size).toBeGreaterThan(50); // the walk found the app, not just the entry
    const found = [...reached].flatMap(([file, m]) => m.strings.filter((s) => laterKey(s.text)).map((s) => `${file}:${s.line} ${s.text}`));
    expect(found).toEqual([]);
  });

  it('nothing the host sends to a page names a message of the later part', () => {
    // Views, refusals, timeline and engine wording travel as Msg data and are worded by whichever screen shows them.
    const folders = [
      'shared/views',
      'shared/engine',
      'shared/wording',
      'shared/exercise',
      'shared/contract',
      'host/session',
      'host/room',
      'host/exercise',
      'host/web',
    ];
    const found = folders.flatMap(sources).flatMap((file) =>
      read(file)
        .strings.filter((s) => laterKey(s.text))
        .map((s) => `${file}:${s.line} ${s.text}`),
    );
    expect(found).toEqual([]);
  });
});
