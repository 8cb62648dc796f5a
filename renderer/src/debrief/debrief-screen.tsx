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
import { ExerciseMissing } from '../ui/exercise-unavailable.tsx';
import { AdjustmentsEditor } from './adjustments-editor.tsx';
import { ExportBar } from './export-bar.tsx';
import { PublishPanel } from '../programme/publish-panel.tsx';
import { FindingsPanel } from './findings-panel.tsx';
import { HarmOverTime } from './harm-over-time.tsx';
import { KeyTimesPanel } from './key-times-panel.tsx';
import { NoticesPanel } from './notices-panel.tsx';
import { errorMessage } from '../api/get-api.ts';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { ObservationsEditor } from './observations-editor.tsx';
import { PlanEditor } from './plan-editor.tsx';
import { ScorePanel } from './score-panel.tsx';
import { TimelineSection } from './timeline-section.tsx';
import { useDebrief, type DebriefData } from './use-debrief.ts';
import { newId, savable, useDebriefEdits, type SaveStatus } from './use-debrief-edits.ts';
import { WhatIfPanel } from './what-if-panel.tsx';
import { HseepSection } from './hseep-section.tsx';
import { OverviewEditor } from './overview-editor.tsx';
import { SoloHotWash } from './solo-hot-wash.tsx';
import { RoomScreenPanel } from './room-screen-panel.tsx';
import './debrief.css';
import { ColorSchemeToggle } from '../ui/color-scheme.tsx';
import { useWords } from '../i18n/words.tsx';

export function DebriefScreen({ exerciseId }: { exerciseId: string }) {
  const [version, setVersion] = useState(0);
  const w = useWords();
  const state = useDebrief(exerciseId, undefined, version);
  if (state.status === 'loading') {
    const p = state.progress;
    return (
      <main className="screen">
        {p.stage === 'scored' ? (
          <>
            <h1>{p.title}</h1>
            <p data-testid="debrief-progress">{w.t('debrief.progress', { overall: p.overall })}</p>
            <Loading label={w.t('debrief.loading.whatIfs')} />
          </>
        ) : (
          <Loading label={w.t('debrief.loading.debrief')} />
        )}
      </main>
    );
  }
  if (state.status === 'error' && state.missing) return <ExerciseMissing exerciseId={exerciseId} />;
  if (state.status === 'error') {
    return (
      <main className="screen screen-narrow">
        <ErrorState heading={1} title={w.t('debrief.error.title')} message={state.message}>
          <Link to={{ name: 'library' }} className="button">
            {w.t('ui.backToLibrary')}
          </Link>
        </ErrorState>
      </main>
    );
  }
  return <DebriefView key={`${exerciseId}:${version}`} data={state.data} onReload={() => setVersion((v) => v + 1)} />;
}

function SaveIndicator({ status }: { status: SaveStatus }) {
  const w = useWords();
  switch (status.state) {
    case 'idle':
      return null;
    case 'pending':
      return <span className="save-status muted small">{w.t('debrief.save.pending')}</span>;
    case 'saving':
      return <span className="save-status muted small">{w.t('debrief.save.saving')}</span>;
    case 'saved':
      return (
        <span className="save-status small save-ok" role="status">
          {w.t('debrief.save.saved')}
        </span>
      );
    case 'error':
      return (
        <span className="save-status small save-error" role="alert">
          {w.t('debrief.save.error', { message: status.message })}
        </span>
      );
  }
}

