/**
 * The solo screen: one responder trains alone, holding every role.
 *
 * It is a client of the host's live session like a participant's device, except that the trainee
 * also runs the clock and asks for hints. It renders only the view the host sent (solo-session.ts):
 * the public signal feed, the public dashboards, the team's timeline and the same action panels
 * as the facilitator console, fed by the TeamState in the view. Red-herring marks, harm, hidden
 * metrics, the fault and unrevealed hints never reach this page.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SoloView } from '../../../shared/contract/live.ts';
import { useAppEnv } from '../app-env.ts';
import { ClockBarView } from '../console/clock-bar.tsx';
import { MetricGrid } from '../console/metrics-dashboard.tsx';
import { SignalFeedPanel } from '../console/signal-feed.tsx';
import { TimelineList } from '../console/timeline-panel.tsx';
import { useShortcuts } from '../console/use-shortcuts.ts';
import { roomClock, roomPhase, useRoomViewParts } from '../session/room-view-parts.ts';
import { useAppStore } from '../store/app-store.ts';
import { ActionTabs } from '../team/action-tabs.tsx';
import { TeamProvider } from '../team/team-context.tsx';
import { JournalDamageNotice } from '../ui/journal-damage-notice.tsx';
import { ExerciseUnavailable } from '../ui/exercise-unavailable.tsx';
import { Loading } from '../ui/states.tsx';
import { useWords } from '../i18n/words.tsx';
import { SoloHints } from './hints-panel.tsx';
import { SoloSession } from './solo-session.ts';

function SoloLayout({ session, view }: { session: SoloSession; view: SoloView }) {
  const env = useAppEnv();
  const w = useWords();
  const busy = useAppStore((s) => Object.keys(s.session.pending).length > 0);
  useShortcuts(session);

  const { signalAt, channels, metrics, timeline } = useRoomViewParts(view);
  const hintsTab = useMemo(() => ({ label: w.t('solo.hints'), render: () => <SoloHints session={session} /> }), [session, w]);

  return (
    <TeamProvider source={session.team!} acts={session}>
      <div className="exercise-screen mode-solo">
        <ClockBarView
          title={view.scenarioTitle}
          subtitle={w.t('solo.subtitle', { team: view.team })}
          wall={roomClock(view, w).wall}
          offset={roomClock(view, w).offset}
          elapsed={env.wallClock.now() - session.openedAtWall}
          paused={view.clock.paused}
          speed={view.clock.speed}
          over={view.clock.over}
          phase={{ label: roomPhase(view, w), className: 'phase-public' }}
          busy={busy}
          controls={session}
        />
        {session.status === 'reconnecting' && (
          <div className="notice notice-warning" role="status">
            {w.t('solo.reconnecting')}
          </div>
        )}
        {/* The host clears it (a new view) once the store has recovered the journal. */}
        {view.journalDamage && <JournalDamageNotice exerciseId={session.exerciseId} message={view.journalDamage} onRecovered={() => undefined} />}
        {view.clock.over && (
          <div className="notice" role="status">
            {w.t('solo.over')}
          </div>
        )}
        <div className="exercise-grid">
          <div className="col col-feed">
            <SignalFeedPanel count={view.signalCount} signalAt={signalAt} channels={channels} facilitator={false} />
          </div>
          <div className="col col-center">
            <MetricGrid metrics={metrics} />
            <TimelineList rows={timeline} />
          </div>
          <div className="col col-actions">
            <ActionTabs extra={hintsTab} />
          </div>
        </div>
      </div>
    </TeamProvider>
  );
}

export function SoloScreen({ exerciseId }: { exerciseId: string }) {
  const env = useAppEnv();
  const w = useWords();
  const navigate = useAppStore((s) => s.navigate);
  const [session, setSession] = useState<SoloSession | null>(null);
  useEffect(() => {
    const store = useAppStore;
    store.getState().resetSession();
    store.getState().resetFeed();
    const s = new SoloSession({ live: env.live, store, wallClock: env.wallClock }, exerciseId);
    setSession(s);
    s.start();
    return () => {
      s.dispose();
      store.getState().resetSession();
    };
  }, [env, exerciseId]);
  const version = useSyncExternalStore(session?.subscribe ?? noSubscribe, session?.getVersion ?? zero);
  const finished = session?.finished ?? false;
  useEffect(() => {
    if (finished) navigate({ name: 'debrief', exerciseId });
  }, [finished, navigate, exerciseId]);
  void version;

  if (session?.ended) return <ExerciseUnavailable exerciseId={exerciseId} message={session.ended} />;
  if (!session?.view || !session.team) return <Loading label={w.t('ui.loading.exercise')} />;
  return <SoloLayout session={session} view={session.view} />;
}

const noSubscribe = () => () => undefined;
const zero = () => 0;
