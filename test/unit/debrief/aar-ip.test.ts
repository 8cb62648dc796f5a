/**
 * The HSEEP AAR/IP (#19) from a run: the ratings table beside the score card's own verdicts (never
 * re-derived), disagreeing evaluators both shown, the team's own words and decisions, the plan
 * matrix with HSEEP's columns, the hot wash; a discussion-based exercise leaves the engine out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAarIp } from '../../../shared/debrief/aar-ip.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { parseActionsFile, playScript } from '../../../shared/engine/actions-file.ts';
import { aarIpHtml } from '../../../shared/debrief/aar-ip-html.ts';
import { buildReportModel } from '../../../shared/debrief/report-model.ts';
import { renderReportFromInput } from '../../../shared/debrief/render-report.ts';
import type { JournalEntry } from '../../../shared/engine/inputs.ts';
import type { JournalHeader } from '../../../shared/engine/journal.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { ROOT } from '../../helpers.ts';

const M = 60_000;
function scenario(file: string, change: (y: string) => string = (y) => y): Scenario {
  const r = loadScenario(change(readFileSync(join(ROOT, 'scenarios', file), 'utf8')), file);
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  return r.scenario;
}
const header = (s: Scenario): JournalHeader =>
  ({
    format: 'firebreak-journal',
    version: 1,
    exerciseId: 'ex-1',
    scenarioId: s.id,
    scenarioVersion: s.version,
    seed: 1,
    createdAt: '2026-03-09T09:00:00Z',
    scenarioSource: '',
  }) as unknown as JournalHeader;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

function journal(s: Scenario): JournalEntry[] {
  const o1 = s.objectives[0]!.id;
  const e = (seq: number, t: number, input: JournalEntry['input'], name: string, role: string): JournalEntry => ({ seq, t, input, by: { name, role } });
  return [
    e(1, 60 * M, { type: 'ACKNOWLEDGE', note: 'Fairness report looks off for under-25s' }, 'Ana', 'incident_commander'),
    e(2, 62 * M, { type: 'RATE', objectiveId: o1, rating: 'S', observation: 'Declared, but only after prompting' }, 'Eve', 'evaluator'),
    e(3, 63 * M, { type: 'RATE', objectiveId: o1, rating: 'P' }, 'Eve', 'evaluator'),
    e(4, 64 * M, { type: 'RATE', objectiveId: o1, rating: 'M', observation: 'Took an hour to see it' }, 'Bo', 'evaluator'),
    e(
      5,
      65 * M,
      { type: 'COMMUNICATE', audience: 'client', message: 'We are investigating approval rates for younger applicants.' },
      'Cy',
      'communications_lead',
    ),
    e(
      6,
      66 * M,
      { type: 'DECISION', text: 'Route under-25 applications to manual review', owner: 'Head of Lending', rationale: 'Stops the harm today' },
      'Facilitator',
      'facilitator',
    ),
    e(7, 70 * M, { type: 'END', reason: 'Time is up' }, 'Facilitator', 'facilitator'),
    e(
      8,
      70 * M,
      { type: 'HOT_WASH', wentWell: 'Clear chair', improve: 'Slow to see a fairness signal', playbookChange: 'Add an age-band fairness alert', confidence: 2 },
      'Ana',
      'incident_commander',
    ),
  ];
}

describe('the HSEEP AAR/IP', () => {
  it('puts ratings beside the score card, keeps disagreement, the team’s words, the plan matrix and the hot wash', { timeout: 60_000 }, () => {
    const s = scenario('silent-bias-drift.yaml');
    const entries = journal(s);
    const report = buildReportModel({ scenario: s, header: header(s), entries });
    const m = buildAarIp(report, s, entries);
    const o1 = m.objectives[0]!;
    // Eve's later P replaces her S; Bo's M stands beside it.
    expect(o1.byRating).toEqual({ P: ['Eve'], S: [], M: ['Bo'], U: [] });
    expect(o1.disagreement).toBe(true);
    // The engine column is the card's own score and verdict for the capability's dimension.
    const dim = report.card.dimensions.find((d) => d.dimension === 'detection')!;
    expect(o1.engine).toEqual({ score: dim.score, verdict: dim.verdict.status });
    expect(m.plan.at(-1)).toMatchObject({ issue: 'Slow to see a fairness signal', correctiveAction: 'Add an age-band fairness alert' });
    expect(m.hotWash.confidence).toBe(2);

    const html = renderReportFromInput('aar', { scenario: s, header: header(s), entries }).text;
    const words = text(html);
    const order = [
      'Exercise Overview',
      'Executive Summary',
      'Analysis of Capabilities',
      "The Team's Own Words and Decisions",
      'Appendix A: Improvement Plan',
      'Appendix B: Participants, Roles and Evaluators',
      'Appendix C: Hot Wash Summary',
    ].map((h) => words.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(words).toContain('Objective Capability P S M U Engine score');
    expect(words).toContain('Capability Issue / area for improvement Corrective action Capability element Responsible organisation Owner Start Due Status');
    for (const said of [
      'We are investigating approval rates for younger applicants.',
      'Fairness report looks off for under-25s',
      'Route under-25 applications to manual review',
      'Stops the harm today',
      'Add an age-band fairness alert',
      'evaluators disagree',
    ])
      expect(words).toContain(said);
    expect(words).toMatch(/Evaluators Eve, Bo/);
  });

  it('a discussion-based exercise is judged by the ratings: no engine score anywhere', () => {
    const s = scenario('silent-bias-drift.yaml', (y) => `${y}\nexerciseType: discussion\n`);
    const entries = journal(s);
    const m = buildAarIp(buildReportModel({ scenario: s, header: header(s), entries }), s, entries);
    expect(m.objectives.every((o) => o.engine === null)).toBe(true);
    const words = text(aarIpHtml(m));
    expect(words).toContain('not scored (discussion-based)');
    expect(words).not.toMatch(/Engine score \d/);
    expect(words).toContain('1 decision was logged and 1 person gave a hot wash');
  });

  it('the Exercise Overview entered in the debrief wins over the scenario, field by field, and the plan keeps a chosen capability element', () => {
    const s = scenario('silent-bias-drift.yaml');
    const entries = journal(s);
    const debrief = {
      actionItems: [
        { id: 'a', text: 'Add an age-band fairness alert', owner: 'Data', due: '2026-04-01', status: 'open' as const },
        { id: 'b', text: 'Add an age-band fairness alert', owner: 'Data', due: '2026-04-01', status: 'open' as const, element: 'training' as const },
        { id: 'c', text: 'Name an on-call owner for the fairness monitor', owner: 'Risk', due: '2026-04-01', status: 'open' as const },
        { id: 'd', text: 'Write the fair-lending remediation procedure', owner: 'Risk', due: '2026-04-01', status: 'open' as const },
        { id: 'e', text: 'Run a drill on the fairness playbook', owner: 'Risk', due: '2026-04-01', status: 'open' as const },
      ],
      observations: [],
      adjustments: [],
      overview: {
        sponsor: 'Chief Risk Officer',
        location: 'Room 4.12, Leeds',
        scope: '  ',
        participatingOrganizations: ['Risk', ' Lending ', ''],
        facilitator: 'Sam Okafor',
        evaluators: ['Dana'],
      },
    };
    const html = renderReportFromInput('aar', { scenario: s, header: header(s), entries, debrief }).text;
    const words = text(html);
    expect(words).toContain('Sponsor Chief Risk Officer');
    expect(words).toContain('Location Room 4.12, Leeds');
    expect(words).toContain('Participating organisations Risk, Lending');
    expect(words).toContain('Facilitator Sam Okafor');
    // Evaluators named in the debrief, then those who rated in the room.
    expect(words).toMatch(/Evaluators Dana, Eve, Bo/);
    // An empty field keeps the scenario's own.
    expect(words).toContain(`Scope ${s.overview.scope}`);
    const m = buildAarIp(buildReportModel({ scenario: s, header: header(s), entries, debrief }), s, entries, debrief.overview);
    // The default rule (defaultElement): monitoring words → Equipment, owners → Organisation, drills → Training, else Planning; a chosen one stands.
    expect(m.plan.slice(0, 5).map((x) => x.element)).toEqual(['Equipment', 'Training', 'Organisation', 'Planning', 'Training']);
  });
});

describe('report defects a reader noticed (#20)', () => {
  // The textbook team triages and preserves four pieces of evidence in the same minute.
  function textbook() {
    const s = scenario('silent-bias-drift.yaml');
    const file = 'silent-bias-drift.textbook.yaml';
    const run = new ExerciseRun(s, 1);
    expect(playScript(run, parseActionsFile(readFileSync(join(ROOT, 'scenarios/teams', file), 'utf8'), file))).toEqual([]);
    run.runToEnd();
    const h = { ...header(s), createdAt: '2026-12-05T21:30:00Z' } as JournalHeader;
    return { s, entries: run.entries, h };
  }
  const evidenceLines = (s: Scenario) => s.evidence.map((e) => e.label.replace(/\.$/, ''));

  it('"Documentation and evidence" cites each piece of evidence preserved, not the triage logged in the same minute four times', () => {
    const { s, entries, h } = textbook();
    const model = buildReportModel({ scenario: s, header: h, entries });
    const doc = model.analysis.find((a) => a.dimension === 'documentation')!;
    const cited = doc.observations.filter((o) => o.source === 'engine');
    expect(new Set(cited.map((o) => o.ref)).size).toBe(cited.length);
    expect(cited.map((o) => o.text).join('\n')).not.toMatch(/triage|severity/i);
    expect(cited).toHaveLength(4);
    for (const o of cited) expect(o.text).toMatch(/^Preserved evidence: /);
    // The same in every export: Markdown, the PDF's HTML and the HSEEP AAR/IP.
    const md = renderReportFromInput('md', { scenario: s, header: h, entries }).text;
    const section = md.slice(md.indexOf('### Documentation and evidence'), md.indexOf('## 7.'));
    for (const label of evidenceLines(s)) expect(section).toContain(`Preserved evidence: ${label}`);
    expect(section).not.toMatch(/Triaged/);
    // Each export shows the triage twice at most (its own capability and the timeline), each
    // piece of evidence in the analysis and the timeline.
    for (const format of ['md', 'pdf', 'aar'] as const) {
      const out = text(renderReportFromInput(format, { scenario: s, header: h, entries }).text);
      expect(out.match(/Triaged as Severity 2/g)?.length ?? 0, format).toBeLessThanOrEqual(2);
      if (format !== 'aar') expect(out.match(/Preserved evidence: /g)?.length, format).toBe(8);
    }
    expect(evidenceLines(s).length).toBe(4);
  });

  it('the AAR/IP prints dates as the rest of the report does ("5 Dec 2026", "5 déc. 2026"), never ISO', () => {
    const { s, entries, h } = textbook();
    const debrief = {
      actionItems: [{ id: 'a', text: 'Add a unit check to the feature contract', owner: 'Data', due: '2027-01-04', status: 'open' as const }],
      observations: [],
      adjustments: [],
    };
    const en = text(renderReportFromInput('aar', { scenario: s, header: h, entries, debrief }).text);
    expect(en).toContain('Exercise date 5 Dec 2026');
    expect(en).toMatch(/5 Dec 2026 4 Jan 2027 open/); // the plan's start and due
    expect(en).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    const fr = text(renderReportFromInput('aar', { scenario: s, header: h, entries, debrief, locale: 'fr' }).text);
    expect(fr).toContain('5 déc. 2026');
    expect(fr).toContain('4 janv. 2027');
    expect(fr).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    // The PDF report's plan table too.
    const pdf = text(renderReportFromInput('pdf', { scenario: s, header: h, entries, debrief }).text);
    expect(pdf).toContain('4 Jan 2027');
    expect(pdf).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  });
});

describe('the French AAR/IP plan', () => {
  it('names the issue each corrective action answers, as the English one does', () => {
    const s = scenario('silent-bias-drift.yaml');
    const file = 'silent-bias-drift.plausible-wrong.yaml';
    const run = new ExerciseRun(s, 1);
    playScript(run, parseActionsFile(readFileSync(join(ROOT, 'scenarios/teams', file), 'utf8'), file));
    run.runToEnd();
    for (const locale of ['en', 'fr'] as const) {
      const m = buildAarIp(buildReportModel({ scenario: s, header: header(s), entries: run.entries, locale }), s, run.entries);
      expect(m.plan.length, locale).toBeGreaterThan(0);
      for (const row of m.plan) {
        expect(row.issue, `${locale}: ${row.correctiveAction}`).not.toBe('');
        expect(row.issue, locale).not.toMatch(/D[ée]finitions? ?:/);
      }
    }
  });
});
