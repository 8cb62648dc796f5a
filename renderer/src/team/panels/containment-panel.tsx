/**
 * Containment options: kind, description, costs and time to take effect. Unavailable options are
 * disabled with their reason; applied ones are marked with when they were decided and take effect.
 */
import { actionKey, type TeamContainment } from '../../../../shared/views/team-state.ts';
import { jsonEqual } from '../../session/use-run.ts';
import { useMay, useTeam } from '../team-context.tsx';
import { formatMoney, formatNumber } from '../../ui/format.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { SimTime } from '../sim-time.tsx';
import { useWords } from '../../i18n/words.tsx';
import { containmentKindLabel } from '../../../../shared/i18n/labels.ts';

function ContainmentItem({ id }: { id: string }) {
  const w = useWords();
  const currency = useTeam((t) => t.currency);
  const c: TeamContainment = useTeam((t) => t.containments.find((x) => x.id === id)!, jsonEqual);
  const applied = c.applied;
  const lifted = c.liftedAt;
  // Not available in this scenario, or locked until a finding: greyed out with its reason.
  const refused = useTeam((t) => t.reasons[actionKey({ type: 'CONTAIN', containmentId: id })] !== undefined);
  const unavailable = refused && applied === null;
  const mayLift = useMay('LIFT');
  const costs = [
    c.costs.revenuePerHour > 0 ? w.t('containment.cost.revenue', { amount: formatMoney(c.costs.revenuePerHour, currency, w) }) : null,
    c.costs.usersWithoutService > 0 ? w.t('containment.cost.users', { n: formatNumber(c.costs.usersWithoutService, w) }) : null,
    c.costs.oneOff > 0 ? w.t('containment.cost.once', { amount: formatMoney(c.costs.oneOff, currency, w) }) : null,
  ].filter(Boolean);
  return (
    <li className={`containment ${applied ? 'is-applied' : ''} ${unavailable ? 'is-unavailable' : ''}`} data-containment={c.id} aria-label={c.label}>
      <div className="item-head">
        <strong>{c.label}</strong>
        <span className="tag">{containmentKindLabel(c.kind, w)}</span>
        {applied && <span className="tag tag-applied">{applied.inEffect ? w.t('containment.inEffect') : w.t('containment.applied')}</span>}
        {lifted !== null && <span className="tag">{w.t('containment.lifted')}</span>}
      </div>
      {c.description && <p>{c.description}</p>}
      <p className="muted small">
        {costs.length > 0 ? w.t('containment.costs', { costs: costs.join(', ') }) : w.t('containment.noCost')} ·{' '}
        {w.t('containment.takesEffectWhen', {
          when: c.takesEffectAfter > 0 ? w.t('containment.after', { duration: w.duration(c.takesEffectAfter) }) : w.t('containment.immediately'),
        })}
      </p>
      {applied ? (
        <p className="done-line">
          {w.t('containment.decided')} <SimTime t={applied.decidedAt} />
          {applied.inEffect ? (
            w.t('containment.inEffectNow')
          ) : (
            <>
              {' '}
              {w.t('containment.inEffectAt')} <SimTime t={applied.effectiveAt} />
            </>
          )}
          {c.liftable && mayLift && (
            <>
              {' '}
              <ActionButton input={{ type: 'LIFT', containmentId: c.id }} showReason>
                {w.t('containment.lift')}
              </ActionButton>
            </>
          )}
        </p>
      ) : (
        <>
          {lifted !== null && (
            <p className="muted small">
              {w.t('containment.lifted')} <SimTime t={lifted} />
            </p>
          )}
          <ActionButton input={{ type: 'CONTAIN', containmentId: c.id }} showReason>
            {lifted !== null ? w.t('containment.reapply') : w.t('containment.apply')}
          </ActionButton>
        </>
      )}
    </li>
  );
}

export function ContainmentPanel() {
  const w = useWords();
  const ids = useTeam((t) => t.containments.map((c) => c.id), jsonEqual);
  return (
    <Panel id="containment" title={w.t('containment.title')}>
      <ul className="item-list">
        {ids.map((id) => (
          <ContainmentItem key={id} id={id} />
        ))}
      </ul>
    </Panel>
  );
}
