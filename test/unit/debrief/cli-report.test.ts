import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeJournal } from '../../../shared/engine/journal.ts';
import { parseReportJson } from '../../../shared/debrief/report-json.ts';
import { main } from '../../../host/cli/main.ts';
import { hasPdfTools, recordingIo as io } from '../../cli-io.ts';
import { biasTeam } from './teams.ts';

describe('firebreak report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-report-'));
  const { journal } = biasTeam();
  const journalPath = join(dir, 'journal.jsonl');
  writeFileSync(journalPath, serializeJournal(journal));

  it('writes Markdown, CSV and JSON', async () => {
    for (const format of ['md', 'csv', 'json'] as const) {
      const out = join(dir, `aar.${format}`);
      const x = io();
      expect(await main(['report', journalPath, '--format', format, '--out', out], x)).toBe(0);
      expect(x.stdout[0]).toMatch(new RegExp(`^wrote ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(`));
    }
    expect(readFileSync(join(dir, 'aar.md'), 'utf8')).toContain('## 8. Improvement plan');
    expect(readFileSync(join(dir, 'aar.csv'), 'utf8').startsWith('sim_offset,wall_time,kind,text,visibility\r\n')).toBe(true);
    expect(parseReportJson(readFileSync(join(dir, 'aar.json'), 'utf8')).entries).toEqual(journal.entries);
  });

  it('writes the report in French with --lang fr, and refuses a language it has no catalogue for', async () => {
    const out = join(dir, 'rapport.md');
    expect(await main(['report', journalPath, '--format', 'md', '--out', out, '--lang', 'fr'], io())).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('# Rapport après action / Plan d’amélioration');
    expect(md).toContain('## 8. Plan d’amélioration');
    expect(md).toContain('Levier principal : ');
    expect(md).not.toContain('Improvement plan');
    const x = io();
    expect(await main(['report', journalPath, '--format', 'md', '--out', join(dir, 'de.md'), '--lang', 'de'], x)).toBe(2);
    expect(x.stderr.join('\n')).toMatch(/unknown language "de" \(use en or fr\)/);
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const out = join(dir, 'exists.md');
    writeFileSync(out, 'keep me');
    const x = io();
    expect(await main(['report', journalPath, '--format', 'md', '--out', out], x)).toBe(1);
    expect(x.stderr.join('\n')).toBe(`${out} already exists; not overwriting it (use --force to replace it)`);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(await main(['report', journalPath, '--format', 'md', '--out', out, '--force'], io())).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('# After-Action Report');
  });

  it('says why a write failed', async () => {
    const x = io();
    expect(await main(['report', journalPath, '--format', 'md', '--out', join(dir, 'no-such-dir', 'a.md')], x)).toBe(1);
    expect(x.stderr.join('\n')).toMatch(/cannot write .*a\.md: the folder does not exist/);
  });

  it('checks its arguments', async () => {
    const x = io();
    expect(await main(['report', journalPath, '--format', 'docx', '--out', join(dir, 'x')], x)).toBe(2);
    expect(x.stderr.join('\n')).toMatch(/unknown format "docx"/);
    expect(await main(['report', journalPath, '--format', 'md'], io())).toBe(2);
    const y = io();
    expect(await main(['report', join(dir, 'missing.jsonl'), '--format', 'md', '--out', join(dir, 'y.md')], y)).toBe(1);
    expect(y.stderr.join('\n')).toMatch(/missing\.jsonl: cannot read \(ENOENT\)/);
  });

  it('picks up the debrief and meta saved beside a stored exercise journal', async () => {
    const exDir = join(dir, 'exercise');
    mkdirSync(exDir);
    writeFileSync(join(exDir, 'journal.jsonl'), serializeJournal(journal));
    writeFileSync(
      join(exDir, 'debrief.json'),
      JSON.stringify({
        actionItems: [{ id: 'x', text: 'Rehearse the regulator call', owner: 'Sam', due: '2026-07-01', status: 'open' }],
        observations: [],
        adjustments: [{ dimension: 'triage', delta: -10, reason: 'Severity was guessed' }],
      }),
    );
    const out = join(exDir, 'aar.md');
    expect(await main(['report', join(exDir, 'journal.jsonl'), '--format', 'md', '--out', out], io())).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('| 1 | — | Rehearse the regulator call | Sam | 2026-07-01 | open |');
    expect(md).toContain('| Triage and severity assessment | 10 | 100 | −10 | 90 | met |');
  });

  it.skipIf(!hasPdfTools)(
    'prints a PDF with Chromium whose text has the sections, key times and an action item',
    async () => {
      const out = join(dir, 'aar.pdf');
      const x = io();
      expect(await main(['report', journalPath, '--format', 'pdf', '--out', out], x)).toBe(0);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
      // Layout mode keeps table rows on one line; reading order keeps a wrapped cell's text together.
      const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      const flow = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const s of [
        'After-Action Report / Improvement Plan',
        '1. Exercise overview',
        '2. Summary',
        '3. Score card',
        '4. Key times',
        '5. Harm and what-ifs',
        '6. Analysis by capability',
        '8. Improvement plan',
        'Appendix: Timeline',
      ]) {
        expect(text).toContain(s);
      }
      expect(text).toMatch(/Time to detect \(MTTD\) 7h22m 8h30m met/);
      expect(text).toContain('Mon 09 Mar 15:52'); // declared 20m after the 15:32 fairness warning
      expect(flow).toContain('Assign communications lead and scribe at the start of every incident.');
      expect(text).toMatch(/ 1 ?\/ ?\d+ /); // page numbers in the footer
    },
    120_000,
  );
});
