/**
 * Two runs of the same scenario side by side: key times against the targets, score, harm, and
 * the decisions each team took with their sim times (from the journals, via exercises:load).
 * History holds only its rows (#18), so the figures come from the two loaded exercises' metas.
 */
import { useEffect, useRef, useState } from 'react';
import type { ExerciseMeta, LoadedExercise } from '../../../shared/contract/api.ts';
import type { HistoryRow } from '../../../shared/history/metrics.ts';
import { describeInput } from '../../../shared/wording/timeline.ts';
import { formatOffset } from '../../../shared/scenario/duration.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { errorMessage } from '../api/get-api.ts';
import { useApi } from '../app-env.ts';
import { journalHeader, scenarioOf } from '../session/load-exercise.ts';
import { formatMoney, formatNumber } from '../ui/format.ts';
import { DASH, formatDate, formatSpan } from './format.ts';
import { outcomeVerdicts, type TargetVerdict } from '../../../shared/scoring/verdict.ts';
import { verdictStatusLabel } from '../../../shared/i18n/labels.ts';
import type { Words } from '../../../shared/i18n/words.ts';
import { useWords } from '../i18n/words.tsx';

interface Side {
  loaded: LoadedExercise;
  scenario: Scenario;
}

type CompareLoad = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; sides: [Side, Side] };

function prepare(loaded: LoadedExercise): Side {
  return { loaded, scenario: scenarioOf(journalHeader(loaded.journalText)) };
}

/** The card's verdict on a target, as stored with the exercise (never re-judged here). */
function Met(props: { verdict: TargetVerdict | null }) {
  const w = useWords();
  const status = props.verdict?.status;
  if (!status) return null;
  return <span className={`history-tag ${status === 'met' ? 'is-met' : status === 'missed' ? 'is-missed' : ''}`}>{verdictStatusLabel(status, w)}</span>;
}

