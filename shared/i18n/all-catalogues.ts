/**
 * Every language's catalogue, registered with words.ts on import. English is always there; the
 * others load with this module: statically wherever text may be worded in any language (the host,
 * the CLI, report rendering, the debrief worker), and on first use in the page (the language
 * picker), so the page's first screen carries English only (#18).
 *
 * A second language is a JSON file and one line here; a missing key fails the typecheck.
 */
import fr from './messages/fr.json';
// Every English message too: in the page the first screen's English comes without the later screens' part.
import './later-english.ts';
import { addCatalogue, type Catalogue, type Locale } from './words.ts';

const OTHERS: Record<Exclude<Locale, 'en'>, Catalogue> = { fr };

for (const [locale, messages] of Object.entries(OTHERS) as [Locale, Catalogue][]) addCatalogue(locale, messages);