function DebriefView({ data, onReload }: { data: DebriefData; onReload(): void }) {
  const { loaded, scenario, context, model } = data;
  const exerciseId = loaded.meta.id;
  // A discussion-based exercise has no engine findings to suggest a plan from (#19): its plan is the room's.
  const untouchedPlan = loaded.debrief.actionItems.length === 0 && scenario.exerciseType !== 'discussion';
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
  const api = useApi();
  // #17: an overrule is journaled in the facilitator's name, then the debrief is worked out again.
  const overrule = useCallback(
    async (input: TeamInput): Promise<string | null> => {
      try {
        await api['exercises:record']({ exerciseId, input, by: { name: 'Facilitator', role: 'facilitator' } });
        onReload();
        return null;
      } catch (e) {
        return errorMessage(e);
      }
    },
    [api, exerciseId, onReload],
  );
  const o = model.overview;
  const discussion = scenario.exerciseType === 'discussion';

  return (
    <main className="screen debrief-screen">
      <header className="screen-header debrief-header">
        <div>
          <p className="muted small">{w.t('debrief.kicker', { date: w.date(Date.parse(o.date)) })}</p>
          <h1>{scenario.title}</h1>
          <p className="muted">
            {w.t('debrief.meta', { team: loaded.meta.team, mode: w.t(`mode.${loaded.meta.mode}`), seed: loaded.meta.seed, ended: o.ended })}
          </p>
          {loaded.meta.status === 'running' && <p className="tag tag-facilitator">{w.t('debrief.stillRunning')}</p>}
          {loaded.warnings.map((x) => (
            <p key={x} className="small save-error">
              {x}
            </p>
          ))}
          {loaded.recoverable && <RecoverJournal exerciseId={exerciseId} onRecovered={onReload} />}
          <PublishPanel exerciseId={exerciseId} finished={loaded.meta.status === 'finished'} beforePublish={flush} />
          {/* #20: the room stays for the hot wash after the end (a running exercise's room is the console's). */}
          {loaded.meta.mode === 'facilitated' && loaded.meta.status === 'finished' && (
            <RoomScreenPanel exerciseId={exerciseId} harmRevealed={context.harmRevealed} />
          )}
        </div>
        <div className="debrief-header-actions">
          <SaveIndicator status={status} />
          <ExportBar exerciseId={exerciseId} beforeExport={flush} />
          <ColorSchemeToggle />
          <Link to={{ name: 'history' }} className="button button-quiet">
            {w.t('ui.history')}
          </Link>
        </div>
      </header>

      {discussion ? (
        // #19: a discussion-based exercise is judged by the evaluators' ratings, not the engine.
        <section className="card debrief-summary" aria-label={w.t('debrief.summary')} data-testid="discussion-notice">
          <p>{w.t('debrief.discussion.notice')}</p>
        </section>
      ) : (
        <section className="card debrief-summary" aria-label={w.t('debrief.summary')}>
          {model.summary.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </section>
      )}

      {loaded.meta.mode === 'solo' && <SoloHotWash loaded={loaded} />}

      <div className="debrief-grid">
        {!discussion && (
          <>
            <ScorePanel rows={rows} engineOverall={model.scores.engineOverall} adjustedOverall={adjustedOverall} onShow={show} />
            <KeyTimesPanel model={model.keyTimes} end={model.card.keyTimes.end} />
            <NoticesPanel scenario={scenario} notifications={model.card.notifications} record={loaded.meta.mode === 'solo' ? null : overrule} />
            <HarmOverTime curve={model.harm.curve} rows={model.harm.rows} costs={model.harm.costs} currency={model.harm.currency} />
            <WhatIfPanel analysis={model.whatIf} />
            <FindingsPanel analysis={model.analysis} />
          </>
        )}
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
        {!discussion && <AdjustmentsEditor adjustments={edits.adjustments} onChange={(list) => update((d) => ({ ...d, adjustments: list }))} />}
        <OverviewEditor
          overview={edits.overview}
          scenario={scenario.overview}
          team={loaded.meta.team}
          onChange={(overview) => update((d) => ({ ...d, overview }))}
        />
        <HseepSection loaded={loaded} scenario={scenario} model={model} overview={edits.overview} hotWashForm={loaded.meta.mode !== 'solo'} />
        <TimelineSection rows={timeline} highlight={highlight} onObserve={observeAt} />
      </div>
    </main>
  );
}

/** Keeps the entries before a journal's damage (the store copies the damaged file aside first). */
function RecoverJournal(props: { exerciseId: string; onRecovered(): void }) {
  const api = useApi();
  const w = useWords();
  return (
    <AsyncButton
      label={w.t('debrief.recover')}
      busyLabel={w.t('debrief.recovering')}
      run={() => api['exercises:salvage']({ exerciseId: props.exerciseId })}
      onDone={props.onRecovered}
    />
  );
}