export function ComparePanel(props: { a: HistoryRow; b: HistoryRow; onClose(): void }) {
  const api = useApi();
  const w = useWords();
  const [state, setState] = useState<CompareLoad>({ status: 'loading' });
  const sectionRef = useRef<HTMLElement>(null);
  const aId = props.a.id;
  const bId = props.b.id;
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    Promise.all([api['exercises:load']({ exerciseId: aId }), api['exercises:load']({ exerciseId: bId })])
      .then(([a, b]) => {
        if (!live) return;
        try {
          setState({ status: 'ready', sides: [prepare(a), prepare(b)] });
        } catch (e) {
          setState({ status: 'error', message: errorMessage(e) });
        }
      })
      .catch((e: unknown) => live && setState({ status: 'error', message: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [api, aId, bId]);
  useEffect(() => {
    // Bring the comparison into view (it opens below the table); jsdom has no scrolling.
    sectionRef.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [aId, bId]);

  const heading = (m: Pick<ExerciseMeta, 'team' | 'createdAt'>) => w.t('compare.heading', { team: m.team, date: formatDate(m.createdAt, w) });

  return (
    <section ref={sectionRef} className="card history-section compare-panel" aria-labelledby="compare-heading" data-testid="compare-panel">
      <header className="history-section-header">
        <h2 id="compare-heading">{w.t('compare.title', { title: props.a.scenarioTitle })}</h2>
        <button type="button" className="button button-quiet" onClick={props.onClose}>
          {w.t('compare.close')}
        </button>
      </header>
      {props.a.scenarioId !== props.b.scenarioId && <p className="small history-warning-text">{w.t('compare.different')}</p>}
      {state.status === 'ready' && <CompareTable a={state.sides[0].loaded.meta} b={state.sides[1].loaded.meta} state={state} heading={heading} />}
      <h3>{w.t('compare.decisions')}</h3>
      {state.status === 'loading' && (
        <p className="muted" role="status">
          {w.t('compare.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <p className="history-warning-text" role="alert">
          {w.t('compare.loadFailed', { error: state.message })}
        </p>
      )}
      {state.status === 'ready' && (
        <div className="compare-decisions">
          {state.sides.map((side) => (
            <div key={side.loaded.meta.id} data-testid={`decisions-${side.loaded.meta.id}`}>
              <h4>{heading(side.loaded.meta)}</h4>
              <Decisions side={side} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** Key times, score and harm of the two runs, from their loaded metas. */
function CompareTable(props: { a: ExerciseMeta; b: ExerciseMeta; state: CompareLoad; heading(m: ExerciseMeta): string }) {
  const w = useWords();
  const { state, heading } = props;
  const metas = [props.a, props.b] as const;
  return (
    <div className="table-scroll">
      <table className="history-table compare-table">
        <thead>
          <tr>
            <th />
            {metas.map((m) => (
              <th key={m.id} scope="col">
                {heading(m)}
                <div className="small muted">{w.t('compare.modeStatus', { mode: m.mode, status: w.t(`history.status.${m.status}`) })}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{w.t('compare.overall')}</th>
            {metas.map((m) => (
              <td key={m.id} className="compare-value">
                {m.outcome ? m.outcome.overall : DASH}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">
              {w.t('compare.mttd')}
              {props.a.outcome ? <span className="small muted">{w.t('compare.target', { target: formatSpan(props.a.outcome.targets.mttd, w) })}</span> : null}
            </th>
            {metas.map((m) => (
              <td key={m.id} className="compare-value">
                {formatSpan(m.outcome?.mttd ?? null, w)} <Met verdict={m.outcome ? outcomeVerdicts(m.outcome).mttd : null} />
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">
              {w.t('compare.mttc')}
              {props.a.outcome ? <span className="small muted">{w.t('compare.target', { target: formatSpan(props.a.outcome.targets.mttc, w) })}</span> : null}
            </th>
            {metas.map((m) => (
              <td key={m.id} className="compare-value">
                {formatSpan(m.outcome?.mttc ?? null, w)} <Met verdict={m.outcome ? outcomeVerdicts(m.outcome).mttc : null} />
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{w.t('compare.notify')}</th>
            {metas.map((m) => (
              <td key={m.id} className="compare-value">
                {formatSpan(m.outcome?.timeToNotify ?? null, w)} <Met verdict={m.outcome ? outcomeVerdicts(m.outcome).timeToNotify : null} />
              </td>
            ))}
          </tr>
          {harmRows(state, metas, w)}
        </tbody>
      </table>
    </div>
  );
}

function Decisions(props: { side: Side }) {
  const w = useWords();
  const entries = props.side.loaded.entries.filter((e) => e.input.type !== 'CLOCK');
  if (entries.length === 0) return <p className="small muted">{w.t('compare.noDecisions')}</p>;
  return (
    <ol className="decision-list">
      {entries.map((e) => (
        <li key={e.seq}>
          <time className="decision-time">{formatOffset(e.t, w)}</time> <span>{describeInput(props.side.scenario, e.input, w)}</span>
        </li>
      ))}
    </ol>
  );
}

/** Harm rows: labels and units from the scenario once the journals are loaded, ids until then. */
function harmRows(state: CompareLoad, metas: readonly [ExerciseMeta, ExerciseMeta], w: Words) {
  const ids = [...new Set(metas.flatMap((m) => Object.keys(m.outcome?.harm ?? {})))];
  const scenario = state.status === 'ready' ? state.sides[0].scenario : null;
  return ids.map((id) => {
    const def = scenario?.harm.find((h) => h.id === id);
    const show = (v: number | undefined) =>
      v === undefined
        ? DASH
        : def?.kind === 'money' && scenario
          ? formatMoney(v, scenario.currency, w)
          : `${formatNumber(Math.round(v), w)}${def?.unit ? ` ${def.unit}` : ''}`;
    return (
      <tr key={id} data-testid={`harm-${id}`}>
        <th scope="row">{w.t('compare.harm', { label: def?.label ?? id })}</th>
        {metas.map((m) => (
          <td key={m.id} className="compare-value">
            {show(m.outcome?.harm[id])}
          </td>
        ))}
      </tr>
    );
  });
}
