/**
 * The exercise clock and its controls: sim wall time, T+ offset, wall time elapsed, pause/resume,
 * speed and jump-to-next-inject, plus the phase and the projector button.
 */
import { formatOffset } from '../../../shared/scenario/duration.ts';
import { PHASE_LABELS } from '../../../shared/wording/labels.ts';
import { wallTime } from '../../../shared/scenario/sim-time.ts';
import { errorMessage } from '../api/get-api.ts';
import { useAppEnv } from '../app-env.ts';
import { SPEEDS } from '../session/clock-driver.ts';
import { useOpenSession, useRun } from '../session/use-run.ts';
import { publicPhaseLabel } from '../session/visibility.ts';
import { useAppStore } from '../store/app-store.ts';
import { formatElapsed } from '../ui/format.ts';

export function ClockBar() {
  const env = useAppEnv();
  const session = useOpenSession();
  const facilitated = session.mode === 'facilitated';
  const now = useRun((run) => run.now);
  const phase = useRun((run) => run.phase);
  const over = useRun((run) => run.over);
  const paused = useAppStore((s) => s.session.paused);
  const speed = useAppStore((s) => s.session.speed);
  const writing = useAppStore((s) => Object.keys(s.session.pending).length > 0);
  useAppStore((s) => s.session.version);
  const pushToast = useAppStore((s) => s.pushToast);
  const setShortcutsOpen = useAppStore((s) => s.setShortcutsOpen);
  const elapsed = env.wallClock.now() - session.openedAtWall;
  const phaseLabel = facilitated ? PHASE_LABELS[phase] : publicPhaseLabel(phase);

  const openProjector = () => {
    env.openProjector(session.exerciseId).catch((e: unknown) => pushToast('error', `Could not open the projector: ${errorMessage(e)}`));
  };

  return (
    <header className="clock-bar">
      <div className="clock-title">
        <strong>{session.scenario.title}</strong>
        <span className="muted">
          {session.meta.team} · {facilitated ? 'Facilitated' : 'Solo'}
        </span>
      </div>
      <div className="clock-readout" aria-label="Exercise clock">
        <span className="clock-wall" data-testid="sim-clock">
          {wallTime(session.scenario, now)}
        </span>
        <span className="clock-offset">{formatOffset(now)}</span>
        <span className="clock-elapsed muted" title="Wall time elapsed since this console opened">
          wall {formatElapsed(elapsed)}
        </span>
      </div>
      <div className="clock-controls" role="group" aria-label="Clock controls">
        <button
          type="button"
          className={`button ${paused ? 'button-primary' : ''}`}
          onClick={() => session.togglePause()}
          disabled={over}
          aria-keyshortcuts="Space"
        >
          {paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
        {SPEEDS.map((sp, i) => (
          <button
            key={sp}
            type="button"
            className={`button speed ${!paused && speed === sp ? 'is-active' : ''}`}
            aria-pressed={!paused && speed === sp}
            onClick={() => session.setSpeed(sp)}
            disabled={over}
            aria-keyshortcuts={String(i + 1)}
          >
            {sp}×
          </button>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => session.jumpToNextInject()}
          disabled={over || writing}
          aria-keyshortcuts="N"
          title="Jump to the next inject (n)"
        >
          Next inject ›
        </button>
      </div>
      <div className="clock-status">
        <span className={`phase phase-${phase}`}>{phaseLabel}</span>
        <span className={`run-state ${paused ? 'is-paused' : 'is-running'}`}>{over ? 'Ended' : paused ? 'Paused' : `Running ${speed}×`}</span>
        {facilitated && (
          <button type="button" className="button" onClick={openProjector}>
            Projector
          </button>
        )}
        <button type="button" className="button button-quiet" aria-label="Keyboard shortcuts" onClick={() => setShortcutsOpen(true)}>
          ?
        </button>
      </div>
    </header>
  );
}
