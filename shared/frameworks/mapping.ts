/**
 * The after-action report's "Framework mapping" appendix (and the JSON export's `frameworkMapping`):
 * one row per finding (a capability the score card judged) and per improvement-plan action, each
 * with the scenario's CoSAI risks, a control suggested from its tags, the MITRE ATLAS and OWASP ids
 * reached through CoSAI's crosswalk (plus any tagged directly), the NIST AI RMF subcategories, and
 * for a regulated scenario the legal clocks met or missed.
 */
import type { ActionItem } from '../contract/api.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ScoreCard } from '../scoring/score-card.ts';
import { regulatoryProfileOf } from './regulatory-profiles.ts';
import {
  ATLAS_MITIGATIONS,
  ATLAS_TECHNIQUES,
  ATLAS_VERSION,
  COSAI_CONTROLS,
  COSAI_RISKS,
  COSAI_VERSION,
  NIST_AI_600_1_RISKS,
  OWASP_LLM,
  nameOf,
  type Named,
} from './catalogue.ts';
import { VENDORED } from './vendored-data.ts';

export interface FrameworkRef {
  id: string;
  name: string;
}

export interface LegalClock {
  /** The obligation's id (a regulatory profile id when it came from one). */
  id: string;
  /** "GDPR Art. 33(1)". */
  citation: string;
  status: 'met' | 'missed' | 'open' | 'not_applicable';
}

export interface FrameworkRow {
  kind: 'finding' | 'action';
  /** The capability (finding) or the action's text. */
  text: string;
  capability: string;
  /** For a finding: whether the capability's target was met. */
  met: boolean | null;
  risks: FrameworkRef[];
  /** The control suggested for this row (CoSAI control id), from the scenario's tags. */
  control: FrameworkRef | null;
  atlas: string[];
  owasp: string[];
  nist: string[];
  legalClocks: LegalClock[];
}

export interface FrameworkMapping {
  versions: { cosai: string; atlas: string; owasp: string; nistAiRmf: string; nistAi600: string };
  /** Every tag of the scenario, named. */
  tags: {
    risks: FrameworkRef[];
    controls: FrameworkRef[];
    atlasTechniques: FrameworkRef[];
    atlasMitigations: FrameworkRef[];
    owasp: FrameworkRef[];
    nistAiRmf: string[];
    nistAi600: FrameworkRef[];
    harm: Scenario['frameworks']['harm'] | null;
  };
  rows: FrameworkRow[];
}

/** Controls a capability's improvement most often calls for, in order of preference. */
const PREFERRED: Record<string, string[]> = {
  detection: ['controlThreatDetection', 'controlAgentObservability', 'controlModelAndDataIntegrityManagement'],
  triage: ['controlIncidentResponseManagement', 'controlRiskGovernance'],
  containment: [
    'controlIncidentResponseManagement',
    'controlAgentPluginPermissions',
    'controlAgentExecutionBounds',
    'controlOutputValidationAndSanitization',
    'controlInputValidationAndSanitization',
  ],
  investigation: ['controlModelAndDataIntegrityManagement', 'controlModelAndDataInventoryManagement', 'controlAgentObservability', 'controlThreatDetection'],
  communication: ['controlIncidentResponseManagement', 'controlUserTransparencyAndControls', 'controlProductGovernance'],
  documentation: ['controlIncidentResponseManagement', 'controlModelAndDataInventoryManagement', 'controlRiskGovernance'],
};

const ref = (list: ReadonlyArray<Named>, id: string): FrameworkRef => ({ id, name: nameOf(list, id) });
const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** Which dimension a capability or action belongs to, from the plan item's capability label. */
function dimensionOf(capability: string): string {
  const c = capability.toLowerCase();
  for (const d of Object.keys(PREFERRED)) if (c.includes(d.slice(0, 6))) return d;
  if (c.includes('notif') || c.includes('communic')) return 'communication';
  if (c.includes('evidence') || c.includes('record')) return 'documentation';
  return 'containment';
}

/** The control for a row: the scenario's tagged controls first, then its risks' controls, by preference. */
export function suggestControl(s: Scenario, dimension: string): string | null {
  const tagged = s.frameworks.cosai?.controls ?? [];
  const fromRisks = (s.frameworks.cosai?.risks ?? []).flatMap((r) => VENDORED.cosai.risks.find((x) => x.id === r)?.controls ?? []);
  const candidates = uniq([...tagged, ...fromRisks]);
  if (!candidates.length) return null;
  for (const p of PREFERRED[dimension] ?? []) if (candidates.includes(p)) return p;
  return candidates[0]!;
}

