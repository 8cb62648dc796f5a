import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreRun } from '../../../shared/scoring/score-card.ts';
import { serializeJournal } from '../../../shared/engine/journal.ts';
import type { DebriefEdits } from '../../../shared/contract/api.ts';
import { buildReportModel, observationDimension } from '../../../shared/debrief/report-model.ts';
import { reportMarkdown } from '../../../shared/debrief/report-markdown.ts';
import { csvField, reportCsv } from '../../../shared/debrief/report-csv.ts';
import { isReportJson, parseJournalOrReport, parseReportJson, reportJson } from '../../../shared/debrief/report-json.ts';
import { reportHtml } from '../../../shared/debrief/report-html.ts';
import { renderReport, reportFileName } from '../../../shared/debrief/render-report.ts';
import { main, type CliIo } from '../../../host/cli/main.ts';
import { loadFile } from '../../helpers.ts';
import { biasTeam, journalOf, miniTeam, HOUR, MIN } from './teams.ts';

const debrief: DebriefEdits = {
  actionItems: [
    {
      id: 'a1',
      text: 'Write the client notification template',
      owner: 'Dana',
      due: '2026-06-03',
      status: 'open',
      capability: 'Communication and notification',
    },
  ],
  observations: [
    { id: 'o1', t: 7 * HOUR + 40 * MIN, text: 'Communication: the team argued about who tells Consumer Lending' },
    { id: 'o2', t: null, text: 'Good energy throughout' },
  ],
  adjustments: [{ dimension: 'communication', delta: 20, reason: 'The client was told by phone at 19:00; the log missed it' }],
};

function model(edits: DebriefEdits | null = debrief) {
  const { scenario, journal } = biasTeam();
  return { scenario, journal, model: buildReportModel({ scenario, header: journal.header, entries: journal.entries, debrief: edits }) };
}

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const io = {
    stdout: [] as string[],
    stderr: [] as string[],
    out: (s: string) => io.stdout.push(s),
    err: (s: string) => io.stderr.push(s),
    readFile: (p: string) => readFileSync(p),
    writeFile: (p: string, d: string | Uint8Array) => writeFileSync(p, d),
  };
  return io;
}

describe('report model', () => {
  const { model: m } = model();

  it('shows the engine score and the facilitator adjustment side by side', () => {
    const comm = m.scores.rows.find((r) => r.dimension === 'communication')!;
    // Engine communication 21, overall 61 (a harmful containment costs 30, #17; regulator and users missed without a dated plan, deadlines
    // from the first real signal: see key-times.test.ts).
    expect(comm).toMatchObject({ engine: 21, delta: 20, adjusted: 41, adjustmentReasons: ['The client was told by phone at 19:00; the log missed it'] });
    expect(m.scores.engineOverall).toBe(61);
    // 61 + 20 · 0.15 = 64
    expect(m.scores.adjustedOverall).toBe(64);
    expect(m.scores.adjusted).toBe(true);
  });

  it('files a facilitator observation under the capability it names, and in the timeline', () => {
    expect(observationDimension('Communication: x')).toBe('communication');
    expect(observationDimension('[containment] x')).toBe('containment');
    expect(observationDimension('Nothing to see')).toBeNull();
    const comm = m.analysis.find((a) => a.dimension === 'communication')!;
    expect(comm.observations.some((o) => o.source === 'facilitator' && o.ref === 'obs-o1')).toBe(true);
    const i = m.timeline.findIndex((r) => r.id === 'obs-o1');
    expect(m.timeline[i]).toMatchObject({ t: 7 * HOUR + 40 * MIN, visibility: 'facilitator', kind: 'observation' });
    expect(m.timeline[i - 1]!.t!).toBeLessThanOrEqual(7 * HOUR + 40 * MIN);
    expect(m.timeline[i + 1]!.t!).toBeGreaterThan(7 * HOUR + 40 * MIN);
    expect(m.timeline.at(-1)).toMatchObject({ id: 'obs-o2', t: null });
  });

  it('marks facilitator-only timeline entries and links score reasons to the timeline', () => {
    expect(m.timeline.find((r) => r.kind === 'fault')!.visibility).toBe('facilitator');
    expect(m.timeline.find((r) => r.text === 'Incident declared')!.visibility).toBe('room');
    const detection = m.scores.rows.find((r) => r.dimension === 'detection')!;
    expect(m.timeline.find((r) => r.id === detection.refIds[0])!.text).toBe('Incident declared');
  });

  it("uses the facilitator's plan when there is one, else suggests one", () => {
    expect(m.plan).toEqual({ items: debrief.actionItems, suggested: false });
    const bare = model(null).model;
    expect(bare.plan.suggested).toBe(true);
    expect(bare.plan.items.length).toBeGreaterThan(0);
    expect(bare.scores.adjustedOverall).toBe(bare.scores.engineOverall);
  });
});

