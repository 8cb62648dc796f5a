/**
 * Spoiler-free player text (#21): the checks `validate --check` runs on a scenario's title,
 * summary, objectives, system and client. The built-ins' old summaries named the cause ("quietly
 * switches the employment-tenure feature from months to years"); the check must catch each.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintScenario } from '../../../shared/scenario/lint.ts';
import { findSpoilers, spoilersInText } from '../../../shared/scenario/spoilers.ts';
import { guideHtml } from '../../../host/exercise/guide.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { loadFile, ROOT } from '../../helpers.ts';

const builtIns = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));
const withSummary = (s: Scenario, summary: string): Scenario => ({ ...s, summary });

it.each(builtIns)('%s: no player text names the fault or the fix', (file) => {
  const { scenario } = loadFile(`scenarios/${file}`);
  expect(findSpoilers(scenario)).toEqual([]);
  expect(scenario.facilitator.giveaways.length).toBeGreaterThan(0);
});

/** The participants' Situation Manual as its reader sees it: the document's text, tags and styles gone. */
function situationManualText(s: Scenario): string {
  return guideHtml(s, 'participant')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

it.each(builtIns)("%s: the participants' Situation Manual names neither the fault nor the fix, line by line", (file) => {
  const { scenario } = loadFile(`scenarios/${file}`);
  const text = situationManualText(scenario);
  // It is the participant version, and it does carry the modules' questions and the objectives.
  expect(text).toContain('Participant version');
  for (const q of scenario.modules.flatMap((m) => m.questions)) expect(text).toContain(q);
  for (const o of scenario.objectives) expect(text).toContain(o.text);
  const found = text
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((line) => spoilersInText(scenario, line).map((sp) => `${sp.found} in "${line.trim()}"`));
  expect(found).toEqual([]);
});

describe('the module questions and objectives that gave the answer away in the Situation Manual are caught', () => {
  // The wording the five newer built-ins shipped with: each named the fault or the fix.
  const old: [string, string, string][] = [
    ['refund-fraud-cascade', 'modules.2.questions.1', "Which automations should never act on a model's label alone?"],
    ['refund-fraud-cascade', 'objectives.1.text', 'Stop irreversible actions reaching customers while the cause is found.'],
    ['refund-fraud-cascade', 'modules.1.questions.0', 'Is this a fraud wave, or something producing fraud cases? What would tell you which?'],
    ['missing-contract-clause', 'objectives.2.text', 'Stop customers relying on output that may be incomplete, at a proportionate cost.'],
    ['recommender-3am', 'modules.2.questions.1', "Which check would have stopped tonight's refresh from reaching customers?"],
    ['fraud-false-declines', 'modules.2.questions.1', 'Which release check would have caught this?'],
    ['agent-deletes-production', 'objectives.0.text', 'Check what an automated actor reports against an independent record.'],
    ['agent-deletes-production', 'modules.2.questions.1', 'What should an agent never be allowed to do, and how will you enforce it?'],
    ['provider-update-leakage', 'system.description', "It calls Cirrus AI's hosted model via the floating alias cirrus-large-latest."],
  ];
  it.each(old)('%s: %s "%s"', (id, path, wording) => {
    const { scenario } = loadFile(`scenarios/${id}.yaml`);
    const [head, i, field, j] = path.split('.');
    const s = structuredClone(scenario);
    if (head === 'objectives') s.objectives[Number(i)]!.text = wording;
    else if (head === 'modules' && field === 'questions') s.modules[Number(i)]!.questions[Number(j)] = wording;
    else s.system.description = wording;
    expect(findSpoilers(s).map((x) => x.path.join('.'))).toContain(path);
    expect(
      situationManualText(s)
        .split('\n')
        .some((l) => spoilersInText(s, l).length > 0),
    ).toBe(true);
  });
});

describe('the summaries that spoiled solo training are caught', () => {
  it('silent-bias-drift: the root cause in the summary', () => {
    const { scenario } = loadFile('scenarios/silent-bias-drift.yaml');
    const old = withSummary(scenario, 'A data-pipeline release at Northfield Bank quietly switches the employment-tenure feature from months to years.');
    const found = findSpoilers(old).map((s) => s.found);
    expect(found).toEqual(expect.arrayContaining(['tenure', 'months to years', 'pipeline release', 'employment tenure']));
    expect(findSpoilers(old).every((s) => s.path.join('.') === 'summary')).toBe(true);
  });

  it('stale-pricing-data: "three-day-old inventory snapshot" matches the root cause label', () => {
    const { scenario } = loadFile('scenarios/stale-pricing-data.yaml');
    const old = withSummary({ ...scenario, facilitator: { brief: '', giveaways: [] } }, 'The model starts reading a three-day-old inventory snapshot.');
    expect(findSpoilers(old).map((s) => s.found)).toContain('day old');
  });

  it('provider-update-leakage: the provider update named in an objective', () => {
    const { scenario } = loadFile('scenarios/provider-update-leakage.yaml');
    const old: Scenario = {
      ...scenario,
      objectives: [...scenario.objectives, { id: 'x', text: 'Recognise that the provider silently updated the model behind the alias.' }],
    };
    const sp = findSpoilers(old);
    expect(sp.length).toBeGreaterThan(0);
    expect(sp[0]!.path).toEqual(['objectives', scenario.objectives.length, 'text']);
  });

  it("a second fault's own root cause counts too (stale-pricing-data's partner fare cache)", () => {
    const { scenario } = loadFile('scenarios/stale-pricing-data.yaml');
    const old = withSummary({ ...scenario, facilitator: { brief: '', giveaways: [] } }, 'Partners may keep selling from a fare cache overnight.');
    expect(findSpoilers(old).map((s) => s.found)).toContain('fare cache');
  });

  it('five words copied from a fault description are a giveaway, and --check reports it with its path', () => {
    const { scenario } = loadFile('scenarios/stale-pricing-data.yaml');
    const old = withSummary(scenario, 'Tonight the pricing service\'s feed loader falls back to the newest "good" file.');
    const w = lintScenario(old).filter((x) => x.path[0] === 'summary');
    expect(w.length).toBeGreaterThan(0);
    expect(w[0]!.message).toMatch(/gives the answer away: "the pricing service's feed loader".*stale-feed/);
  });
});