function legalClocks(s: Scenario, card: ScoreCard): LegalClock[] {
  const out: LegalClock[] = [];
  s.rubric.notifications.forEach((n, i) => {
    const profile = n.id ? regulatoryProfileOf(n.id) : null;
    if (!profile && n.audience !== 'regulator') return;
    const result =
      card.notifications.length === s.rubric.notifications.length ? card.notifications[i] : card.notifications.find((x) => x.audience === n.audience);
    if (!result) return;
    out.push({
      id: n.id ?? n.audience,
      citation: profile?.citation ?? (n.reason || `Notice to the ${n.audience}`),
      status: result.status as LegalClock['status'],
    });
  });
  return out;
}

export function frameworkMapping(
  s: Scenario,
  card: ScoreCard,
  plan: ReadonlyArray<ActionItem>,
  capabilities: ReadonlyArray<{ dimension: string; capability: string; met: boolean }>,
): FrameworkMapping {
  const f = s.frameworks;
  const riskIds = f.cosai?.risks ?? [];
  const crossAtlas = riskIds.flatMap((r) => VENDORED.cosai.risks.find((x) => x.id === r)?.atlas ?? []);
  const crossOwasp = riskIds.flatMap((r) => VENDORED.cosai.risks.find((x) => x.id === r)?.owasp ?? []);
  const atlas = uniq([...(f.atlas?.techniques ?? []), ...crossAtlas]);
  const owasp = uniq([...(f.owasp?.ids ?? []), ...crossOwasp]);
  const nist = f.nistAiRmf?.subcategories ?? [];
  const clocks = legalClocks(s, card);
  const clocksFor = (dimension: string) => (dimension === 'communication' || dimension === 'documentation' ? clocks : []);
  const control = (dimension: string) => {
    const id = suggestControl(s, dimension);
    return id ? ref(COSAI_CONTROLS, id) : null;
  };
  /**
   * A row names what its control addresses: the tagged risks that control mitigates (all tagged
   * risks when it mitigates none of them), the ATLAS and OWASP ids those risks crosswalk to plus
   * the control's own ATLAS mitigations, and the control's NIST mapping (else the scenario's).
   */
  const row = (kind: FrameworkRow['kind'], text: string, capability: string, met: boolean | null, dimension: string): FrameworkRow => {
    const c = control(dimension);
    const vc = c ? VENDORED.cosai.controls.find((x) => x.id === c.id) : undefined;
    const addressed = c ? riskIds.filter((r) => VENDORED.cosai.risks.find((x) => x.id === r)?.controls.includes(c.id)) : [];
    const rs = addressed.length ? addressed : riskIds;
    const rowAtlas = uniq([
      ...rs.flatMap((r) => VENDORED.cosai.risks.find((x) => x.id === r)?.atlas ?? []),
      ...(addressed.length ? [] : (f.atlas?.techniques ?? [])),
      ...(vc?.atlas ?? []),
    ]);
    const rowOwasp = uniq([...rs.flatMap((r) => VENDORED.cosai.risks.find((x) => x.id === r)?.owasp ?? []), ...(addressed.length ? [] : (f.owasp?.ids ?? []))]);
    return {
      kind,
      text,
      capability,
      met,
      risks: rs.map((r) => ref(COSAI_RISKS, r)),
      control: c,
      atlas: rowAtlas,
      owasp: rowOwasp,
      nist: vc?.nist.length ? vc.nist : nist,
      legalClocks: clocksFor(dimension),
    };
  };
  const rows: FrameworkRow[] = [
    ...capabilities.map((c) => row('finding', c.capability, c.capability, c.met, c.dimension)),
    ...plan.map((a) => row('action', a.text, a.capability ?? '', null, dimensionOf(a.capability ?? ''))),
  ];
  return {
    versions: { cosai: COSAI_VERSION, atlas: ATLAS_VERSION, owasp: '2025', nistAiRmf: '1.0', nistAi600: '2024-07' },
    tags: {
      risks: riskIds.map((r) => ref(COSAI_RISKS, r)),
      controls: (f.cosai?.controls ?? []).map((c) => ref(COSAI_CONTROLS, c)),
      atlasTechniques: atlas.map((t) => ref(ATLAS_TECHNIQUES, t)),
      atlasMitigations: (f.atlas?.mitigations ?? []).map((m) => ref(ATLAS_MITIGATIONS, m)),
      owasp: owasp.map((o) => ref(OWASP_LLM, o)),
      nistAiRmf: nist,
      nistAi600: (f.nistAi600?.risks ?? []).map((r) => ref(NIST_AI_600_1_RISKS, r)),
      harm: f.harm ?? null,
    },
    rows,
  };
}

/** Whether the scenario carries any framework tag (no appendix otherwise). */
export function hasFrameworkTags(s: Scenario): boolean {
  return Object.values(s.frameworks).some((v) => v !== undefined);
}
