/**
 * Reports (issue #18):
 *  - the PDF of a 9-hour exercise from a warm printer (the host's WarmPrinter, after its first
 *    print: its browser and its warm page are up), paired with a one-paragraph PDF from the same
 *    warm printer, printed just before it on the same page (the floor: a print's fixed cost, now
 *    setting the content of a warm page and printing it; it was a fresh context and page per print
 *    until the printer kept its page) and with a cold print (a Chromium started for it, as the CLI
 *    does). The prints follow each other without a pause, so the full one waits for the floor's
 *    page to be blanked if that is not done yet: no idle time is granted that a user would not have;
 *  - the debrief of a 10,000-inject scenario: replay, score card and report model (key times, harm
 *    curve, every exact what-if), what the debrief worker computes before the screen renders.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, printHtmlToPdf, WarmPrinter } from '../host/pdf/print-html.ts';
import { JOURNAL_FORMAT, type JournalHeader } from '../shared/engine/journal.ts';
import type { JournalEntry } from '../shared/engine/inputs.ts';
import { ExerciseRun } from '../shared/engine/exercise-run.ts';
import { renderReportFromInput } from '../shared/debrief/render-report.ts';
import { buildReportModelFromRun } from '../shared/debrief/report-model.ts';
import { scoreFinishedRun } from '../shared/scoring/score-card.ts';
import { loadBenchScenario, ROOT } from './full-run.ts';
import { median, report, type Figure } from './measure.ts';
import { scaleScenario } from './scale.ts';

const HOUR = 3_600_000;

/** A team's nine hours: respond, contain, a status update every 30 minutes. */
function nineHours(): { html: string } {
  const s = loadBenchScenario();
  const run = new ExerciseRun(s, 1);
  run.advanceToNextSignal();
  run.apply({ type: 'ACKNOWLEDGE' });
  run.apply({ type: 'TRIAGE', severity: s.rubric.severity, incidentType: s.rubric.incidentType[0]! });
  run.apply({ type: 'CONTAIN', containmentId: s.rubric.bestResponse[0]! }, run.now + 20 * 60_000);
  for (let t = run.now + HOUR / 2; t < 9 * HOUR; t += HOUR / 2) run.apply({ type: 'COMMUNICATE', audience: 'internal', message: 'status' }, t);
  const header: JournalHeader = {
    format: JOURNAL_FORMAT,
    exerciseId: 'bench-9h',
    scenarioId: s.id,
    scenarioVersion: s.version,
    scenarioSource: readFileSync(join(ROOT, 'scenarios/provider-update-leakage.yaml'), 'utf8'),
    seed: 1,
    createdAt: '2026-03-02T08:00:00.000Z',
  } as JournalHeader;
  const rendered = renderReportFromInput('pdf', { scenario: s, header, entries: run.entries as JournalEntry[] });
  return { html: rendered.text };
}

async function pdfFigures(): Promise<Figure[]> {
  if (!existsSync(chromiumPath())) return [];
  const { html } = nineHours();
  const printer = new WarmPrinter();
  try {
    const first = performance.now();
    await printer.print(html);
    const firstMs = performance.now() - first;
    const floor: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t0 = performance.now();
      await printer.print('<!doctype html><p>Floor</p>');
      floor.push(performance.now() - t0);
      t0 = performance.now();
      await printer.print(html);
      full.push(performance.now() - t0);
    }
    const t0 = performance.now();
    await printHtmlToPdf(html);
    const cold = performance.now() - t0;
    return [
      { name: 'floor: a one-paragraph PDF, warm printer', value: median(floor), unit: 'ms' },
      {
        name: 'PDF of a 9-hour exercise, warm printer',
        value: median(full),
        unit: 'ms',
        target: 1500,
        note: `(${(median(full) / median(floor)).toFixed(1)}× the floor)`,
      },
      { name: '  the same, first print (browser started for it)', value: firstMs, unit: 'ms' },
      { name: '  the same, cold (a Chromium per PDF, as the CLI does)', value: cold, unit: 'ms' },
    ];
  } finally {
    await printer.close();
  }
}

function debriefFigures(): Figure[] {
  const s = scaleScenario(30, 4, 10_000);
  const play = () => {
    const run = new ExerciseRun(s, 1);
    run.advanceToNextSignal();
    run.apply({ type: 'ACKNOWLEDGE' });
    run.apply({ type: 'TRIAGE', severity: 2, incidentType: 'quality_degradation' });
    run.apply({ type: 'INVESTIGATE', investigationId: 'inv' });
    run.apply({ type: 'CONTAIN', containmentId: 'kill' }, run.now + 2 * HOUR);
    for (let t = run.now + HOUR; t < s.clock.horizon - HOUR; t += 6 * HOUR) run.apply({ type: 'COMMUNICATE', audience: 'internal', message: 'status' }, t);
    return run.entries;
  };
  const entries = play();
  const header = {
    format: JOURNAL_FORMAT,
    exerciseId: 'bench',
    scenarioId: s.id,
    scenarioVersion: 1,
    scenarioSource: '',
    seed: 1,
    createdAt: '2026-03-02T08:00:00.000Z',
  } as JournalHeader;
  const debrief = () => {
    const run = ExerciseRun.replay(s, 1, entries);
    run.runToEnd();
    const card = scoreFinishedRun(run);
    return buildReportModelFromRun({ scenario: s, header, entries }, run, card);
  };
  const floorRun = () => new ExerciseRun(s, 1).runToEnd();
  const times: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < 3; i++) {
    let t0 = performance.now();
    floorRun();
    floors.push(performance.now() - t0);
    t0 = performance.now();
    debrief();
    times.push(performance.now() - t0);
  }
  return [
    { name: 'floor: one run of the 10,000-inject scenario to its end', value: median(floors), unit: 'ms' },
    {
      name: 'debrief of a 10,000-inject scenario (score, what-ifs, model)',
      value: median(times),
      unit: 'ms',
      target: 1000,
      note: `(${(median(times) / median(floors)).toFixed(1)}× the floor)`,
    },
  ];
}

export default async function reportBench(): Promise<boolean> {
  console.log('Reports');
  return report([...debriefFigures(), ...(await pdfFigures())]);
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit((await reportBench()) ? 0 : 1);
