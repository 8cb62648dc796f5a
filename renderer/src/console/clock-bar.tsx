/**
 * The exercise clock and its controls: sim wall time, T+ offset, wall time elapsed, pause/resume,
 * speed and jump-to-next-inject, plus the phase and the screen's own buttons.
 *
 * `ClockBarView` draws what it is given and calls the controls it is given; the console's
 * `ClockBar` feeds it from the mirror run, the solo screen from the host's view.
 */
import type { ReactNode } from 'react';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import { wallTime } from '../../../shared/scenario/sim-time.ts';
import { errorMessage } from '../api/get-api.ts';
import { useAppEnv } from '../app-env.ts';
import { SPEEDS, type Speed } from '../session/clock-driver.ts';
import { useOpenSession, useRun } from '../session/use-run.ts';
import { useAppStore } from '../store/app-store.ts';
import { ColorSchemeToggle } from '../ui/color-scheme.tsx';
import { formatElapsed } from '../ui/format.ts';
import { fig, msg, type MessageKey } from '../../../shared/i18n/words.ts';
import type { JumpStopKind } from '../../../shared/engine/exercise-run.ts';
import { useWords } from '../i18n/words.tsx';
import { phaseLabel } from '../../../shared/i18n/labels.ts';

/** What a screen's clock controls do (the console and the solo screen ask the host). */
export interface ClockControls {
  togglePause(): void;
  setSpeed(speed: Speed): void;
  /** False when a jump cannot be asked for now (over, or a clock change on its way). */
  jumpToNextInject(): boolean;
}

export interface ClockBarViewProps {
  title: string;
  subtitle: string;
  wall: string;
  offset: string;
  /** Wall time since this screen opened (ms). */
  elapsed: number;
  paused: boolean;
  speed: number;
  over: boolean;
  phase: { label: string; className: string };
  /** A clock change or an action is on its way to the host. */
  busy: boolean;
  controls: ClockControls;
  /** The screen's own buttons (the console's projector button). */
  extra?: ReactNode;
  /** Where the next jump stops and how far it is ("Deadline in 45m"), when the screen knows. */
  nextStop?: string | null;
}

export function ClockBarView(p: ClockBarViewProps) {
  const w = useWords();
  const setShortcutsOpen = useAppStore((s) => s.setShortcutsOpen);
  return (
    <header className="clock-bar">
      <div className="clock-title">
        <strong>{p.title}</strong>
        <span className="muted">{p.subtitle}</span>
      </div>
      <div className="clock-readout" aria-label={w.t('clock.label')}>
        <span className="clock-wall" data-testid="sim-clock">
          {p.wall}
        </span>
        <span className="clock-offset">{p.offset}</span>
        <span className="clock-elapsed muted" title={w.t('clock.elapsedTitle')}>
          {w.t('clock.elapsed', { elapsed: formatElapsed(p.elapsed) })}
        </span>
      </div>
      <div className="clock-controls" role="group" aria-label={w.t('clock.controls')}>
        <button
          type="button"
          className={`button ${p.paused ? 'button-primary' : ''}`}
          onClick={() => p.controls.togglePause()}
          disabled={p.over}
          aria-keyshortcuts="Space"
        >
          {p.paused ? w.t('clock.resume') : w.t('clock.pause')}
        </button>
        {SPEEDS.map((sp, i) => (
          <button
            key={sp}
            type="button"
            className={`button speed ${p.speed === sp ? 'is-active' : ''}`}
            aria-pressed={p.speed === sp}
            onClick={() => p.controls.setSpeed(sp)}
            disabled={p.over}
            aria-keyshortcuts={String(i + 1)}
          >
            {w.t('clock.speed', { speed: sp })}
          </button>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => p.controls.jumpToNextInject()}
          disabled={p.over || p.busy}
          aria-keyshortcuts="N"
          aria-describedby={p.nextStop ? 'next-stop' : undefined}
          title={w.t('clock.nextTitle')}
        >
          {w.t('clock.next')}
        </button>
        {p.nextStop && (
          <span id="next-stop" className="next-stop small muted">
            {p.nextStop}
          </span>
        )}
      </div>
      <div className="clock-status">
        <span className={`phase ${p.phase.className}`}>{p.phase.label}</span>
        <span className={`run-state ${p.paused ? 'is-paused' : 'is-running'}`}>
          {p.over ? w.t('clock.ended') : p.paused ? w.t('clock.paused') : w.t('clock.running', { speed: p.speed })}
        </span>
        <ColorSchemeToggle compact />
        {p.extra}
        <button type="button" className="button button-quiet" aria-label={w.t('clock.shortcuts')} onClick={() => setShortcutsOpen(true)}>
          ?
        </button>
      </div>
    </header>
  );
}

/** What the next jump stops for, as the facilitator reads it beside the button. */
const STOP_WORDS: Record<Exclude<JumpStopKind, 'end'>, MessageKey> = {
  signal: 'clock.stop.signal',
  finding: 'clock.stop.finding',
  deadline: 'clock.stop.deadline',
  effect: 'clock.stop.effect',
};

/** The facilitator console's clock bar (with the true phase, and the projector button). */
export function ClockBar() {
  const w = useWords();
  const env = useAppEnv();
  const session = useOpenSession();
  const now = useRun((run) => run.now);
  const phase = useRun((run) => run.phase);
  const nextStop = useRun((run) => {
    const stop = run.peekNextStop();
    return stop && stop.kind !== 'end' ? w.t('clock.nextStop', { what: msg(STOP_WORDS[stop.kind]), wait: fig.duration(Math.max(0, stop.t - run.now)) }) : null;
  });
  const over = useRun((run) => run.over);
  const paused = useAppStore((s) => s.session.paused);
  const speed = useAppStore((s) => s.session.speed);
  const writing = useAppStore((s) => Object.keys(s.session.pending).length > 0);
  useAppStore((s) => s.session.version);
  const pushToast = useAppStore((s) => s.pushToast);

  const openProjector = () => {
    env.openProjector(session.exerciseId).catch((e: unknown) => pushToast('error', w.t('clock.projectorFailed', { error: errorMessage(e) })));
  };

  return (
    <ClockBarView
      title={session.scenario.title}
      subtitle={w.t('clock.facilitated', { team: session.meta.team })}
      wall={wallTime(session.scenario, now, w)}
      offset={formatOffset(now, w)}
      elapsed={env.wallClock.now() - session.openedAtWall}
      paused={paused}
      speed={speed}
      over={over}
      phase={{ label: phaseLabel(phase, w), className: `phase-${phase}` }}
      busy={writing}
      controls={session}
      nextStop={nextStop}
      extra={
        <button type="button" className="button" onClick={openProjector}>
          {w.t('clock.projector')}
        </button>
      }
    />
  );
}
