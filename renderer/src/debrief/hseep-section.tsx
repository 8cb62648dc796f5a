/**
 * The debrief's HSEEP section (#19): the Objective · Capability · P · S · M · U table beside the
 * engine's score (as the AAR/IP prints it), the decisions logged, the hot washes received, and the
 * facilitator's own ratings and hot wash (or one taken down for someone without a device). Each is
 * journaled through `exercises:record` (the host's session while it still owns the journal) before
 * it shows here.
 */
import { useEffect, useMemo, useState } from 'react';
import type { LoadedExercise, OverviewEdits } from '../../../shared/contract/api.ts';
import { buildAarIp } from '../../../shared/debrief/aar-ip.ts';
import type { ReportModel } from '../../../shared/debrief/report-model.ts';
import { RATINGS, type JournalEntry, type TeamInput } from '../../../shared/engine/inputs.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { evaluationView } from '../../../shared/views/evaluation.ts';
import { verdictStatusLabel } from '../../../shared/i18n/labels.ts';
import { useApi } from '../app-env.ts';
import { errorMessage } from '../api/get-api.ts';
import { EvaluatorPanel } from '../evaluation/evaluator-panel.tsx';
import { HotWashForm } from '../evaluation/hot-wash-form.tsx';
import { useWords } from '../i18n/words.tsx';
import { Section } from './section.tsx';

/** How often the section re-reads the journal for the room's hot wash and ratings. */
const REFRESH_MS = 5_000;

export function HseepSection({
  loaded,
  scenario,
  model,
  overview,
  hotWashForm = true,
}: {
  loaded: LoadedExercise;
  scenario: Scenario;
  model: ReportModel;
  overview?: OverviewEdits | undefined;
  /** False for a solo exercise: the trainee's own form is at the top of the debrief (solo-hot-wash.tsx). */
  hotWashForm?: boolean;
}) {
  const w = useWords();
  const api = useApi();
  const [extra, setExtra] = useState<JournalEntry[]>([]);
  const [from, setFrom] = useState('Facilitator');
  // The room's hot wash and late ratings keep arriving after the debrief opened: re-read the journal.
  const [fresh, setFresh] = useState<ReadonlyArray<JournalEntry> | null>(null);
  const base = fresh ?? loaded.entries;
  const entries = useMemo(() => [...base, ...extra.filter((e) => e.seq > (base.at(-1)?.seq ?? 0))], [base, extra]);
  const exerciseId = loaded.meta.id;
  useEffect(() => {
    let live = true;
    const id = setInterval(() => {
      api['exercises:load']({ exerciseId })
        .then((l) => {
          if (live) setFresh((old) => (old && old.length === l.entries.length ? old : l.entries));
        })
        .catch(() => undefined);
    }, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [api, exerciseId]);
  const aar = useMemo(() => buildAarIp(model, scenario, entries, overview), [model, scenario, entries, overview]);
  const end = entries.at(-1)?.t ?? 0;
  // The moments a rating can rest on: the timeline as the room saw it.
  const moments = useMemo(
    () => model.timeline.flatMap((r) => (r.t !== null && r.visibility === 'room' && r.kind !== 'observation' ? [{ t: r.t, text: r.text }] : [])).slice(-200),
    [model],
  );

  const record = async (input: TeamInput, name = 'Facilitator'): Promise<string | null> => {
    const by = { name, role: name === 'Facilitator' ? 'facilitator' : 'participant' };
    try {
      const r = await api['exercises:record']({ exerciseId: loaded.meta.id, input, by });
      setExtra((old) => [...old, { seq: r.seq, t: end, input, by }]);
      return null;
    } catch (e) {
      return errorMessage(e);
    }
  };
  const discussion = scenario.exerciseType === 'discussion';
  return (
    <Section id="hseep" title={w.t('hseep.debrief.title')}>
      <p className="muted small">{w.t('hseep.debrief.intro')}</p>
      <h3>{w.t('hseep.debrief.ratings')}</h3>
      <div className="table-scroll" data-scrolls-sideways>
        <table className="data-table hseep-ratings" data-testid="hseep-ratings">
          <thead>
            <tr>
              <th>{w.t('aar.col.objective')}</th>
              <th>{w.t('aar.col.capability')}</th>
              {RATINGS.map((r) => (
                <th key={r} title={w.t(`hseep.rating.${r}`)}>
                  {w.t(`hseep.rating.short.${r}`)}
                </th>
              ))}
              <th>{w.t('aar.col.engine')}</th>
            </tr>
          </thead>
          <tbody>
            {aar.objectives.map((o) => (
              <tr key={o.id}>
                <td>
                  <strong>{o.id}</strong> {o.text}
                  {o.disagreement && <span className="tag tag-facilitator"> {w.t('aar.disagree')}</span>}
                </td>
                <td>{o.capability ?? '—'}</td>
                {RATINGS.map((r) => (
                  <td key={r}>{o.byRating[r].join(', ')}</td>
                ))}
                <td>
                  {discussion
                    ? w.t('aar.engine.discussion')
                    : o.engine
                      ? w.t('hseep.engineScore', { score: o.engine.score, verdict: verdictStatusLabel(o.engine.verdict, w) })
                      : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="hseep-rate-yourself">
        <summary>{w.t('hseep.debrief.rateYourself')}</summary>
        <EvaluatorPanel evaluation={evaluationView(scenario, entries)} now={end} moments={moments} submit={(input) => record(input)} />
      </details>
      <h3>{w.t('hseep.debrief.decisions')}</h3>
      {aar.decisions.length === 0 ? (
        <p className="muted">{w.t('aar.none')}</p>
      ) : (
        <ul>
          {aar.decisions.map((d) => (
            <li key={d.seq}>
              <span className="muted">{d.when.text}</span> {d.text}
              {d.owner && ` (${d.owner})`}
              {d.rationale && <span className="muted"> — {d.rationale}</span>}
            </li>
          ))}
        </ul>
      )}
      <h3>{w.t('hseep.debrief.hotwashes')}</h3>
      {aar.hotWash.people.length === 0 ? (
        <p className="muted">{w.t('aar.hotwash.none')}</p>
      ) : (
        <ul className="hot-wash-list">
          {aar.hotWash.people.map((p) => (
            <li key={p.by}>
              <strong>{p.by}</strong>
              {p.confidence !== null && <span className="muted"> · {w.t('hseep.debrief.confidence', { n: p.confidence })}</span>}
              <br />+ {p.wentWell || '—'} · △ {p.improve || '—'} · ▶ {p.playbookChange || '—'}
            </li>
          ))}
        </ul>
      )}
      {hotWashForm && (
        <HotWashForm submitted={false} count={aar.hotWash.people.length} submit={(input) => record(input, from.trim() || 'Facilitator')}>
          <label className="field">
            <span>{w.t('hseep.debrief.from')}</span>
            <input value={from} maxLength={80} onChange={(e) => setFrom(e.target.value)} />
          </label>
        </HotWashForm>
      )}
    </Section>
  );
}
