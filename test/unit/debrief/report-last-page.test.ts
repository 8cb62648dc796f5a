/**
 * #20: the printed report in French and English, for the textbook team on silent bias drift (the
 * report the issue printed). Its last page used to hold four lines of the English glossary; the
 * glossary is now the catalogue's, in the report's language, set in two balanced columns, so the
 * report does not end on a near-empty page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../host/cli/main.ts';
import { hasPdfTools, recordingIo as io } from '../../cli-io.ts';
import { wordsFor } from '../../../shared/i18n/words.ts';
import { DEFINITIONS } from '../../../shared/scoring/definitions.ts';

/** Each page's text, whitespace squeezed. */
const pagesOf = (pdf: string) =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p);

describe('the printed report ends on a page worth printing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-last-page-'));
  const journal = join(dir, 'run.jsonl');

  it.skipIf(!hasPdfTools)(
    'French and English: the glossary is in the report’s language and the last page is not near-empty',
    async () => {
      const x = io();
      const scenario = 'scenarios/silent-bias-drift.yaml';
      const team = 'scenarios/teams/silent-bias-drift.textbook.yaml';
      expect(await main(['run', scenario, '--actions', team, '--seed', '1', '--journal', journal], x)).toBe(0);
      for (const lang of ['fr', 'en'] as const) {
        const pdf = join(dir, `report-${lang}.pdf`);
        expect(await main(['report', journal, '--format', 'pdf', '--out', pdf, '--lang', lang], x)).toBe(0);
        const pages = pagesOf(pdf);
        const lengths = pages.map((p) => p.length);
        const median = [...lengths].sort((a, b) => a - b)[Math.floor(lengths.length / 2)]!;
        // The last page carries at least a quarter of a typical page (it used to be four lines).
        expect(lengths.at(-1)!, `${lang}: pages ${lengths.join(', ')}`).toBeGreaterThan(median / 4);
        // The glossary is the catalogue's, in this language (it was English in the French report).
        const text = pages.join(' ').replace(/- (?=\w)/g, '-');
        const w = wordsFor(lang);
        expect(text).toContain(w.t('definitionText.team_input').slice(0, 30));
        if (lang === 'fr') expect(text).not.toContain(DEFINITIONS.team_input.text.slice(0, 30));
      }
    },
    240_000,
  );
});
