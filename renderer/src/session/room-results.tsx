/**
 * The results view for the room (#20), on the projector and on each participant's device once the
 * exercise is over and the facilitator shares it: the team's score, each capability's verdict, the
 * key times against their targets and the hot-wash prompt. It reads the score card's verdicts as
 * the host sent them (shared/views/room-results.ts) and words them in the page's language; it has
 * nothing facilitator-only to show.
 */
import type { RoomResults } from '../../../shared/views/room-results.ts';
import { audienceNoun, capabilityLabel, verdictStatusLabel } from '../../../shared/i18n/labels.ts';
import { useWords } from '../i18n/words.tsx';
import { HarmChartPlot } from '../debrief/harm-over-time.tsx';

type Target = RoomResults['targets'][number];

/** `hotWashPrompt`: the projector asks the room; a device shows its hot-wash form instead. */
export function RoomResultsView({ results, className, hotWashPrompt = false }: { results: RoomResults; className?: string; hotWashPrompt?: boolean }) {
  const w = useWords();
  const big = hotWashPrompt;
  // Harm over time on participants' devices (they scroll). Not on the projector yet: with the score
  // card and key times in the room's 28 px type, a chart of readable height does not fit 1080 px
  // (it pushed the hot-wash prompt off the screen), so the room's screen needs its own layout.
  const harm = big ? null : (results.harm ?? null);
  const markers = harm ? harm.decisions.map((d) => ({ n: d.n, t: d.t, label: w.format(d.msg) })) : [];
  const label = (x: Target) =>
    x.id === 'notify' && x.audience
      ? w.t('keyMetric.notify', { who: audienceNoun(x.audience, w) })
      : w.t(x.id === 'mttd' ? 'keyMetric.mttd' : x.id === 'triage' ? 'keyMetric.triage' : 'keyMetric.mttc');
  const value = (x: Target) =>
    x.value !== null
      ? w.duration(x.value)
      : w.t(x.verdict === 'open' ? 'keyMetric.value.open' : x.verdict === 'not_applicable' ? 'keyMetric.value.not_applicable' : 'keyMetric.value.never');
  const decisions = markers.length > 0 && (
    <ol className="room-results-decisions" aria-label={w.t('results.decisions')}>
      {markers.map((m) => (
        <li key={m.n} value={m.n}>
          <time>{w.offset(m.t)}</time> {m.label}
        </li>
      ))}
    </ol>
  );
  const hotWash = hotWashPrompt && <p className="room-results-hot-wash">{w.t('results.hotWash')}</p>;
  const chip = (status: Target['verdict']) => (
    <span className={`room-verdict is-${status}`} data-verdict={status}>
      {verdictStatusLabel(status, w)}
    </span>
  );
  return (
    <section className={`room-results ${className ?? ''}`} aria-label={w.t('results.heading')}>
      <div className="room-results-score">
        <h2>{w.t('results.heading')}</h2>
        <p>
          <span className="room-results-big">{results.overall}</span>/100
        </p>
        {results.falseAlarms > 0 && <p className="room-results-note">{w.t('results.falseAlarms', { count: results.falseAlarms })}</p>}
      </div>
      <table className="room-results-table" aria-label={w.t('results.capabilities')}>
        <thead>
          <tr>
            <th scope="col">{w.t('results.capabilities')}</th>
            <th scope="col">{w.t('results.score')}</th>
            <th scope="col">{w.t('results.target')}</th>
          </tr>
        </thead>
        <tbody>
          {results.dimensions.map((d) => (
            <tr key={d.dimension}>
              <th scope="row">{capabilityLabel(d.dimension, w)}</th>
              <td>{d.score}</td>
              <td>{chip(d.verdict)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="room-results-table" aria-label={w.t('results.keyTimes')}>
        <thead>
          <tr>
            <th scope="col">{w.t('results.keyTimes')}</th>
            <th scope="col">{w.t('results.actual')}</th>
            <th scope="col">{w.t('results.target')}</th>
            <th scope="col">
              <span className="visually-hidden">{w.t('results.result')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {results.targets.map((x) => (
            <tr key={`${x.id}:${x.audience ?? ''}`}>
              <th scope="row">{label(x)}</th>
              <td>{value(x)}</td>
              <td>{w.duration(x.target)}</td>
              <td>{chip(x.verdict)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {harm && (
        <section className="room-results-harm" aria-label={w.t('debrief.harm')}>
          <div className="room-results-harm-charts">
            {harm.curve.harms.map((h) => (
              <figure key={h.id} className="room-results-harm-chart" data-testid={`room-harm-chart-${h.id}`}>
                <figcaption>{h.label}</figcaption>
                <HarmChartPlot curve={harm.curve} harmId={h.id} label={h.label} markers={markers} height={220} />
              </figure>
            ))}
          </div>
          {decisions}
        </section>
      )}
      {hotWash}
    </section>
  );
}
