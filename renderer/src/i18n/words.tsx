/**
 * The page's language: the catalogue's words (shared/i18n) for the language the user chose,
 * remembered in this browser, and a picker for it.
 */
import { createContext, Fragment, isValidElement, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import {
  EN,
  hasCatalogue,
  isLocale,
  LOCALE_NAMES,
  LOCALES,
  wordsFor,
  type Locale,
  type MessageKey,
  type Msg,
  type MsgValue,
  type Words,
} from '../../../shared/i18n/words.ts';

const STORAGE_KEY = 'firebreak.language';
const listeners = new Set<() => void>();

function stored(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(v) ? v : 'en';
  } catch {
    return 'en';
  }
}

/** Loads a language's catalogue (every language but English is a chunk of its own, #18). */
async function loadLanguage(locale: Locale): Promise<void> {
  if (!hasCatalogue(locale)) await import('../../../shared/i18n/all-catalogues.ts');
}

const remembered = stored();
let current: Locale = hasCatalogue(remembered) ? remembered : 'en';

/**
 * Resolves once the remembered language's words are here: the page renders after it (main.tsx),
 * so a French reader never sees English first. If its chunk cannot load, the page stays English.
 */
export const languageReady: Promise<void> =
  current === remembered
    ? Promise.resolve()
    : loadLanguage(remembered).then(
        () => {
          current = remembered;
        },
        () => undefined,
      );

/** Chooses the page's language and remembers it for the next visit (once its words are loaded). */
export function setLanguage(locale: Locale): void {
  if (!hasCatalogue(locale)) {
    // Switch when the catalogue arrives; a chunk that cannot load leaves the language as it is.
    loadLanguage(locale).then(
      () => setLanguage(locale),
      () => undefined,
    );
    return;
  }
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // A browser that refuses storage still switches for this visit.
  }
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLanguage(): Locale {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => current,
  );
}

const WordsContext = createContext<Words>(EN);

/** The words of the page's language. */
export function useWords(): Words {
  return useContext(WordsContext);
}

/** Provides the chosen language's words to everything below, and tells the document its language. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const locale = useLanguage();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <WordsContext.Provider value={wordsFor(locale)}>{children}</WordsContext.Provider>;
}

/** The language setting. */
export function LanguagePicker() {
  const locale = useLanguage();
  const w = useWords();
  return (
    <label className="language-picker">
      <span>{w.t('ui.language')}</span>{' '}
      <select value={locale} onChange={(e) => isLocale(e.target.value) && setLanguage(e.target.value)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The words of the page's language, for code outside React (session classes, toasts). */
export function currentWords(): Words {
  return wordsFor(current);
}

/** A host's refusal in the page's language: its catalogue message when it sent one, else its text. */
export function refusalWords(a: { message: string; reason?: Msg }): string {
  return a.reason ? currentWords().format(a.reason) : a.message;
}

/**
 * A catalogue message with React nodes in its placeholders ("Moved <strong>{label}</strong> to the
 * trash"): the message is worded with markers in their place, then split around them, so the
 * sentence's word order stays the translation's.
 */
export function richText(w: Words, key: MessageKey, values: Readonly<Record<string, MsgValue | ReactNode>>): ReactNode {
  const nodes: ReactNode[] = [];
  const plain: Record<string, MsgValue> = {};
  for (const [k, v] of Object.entries(values)) {
    if (isValidElement(v)) {
      plain[k] = `\uE000${nodes.length}\uE001`;
      nodes.push(v);
    } else plain[k] = v as MsgValue;
  }
  const parts = w.t(key, plain).split(/\uE000(\d+)\uE001/);
  return parts.map((p, i) => <Fragment key={i}>{i % 2 === 1 ? nodes[Number(p)] : p}</Fragment>);
}
