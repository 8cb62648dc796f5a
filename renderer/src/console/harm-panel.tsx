/**
 * Each fault's state, harm counters and the cost of containment so far: facilitator console only.
 *
 * Harm is the facilitator's scoreboard of consequences; the room sees it only once revealed. The
 * fault states are the engine's own (dormant → active → mitigated → contained → fixed, or recurred
 * after a lift), never re-derived here.
 */
import { useOpenSession, useRunThrottled, shallowEqual } from '../session/use-run.ts';
import { formatHarm, formatMoney, formatNumber } from '../ui/format.ts';
import { Panel } from '../ui/panel.tsx';
import { SimTime } from '../team/sim-time.tsx';
import { useWords } from '../i18n/words.tsx';
import { faultStatusLabel } from '../../../shared/i18n/labels.ts';
import { type FaultStatus } from '../../../shared/engine/run-state.ts';

export function HarmPanel() {
  const w = useWords();
  const session = useOpenSession();
  const s = session.scenario;
  const harm = useRunThrottled((run) => run.harmAt(), shallowEqual);
  const projected = useRunThrottled((run) => run.projectedHarm(), shallowEqual);
  const costs = useRunThrottled((run) => run.costsAt(), shallowEqual);
  const revealed = useRunThrottled((run) => run.context.harmRevealed);
  const faults = useRunThrottled((run) => Object.values(run.context.faults).map((f) => `${f.id}|${f.status}|${f.startedAt ?? ''}`), shallowEqual);
  return (
    <Panel
      id="harm"
      title={w.t('harm.title')}
      className="harm-panel"
      badge={<span className="tag tag-facilitator">{revealed ? w.t('harm.revealed') : w.t('harm.facilitatorOnly')}</span>}
    >
      <ul className="fault-states" aria-label={w.t('harm.faults')}>
        {faults.map((row) => {
          const [id, status, started] = row.split('|') as [string, FaultStatus, string];
          const f = s.faults.find((x) => x.id === id)!;
          return (
            <li key={id} data-fault={id} className={`fault-state is-${status}`}>
              <strong>{w.t(`surface.${f.surface}`)}</strong> <span className={`tag tag-fault-${status}`}>{faultStatusLabel(status, w)}</span>
              {started !== '' && (
                <span className="muted small">
                  {' '}
                  {w.t('harm.since')} <SimTime t={Number(started)} />
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <table className="figures">
        <thead>
          <tr>
            <th scope="col">{w.t('harm.harm')}</th>
            <th scope="col">{w.t('harm.soFar')}</th>
            <th scope="col" title={w.t('harm.projectedTitle')}>
              {w.t('harm.projected')}
            </th>
          </tr>
        </thead>
        <tbody>
          {s.harm.map((h) => (
            <tr key={h.id} data-harm={h.id}>
              <th scope="row">{h.label}</th>
              <td>{formatHarm(harm[h.id] ?? 0, h.unit, h.kind, s.currency, w)}</td>
              <td className="muted">{formatHarm(projected[h.id] ?? 0, h.unit, h.kind, s.currency, w)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{w.t('harm.revenueLost')}</th>
            <td>{formatMoney(costs.revenueLost, s.currency, w)}</td>
            <td />
          </tr>
          <tr>
            <th scope="row">{w.t('harm.userHours')}</th>
            <td>{formatNumber(costs.userHoursWithoutService, w)}</td>
            <td />
          </tr>
          {costs.oneOff > 0 && (
            <tr>
              <th scope="row">{w.t('harm.oneOff')}</th>
              <td>{formatMoney(costs.oneOff, s.currency, w)}</td>
              <td />
            </tr>
          )}
        </tbody>
      </table>
    </Panel>
  );
}
