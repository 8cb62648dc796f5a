/**
 * The debrief (route `#/debrief/<exerciseId>`): the run replayed and scored, with key times, harm
 * over time, exact what-ifs, strengths and areas for improvement, and the facilitator's plan,
 * observations and score adjustments (saved as they are edited), plus report export.
 */
import { useCallback, useMemo, useState } from 'react';
import type { ActionItem, DebriefEdits } from '../../../shared/contract/api.ts';
import { scoreRows, timelineRows, weightedOverall } from '../../../shared/debrief/report-model.ts';
import { addDays } from '../../../shared/debrief/strengths.ts';
import { Link } from '../routing/link.tsx';
import { AsyncButton } from '../ui/async-button.tsx';
import { useApi } from '../app-env.ts';
import { ErrorState, Loading } from '../ui/states.tsx';
import { AdjustmentsEditor } from './adjustments-editor.tsx';
import { ExportBar } from './export-bar.tsx';
import { FindingsPanel } from './findings-panel.tsx';
import { HarmOverTime } from './harm-over-time.tsx';
import { KeyTimesPanel } from './key-times-panel.tsx';
import { ObservationsEditor } from './observations-editor.tsx';
import { PlanEditor } from './plan-editor.tsx';
import { ScorePanel } from './score-panel.tsx';
import { TimelineSection } from './timeline-section.tsx';
import { useDebrief, type DebriefData } from './use-debrief.ts';
import { newId, savable, useDebriefEdits, type SaveStatus } from './use-debrief-edits.ts';
import { WhatIfPanel } from './what-if-panel.tsx';
import './debrief.css';
import { ColorSchemeToggle } from '../ui/color-scheme.tsx';
import { useWords } from '../i18n/words.tsx';

export function DebriefScreen({ exerciseId }: { exerciseId: string }) {
  const [version, setVersion] = useState(0);
  const state = useDebrief(exerciseId, undefined, version);
  if (state.status === 'loading') {
    const p = state.progress;
    return (
      <main className="screen">
        {p.stage === 'scored' ? (
          <>
            <h1>{p.title}</h1>
            <p data-testid="debrief-progress">
              Overall score <strong>{p.overall}/100</strong>.
            </p>
            <Loading what="the what-if re-simulations" />
          </>
        ) : (
          <Loading what="the debrief" />
        )}
      </main>
    );
  }
  if (state.status === 'error') {
    return (
      <main className="screen screen-narrow">
        <ErrorState title="This exercise cannot be debriefed" message={state.message}>
          <Link to={{ name: 'library' }} className="button">
            Back to the library
          </Link>
        </ErrorState>
      </main>
    );
  }
  return <DebriefView key={`${exerciseId}:${version}`} data={state.data} onReload={() => setVersion((v) => v + 1)} />;
}

function SaveIndicator({ status }: { status: SaveStatus }) {
  switch (status.state) {
    case 'idle':
      return null;
    case 'pending':
      return <span className="save-status muted small">Unsaved changes…</span>;
    case 'saving':
      return <span className="save-status muted small">Saving…</span>;
    case 'saved':
      return (
        <span className="save-status small save-ok" role="status">
          Saved
        </span>
      );
    case 'error':
      return (
        <span className="save-status small save-error" role="alert">
          Not saved: {status.message}
        </span>
      );
  }
}

