/**
 * The programme view of the exercises shown: mean and median time to detect, contain and notify
 * by severity, the share meeting each target, and improvement-plan items open and closed.
 */
import { useMemo } from 'react';
import { aggregate, type HistoryRow, type Stat } from '../../../shared/history/metrics.ts';
import { DASH, formatShare, formatSpan } from './format.ts';
import { useWords } from '../i18n/words.tsx';
import { audienceLabel, severityLabel } from '../../../shared/i18n/labels.ts';
import { isAudience } from '../../../shared/i18n/labels.ts';

function StatCells(props: { stat: Stat }) {
  const w = useWords();
  const s = props.stat;
  return (
    <>
      <td className="num">{formatSpan(s.mean, w)}</td>
      <td className="num">{formatSpan(s.median, w)}</td>
      <td className="num muted">{s.n || DASH}</td>
    </>
  );
}

export function AggregatesPanel(props: { rows: ReadonlyArray<HistoryRow>; filtered: boolean }) {
  const w = useWords();
  const a = useMemo(() => aggregate(props.rows), [props.rows]);
  return (
    <section className="card history-section" aria-labelledby="aggregates-heading" data-testid="aggregates">
      <header className="history-section-header">
        <h2 id="aggregates-heading">{w.t('agg.title')}</h2>
        <span className="small muted">{w.t('agg.count', { n: a.exercises, filtered: props.filtered, finished: a.finished })}</span>
      </header>
      {a.bySeverity.length === 0 ? (
        <p className="muted">{w.t('agg.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="history-table aggregates-table">
            <thead>
              <tr>
                <th rowSpan={2}>{w.t('agg.severity')}</th>
                <th rowSpan={2} className="num">
                  {w.t('agg.runs')}
                </th>
                <th colSpan={3} className="group">
                  {w.t('agg.detect')}
                </th>
                <th colSpan={3} className="group" title={w.t('agg.containTitle')}>
                  {w.t('agg.contain')}
                </th>
                <th colSpan={3} className="group" title={w.t('agg.notifyTitle')}>
                  {w.t('agg.notify')}
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
          <table className="history-table aggregates-table" aria-label={w.t('agg.byAudience')}>
            <thead>
              <tr>
                <th>{w.t('agg.audience')}</th>
                <th className="num">{w.t('agg.mean')}</th>
                <th className="num">{w.t('agg.median')}</th>
                <th className="num">{w.t('agg.notified')}</th>
              </tr>
            </thead>
            <tbody>
              {a.notifyByAudience.map((x) => (
                <tr key={x.audience} data-audience={x.audience}>
                  <th scope="row">{isAudience(x.audience) ? audienceLabel(x.audience, w) : x.audience}</th>
                  <td className="num">{formatSpan(x.notify.mean, w)}</td>
                  <td className="num">{formatSpan(x.notify.median, w)}</td>
                  <td className="num">{w.t('agg.of', { n: x.notified, of: x.of })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl className="aggregate-figures">
        <div>
          <dt>{w.t('agg.mttdMet')}</dt>
          <dd data-testid="share-mttd">{formatShare(a.targets.mttd, w)}</dd>
        </div>
        <div>
          <dt>{w.t('agg.mttcMet')}</dt>
          <dd data-testid="share-mttc">{formatShare(a.targets.mttc, w)}</dd>
        </div>
        <div>
          <dt>{w.t('agg.notifyOnTime')}</dt>
          <dd data-testid="share-notify">{formatShare(a.targets.notify, w)}</dd>
        </div>
        <div>
          <dt>{w.t('agg.plan')}</dt>
          <dd data-testid="plan-counts">{w.t('agg.planCounts', { open: a.plan.open, closed: a.plan.closed })}</dd>
        </div>
      </dl>
    </section>
  );
}

function FragmentHeads() {
  const w = useWords();
  return (
    <>
      <th className="num sub">{w.t('agg.mean')}</th>
      <th className="num sub">{w.t('agg.median')}</th>
      <th className="num sub">{w.t('agg.n')}</th>
    </>
  );
}
