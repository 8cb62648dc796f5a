/**
 * Framework tags and regulatory profiles (#21): the vendored CoSAI / ATLAS ids and CoSAI's
 * crosswalk, validation of a scenario's tags at their own line, profiles expanding into
 * obligations that cite the article, and the report's "Framework mapping" appendix and JSON.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ATLAS_TECHNIQUES, COSAI_RISKS, OWASP_LLM, NIST_AI_RMF_SUBCATEGORIES, NIST_AI_600_1_RISKS } from '../../../shared/frameworks/catalogue.ts';
import { VENDORED } from '../../../shared/frameworks/vendored-data.ts';
import { frameworkTagLabels } from '../../../shared/frameworks/tags.ts';
import { scenarioEntry } from '../../../shared/scenario/entry.ts';
import { buildReportModel } from '../../../shared/debrief/report-model.ts';
import { reportMarkdown } from '../../../shared/debrief/report-markdown.ts';
import { reportHtml } from '../../../shared/debrief/report-html.ts';
import { reportJson } from '../../../shared/debrief/report-json.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { loadScenario, formatProblem } from '../../../shared/scenario/load.ts';
import { scoreFinishedRun } from '../../../shared/scoring/score-card.ts';
import { loadFile, ROOT } from '../../helpers.ts';
import { readFileSync } from 'node:fs';
import { biasTeam } from '../debrief/teams.ts';

const leakage = readFileSync(join(ROOT, 'scenarios/provider-update-leakage.yaml'), 'utf8');
const problemsOf = (text: string) => {
  const r = loadScenario(text, 'x.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('vendored framework ids', () => {
  it('CoSAI risks and controls, ATLAS techniques and mitigations, at their pinned versions', () => {
    expect(VENDORED.cosai.licence).toBe('Apache-2.0');
    expect(VENDORED.atlas.licence).toBe('Apache-2.0');
    expect(VENDORED.atlas.version).toBe('5.6.0');
    expect(COSAI_RISKS.find((r) => r.id === 'riskPromptInjection')?.name).toBe('Prompt Injection');
    expect(ATLAS_TECHNIQUES.find((t) => t.id === 'AML.T0051')?.name).toBe('LLM Prompt Injection');
    expect(VENDORED.cosai.controls.length).toBeGreaterThan(30);
    expect(VENDORED.atlas.mitigations.length).toBeGreaterThan(20);
  });

  it("CoSAI's crosswalk lands on ids the other catalogues know", () => {
    const atlas = new Set(ATLAS_TECHNIQUES.map((t) => t.id));
    const owasp = new Set(OWASP_LLM.map((o) => o.id));
    for (const r of VENDORED.cosai.risks) {
      for (const t of r.atlas) expect(atlas.has(t), `${r.id} → ${t}`).toBe(true);
      for (const o of r.owasp) expect(owasp.has(o), `${r.id} → ${o}`).toBe(true);
    }
    expect(VENDORED.cosai.risks.find((r) => r.id === 'riskPromptInjection')).toMatchObject({ atlas: ['AML.T0051'], owasp: ['LLM01:2025'] });
  });

  it('NIST AI RMF 1.0 has 72 subcategories; NIST AI 600-1 twelve risks', () => {
    expect(NIST_AI_RMF_SUBCATEGORIES).toHaveLength(72);
    expect(NIST_AI_RMF_SUBCATEGORIES).toContain('MEASURE-2.13');
    expect(NIST_AI_600_1_RISKS).toHaveLength(12);
  });
});

describe('scenario tags', () => {
  it.each(readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')))('%s is tagged', (file) => {
    const { scenario } = loadFile(`scenarios/${file}`);
    expect(scenario.frameworks.nistAiRmf?.subcategories.length).toBeGreaterThan(0);
    expect(scenario.frameworks.harm?.sector.length).toBeGreaterThan(0);
  });

  it('an unknown CoSAI risk id fails validation at its line', () => {
    const bad = leakage.replace('risks: [riskSensitiveDataDisclosure]', 'risks: [riskSensitiveDataLeak]');
    expect(problemsOf(bad)).toEqual([
      `x.yaml:${lineOf(bad, 'riskSensitiveDataLeak')}:38  frameworks.cosai.risks.0: unknown CoSAI risk id "riskSensitiveDataLeak"`,
    ]);
  });

  it('an unknown ATLAS technique id fails validation at its line, a known one passes', () => {
    const withAtlas = (id: string) =>
      leakage.replace(
        '  owasp: { version: "2025"',
        `  atlas:\n    version: 5.6.0\n    techniques:\n      - AML.T0051\n      - ${id}\n  owasp: { version: "2025"`,
      );
    expect(problemsOf(withAtlas('AML.T0024'))).toEqual([]);
    const bad = withAtlas('AML.T9999');
    expect(problemsOf(bad)).toEqual([`x.yaml:${lineOf(bad, 'AML.T9999')}:9  frameworks.atlas.techniques.1: unknown ATLAS technique id "AML.T9999"`]);
  });

  it('a tag taken from another framework version is refused, naming the version Firebreak knows', () => {
    const bad = leakage.replace('cosai: { version: 18ab1ef', 'cosai: { version: abcdef0');
    expect(problemsOf(bad).join('\n')).toMatch(/frameworks\.cosai\.version: CoSAI Risk Map version "abcdef0" is not the one Firebreak knows \("18ab1ef"\)/);
  });
});

describe('regulatory profiles', () => {
  const withProfiles = (list: string) => leakage.replace('\nrubric:\n', `\nregulatory:\n${list}\nrubric:\n`);

  it('GDPR Art. 33 expands into a 72-hour regulator obligation with the required content, citing the article', () => {
    const r = loadScenario(withProfiles('  - profile: gdpr-art33'), 'x.yaml');
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const n = r.scenario.rubric.notifications.find((x) => x.id === 'gdpr-art33')!;
    expect(n).toMatchObject({ audience: 'regulator', within: 72 * 3_600_000, from: 'detection' });
    expect(n.elements).toEqual(['nature', 'categories_and_numbers', 'likely_consequences', 'measures_taken', 'contact_point']);
    expect(n.reason).toMatch(/^GDPR Art\. 33\(1\), 33\(3\): /);
    // The score card cites it.
    const run = new ExerciseRun(r.scenario, 1);
    run.runToEnd();
    const card = scoreFinishedRun(run);
    const i = r.scenario.rubric.notifications.indexOf(n);
    expect(card.notifications[i]!.audience).toBe('regulator');
    expect(card.notifications[i]!.reason).toMatch(/GDPR Art\. 33/);
  });

  it('EU AI Act Art. 73: 15 days, 2 days widespread, 10 days after a death; an initial report needs little; evidence before changes', () => {
    const text = withProfiles('  - profile: eu-ai-act-art73\n  - profile: eu-ai-act-art73-widespread\n  - profile: eu-ai-act-art73-death').replace(
      '  evidenceBeforeChanges: true\n',
      '',
    );
    const r = loadScenario(text, 'x.yaml');
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const by = (id: string) => r.scenario.rubric.notifications.find((x) => x.id === id)!;
    expect(by('eu-ai-act-art73').within).toBe(15 * 86_400_000);
    expect(by('eu-ai-act-art73-widespread').within).toBe(2 * 86_400_000);
    expect(by('eu-ai-act-art73-death').within).toBe(10 * 86_400_000);
    expect(by('eu-ai-act-art73').elements).toEqual(['nature', 'contact_point']);
    expect(by('eu-ai-act-art73-death').reason).toMatch(/^EU AI Act Art\. 73\(4\)/);
    expect(r.scenario.rubric.evidenceBeforeChanges).toBe(true);
  });

  it('an unknown profile is reported at its line', () => {
    const bad = withProfiles('  - profile: gdpr-art99');
    expect(problemsOf(bad).join('\n')).toMatch(new RegExp(`^x\\.yaml:${lineOf(bad, 'gdpr-art99')}:\\d+  regulatory\\.0\\.profile: `));
  });
});

describe('the report appendix "Framework mapping"', () => {
  it('one row per finding and per action, with risk, control, crosswalk ids, NIST and legal clocks; the JSON carries the same', () => {
    const { scenario, journal } = biasTeam();
    const model = buildReportModel({ scenario, header: journal.header, entries: journal.entries, debrief: null });
    const fm = model.frameworkMapping!;
    expect(fm.rows.filter((r) => r.kind === 'finding')).toHaveLength(model.analysis.length);
    expect(fm.rows.filter((r) => r.kind === 'action')).toHaveLength(model.plan.items.length);
    expect(fm.tags.nistAiRmf).toContain('MEASURE-2.11');
    // Each row names its suggested control and that control's NIST mapping (else the scenario's tags).
    expect(fm.rows.every((r) => r.control !== null && r.nist.length > 0)).toBe(true);
    // The regulator obligation of silent-bias-drift is the legal clock on communication rows.
    expect(fm.rows.find((r) => r.kind === 'finding' && /ommunicat/.test(r.capability))!.legalClocks.length).toBeGreaterThan(0);
    const md = reportMarkdown(model);
    expect(md).toContain('## Appendix: Framework mapping');
    expect(md).toContain('Model and Data Integrity Management (controlModelAndDataIntegrityManagement)');
    expect(reportHtml(model)).toContain('<h2>Appendix: Framework mapping</h2>');
    const json = JSON.parse(reportJson(model, journal));
    expect(json.report.frameworkMapping).toEqual(JSON.parse(JSON.stringify(fm)));
  });

  it('ATLAS and OWASP ids arrive through the CoSAI crosswalk', () => {
    const { scenario } = loadFile('scenarios/provider-update-leakage.yaml');
    const run = new ExerciseRun(scenario, 1);
    run.runToEnd();
    const model = buildReportModel({
      scenario,
      header: {
        format: 1,
        exerciseId: 'x',
        scenarioId: scenario.id,
        scenarioVersion: 1,
        scenarioSource: leakage,
        seed: 1,
        createdAt: '2026-04-21T08:00:00Z',
      } as never,
      entries: [],
      debrief: null,
    });
    expect(model.frameworkMapping!.tags.atlasTechniques.map((t) => t.id)).toEqual(['AML.T0024']);
    expect(model.frameworkMapping!.tags.owasp.map((t) => t.id)).toEqual(['LLM02:2025', 'LLM03:2025', 'LLM07:2025']);
    // Sub-techniques are named with their parent, as ATLAS shows them.
    const poisoned = loadFile('scenarios/poisoned-shared-document.yaml').scenario;
    const m2 = buildReportModel({
      scenario: poisoned,
      header: {
        format: 1,
        exerciseId: 'y',
        scenarioId: poisoned.id,
        scenarioVersion: 1,
        scenarioSource: '',
        seed: 1,
        createdAt: '2026-05-12T09:00:00Z',
      } as never,
      entries: [],
      debrief: null,
    });
    expect(m2.frameworkMapping!.tags.atlasTechniques[0]).toEqual({ id: 'AML.T0051.001', name: 'LLM Prompt Injection: Indirect' });
    // A row's risks are the tagged ones its control addresses.
    const containment = m2.frameworkMapping!.rows.find(
      (r) => r.kind === 'finding' && r.capability === m2.analysis.find((a) => a.dimension === 'containment')!.capability,
    )!;
    expect(containment.control?.id).toBe('controlIncidentResponseManagement');
  });
});

describe('tags for the History filter (#21)', () => {
  it("the library entry carries a scenario's tags as labels, every built-in has some", () => {
    const poisoned = scenarioEntry('poisoned-shared-document.yaml', true, readFileSync(join(ROOT, 'scenarios/poisoned-shared-document.yaml'), 'utf8'));
    expect(poisoned.summary!.frameworkTags).toEqual(
      expect.arrayContaining([
        'CoSAI risk riskPromptInjection',
        'ATLAS AML.T0051.001',
        'OWASP LLM01:2025',
        'NIST AI RMF MANAGE-2.4',
        'NIST AI 600-1 data_privacy',
      ]),
    );
    for (const file of readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'))) {
      const { scenario } = loadFile(`scenarios/${file}`);
      expect(frameworkTagLabels(scenario.frameworks).length, file).toBeGreaterThan(0);
    }
    expect(frameworkTagLabels(undefined)).toEqual([]);
  });
});
