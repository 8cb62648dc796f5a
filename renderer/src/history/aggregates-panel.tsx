/**
 * The programme view of the exercises shown: mean and median time to detect, contain and notify
 * by severity, the share meeting each target, and improvement-plan items open and closed.
 */
import { useMemo } from 'react';
import type { ExerciseMeta } from '../../../shared/contract/api.ts';
import { aggregate, type Stat } from '../../../shared/history/metrics.ts';
import { DASH, formatShare, formatSpan } from './format.ts';
import { useWords } from '../i18n/words.tsx';
import { audienceLabel, severityLabel } from '../../../shared/i18n/labels.ts';
import { isAudience } from '../../../shared/i18n/labels.ts';

function StatCells(props: { stat: Stat }) {
  const s = props.stat;
  return (
    <>
      <td className="num">{formatSpan(s.mean)}</td>
      <td className="num">{formatSpan(s.median)}</td>
      <td className="num muted">{s.n || DASH}</td>
    </>
  );
}

export function AggregatesPanel(props: { exercises: ReadonlyArray<ExerciseMeta>; filtered: boolean }) {
  const w = useWords();
  const a = useMemo(() => aggregate(props.exercises), [props.exercises]);
  return (
    <section className="card history-section" aria-labelledby="aggregates-heading" data-testid="aggregates">
      <header className="history-section-header">
        <h2 id="aggregates-heading">Readiness summary</h2>
        <span className="small muted">
          {a.exercises} exercise{a.exercises === 1 ? '' : 's'} {props.filtered ? 'matching the filters' : 'in total'}, {a.finished} finished and scored
        </span>
      </header>
      {a.bySeverity.length === 0 ? (
        <p className="muted">No finished exercises to measure yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="history-table aggregates-table">
            <thead>
              <tr>
                <th rowSpan={2}>Severity</th>
                <th rowSpan={2} className="num">
                  Runs
                </th>
                <th colSpan={3} className="group">
                  Time to detect
                </th>
                <th colSpan={3} className="group" title="Runs never contained count at their censored MTTC (detection to the horizon)">
                  Time to contain
                </th>
                <th colSpan={3} className="group" title="First notification of an external audience; internal status updates are not notifications">
                  Time to notify
                </th>
              </tr>
              <tr>
                {[0, 1, 2].map((i) => (
                  <FragmentHeads key={i} />
                ))}
              </tr>
            </thead>
            <tbody>
              {a.bySeverity.map((s) => (
                <tr key={s.severity}>
                  <th scope="row">{severityLabel(s.severity, w)}</th>
                  <td className="num">{s.exercises}</td>
                  <StatCells stat={s.detect} />
                  <StatCells stat={s.contain} />
                  <StatCells stat={s.notify} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {a.notifyByAudience.length > 0 && (
        <div className="table-scroll">
          <table className="history-table aggregates-table" aria-label="Time to notify by audience">
            <thead>
              <tr>
                <th>Audience</th>
                <th className="num">Mean</th>
                <th className="num">Median</th>
                <th className="num">Notified</th>
              </tr>
            </thead>
            <tbody>
              {a.notifyByAudience.map((x) => (
                <tr key={x.audience} data-audience={x.audience}>
                  <th scope="row">{isAudience(x.audience) ? audienceLabel(x.audience, w) : x.audience}</th>
                  <td className="num">{formatSpan(x.notify.mean)}</td>
                  <td className="num">{formatSpan(x.notify.median)}</td>
                  <td className="num">
                    {x.notified} of {x.of}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl className="aggregate-figures">
        <div>
          <dt>MTTD target met</dt>
          <dd data-testid="share-mttd">{formatShare(a.targets.mttd)}</dd>
        </div>
        <div>
          <dt>MTTC target met</dt>
          <dd data-testid="share-mttc">{formatShare(a.targets.mttc)}</dd>
        </div>
        <div>
          <dt>Notifications on time</dt>
          <dd data-testid="share-notify">{formatShare(a.targets.notify)}</dd>
        </div>
        <div>
          <dt>Improvement-plan items</dt>
          <dd data-testid="plan-counts">
            {a.plan.open} open · {a.plan.closed} closed
          </dd>
        </div>
      </dl>
    </section>
  );
}

function FragmentHeads() {
  return (
    <>
      <th className="num sub">Mean</th>
      <th className="num sub">Median</th>
      <th className="num sub">n</th>
    </>
  );
}