function DebriefView({ data, onReload }: { data: DebriefData; onReload(): void }) {
  const { loaded, scenario, context, model } = data;
  const exerciseId = loaded.meta.id;
  const untouchedPlan = loaded.debrief.actionItems.length === 0;
  // With no plan written yet, start from the suggestions (saved once anything is edited).
  const initial = useMemo(
    (): DebriefEdits => (untouchedPlan ? { ...loaded.debrief, actionItems: model.plan.items } : loaded.debrief),
    [loaded, model, untouchedPlan],
  );
  const { edits, update, status, flush } = useDebriefEdits(exerciseId, initial);
  const [planEdited, setPlanEdited] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);

  const observations = edits.observations;
  const w = useWords();
  const timeline = useMemo(() => timelineRows(scenario, context, { observations }, w), [scenario, context, observations, w]);
  const rows = useMemo(() => scoreRows(model.card, savable(edits), timeline, scenario, w), [model, edits, timeline, scenario, w]);
  const adjustedOverall = weightedOverall(rows);

  const show = useCallback((id: string) => {
    setHighlight(id);
    // After the highlight renders: bring the row into view (jsdom has no scrollIntoView).
    setTimeout(() => document.getElementById(id)?.scrollIntoView?.({ block: 'center', behavior: 'smooth' }), 0);
  }, []);

  const setPlan = (items: ActionItem[]) => {
    setPlanEdited(true);
    update((d) => ({ ...d, actionItems: items }));
  };
  const observeAt = useCallback((t: number) => update((d) => ({ ...d, observations: [...d.observations, { id: newId('obs'), t, text: '' }] })), [update]);
  const o = model.overview;

  return (
    <main className="screen debrief-screen">
      <header className="screen-header debrief-header">
        <div>
          <p className="muted small">Debrief · {o.date}</p>
          <h1>{scenario.title}</h1>
          <p className="muted">
            {loaded.meta.team} · {loaded.meta.mode} · seed {loaded.meta.seed} · {o.ended}
          </p>
          {loaded.meta.status === 'running' && <p className="tag tag-facilitator">Still running: this debrief assumes nobody acts from the last entry on.</p>}
          {loaded.warnings.map((w) => (
            <p key={w} className="small save-error">
              {w}
            </p>
          ))}
          {loaded.recoverable && <RecoverJournal exerciseId={exerciseId} onRecovered={onReload} />}
        </div>
        <div className="debrief-header-actions">
          <SaveIndicator status={status} />
          <ExportBar exerciseId={exerciseId} beforeExport={flush} />
          <ColorSchemeToggle />
          <Link to={{ name: 'history' }} className="button button-quiet">
            History
          </Link>
        </div>
      </header>

      <section className="card debrief-summary" aria-label="Summary">
        {model.summary.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </section>

      <div className="debrief-grid">
        <ScorePanel rows={rows} engineOverall={model.scores.engineOverall} adjustedOverall={adjustedOverall} onShow={show} />
        <KeyTimesPanel model={model.keyTimes} end={model.card.keyTimes.end} />
        <HarmOverTime curve={model.harm.curve} rows={model.harm.rows} costs={model.harm.costs} currency={model.harm.currency} />
        <WhatIfPanel analysis={model.whatIf} />
        <FindingsPanel analysis={model.analysis} />
        <PlanEditor
          items={edits.actionItems}
          suggested={untouchedPlan && !planEdited}
          defaultDue={addDays(o.date, 30)}
          onChange={setPlan}
          newId={() => newId('ai')}
        />
        <ObservationsEditor
          observations={edits.observations}
          onChange={(list) => update((d) => ({ ...d, observations: list }))}
          newId={() => newId('obs')}
          onShow={show}
        />
        <AdjustmentsEditor adjustments={edits.adjustments} onChange={(list) => update((d) => ({ ...d, adjustments: list }))} />
        <TimelineSection rows={timeline} highlight={highlight} onObserve={observeAt} />
      </div>
    </main>
  );
}

/** Keeps the entries before a journal's damage (the store copies the damaged file aside first). */
function RecoverJournal(props: { exerciseId: string; onRecovered(): void }) {
  const api = useApi();
  return (
    <AsyncButton
      label="Recover the exercise (keep the entries before the damage)"
      busyLabel="Recovering…"
      run={() => api['exercises:salvage']({ exerciseId: props.exerciseId })}
      onDone={props.onRecovered}
    />
  );
}
