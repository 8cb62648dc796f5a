import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../host/cli/main.ts';
import { hasPdfTools, recordingIo as io } from '../../cli-io.ts';
import { loadFile } from '../../helpers.ts';

const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

describe("firebreak guide: the Facilitator Guide and the participants' Situation Manual", () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-guide-'));
  const file = 'scenarios/silent-bias-drift.yaml';
  const { scenario: s } = loadFile(file);
  const facilitatorOnly = [
    "Facilitator's brief",
    s.faults[0]!.description.slice(0, 40),
    ...s.modules.flatMap((m) => [m.expectedActions[0]!, m.facilitatorNotes.slice(0, 40)]),
    s.injects.find((i) => i.id === 'air-warning')!.title,
    s.injects.find((i) => i.id === 'air-warning')!.expectedActions[0]!,
    'Injects',
  ];
  const forEveryone = [
    'Exercise overview',
    s.overview.scope!,
    'Objectives and capabilities',
    ...s.objectives.map((o) => o.text),
    'Detection and monitoring',
    s.capabilities[0]!.criticalTasks[0]!,
    'Roles',
    'Incident commander',
    'Evaluator',
    'Ground rules',
    'Schedule',
    ...s.modules.flatMap((m) => [m.title, m.narrative.slice(0, 40), ...m.questions]),
    // An inject's own question is for the room too.
    s.injects.find((i) => i.id === 'air-warning')!.questions[0]!,
  ];

  it.skipIf(!hasPdfTools)(
    'prints both versions; the participant version has everything for the room and nothing facilitator-only',
    async () => {
      const guide = join(dir, 'guide.pdf');
      const manual = join(dir, 'manual.pdf');
      const x = io();
      expect(await main(['guide', file, '--out', guide], x)).toBe(0);
      expect(await main(['guide', file, '--participant', '--out', manual], x)).toBe(0);
      expect(x.stderr).toEqual([]);
      const g = pdfText(guide);
      const m = pdfText(manual);
      const norm = (t: string) => t.replace(/\s+/g, ' ');
      expect(g).toContain('Facilitator Guide');
      expect(m).toContain('Situation Manual');
      for (const t of forEveryone) {
        expect(g, t).toContain(norm(t));
        expect(m, t).toContain(norm(t));
      }
      for (const t of facilitatorOnly) {
        expect(g, t).toContain(norm(t));
        expect(m, t).not.toContain(norm(t));
      }
    },
    180_000,
  );

  it('refuses an invalid scenario with its located problems, and needs --out', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(file, 'utf8').replace('capability: detection_monitoring', 'capability: telepathy'));
    const x = io();
    expect(await main(['guide', bad, '--out', join(dir, 'x.html')], x)).toBe(1);
    expect(x.stderr.join('\n')).toMatch(/bad\.yaml:\d+:\d+ {2}objectives\.0\.capability: unknown capability "telepathy"/);
    expect(await main(['guide', file], io())).toBe(2);
  });
});
