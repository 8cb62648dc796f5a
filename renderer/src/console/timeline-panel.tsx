/**
 * The running timeline. `TimelineList` draws rows it is given; the console's `TimelinePanel`
 * gives it every entry (hidden ones marked facilitator only); the solo screen gives it the
 * public timeline the host sent.
 */
import { useMemo } from 'react';
import { useOpenSession, useRun } from '../session/use-run.ts';
import { Panel } from '../ui/panel.tsx';
import { Empty } from '../ui/states.tsx';
import { VirtualList } from '../ui/virtual-list.tsx';
import { SimTime } from '../team/sim-time.tsx';
import { timelineText } from '../../../shared/wording/timeline.ts';
import { useWords } from '../i18n/words.tsx';
import { roleInline } from '../../../shared/i18n/labels.ts';
import type { Words } from '../../../shared/i18n/words.ts';
import type { TimelineKind } from '../../../shared/engine/run-state.ts';

const KINDS: ReadonlyArray<string> = [
  'fault',
  'signal',
  'action',
  'finding',
  'phase',
  'deadline',
  'note',
  'hint',
  'effect',
] satisfies ReadonlyArray<TimelineKind>;

/** A timeline row's kind in the page's language (a kind the catalogue does not know stays as it is). */
function kindWord(kind: string, w: Words): string {
  return KINDS.includes(kind) ? w.t(`timelineKind.${kind as TimelineKind}`) : kind;
}

export interface TimelineRow {
  t: number;
  kind: string;
  text: string;
  /** Facilitator only (marked on the console; never sent to anyone else). */
  hidden?: boolean;
}

/** Timeline rows, newest first. */
export function TimelineList({ rows, title }: { rows: ReadonlyArray<TimelineRow>; title?: string }) {
  const w = useWords();
  title ??= w.t('timeline.title');
  return (
    <Panel id="timeline" title={title} className="timeline-panel">
      {rows.length === 0 ? (
        <Empty>{w.t('timeline.empty')}</Empty>
      ) : (
        <VirtualList
          label={w.t('timeline.title')}
          className="timeline-list"
          count={rows.length}
          rowHeight={40}
          getKey={(i) => `${rows.length - i}`}
          renderRow={(i) => {
            const e = rows[i]!;
            return (
              <div className={`timeline-entry kind-${e.kind} ${e.hidden ? 'is-hidden' : ''}`} title={e.text}>
                <SimTime t={e.t} />
                <span className="timeline-kind">{kindWord(e.kind, w)}</span>
                <span className="timeline-text">{e.text}</span>
                {e.hidden && <span className="tag tag-facilitator">{w.t('timeline.facilitatorOnly')}</span>}
              </div>
            );
          }}
        />
      )}
    </Panel>
  );
}

/** The console's timeline: every entry of the run, hidden ones marked, actions attributed. */
export function TimelinePanel() {
  const w = useWords();
  const session = useOpenSession();
  // Length and last entry: a withdrawal (#20 undo) removes one entry and appends another.
  const length = useRun((run) => {
    const tl = run.context.timeline;
    return `${tl.length}:${tl.at(-1)?.seq ?? ''}:${tl.at(-1)?.event.code ?? ''}`;
  });
  const rows = useMemo((): TimelineRow[] => {
    const run = session.run;
    return run.context.timeline
      .map((e) => {
        // Live sessions attribute each action to the person and role who took it.
        const by = e.kind === 'action' && e.seq !== undefined ? session.attributionOf(e.seq) : null;
        const line = timelineText(run.scenario, e, w);
        const text = by && by.role !== 'facilitator' ? w.t('event.byline', { line, name: by.name, role: roleInline(by.role, w) }) : line;
        return { t: e.t, kind: e.kind, text, hidden: e.hidden };
      })
      .reverse();
    // `length` is the change signal: the engine appends to the timeline in place.
  }, [session, length, w]);
  return <TimelineList rows={rows} />;
}
