/**
 * The report model in French: every sentence the engine's words make (score reasons, strengths,
 * the improvement plan, key times, what-ifs, the summary) comes from the catalogue, so none of
 * them keeps English glue once the scenario's own texts (labels, titles: data, not words of the
 * app) are taken out.
 */
import { buildReportModel, type ReportModel } from '../../../shared/debrief/report-model.ts';
import { reportHtml } from '../../../shared/debrief/report-html.ts';
import { reportMarkdown } from '../../../shared/debrief/report-markdown.ts';
import { wordsFor } from '../../../shared/i18n/words.ts';
import { DEFINITIONS, type DefinitionId } from '../../../shared/scoring/definitions.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { biasTeam, miniTeam } from '../debrief/teams.ts';

/** Every string in the scenario, longest first (so a label is removed before a word inside it). */
function scenarioTexts(s: Scenario): string[] {
  const out = new Set<string>();
  const walk = (x: unknown) => {
    if (typeof x === 'string') {
      if (x.length > 2) out.add(x);
      // Harm labels appear lower-cased inside sentences.
      if (x.length > 2) out.add(x[0]!.toLowerCase() + x.slice(1));
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(s);
  return [...out].sort((a, b) => b.length - a.length);
}

function sentences(m: ReportModel): Array<string | undefined> {
  return [
    m.title,
    m.overview.ended,
    ...m.summary,
    ...m.scores.rows.flatMap((r) => [r.capability, r.reason]),
    ...m.analysis.flatMap((a) => [...a.strengths, ...a.areas]),
    ...m.plan.items.flatMap((x) => [x.text, x.capability]),
    ...m.keyTimes.times.map((x) => x.label),
    ...m.keyTimes.metrics.flatMap((x) => [x.label, x.from]),
    ...m.whatIf.items.flatMap((x) => [x.title, x.change, x.sentence]),
    // The harm chart's decision markers ("Decided: …", "In effect: …").
    ...m.harm.curve.markers.map((x) => x.label),
  ];
}

const ENGLISH_GLUE = /\b(the|of|and|at|by|with|would|instead|before|after|never|declared|notified|harm|deadline|missing|target)\b/i;

describe('the report in French', () => {
  it.each([
    ['mini', miniTeam],
    ['silent-bias-drift', biasTeam],
  ])(
    '%s: no sentence keeps English words outside the scenario’s own texts',
    (_name, team) => {
      const { scenario, journal } = team();
      const input = { scenario, header: journal.header, entries: journal.entries };
      const en = buildReportModel(input);
      const fr = buildReportModel({ ...input, locale: 'fr' });
      expect(fr.locale).toBe('fr');
      expect(fr.title).toBe('Rapport après action / Plan d’amélioration');
      const texts = scenarioTexts(scenario);
      const leftovers = sentences(fr)
        .map((x) => texts.reduce((acc, t) => acc.split(t).join(' '), x ?? ''))
        .filter((x) => ENGLISH_GLUE.test(x));
      expect(leftovers).toEqual([]);
      // Same figures, other words: as many sentences, and the scores unchanged.
      expect(sentences(fr)).toHaveLength(sentences(en).length);
      expect(fr.scores.rows.map((r) => r.engine)).toEqual(en.scores.rows.map((r) => r.engine));
      expect(fr.scores.rows[0]!.reason).not.toBe(en.scores.rows[0]!.reason);
    },
    60_000,
  );

  it('names each scoring definition in English exactly as DEFINITIONS does (README quotes those)', () => {
    const en = wordsFor('en');
    for (const id of Object.keys(DEFINITIONS) as DefinitionId[]) expect(en.t(`definition.${id}`)).toBe(DEFINITIONS[id].name);
  });
  it('words each scoring definition in English exactly as DEFINITIONS does (README quotes those)', () => {
    const en = wordsFor('en');
    for (const id of Object.keys(DEFINITIONS) as DefinitionId[]) expect(en.t(`definitionText.${id}`)).toBe(DEFINITIONS[id].text);
  });

  it('the French report’s glossary of definitions is in French, from the catalogue (it was quoted in English)', () => {
    const { scenario, journal } = biasTeam();
    const fr = buildReportModel({ scenario, header: journal.header, entries: journal.entries, locale: 'fr' });
    const html = reportHtml(fr);
    const glossary = html.slice(html.indexOf('<section id="definitions"'));
    const md = reportMarkdown(fr);
    expect(glossary).toContain('<h2>Annexe');
    const fw = wordsFor('fr');
    for (const d of Object.values(DEFINITIONS)) {
      const text = fw.t(`definitionText.${d.id}`);
      expect(text, d.id).not.toBe(d.text);
      expect(text, d.id).not.toMatch(ENGLISH_GLUE);
      expect(glossary).toContain(text.slice(0, 40));
      expect(glossary).not.toContain(d.text.slice(0, 40));
      expect(md).not.toContain(d.text.slice(0, 40));
    }
    expect(glossary).not.toMatch(/cité|quoted|English|anglais/);
  }, 60_000);
});
