/**
 * The facilitator console: the screen a facilitated exercise runs on.
 *
 * Opening it loads the exercise and connects to the host's session (session/open-session.ts);
 * leaving it closes the connection. It shares the action panels (team/) with the solo screen,
 * fed here from the mirror run, and adds what only a facilitator sees: the true phase, every
 * metric, harm and costs, red-herring marks, the facilitator's controls and the projector.
 */
import { useEffect, useState } from 'react';
import { useAppEnv } from '../app-env.ts';
import { clearSession } from '../session/current-session.ts';
import { openSession } from '../session/open-session.ts';
import { shallowEqual, useOpenSession, useRun, useSession } from '../session/use-run.ts';
import { useAppStore } from '../store/app-store.ts';
import { JournalDamageNotice } from '../ui/journal-damage-notice.tsx';
import { ExerciseMissing, ExerciseUnavailable } from '../ui/exercise-unavailable.tsx';
import { Loading } from '../ui/states.tsx';
import { ActionTabs } from '../team/action-tabs.tsx';
import { TeamProvider } from '../team/team-context.tsx';
import { AdhocInjectForm } from './facilitator/adhoc-inject-form.tsx';
import { FacilitatorBrief } from './facilitator/facilitator-brief.tsx';
import { HintsControl } from './facilitator/hints-control.tsx';
import { NoteForm } from './facilitator/note-form.tsx';
import { DiscussionPanel, FacilitatorRatings } from './facilitator/discussion-panel.tsx';
import { RoomControls } from './facilitator/room-controls.tsx';
import { ClockBar } from './clock-bar.tsx';
import { HarmPanel } from './harm-panel.tsx';
import { MetricsDashboard } from './metrics-dashboard.tsx';
import { SignalFeed } from './signal-feed.tsx';
import { TimelinePanel } from './timeline-panel.tsx';
import { useShortcuts } from './use-shortcuts.ts';
import { useWords } from '../i18n/words.tsx';

function Banners() {
  const session = useSession();
  const w = useWords();
  const warnings = useAppStore((s) => s.session.warnings);
  const recoverable = useAppStore((s) => s.session.recoverable);
  const pushToast = useAppStore((s) => s.pushToast);
  const patch = useAppStore((s) => s.patchSession);
  const finish = useAppStore((s) => s.session.finish);
  const finishError = useAppStore((s) => s.session.finishError);
  const connection = useRun((_run, s) => s.connection);
  return (
    <>
      {connection === 'reconnecting' && (
        <div className="notice notice-warning" role="status">
          {w.t('console.reconnecting')}
        </div>
      )}
      {recoverable ? (
        <JournalDamageNotice
          exerciseId={session!.exerciseId}
          message={warnings.join(' ')}
          onRecovered={() => {
            patch({ recoverable: false, warnings: [] });
            pushToast('info', w.t('console.recoveredToast'));
          }}
        />
      ) : (
        warnings.length > 0 && (
          <div className="notice notice-warning" role="status">
            <strong>{w.t('console.journalRecovered')}</strong> {warnings.join(' ')}
            <button type="button" className="button button-quiet" onClick={() => patch({ warnings: [] })}>
              {w.t('ui.dismiss')}
            </button>
          </div>
        )
      )}
      {finish === 'finishing' && (
        <div className="notice" role="status">
          {w.t('console.finishing')}
        </div>
      )}
      {finish === 'failed' && (
        <div className="notice notice-error" role="alert">
          {finishError}{' '}
          <button type="button" className="button" onClick={() => void session?.finish()}>
            {w.t('console.tryAgain')}
          </button>
        </div>
      )}
    </>
  );
}

const FACILITATE_TAB = {
  label: 'tab.facilitate' as const,
  render: () => (
    <>
      <FacilitatorBrief />
      <DiscussionPanel />
      <AdhocInjectForm />
      <NoteForm />
      <FacilitatorRatings />
      <HintsControl />
      <RoomControls />
    </>
  ),
};

/**
 * Whom the facilitator enters the team's actions for: the facilitator's own actions are not the
 * team's (definition `team_input`), so each one is entered for a named participant.
 */
function EnteringFor() {
  const w = useWords();
  const session = useOpenSession();
  const people = useRun((_run, s) => s.enterableFor(), shallowEqual);
  const [chosen, setChosen] = useState(session.enteringForName());
  const value = people.includes(chosen) ? chosen : people[0]!;
  return (
    <label className="entering-for">
      {w.t('tab.enteringFor')}{' '}
      <select
        value={value}
        onChange={(e) => {
          session.enteringFor = e.target.value;
          setChosen(e.target.value);
        }}
      >
        {people.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </label>
  );
}

function ExerciseLayout() {
  const w = useWords();
  const session = useSession();
  useShortcuts(session);
  if (!session) return null;
  return (
    <TeamProvider source={session.team} acts={session.acts}>
      <div className="exercise-screen mode-facilitated">
        <ClockBar />
        <Banners />
        <div className="exercise-grid">
          <div className="col col-feed">
            <SignalFeed />
          </div>
          <div className="col col-center">
            <MetricsDashboard />
            <HarmPanel />
            <TimelinePanel />
          </div>
          <div className="col col-actions">
            <EnteringFor />
            <ActionTabs extra={{ ...FACILITATE_TAB, label: w.t(FACILITATE_TAB.label) }} />
          </div>
        </div>
      </div>
    </TeamProvider>
  );
}

export function ExerciseScreen({ exerciseId }: { exerciseId: string }) {
  const env = useAppEnv();
  const w = useWords();
  const status = useAppStore((s) => s.session.status);
  const error = useAppStore((s) => s.session.error);
  const missing = useAppStore((s) => s.session.missing);
  useEffect(() => {
    let cancelled = false;
    void openSession({ api: env.api, wallClock: env.wallClock, live: env.live, store: useAppStore }, exerciseId, () => cancelled);
    return () => {
      cancelled = true;
      clearSession(useAppStore);
    };
  }, [env, exerciseId]);

  if (status === 'error' && missing) return <ExerciseMissing exerciseId={exerciseId} />;
  if (status === 'error') return <ExerciseUnavailable exerciseId={exerciseId} message={error ?? w.t('console.unknownError')} />;
  if (status !== 'ready') return <Loading label={w.t('ui.loading.exercise')} />;
  return <ExerciseLayout />;
}
