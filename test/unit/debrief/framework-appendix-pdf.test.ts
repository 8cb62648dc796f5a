/**
 * #21: the report's "Framework mapping" appendix printed to PDF. Its seven columns used to break
 * words and ids mid-word ("assessmen|t", "MEASURE|-2.7", "AML.T0051.|001"); every capability word
 * and every ATLAS, OWASP and NIST id must now come out whole on the printed page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReportModel } from '../../../shared/debrief/report-model.ts';
import { serializeJournal } from '../../../shared/engine/journal.ts';
import { main } from '../../../host/cli/main.ts';
import { hasPdfTools, recordingIo as io } from '../../cli-io.ts';
import { biasTeam } from './teams.ts';

describe('the Framework mapping appendix in the PDF', () => {
  it.skipIf(!hasPdfTools)(
    'keeps every word and id of its table whole',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fb-appendix-'));
      const { scenario, journal } = biasTeam();
      const journalPath = join(dir, 'journal.jsonl');
      writeFileSync(journalPath, serializeJournal(journal));
      const out = join(dir, 'report.pdf');
      expect(await main(['report', journalPath, '--format', 'pdf', '--out', out], io())).toBe(0);

      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
      const text = Array.from({ length: pages }, (_, i) =>
        execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), out, '-'], { encoding: 'utf8' }),
      ).find((t) => /Finding or action/.test(t));
      expect(text).toBeDefined();
      const words = new Set(text!.split(/[\s,()]+/).filter(Boolean));

      const fm = buildReportModel({ scenario, header: journal.header, entries: journal.entries, debrief: null }).frameworkMapping!;
      const expected = new Set<string>();
      for (const r of fm.rows) {
        for (const id of [...r.atlas, ...r.owasp, ...r.nist]) expected.add(id);
        for (const w of r.capability.split(/\s+/)) expected.add(w);
      }
      expect([...expected].filter((w) => !words.has(w))).toEqual([]);
    },
    120_000,
  );
});
