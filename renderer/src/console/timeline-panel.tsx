/**
 * The running timeline. The facilitator sees every entry, with hidden ones marked facilitator
 * only; a solo trainee sees the public timeline (session/visibility.ts).
 */
import { useMemo } from 'react';
import type { TimelineEntry } from '../../../shared/engine/run-state.ts';
import { useOpenSession, useRun } from '../session/use-run.ts';
import { publicTimeline } from '../session/visibility.ts';
import { Panel } from '../ui/panel.tsx';
import { Empty } from '../ui/states.tsx';
import { VirtualList } from '../ui/virtual-list.tsx';
import { SimTime } from './sim-time.tsx';
import { timelineText } from '../../../shared/wording/timeline.ts';

interface Row {
  t: number;
  kind: TimelineEntry['kind'];
  text: string;
  hidden: boolean;
}

export function TimelinePanel() {
  const session = useOpenSession();
  const facilitator = session.mode === 'facilitated';
  const length = useRun((run) => run.context.timeline.length);
  const rows = useMemo((): Row[] => {
    const run = session.run;
    const list: Row[] = facilitator
      ? run.context.timeline.map((e) => {
          // Live sessions attribute each action to the person and role who took it.
          const by = e.kind === 'action' && e.seq !== undefined ? session.attributionOf(e.seq) : null;
          const line = timelineText(run.scenario, e);
          const text = by && by.role !== 'facilitator' ? `${line} — ${by.name} (${by.role.replace(/_/g, ' ')})` : line;
          return { t: e.t, kind: e.kind, text, hidden: e.hidden };
        })
      : publicTimeline(run, null).map((e) => ({ ...e, hidden: false }));
    return list.reverse();
    // `length` is the change signal: the engine appends to the timeline in place.
  }, [session, facilitator, length]);

  return (
    <Panel id="timeline" title="Timeline" className="timeline-panel">
      {rows.length === 0 ? (
        <Empty>Nothing has happened yet.</Empty>
      ) : (
        <VirtualList
          label="Timeline"
          className="timeline-list"
          count={rows.length}
          rowHeight={40}
          getKey={(i) => `${rows.length - i}`}
          renderRow={(i) => {
            const e = rows[i]!;
            return (
              <div className={`timeline-entry kind-${e.kind} ${e.hidden ? 'is-hidden' : ''}`} title={e.text}>
                <SimTime t={e.t} />
                <span className="timeline-kind">{e.kind}</span>
                <span className="timeline-text">{e.text}</span>
                {e.hidden && <span className="tag tag-facilitator">facilitator only</span>}
              </div>
            );
          }}
        />
      )}
    </Panel>
  );
}