describe('markdown', () => {
  const md = reportMarkdown(model().model);
  it('has the after-action report sections', () => {
    for (const heading of [
      '# After-Action Report / Improvement Plan',
      '## 1. Exercise overview',
      '### Objectives',
      '### Participants and roles',
      '## 2. Summary',
      '## 3. Score card',
      '## 4. Key times',
      '## 5. Harm and what-ifs',
      '## 6. Analysis by capability',
      '**Strengths**',
      '**Areas for improvement**',
      '**Observations**',
      '## 7. Facilitator observations',
      '## 8. Improvement plan',
      '## Appendix: Timeline',
      '## Appendix: Scoring definitions',
      '- **MTTD.** MTTD (time to detect)',
    ]) {
      expect(md).toContain(heading);
    }
  });
  it('carries the figures: key times, harm, what-ifs, adjustment and plan', () => {
    expect(md).toContain('| Time to detect (MTTD) | 7h22m | 8h30m | met | fault start |');
    // Best achievable: the rubric's best response from the first real signal at 15:32 (definition best_achievable).
    expect(md).toContain('| Applications wrongly declined | 125 applications | 340 applications | 73 applications |');
    expect(md).toContain('would have prevented 26 of the 125 applications wrongly declined (99 instead of 125)');
    expect(md).toContain('| Communication and notification | 15 | 21 | +20 | 41 | missed |');
    expect(md).toContain('| 1 | Communication and notification | Write the client notification template | Dana | 2026-06-03 | open |');
    // Participants from the journal (#16): Ana was assigned at 7h52m and took none of the team's actions herself (no attribution in this journal).
    expect(md).toContain('| Ana | incident commander | T+7h52m | 0 |');
  });
});

describe('csv', () => {
  it('quotes fields per RFC 4180 and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('T+4h')).toBe('T+4h');
  });
  it('writes one CRLF row per timeline entry under a header', () => {
    const team = miniTeam();
    const entries = [...team.journal.entries];
    entries.splice(2, 0, { seq: 0, t: 80 * MIN, input: { type: 'NOTE', text: 'Team split, "two" views\nthen agreed' } });
    const renumbered = entries.map((e, i) => ({ ...e, seq: i + 1 }));
    const m = buildReportModel({ scenario: team.scenario, header: team.journal.header, entries: renumbered });
    const csv = reportCsv(m);
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('sim_offset,wall_time,kind,text,visibility');
    expect(rows.at(-1)).toBe('');
    expect(csv).toContain('T+1h20m,Mon 05 Jan 10:20,note,"Note: Team split, ""two"" views\nthen agreed",facilitator\r\n');
    expect(csv).toContain('T+2h,Mon 05 Jan 11:00,action,Internal status update sent,room\r\n');
    expect(csv).toContain('T+1h,Mon 05 Jan 10:00,fault,Fault begins (prompt): A prompt change breaks answers.,facilitator\r\n');
  });
});

describe('json', () => {
  const { journal, model: m, scenario } = model();
  const text = reportJson(m, journal);

  it('carries scenario id and version, seed, journal and score card', () => {
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ format: 'firebreak-report/1', scenarioId: 'silent-bias-drift', scenarioVersion: scenario.version, seed: 1 });
    expect(doc.journal.header).toEqual(journal.header);
    expect(doc.journal.entries).toEqual(journal.entries);
    // 61 under the #17 rules (see key-times.test.ts).
    expect(doc.scoreCard.overall).toBe(61);
    expect(isReportJson(text)).toBe(true);
    expect(isReportJson(serializeJournal(journal))).toBe(false);
  });

  it('re-scores to the same card', () => {
    const parsed = parseReportJson(text);
    expect(parsed.header).toEqual(journal.header);
    expect(scoreRun(scenario, parsed.header.seed, parsed.entries)).toEqual(m.card);
    expect(parseJournalOrReport(serializeJournal(journal)).entries).toEqual(journal.entries);
  });

  it('re-scores to the same card through `firebreak replay`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-json-'));
    const file = join(dir, 'report.json');
    writeFileSync(file, text);
    const io = captureIo();
    expect(await main(['replay', file, '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n'))).toEqual(JSON.parse(JSON.stringify(m.card)));
  });

  it('names the damaged part of a report', () => {
    const doc = JSON.parse(text);
    doc.journal.entries[1].seq = 7;
    expect(() => parseReportJson(JSON.stringify(doc))).toThrow(/journal\.entries\[1\]: entry seq 7 out of order/);
    expect(() => parseReportJson('{"format":"something"}')).toThrow(/not a Firebreak report/);
  });
});

