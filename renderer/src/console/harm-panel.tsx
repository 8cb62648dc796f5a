/**
 * Harm counters and the cost of containment so far: facilitator console only.
 *
 * Harm is the facilitator's scoreboard of consequences; the room sees it only once revealed.
 */
import { useOpenSession, useRunThrottled, shallowEqual } from '../session/use-run.ts';
import { formatMoney, formatNumber } from '../ui/format.ts';
import { Panel } from '../ui/panel.tsx';

export function HarmPanel() {
  const session = useOpenSession();
  const s = session.scenario;
  const harm = useRunThrottled((run) => run.harmAt(), shallowEqual);
  const projected = useRunThrottled((run) => run.projectedHarm(), shallowEqual);
  const costs = useRunThrottled((run) => run.costsAt(), shallowEqual);
  const revealed = useRunThrottled((run) => run.context.harmRevealed);
  return (
    <Panel
      id="harm"
      title="Harm and costs"
      className="harm-panel"
      badge={<span className="tag tag-facilitator">{revealed ? 'revealed to room' : 'facilitator only'}</span>}
    >
      <table className="figures">
        <thead>
          <tr>
            <th scope="col">Harm</th>
            <th scope="col">So far</th>
            <th scope="col" title="By the end of the exercise if nothing else changes">
              Projected
            </th>
          </tr>
        </thead>
        <tbody>
          {s.harm.map((h) => (
            <tr key={h.id} data-harm={h.id}>
              <th scope="row">{h.label}</th>
              <td>
                {formatNumber(harm[h.id] ?? 0)} {h.unit}
              </td>
              <td className="muted">
                {formatNumber(projected[h.id] ?? 0)} {h.unit}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Revenue lost to containment</th>
            <td>{formatMoney(costs.revenueLost)}</td>
            <td />
          </tr>
          <tr>
            <th scope="row">User-hours without service</th>
            <td>{formatNumber(costs.userHoursWithoutService)}</td>
            <td />
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}
