/**
 * What the room (and a solo trainee) may see of a run.
 *
 * The facilitator console shows everything; the projector and solo mode must never show
 * red-herring markers, harm (unless revealed), hidden timeline entries, facilitator notes or
 * ad-hoc inject authorship, findings not yet shared, or a phase that gives away a quiet failure.
 */
import type { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import type { Phase, TimelineEntry } from '../../../shared/engine/run-state.ts';
import { PHASE_LABELS } from '../../../shared/wording/labels.ts';
import { timelineText } from '../../../shared/wording/timeline.ts';

/** The phase as the room reads it: a fault nobody has noticed yet is still "Normal operations". */
export function publicPhaseLabel(phase: Phase): string {
  return phase === 'quietFailure' ? PHASE_LABELS.baseline : PHASE_LABELS[phase];
}

/** Facilitator inputs whose timeline lines stay on the console. */
const FACILITATOR_ONLY_INPUTS = new Set(['ADHOC_INJECT', 'NOTE']);

export interface PublicTimelineEntry {
  t: number;
  kind: TimelineEntry['kind'];
  text: string;
}

/**
 * The timeline as the room may see it, newest last, at most `limit` entries.
 *
 * Signal lines are rebuilt from the signal (source: title) rather than copied, because the
 * engine's own line appends "(red herring)" for the facilitator.
 *
 * @param sharedFindings investigation ids whose findings may be shown; null = all (solo mode,
 *   where the trainee ran the investigation themselves).
 */
export function publicTimeline(run: ExerciseRun, sharedFindings: ReadonlyArray<string> | null, limit = Infinity): PublicTimelineEntry[] {
  const ctx = run.context;
  const out: PublicTimelineEntry[] = [];
  let types: Map<number, string> | null = null;
  let signals: Map<string, (typeof ctx.signals)[number]> | null = null;
  const inputTypeBySeq = (seq: number | undefined) => {
    types ??= new Map(ctx.inputs.map((i) => [i.seq, i.input.type]));
    return seq === undefined ? undefined : types.get(seq);
  };
  const signalById = (id: string | undefined) => {
    signals ??= new Map(ctx.signals.map((sig) => [sig.id, sig]));
    return id === undefined ? undefined : signals.get(id);
  };
  for (let i = ctx.timeline.length - 1; i >= 0 && out.length < limit; i--) {
    const e = ctx.timeline[i]!;
    if (e.hidden || e.kind === 'note') continue;
    if (e.kind === 'finding' && sharedFindings !== null && !sharedFindings.includes(e.ref ?? '')) continue;
    if (e.kind === 'action') {
      const type = inputTypeBySeq(e.seq);
      if (type && FACILITATOR_ONLY_INPUTS.has(type)) continue;
    }
    let text = timelineText(run.scenario, e);
    if (e.kind === 'signal') {
      const sig = signalById(e.ref);
      if (!sig) continue;
      text = `${sig.source}: ${sig.title}`;
    }
    out.push({ t: e.t, kind: e.kind, text });
  }
  return out.reverse();
}
