/**
 * Regulatory profiles: legal notification clocks a scenario reuses by id (`regulatory:` in the
 * YAML) instead of restating them. Each profile is data that expands, on load, into an ordinary
 * `rubric.notifications` obligation (id = the profile id, audience regulator, the deadline, the
 * notice's required content, and a reason that cites the article), so scoring, the score card and
 * the report treat it like any other obligation and cite the article through its reason.
 *
 * - GDPR Art. 33: notify the supervisory authority without undue delay and where feasible within
 *   72 hours of becoming aware of a personal-data breach, with the content of Art. 33(3).
 * - EU AI Act Art. 73: a provider reports a serious incident within 15 days of becoming aware;
 *   within 2 days for a widespread infringement or a serious incident affecting critical
 *   infrastructure; within 10 days after a death. An initial, incomplete report is allowed and
 *   completed later (so the initial notice needs only what happened and a contact point), and the
 *   system must not be altered in a way that affects later evaluation of the causes before the
 *   authority is informed (Art. 73(6)): the profile turns on `evidenceBeforeChanges`.
 */
import type { MessageElement } from '../scenario/schema.ts';

export interface RegulatoryProfile {
  id: string;
  /** "GDPR Art. 33(1)". */
  citation: string;
  title: string;
  /** Deadline as a scenario duration. */
  within: string;
  elements: MessageElement[];
  /** The law makes evidence preservation before changing the system a legal point. */
  preserveEvidence: boolean;
  url: string;
}

const AI_ACT = 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj';
const INITIAL: MessageElement[] = ['nature', 'contact_point'];

export const REGULATORY_PROFILES: ReadonlyArray<RegulatoryProfile> = [
  {
    id: 'gdpr-art33',
    citation: 'GDPR Art. 33(1), 33(3)',
    title: 'Personal-data breach: notify the supervisory authority within 72 hours of awareness',
    within: '72h',
    elements: ['nature', 'categories_and_numbers', 'likely_consequences', 'measures_taken', 'contact_point'],
    preserveEvidence: false,
    url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
  },
  {
    id: 'eu-ai-act-art73',
    citation: 'EU AI Act Art. 73(2)',
    title: 'Serious incident: report to the market surveillance authority within 15 days of awareness (an initial, incomplete report is allowed)',
    within: '15d',
    elements: INITIAL,
    preserveEvidence: true,
    url: AI_ACT,
  },
  {
    id: 'eu-ai-act-art73-widespread',
    citation: 'EU AI Act Art. 73(3)',
    title: 'Widespread infringement or serious incident in critical infrastructure: report within 2 days of awareness',
    within: '2d',
    elements: INITIAL,
    preserveEvidence: true,
    url: AI_ACT,
  },
  {
    id: 'eu-ai-act-art73-death',
    citation: 'EU AI Act Art. 73(4)',
    title: 'Serious incident involving a death: report within 10 days of awareness',
    within: '10d',
    elements: INITIAL,
    preserveEvidence: true,
    url: AI_ACT,
  },
];

export const REGULATORY_PROFILE_IDS = REGULATORY_PROFILES.map((p) => p.id) as [string, ...string[]];

export function regulatoryProfileOf(id: string): RegulatoryProfile | null {
  return REGULATORY_PROFILES.find((p) => p.id === id) ?? null;
}

/** A score-card reason for an obligation, with the article it came from ("…; GDPR Art. 33(1), 33(3)"). */
export function citeProfile(reason: string, obligationId: string): string {
  const p = regulatoryProfileOf(obligationId);
  return p ? `${reason}${reason ? ' ' : ''}(${p.citation})` : reason;
}

type Raw = Record<string, unknown>;

/**
 * Expands `regulatory: [{ profile, from?, when? }]` into `rubric.notifications` on the raw YAML
 * object, before the schema sees it. An obligation the author already wrote with the profile's id
 * wins (no duplicate). Unknown profiles are left for the schema to report at their line.
 */
export function expandRegulatoryProfiles(raw: Raw): Raw {
  const list = raw.regulatory;
  const rubric = raw.rubric;
  if (!Array.isArray(list) || !list.length || !rubric || typeof rubric !== 'object' || Array.isArray(rubric)) return raw;
  const r = rubric as Raw;
  const existing = Array.isArray(r.notifications) ? (r.notifications as unknown[]) : r.notifications === undefined ? [] : null;
  if (existing === null) return raw;
  const ids = new Set(existing.map((n) => (n && typeof n === 'object' ? (n as Raw).id : undefined)));
  const added: Raw[] = [];
  let preserve = false;
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as Raw;
    const p = typeof e.profile === 'string' ? regulatoryProfileOf(e.profile) : null;
    if (!p || ids.has(p.id)) continue;
    preserve ||= p.preserveEvidence;
    added.push({
      id: p.id,
      audience: 'regulator',
      within: p.within,
      ...(e.from !== undefined ? { from: e.from } : {}),
      ...(e.when !== undefined ? { when: e.when } : {}),
      elements: [...p.elements],
      // The law's clock usually outlasts the exercise: judged by the open-obligation rule (met, or
      // a dated plan recorded before the end), not warned about by validate --check.
      mayRemainOpen: true,
      reason: `${p.citation}: ${p.title}.`,
    });
  }
  if (!added.length) return raw;
  const nextRubric: Raw = { ...r, notifications: [...existing, ...added] };
  if (preserve && nextRubric.evidenceBeforeChanges === undefined) nextRubric.evidenceBeforeChanges = true;
  return { ...raw, rubric: nextRubric };
}
