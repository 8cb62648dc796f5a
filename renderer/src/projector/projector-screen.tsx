/**
 * The room's projector: clock, phase, the latest signals, public dashboards and the public
 * timeline, in large type on a dark "ops room" theme that scales from 720p to 4K.
 *
 * A client of the host by link (`#/projector/<exercise>/<key>`), so it runs on any machine that
 * can reach the host. It renders only the view the host projects for the room, never the run,
 * so it cannot show what that view leaves out (red-herring markers, unrevealed harm, hidden
 * entries, unshared findings). What the facilitator shares (findings, revealed harm, hints) sits
 * above the dashboards, which shrink to make room, so it is never cut off; a briefing slide opens
 * the exercise and a spotlight puts one signal in front of the room.
 */
import { useEffect, useState } from 'react';
import { MetricChart } from '../console/metric-chart.tsx';
import { formatHarm } from '../ui/format.ts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import type { Briefing, PublicSignal } from '../../../shared/contract/live.ts';
import { useLiveView } from '../session/use-live-view.ts';
import type { RoomView } from './room-view.ts';
import { useWords } from '../i18n/words.tsx';
import { channelLabel } from '../../../shared/i18n/labels.ts';

/** Chart text scaled to the projector's width (11 px at 1280, ~24 px at 4K). */
function useChartFontSize(): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  // Axis labels at least 18 px on a 1920-wide projector.
  return Math.max(11, Math.round(width / 100));
}

const SHOWN_SIGNALS = 6;

function BriefingSlide({ briefing, team }: { briefing: Briefing; team: string }) {
  return (
    <section className="projector-briefing" aria-label="Briefing">
      <p className="projector-kicker">Briefing · {team}</p>
      <h1>{briefing.title}</h1>
      <p className="projector-briefing-summary">{briefing.summary}</p>
      <dl>
        <dt>Client</dt>
        <dd>{briefing.client}</dd>
        <dt>System</dt>
        <dd>{briefing.system}</dd>
      </dl>
      <h2>Objectives</h2>
      <ul>
        {briefing.objectives.map((o, i) => (
          <li key={i}>{o}</li>
        ))}
      </ul>
    </section>
  );
}

function Spotlight({ signal }: { signal: PublicSignal }) {
  const w = useWords();
  return (
    <section className={`projector-spotlight severity-${signal.severity}`} aria-label="Spotlight">
      <div className="projector-signal-meta">
        <span className="channel">{channelLabel(signal.channel, w)}</span>
        <span>{signal.source}</span>
        <span>{formatOffset(signal.t)}</span>
      </div>
      <h2 className="projector-spotlight-title">{signal.title}</h2>
      <p>{signal.body}</p>
    </section>
  );
}

export function RoomViewDisplay({ view }: { view: RoomView }) {
  const w = useWords();
  const latest = view.signals.slice(-SHOWN_SIGNALS).reverse();
  const fontSize = useChartFontSize();
  const shared = view.harm !== null || view.findings.length > 0 || view.hints.length > 0;
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
          <span className="projector-speed">{view.clock.over ? 'Exercise over' : view.clock.paused ? 'Paused' : `${view.clock.speed}×`}</span>
        </div>
      </header>
      {view.briefing ? (
        <main className="projector-body projector-body-single">
          <BriefingSlide briefing={view.briefing} team={view.team} />
        </main>
      ) : view.spotlight ? (
        <main className="projector-body projector-body-single">
          <Spotlight signal={view.spotlight} />
        </main>
      ) : (
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
                      <span className="channel">{channelLabel(s.channel, w)}</span>
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
          <section className={`projector-side${shared ? ' has-shared' : ''}`}>
            {shared && (
              <section className="projector-shared" aria-label="Shared with the room">
                {view.harm && (
                  <div className="projector-harm" aria-label="Harm so far">
                    <h2>Harm so far</h2>
                    <ul>
                      {view.harm.map((h) => (
                        <li key={h.id}>
                          <span>{h.label}</span>
                          <strong>{formatHarm(h.value, h.unit, h.kind, w)}</strong>
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
            )}
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
                      height={shared ? 'clamp(56px, 8vh, 360px)' : 'clamp(90px, 12vh, 560px)'}
                      fontSize={fontSize}
                      dark
                    />
                  </figure>
                ))}
              </div>
            )}
          </section>
        </main>
      )}
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

export function ProjectorScreen({ exerciseId, projectorKey }: { exerciseId: string; projectorKey?: string }) {
  const live = useLiveView<RoomView>({ exerciseId, auth: projectorKey ? { kind: 'projector', key: projectorKey } : null });
  if (!projectorKey) {
    return (
      <div className="projector projector-waiting">
        <h1>Firebreak</h1>
        <p>Open the projector with the link from the facilitator&apos;s console (it carries the room&apos;s projector key).</p>
      </div>
    );
  }
  if (live.ended) {
    return (
      <div className="projector projector-waiting" role="status">
        <h1>Firebreak</h1>
        <p>{live.ended}</p>
      </div>
    );
  }
  if (!live.view) {
    return (
      <div className="projector projector-waiting" role="status">
        <h1>Firebreak</h1>
        <p>{live.status === 'reconnecting' ? 'Reconnecting to the host…' : 'Connecting to the host…'}</p>
      </div>
    );
  }
  return (
    <>
      {live.status === 'reconnecting' && (
        <p className="projector-reconnecting" role="status">
          Reconnecting…
        </p>
      )}
      <RoomViewDisplay view={live.view} />
    </>
  );
}
