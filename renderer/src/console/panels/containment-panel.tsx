/**
 * Containment options: kind, description, costs and time to take effect. Unavailable options are
 * disabled with their reason; applied ones are marked with when they were decided and take effect.
 */
import type { Containment } from '../../../../shared/scenario/schema.ts';
import { formatDuration } from '../../../../shared/scenario/duration.ts';
import { useOpenSession, useRun, shallowEqual } from '../../session/use-run.ts';
import { formatMoney, formatNumber } from '../../ui/format.ts';
import { CONTAINMENT_KIND_LABELS } from '../../ui/labels.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';

function ContainmentItem({ c }: { c: Containment }) {
  const applied = useRun((run) => {
    const a = run.context.containments.find((x) => x.id === c.id);
    return a ? { decidedAt: a.decidedAt, effectiveAt: a.effectiveAt, inEffect: a.effectiveAt <= run.now } : null;
  }, shallowEqual);
  const costs = [
    c.costs.revenuePerHour > 0 ? `${formatMoney(c.costs.revenuePerHour)}/h revenue` : null,
    c.costs.usersWithoutService > 0 ? `${formatNumber(c.costs.usersWithoutService)} users without service` : null,
  ].filter(Boolean);
  return (
    <li className={`containment ${applied ? 'is-applied' : ''} ${c.available ? '' : 'is-unavailable'}`} data-containment={c.id} aria-label={c.label}>
      <div className="item-head">
        <strong>{c.label}</strong>
        <span className="tag">{CONTAINMENT_KIND_LABELS[c.kind]}</span>
        {applied && <span className="tag tag-applied">Applied</span>}
      </div>
      {c.description && <p>{c.description}</p>}
      <p className="muted small">
        {costs.length > 0 ? `Costs: ${costs.join(', ')}` : 'No direct cost'} · takes effect{' '}
        {c.takesEffectAfter > 0 ? `after ${formatDuration(c.takesEffectAfter)}` : 'immediately'}
      </p>
      {applied ? (
        <p className="done-line">
          ✓ Decided <SimTime t={applied.decidedAt} />
          {applied.inEffect ? (
            ' · in effect'
          ) : (
            <>
              {' '}
              · in effect at <SimTime t={applied.effectiveAt} />
            </>
          )}
        </p>
      ) : (
        <ActionButton input={{ type: 'CONTAIN', containmentId: c.id }} showReason>
          Apply
        </ActionButton>
      )}
    </li>
  );
}

export function ContainmentPanel() {
  const { scenario } = useOpenSession();
  return (
    <Panel id="containment" title="Containment">
      <ul className="item-list">
        {scenario.containments.map((c) => (
          <ContainmentItem key={c.id} c={c} />
        ))}
      </ul>
    </Panel>
  );
}
