/**
 * The Facilitator Guide / Situation Manual of a scenario, for the CLI and the app: the roles come
 * from the scenario's routing (as the live room applies it), the document from
 * shared/exercise/facilitator-guide.ts, the PDF from the same Chromium printing as the report.
 */
import { facilitatorGuideHtml, type GuideRole, type GuideVersion } from '../../shared/exercise/facilitator-guide.ts';
import { METHOD_LABELS } from '../../shared/exercise/channel-labels.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { routingFor } from '../session/projection.ts';
import { EN } from '../../shared/i18n/words.ts';

export function guideRoles(s: Scenario): GuideRole[] {
  const { roles } = routingFor(s);
  return Object.entries(roles).map(([id, r]) => {
    const feed = r.channels === 'all' ? 'every signal' : r.channels.length ? r.channels.map((c) => METHOD_LABELS[c].toLowerCase()).join(', ') : 'no signals';
    // Action types worded by the catalogue ("assign role"), never by rewriting their ids.
    const does = r.actions.length ? `May: ${r.actions.map((a) => EN.t('action.inline', { type: a })).join(', ')}.` : 'Observes only.';
    return { id, label: r.label, duties: `Receives ${feed}${r.dashboards ? ' and the dashboards' : ''}. ${does}` };
  });
}

export function guideHtml(s: Scenario, version: GuideVersion): string {
  return facilitatorGuideHtml(s, { version, roles: guideRoles(s) });
}

export function guideFileName(s: Pick<Scenario, 'id'>, version: GuideVersion): string {
  return `${s.id}-${version === 'facilitator' ? 'facilitator-guide' : 'situation-manual'}.pdf`;
}