describe('html', () => {
  const html = reportHtml(model().model, { tickLabel: () => '00:00' });
  it('is a standalone printable document with page-break rules', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('@page { size: A4; margin:');
    expect(html).toMatch(/tr \{ page-break-inside: avoid; break-inside: avoid; \}/);
    expect(html).toMatch(/section \{ page-break-inside: avoid;/);
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toContain('table-layout: fixed');
    expect(html).toContain('overflow-wrap: break-word');
    expect(html).not.toMatch(/<script|<link|src="http/i);
  });
  it('draws its charts as inline SVG', () => {
    const svgs = html.match(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g) ?? [];
    expect(svgs.length).toBe(3); // metrics, key moments, harm over time
    expect(html).toMatch(/<path d="M[\d.]+ [\d.]+ L[\d.]+ [\d.]+ L/); // a harm series
  });
  it('escapes what the team typed', () => {
    const team = miniTeam();
    const entries = [
      ...team.journal.entries,
      { seq: team.journal.entries.length + 1, t: 5 * HOUR, input: { type: 'NOTE' as const, text: '<script>alert(1)</script>' } },
    ];
    entries.splice(-2, 2, entries.at(-1)!, entries.at(-2)!);
    const fixed = entries.map((e, i) => ({ ...e, seq: i + 1 }));
    const out = reportHtml(buildReportModel({ scenario: team.scenario, header: team.journal.header, entries: fixed }));
    expect(out).toContain('Note: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toContain('<script>');
  });
});

describe('render-report (hosts)', () => {
  it('renders a stored exercise in each text format', () => {
    const { scenario, journal } = biasTeam();
    const loaded = {
      meta: {
        id: 'bias-team',
        createdAt: '2026-05-04T10:00:00.000Z',
        updatedAt: '2026-05-04T12:00:00.000Z',
        status: 'finished' as const,
        scenarioId: scenario.id,
        scenarioVersion: 1,
        scenarioTitle: scenario.title,
        seed: 1,
        team: 'Blue team',
        participants: [{ name: 'Cleo', role: 'scribe' as const }],
        mode: 'facilitated' as const,
        speed: 60,
        lastT: 0,
        entryCount: journal.entries.length,
        outcome: null,
      },
      journalText: serializeJournal(journal),
      entries: journal.entries,
      debrief,
      warnings: [],
    };
    const md = renderReport('md', loaded, scenario);
    expect(md).toContain('**Silent bias drift in credit scoring: Blue team**');
    // Participants come from the journal (#16): Cleo, named at setup, never appears in it.
    expect(md).toContain('| Name | Role | Assigned at | Actions |');
    expect(md).not.toContain('| Cleo |');
    expect(renderReport('html', loaded, scenario)).toContain('<svg');
    expect(renderReport('csv', loaded, scenario).startsWith('sim_offset,')).toBe(true);
    expect(parseReportJson(renderReport('json', loaded, scenario)).entries).toEqual(journal.entries);
    expect(reportFileName('silent-bias-drift', 'ex-42', 'csv')).toBe('silent-bias-drift-ex-42-timeline.csv');
  });
});

describe('hints in the summary', () => {
  it('says how many hints a solo trainee asked for (and a room was given), from when', () => {
    const { scenario, source } = loadFile('scenarios/silent-bias-drift.yaml');
    const journal = journalOf('hinted', scenario, source, [
      [2 * HOUR, { type: 'REVEAL_HINT', hintId: scenario.hints[0]!.id }],
      [3 * HOUR, { type: 'ACKNOWLEDGE' }],
    ]);
    const meta = (mode: 'solo' | 'facilitated') => ({ team: 'Dana', mode }) as Parameters<typeof buildReportModel>[0]['meta'];
    const solo = buildReportModel({ scenario, header: journal.header, entries: journal.entries, debrief: null, meta: meta('solo') });
    expect(solo.summary).toContain(`Dana asked for 1 of ${scenario.hints.length} hints (from 10:00).`);
    const room = buildReportModel({ scenario, header: journal.header, entries: journal.entries, debrief: null, meta: meta('facilitated') });
    expect(room.summary.some((p) => p.startsWith(`The facilitator gave 1 of ${scenario.hints.length} hints`))).toBe(true);
    const none = model(null).model;
    expect(none.summary.some((p) => /hint/.test(p))).toBe(false);
  });
});
