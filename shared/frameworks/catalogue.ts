/**
 * The AI-risk frameworks a scenario can be tagged with, as ids (and names where they are short
 * public facts), each at the version Firebreak knows. CoSAI and MITRE ATLAS come from their
 * published machine-readable files (vendored-data.ts); the others are short public lists written
 * here: OWASP Top 10 for LLM Applications 2025, the NIST AI RMF 1.0 subcategory ids, the twelve
 * risks of NIST AI 600-1 (the Generative AI Profile, July 2024), and a harm classification after
 * CSET's AI Harm Taxonomy for the AI Incident Database (harm level, basis, sector, autonomy).
 */
import { VENDORED } from './vendored-data.ts';

export interface Named {
  id: string;
  name: string;
}

export const COSAI_VERSION = VENDORED.cosai.commit.slice(0, 7);
export const ATLAS_VERSION = VENDORED.atlas.version;
export const OWASP_LLM_VERSION = '2025';
export const NIST_AI_RMF_VERSION = '1.0';
export const NIST_AI_600_1_VERSION = '2024-07';
export const HARM_TAXONOMY_VERSION = 'cset-aiid-1';

export const COSAI_RISKS: ReadonlyArray<Named> = VENDORED.cosai.risks;
export const COSAI_CONTROLS: ReadonlyArray<Named> = VENDORED.cosai.controls;
/** Sub-techniques carry their parent's name ("LLM Prompt Injection: Indirect"), as ATLAS shows them. */
export const ATLAS_TECHNIQUES: ReadonlyArray<Named> = VENDORED.atlas.techniques.map((t) => {
  const parent = /^(AML\.T\d+)\.\d+$/.exec(t.id)?.[1];
  const p = parent ? VENDORED.atlas.techniques.find((x) => x.id === parent) : undefined;
  return p ? { id: t.id, name: `${p.name}: ${t.name}` } : t;
});
export const ATLAS_MITIGATIONS: ReadonlyArray<Named> = VENDORED.atlas.mitigations;

export const OWASP_LLM: ReadonlyArray<Named> = [
  { id: 'LLM01:2025', name: 'Prompt Injection' },
  { id: 'LLM02:2025', name: 'Sensitive Information Disclosure' },
  { id: 'LLM03:2025', name: 'Supply Chain' },
  { id: 'LLM04:2025', name: 'Data and Model Poisoning' },
  { id: 'LLM05:2025', name: 'Improper Output Handling' },
  { id: 'LLM06:2025', name: 'Excessive Agency' },
  { id: 'LLM07:2025', name: 'System Prompt Leakage' },
  { id: 'LLM08:2025', name: 'Vector and Embedding Weaknesses' },
  { id: 'LLM09:2025', name: 'Misinformation' },
  { id: 'LLM10:2025', name: 'Unbounded Consumption' },
];

/** NIST AI RMF 1.0: function, category number, how many subcategories it has. */
const RMF: Array<[string, number, number]> = [
  ['GOVERN', 1, 7],
  ['GOVERN', 2, 3],
  ['GOVERN', 3, 2],
  ['GOVERN', 4, 3],
  ['GOVERN', 5, 2],
  ['GOVERN', 6, 2],
  ['MAP', 1, 6],
  ['MAP', 2, 3],
  ['MAP', 3, 5],
  ['MAP', 4, 2],
  ['MAP', 5, 2],
  ['MEASURE', 1, 3],
  ['MEASURE', 2, 13],
  ['MEASURE', 3, 3],
  ['MEASURE', 4, 3],
  ['MANAGE', 1, 4],
  ['MANAGE', 2, 4],
  ['MANAGE', 3, 2],
  ['MANAGE', 4, 3],
];
/** "MANAGE-4.3", as CoSAI's crosswalk writes them. */
export const NIST_AI_RMF_SUBCATEGORIES: ReadonlyArray<string> = RMF.flatMap(([fn, cat, n]) => Array.from({ length: n }, (_, i) => `${fn}-${cat}.${i + 1}`));

export const NIST_AI_600_1_RISKS: ReadonlyArray<Named> = [
  { id: 'cbrn', name: 'CBRN Information or Capabilities' },
  { id: 'confabulation', name: 'Confabulation' },
  { id: 'dangerous_violent_hateful', name: 'Dangerous, Violent, or Hateful Content' },
  { id: 'data_privacy', name: 'Data Privacy' },
  { id: 'environmental', name: 'Environmental Impacts' },
  { id: 'harmful_bias', name: 'Harmful Bias and Homogenization' },
  { id: 'human_ai_configuration', name: 'Human-AI Configuration' },
  { id: 'information_integrity', name: 'Information Integrity' },
  { id: 'information_security', name: 'Information Security' },
  { id: 'intellectual_property', name: 'Intellectual Property' },
  { id: 'obscene_abusive', name: 'Obscene, Degrading, and/or Abusive Content' },
  { id: 'value_chain', name: 'Value Chain and Component Integration' },
];

/** After CSET's AI Harm Taxonomy for AIID: how far the harm went, whom it fell on, where, and who decided. */
export const HARM_LEVELS = ['tangible_harm_event', 'tangible_harm_near_miss', 'tangible_harm_issue', 'intangible_harm', 'none'] as const;
export const HARM_BASES = [
  'age',
  'disability',
  'financial_means',
  'geography',
  'ideology',
  'nation_of_origin',
  'race',
  'religion',
  'sex',
  'sexual_orientation',
  'none',
] as const;
export const HARM_SECTORS = [
  'finance_and_insurance',
  'transportation_and_storage',
  'wholesale_and_retail_trade',
  'information_and_communication',
  'human_health_and_social_work',
  'public_administration',
  'professional_scientific_and_technical',
  'education',
  'accommodation_and_food_service',
  'other',
] as const;
/** autonomy1: the system acts with no human in the loop; autonomy2: a human can override; autonomy3: a human decides, the system informs. */
export const HARM_AUTONOMY = ['autonomy1', 'autonomy2', 'autonomy3'] as const;

export const nameOf = (list: ReadonlyArray<Named>, id: string): string => list.find((x) => x.id === id)?.name ?? id;
