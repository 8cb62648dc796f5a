/**
 * #20: a harm that is zero in this run and when doing nothing gets no chart (debrief, report) and
 * no clause in any what-if; a scenario prices everything in its own currency (the UK bank in £).
 */
import { buildReportModelFromRun } from '../../../shared/debrief/report-model.ts';
import { reportHtml } from '../../../shared/debrief/report-html.ts';
import { reportMarkdown } from '../../../shared/debrief/report-markdown.ts';
import { harmNoun } from '../../../shared/debrief/phrasing.ts';
import { whatIfs } from '../../../shared/debrief/what-if.ts';
import { JOURNAL_FORMAT } from '../../../shared/engine/journal.ts';
import { loadCase, playTeamFile } from '../scoring/scripted.ts';

function report(key: string, team: string) {
  const { scenario } = loadCase(key);
  const played = playTeamFile(key, team);
  const header = {
    format: JOURNAL_FORMAT as typeof JOURNAL_FORMAT,
    exerciseId: 'x',
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    scenarioSource: '',
    seed: 1,
    createdAt: '2026-05-04T10:00:00.000Z',
  };
  const model = buildReportModelFromRun({ scenario, header, entries: played.entries, debrief: null }, played.run, played.card);
  return { scenario, played, model };
}

describe('a harm that is zero in every run', () => {
  // Partners clean: FareHub's cache was never stale, so its mistake-fare tickets stay at zero.
  const key = 'stale-pricing-data@partners-clean';
  const { scenario, played, model } = report(key, 'textbook');
  const zero = scenario.harm.find((h) => h.id === 'partner-tickets')!;

  it('has no chart in the debrief model or the report, while the other harms keep theirs', () => {
    expect(model.harm.curve.harms.map((h) => h.id)).not.toContain('partner-tickets');
    expect(model.harm.curve.harms.length).toBeGreaterThan(0);
    const html = reportHtml(model);
    expect(html).not.toContain(`<figcaption>${zero.label}`);
    expect(html.match(/<figure>/g)?.length).toBeGreaterThan(0);
  });

  it('is named in no what-if', () => {
    const analysis = whatIfs(scenario, 1, played.entries, played.card);
    expect(analysis.items.length).toBeGreaterThan(0);
    for (const w of analysis.items) expect(w.sentence).not.toContain(harmNoun(zero));
  }, 120_000);
});

describe('one currency per scenario', () => {
  it('the UK bank (provider update leakage) prices in pounds everywhere in its report', () => {
    const { scenario, model } = report('provider-update-leakage', 'plausible-wrong');
    expect(scenario.currency).toBe('GBP');
    const md = reportMarkdown(model);
    const html = reportHtml(model);
    expect(md).toMatch(/£\d/);
    for (const text of [md, html]) {
      expect(text).not.toMatch(/\$\s?\d/);
      expect(text).not.toMatch(/\bUSD\b/);
    }
  }, 120_000);
});
