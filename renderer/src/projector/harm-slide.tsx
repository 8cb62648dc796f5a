/**
 * The projector's second results slide (#20): harm over time, this run against doing nothing, with
 * the team's decisions numbered on each chart and listed beside it, in type a room reads from the
 * back (body 1.65vw, about 32 px at 1920; axis and marker numbers at least 18 px).
 *
 * The facilitator puts it on the room's screen from the console (share `results-harm`); the host
 * sends it only once harm is revealed (RoomResults.harm), so it has nothing the room may not see.
 * Participants' devices show the same charts under their results (room-results.tsx).
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { RoomHarm } from '../../../shared/views/room-results.ts';
import { compactNumber } from '../../../shared/views/chart-ticks.ts';
import { HarmChartPlot } from '../debrief/harm-over-time.tsx';
import { useWords } from '../i18n/words.tsx';
import { formatHarm } from '../ui/format.ts';

/** The decisions listed beside the charts: more would push the list off a 1080-high screen at 28 px. */
const LISTED = 8;

/** The height the charts have on the screen (what the header and heading leave), followed as it changes. */
function useHeightOf(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}

export function HarmSlide({ harm, fontSize }: { harm: RoomHarm; fontSize: number }) {
  const w = useWords();
  const area = useRef<HTMLDivElement>(null);
  // Until measured (and where nothing lays out, as in tests), most of the window.
  const measured = useHeightOf(area);
  const space = measured > 0 ? measured : Math.round(window.innerHeight * 0.7);
  const { curve } = harm;
  // A harm at zero in this run and when doing nothing (another variant's) has no story to chart.
  const moving = curve.harms.filter((h) => curve.points.some((p) => (p.actual[h.id] ?? 0) > 0 || (p.doNothing[h.id] ?? 0) > 0));
  const charts = moving.length > 0 ? moving : curve.harms.slice(0, 1);
  const markers = harm.decisions.map((d) => ({ n: d.n, t: d.t, label: w.format(d.msg) }));
  const listed = markers.slice(0, LISTED);
  // Each chart's share of the space, less its caption line (1.25 × the body's 1.65vw) and the gap;
  // HarmChartPlot adds the room its marker numbers need above the plot, so that comes off too.
  const caption = Math.ceil(window.innerWidth * 0.0165 * 1.3);
  const markerRoom = Math.round(fontSize * 0.9 + 2) * 2 + (fontSize - 11);
  // Four harms or more (no built-in scenario has them) go two abreast so each chart keeps a readable height.
  const rows = charts.length >= 4 ? Math.ceil(charts.length / 2) : charts.length;
  const height = Math.max(100, Math.floor((space - fontSize) / rows - caption - markerRoom));
  return (
    <section className="room-harm-slide" aria-label={w.t('resultsSlide.heading')}>
      <h2>{w.t('resultsSlide.heading')}</h2>
      <div className={`room-harm-slide-charts${rows < charts.length ? ' is-two-abreast' : ''}`} ref={area}>
        {charts.map((h) => {
          const money = h.kind === 'money';
          const amount = (v: number) => formatHarm(v, h.unit, h.kind, harm.currency, w);
          return (
            <figure key={h.id} className="room-harm-slide-chart" data-testid={`room-harm-slide-${h.id}`}>
              <figcaption>
                <strong>{h.label}</strong> <span className="room-harm-slide-unit">({money ? harm.currency : h.unit})</span>
              </figcaption>
              <HarmChartPlot
                curve={curve}
                harmId={h.id}
                label={h.label}
                markers={markers}
                fontSize={fontSize}
                height={height}
                yTickFormat={(v) => (money ? w.compactMoney(v, harm.currency) : compactNumber(v, w))}
                names={{
                  actual: w.t('resultsSlide.thisRun', { amount: amount(curve.final.actual[h.id] ?? 0) }),
                  doNothing: w.t('resultsSlide.doNothing', { amount: amount(curve.final.doNothing[h.id] ?? 0) }),
                }}
              />
            </figure>
          );
        })}
      </div>
      {listed.length > 0 && (
        <div className="room-harm-slide-decisions">
          <h3>{w.t('results.decisions')}</h3>
          <ol aria-label={w.t('results.decisions')}>
            {listed.map((m) => (
              <li key={m.n} value={m.n}>
                <time>{w.offset(m.t)}</time> {m.label}
              </li>
            ))}
          </ol>
          {markers.length > listed.length && <p className="room-harm-slide-more">{w.t('resultsSlide.more', { count: markers.length - listed.length })}</p>}
        </div>
      )}
    </section>
  );
}
