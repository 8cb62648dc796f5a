/**
 * The room's projector: clock, phase, the latest signals, public dashboards and the public
 * timeline, in large type on a dark "ops room" theme that scales from 720p to 4K.
 *
 * A client of the host by link (`#/projector/<exercise>/<key>`), so it runs on any machine that
 * can reach the host. It renders only the view the host projects for the room, never the run,
 * so it cannot show what that view leaves out (red-herring markers, unrevealed harm, hidden
 * entries, unshared findings). What the facilitator shares (findings, revealed harm, hints) sits
 * above the dashboards, which shrink to make room, so it is never cut off; a briefing slide opens
 * the exercise and a spotlight puts one signal in front of the room. At the end the results take the
 * screen: the score card, or harm over time with the team's decisions (harm-slide.tsx), as the
 * facilitator chooses.
 */
import { useEffect, useState } from 'react';
import { MetricChart } from '../console/metric-chart.tsx';
import { formatHarm } from '../ui/format.ts';
import { roomClock, roomPhase, roomRowText } from '../session/room-view-parts.ts';
import type { Briefing, PublicSignal } from '../../../shared/contract/live.ts';
import { useLiveClient } from '../live/use-live-client.ts';
import type { RoomView } from './room-view.ts';
import { useWords } from '../i18n/words.tsx';
import { RoomResultsView } from '../session/room-results.tsx';
import { HarmSlide } from './harm-slide.tsx';
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
  const w = useWords();
  return (
    <section className="projector-briefing" aria-label={w.t('projector.briefing')}>
      <p className="projector-kicker">{w.t('projector.briefingKicker', { team })}</p>
      <h1>{briefing.title}</h1>
      <p className="projector-briefing-summary">{briefing.summary}</p>
      <dl>
        <dt>{w.t('projector.client')}</dt>
        <dd>{briefing.client}</dd>
        <dt>{w.t('projector.system')}</dt>
        <dd>{briefing.system}</dd>
      </dl>
      <h2>{w.t('projector.objectives')}</h2>
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
    <section className={`projector-spotlight severity-${signal.severity}`} aria-label={w.t('participant.spotlight')}>
      <div className="projector-signal-meta">
        <span className="channel">{channelLabel(signal.channel, w)}</span>
        <span>{signal.source}</span>
        <span>{w.offset(signal.t)}</span>
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
  const clock = roomClock(view, w);
  const shared = view.harm !== null || view.findings.length > 0 || view.hints.length > 0;
  return (
    <div className={`projector${view.results ? ' projector-with-results' : ''}`}>
      <header className="projector-header">
        <div className="projector-title">
          <h1>{view.scenarioTitle}</h1>
          <span>{view.team}</span>
        </div>
        <div className="projector-clock" aria-label={w.t('projector.clock')}>
          <span className="projector-wall">{clock.wall}</span>
          <span className="projector-offset">{clock.offset}</span>
        </div>
        <div className="projector-phase">
          <span className="phase-label">{roomPhase(view, w)}</span>
          <span className="projector-speed">
            {view.clock.over ? w.t('participant.over') : view.clock.paused ? w.t('participant.paused') : w.t('clock.speed', { speed: view.clock.speed })}
          </span>
        </div>
      </header>
      {view.results ? (
        <main className="projector-body projector-body-results">
          {/* The facilitator's choice of slide (#20); harm over time only when the host sent it. */}
          {view.resultsSlide === 'harm' && view.results.harm ? (
            <HarmSlide harm={view.results.harm} fontSize={Math.round(fontSize * 1.1)} />
          ) : (
            <RoomResultsView results={view.results} className="room-results-projector" hotWashPrompt />
          )}
        </main>
      ) : view.briefing ? (
        <main className="projector-body projector-body-single">
          <BriefingSlide briefing={view.briefing} team={view.team} />
        </main>
      ) : view.spotlight ? (
        <main className="projector-body projector-body-single">
          <Spotlight signal={view.spotlight} />
        </main>
      ) : (
        <main className="projector-body">
          <section className="projector-signals" aria-label={w.t('projector.latest')}>
            <h2>
              {w.t('projector.signals')} {view.signalCount > 0 && <small>({view.signalCount})</small>}
            </h2>
            {latest.length === 0 ? (
              <p className="projector-empty">{w.t('projector.quiet')}</p>
            ) : (
              <ol>
                {latest.map((s) => (
                  <li key={s.id} className={`projector-signal severity-${s.severity}`}>
                    <div className="projector-signal-meta">
                      <span className="channel">{channelLabel(s.channel, w)}</span>
                      <span>{s.source}</span>
                      <span>{w.offset(s.t)}</span>
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
              <section className="projector-shared" aria-label={w.t('projector.shared')}>
                {view.harm && (
                  <div className="projector-harm" aria-label={w.t('projector.harm')}>
                    <h2>{w.t('projector.harm')}</h2>
                    <ul>
                      {view.harm.map((h) => (
                        <li key={h.id}>
                          <span>{h.label}</span>
                          <strong>{formatHarm(h.value, h.unit, h.kind, h.currency, w)}</strong>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {view.findings.length > 0 && (
                  <div className="projector-findings" aria-label={w.t('projector.findings')}>
                    <h2>{w.t('projector.findings')}</h2>
                    {view.findings.map((f) => (
                      <article key={f.id}>
                        <strong>{f.title}</strong>
                        <p>{f.body}</p>
                      </article>
                    ))}
                  </div>
                )}
                {view.hints.length > 0 && (
                  <div className="projector-hints" aria-label={w.t('projector.hints')}>
                    <h2>{w.t('projector.hints')}</h2>
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
              <div className="projector-metrics" aria-label={w.t('projector.dashboards')}>
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
      {/* At the end the results take the room's screen; the last moments are in them and in the debrief. */}
      {!view.results && (
        <footer className="projector-timeline" aria-label={w.t('projector.timeline')}>
          <ol>
            {view.timeline.slice(-6).map((e, i) => (
              <li key={`${e.t}-${i}`} className={`kind-${e.kind}`}>
                <span className="t">{w.offset(e.t)}</span> {roomRowText(e, w)}
              </li>
            ))}
          </ol>
        </footer>
      )}
    </div>
  );
}

export function ProjectorScreen({ exerciseId, projectorKey }: { exerciseId: string; projectorKey?: string }) {
  const w = useWords();
  const live = useLiveClient<RoomView>({
    exerciseId,
    auth: projectorKey ? { kind: 'projector', key: projectorKey } : null,
    idPrefix: 'p',
    keepEntries: 500,
  }).snapshot;
  if (!projectorKey) {
    return (
      <div className="projector projector-waiting">
        <h1>Firebreak</h1>
        <p>{w.t('projector.needKey')}</p>
      </div>
    );
  }
  if (live.ended) {
    return (
      <div className="projector projector-waiting" role="status">
        <h1>Firebreak</h1>
        <p>{live.ended.kind === 'finished' ? w.t('room.finished') : live.ended.text}</p>
      </div>
    );
  }
  if (!live.view) {
    return (
      <div className="projector projector-waiting" role="status">
        <h1>Firebreak</h1>
        <p>{live.status === 'reconnecting' ? w.t('room.reconnectingHost') : w.t('room.connectingHost')}</p>
      </div>
    );
  }
  return (
    <>
      {live.status === 'reconnecting' && (
        <p className="projector-reconnecting" role="status">
          {w.t('room.reconnecting')}
        </p>
      )}
      <RoomViewDisplay view={live.view} />
    </>
  );
}
