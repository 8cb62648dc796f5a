/**
 * The page's English catalogue in two parts (#18): what the first screen may need, and the messages
 * of the screens loaded later (debrief and reports, History, the scenario author), which arrive
 * with those screens. Outside the page (host, CLI, tests) en.json is read whole; only the renderer's
 * bundler splits it (vite.config.ts, `catalogueParts`), by the namespace before a key's first dot.
 *
 * A namespace belongs here only if no code the page reaches without those screens words it, and
 * nothing the host sends to a page (a Msg in a view, a refusal) names it:
 * test/unit/i18n/catalogue-parts.test.ts walks the renderer's imports and fails otherwise.
 */
export const LATER_NAMESPACES: ReadonlySet<string> = new Set([
  // the debrief and its reports (shared/debrief, shared/scoring/wording.ts)
  'aar',
  'chart',
  'definition',
  'definitionText',
  'keyTime',
  'plan',
  'reason',
  'summary',
  'whatIf',
  // the programme server's lead pages (rendered by the host, never by the page)
  'lead',
  // History
  'agg',
  'compare',
  'history',
  'trend',
  'trends',
  // the scenario author
  'author',
  'authorTable',
]);

export type CataloguePart = 'first' | 'later';

export function partOf(key: string): CataloguePart {
  return LATER_NAMESPACES.has(key.slice(0, key.indexOf('.'))) ? 'later' : 'first';
}

/** The messages of one part, in the catalogue's order. */
export function cataloguePart<T extends Record<string, string>>(messages: T, part: CataloguePart): Partial<T> {
  return Object.fromEntries(Object.entries(messages).filter(([key]) => partOf(key) === part)) as Partial<T>;
}
