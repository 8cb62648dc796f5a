/**
 * The room's projector: clock, phase, the latest signals, public dashboards and the public
 * timeline, in large type on a dark "ops room" theme that scales from 720p to 4K.
 *
 * It renders only the RoomView the console publishes, never the run itself, so it cannot show
 * what the view leaves out (red-herring markers, unrevealed harm, hidden entries, unshared findings).
 */
import { useEffect, useState } from 'react';

/** Chart text scaled to the projector's width (11 px at 1280, ~24 px at 4K). */
function useChartFontSize(): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return Math.max(11, Math.round(width / 160));
}
import { useAppEnv } from '../app-env.ts';
import { MetricChart } from '../console/metric-chart.tsx';
import { CHANNEL_LABELS } from '../ui/labels.ts';
import { formatNumber } from '../ui/format.ts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import type { RoomView } from './room-view.ts';

const SHOWN_SIGNALS = 6;

export function RoomViewDisplay({ view }: { view: RoomView }) {
  const latest = view.signals.slice(-SHOWN_SIGNALS).reverse();
  const fontSize = useChartFontSize();
  return (
    <div className="projector">
      <header className="projector-header">
        <div className="projector-title">
          <h1>{view.scenarioTitle}</h1>
          <span>{view.team}</span>
        </div>
        <div className="projector-clock" aria-label="Exercise clock">
          <span className="projector-wall">{view.clock.wall}</span>
          <span className="projector-offset">{view.clock.offset}</span>
        </div>
        <div className="projector-phase">
          <span className="phase-label">{view.phaseLabel}</span>
          <span className="projector-speed">{view.over ? 'Exercise over' : view.clock.paused ? 'Paused' : `${view.clock.speed}×`}</span>
        </div>
      </header>
      <main className="projector-body">
        <section className="projector-signals" aria-label="Latest signals">
          <h2>Signals {view.signalCount > 0 && <small>({view.signalCount})</small>}</h2>
          {latest.length === 0 ? (
            <p className="projector-empty">All quiet. Signals will appear here.</p>
          ) : (
            <ol>
              {latest.map((s) => (
                <li key={s.id} className={`projector-signal severity-${s.severity}`}>
                  <div className="projector-signal-meta">
                    <span className="channel">{CHANNEL_LABELS[s.channel]}</span>
                    <span>{s.source}</span>
                    <span>{formatOffset(s.t)}</span>
                  </div>
                  <div className="projector-signal-title">{s.title}</div>
                  <div className="projector-signal-body">{s.body}</div>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="projector-side">
          {view.metrics.length > 0 && (
            <div className="projector-metrics" aria-label="Dashboards">
              {view.metrics.map((m) => (
                <figure key={m.id} className="projector-metric">
                  <figcaption>
                    {m.label}
                    <strong>
                      {m.points.at(-1)?.[1] ?? '—'}
                      {m.unit && <small> {m.unit}</small>}
                    </strong>
                  </figcaption>
                  <MetricChart
                    label={m.label}
                    unit={m.unit}
                    points={m.points.map(([mm, v]) => ({ m: mm, v }))}
                    height="clamp(110px, 17vh, 720px)"
                    fontSize={fontSize}
                    dark
                  />
                </figure>
              ))}
            </div>
          )}
          {view.harm && (
            <div className="projector-harm" aria-label="Harm so far">
              <h2>Harm so far</h2>
              <ul>
                {view.harm.map((h) => (
                  <li key={h.id}>
                    <span>{h.label}</span>
                    <strong>
                      {formatNumber(h.value)} {h.unit}
                    </strong>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {view.findings.length > 0 && (
            <div className="projector-findings" aria-label="Findings">
              <h2>Findings</h2>
              {view.findings.map((f) => (
                <article key={f.id}>
                  <strong>{f.title}</strong>
                  <p>{f.body}</p>
                </article>
              ))}
            </div>
          )}
          {view.hints.length > 0 && (
            <div className="projector-hints" aria-label="Hints">
              <h2>Hints</h2>
              <ul>
                {view.hints.map((h, i) => (
                  <li key={i}>{h}</li>
                ))}
              </ul>
            </div>
          )}
        </section>
      </main>
      <footer className="projector-timeline" aria-label="Timeline">
        <ol>
          {view.timeline.slice(-6).map((e, i) => (
            <li key={`${e.t}-${i}`} className={`kind-${e.kind}`}>
              <span className="t">{formatOffset(e.t)}</span> {e.text}
            </li>
          ))}
        </ol>
      </footer>
    </div>
  );
}

export function ProjectorScreen({ exerciseId }: { exerciseId: string }) {
  const { room } = useAppEnv();
  const [view, setView] = useState<RoomView | null>(null);
  useEffect(() => {
    if (!room) return;
    return room.subscribe(exerciseId, setView);
  }, [room, exerciseId]);
  if (!room) {
    return (
      <div className="projector projector-waiting">
        <p>This window cannot receive the room view (no BroadcastChannel or desktop bridge).</p>
      </div>
    );
  }
  if (!view) {
    return (
      <div className="projector projector-waiting" role="status">
        <h1>Firebreak</h1>
        <p>Waiting for the facilitator console…</p>
        <p className="small">Keep the console open for exercise {exerciseId}.</p>
      </div>
    );
  }
  return <RoomViewDisplay view={view} />;
}
