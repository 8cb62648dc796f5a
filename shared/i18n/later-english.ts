/**
 * The English messages of the screens the page loads later (catalogue-parts.ts). Outside the page
 * en.json is whole and words.ts already holds all of it, so this adds nothing new; in the page the
 * bundler (vite.config.ts, `catalogueParts`) gives words.ts only the first part and this module the
 * later one: a chunk loaded with the debrief, History and author screens (routing/screens.tsx) and
 * with every other language (all-catalogues.ts).
 */
import en from './messages/en.json';
import { addMessages } from './words.ts';

addMessages('en', en);
