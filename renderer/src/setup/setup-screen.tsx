/**
 * Exercise setup: team, participants and their roles, mode, seed and clock speed.
 *
 * Start creates the exercise in storage (the scenario YAML is pinned into its journal) and opens
 * the facilitator console or the solo screen.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Participant, ScenarioEntry } from '../../../shared/contract/api.ts';
import { formatDuration } from '../../../shared/scenario/duration.ts';
import { ROLES, type Role } from '../../../shared/scenario/schema.ts';
import { errorMessage } from '../api/get-api.ts';
import { useApi } from '../app-env.ts';
import { findScenario } from '../library/scenario-catalog.ts';
import { Link } from '../routing/link.tsx';
import { exerciseRoute } from '../routing/routes.ts';
import { SPEEDS } from '../session/clock-driver.ts';
import { useAppStore } from '../store/app-store.ts';
import { ErrorState, Loading } from '../ui/states.tsx';
import { useWords } from '../i18n/words.tsx';
import { roleLabel } from '../../../shared/i18n/labels.ts';
import { TeamActionsHint } from '../programme/team-actions-hint.tsx';

const MAX_SEED = 2 ** 31 - 1;

export function randomSeed(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return buf[0]! % MAX_SEED;
}

interface ParticipantRow {
  key: number;
  name: string;
  role: Role | '';
}

let rowKey = 1;
const newRow = (role: Role | '' = ''): ParticipantRow => ({ key: rowKey++, name: '', role });

type Found =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'error'; message: string }
  | { state: 'ready'; entry: ScenarioEntry & { summary: NonNullable<ScenarioEntry['summary']> } };

export function SetupScreen({ file }: { file: string }) {
  const w = useWords();
  const api = useApi();
  const navigate = useAppStore((s) => s.navigate);
  const [found, setFound] = useState<Found>({ state: 'loading' });
  const [team, setTeam] = useState('');
  const [rows, setRows] = useState<ParticipantRow[]>(() => [newRow('incident_commander'), newRow('communications_lead'), newRow('scribe')]);
  const [mode, setMode] = useState<'facilitated' | 'solo'>('facilitated');
  const [seedText, setSeedText] = useState(() => String(randomSeed()));
  const [speed, setSpeed] = useState<number>(SPEEDS[0]!);
  /** '' = drawn from the seed; otherwise the variant the facilitator picks. */
  const [variant, setVariant] = useState('');
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    findScenario(api, file)
      .then((entry) => {
        if (cancelled) return;
        if (!entry || !entry.ok || !entry.summary) setFound({ state: 'missing' });
        else setFound({ state: 'ready', entry: entry as ScenarioEntry & { summary: NonNullable<ScenarioEntry['summary']> } });
      })
      .catch((e: unknown) => !cancelled && setFound({ state: 'error', message: errorMessage(e) }));
    return () => {
      cancelled = true;
    };
  }, [api, file]);

  if (found.state === 'loading') return <Loading label={w.t('ui.loading.scenario')} />;
  if (found.state === 'error' || found.state === 'missing') {
    return (
      <main className="screen screen-narrow">
        <ErrorState heading={1} title={w.t('setup.unavailable')} message={found.state === 'error' ? found.message : w.t('setup.missing', { file })}>
          <Link to={{ name: 'library' }} className="button">
            {w.t('ui.backToLibrary')}
          </Link>
        </ErrorState>
      </main>
    );
  }
  const entry = found.entry;
  const s = entry.summary;

  const seed = Number(seedText);
  const seedValid = /^\d+$/.test(seedText.trim()) && Number.isSafeInteger(seed) && seed >= 0 && seed <= MAX_SEED;
  const namedRows = rows.filter((r) => r.name.trim() !== '');
  const roleWithoutName = rows.some((r) => r.role !== '' && r.name.trim() === '');
  const problems = [
    team.trim() === '' && mode === 'facilitated' ? w.t('setup.problem.team') : null,
    seedValid ? null : w.t('setup.problem.seed', { max: MAX_SEED }),
    roleWithoutName && mode === 'facilitated' ? w.t('setup.problem.roleName') : null,
  ].filter((p): p is string => p !== null);

  const updateRow = (key: number, patch: Partial<ParticipantRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const onStart = async (e: FormEvent) => {
    e.preventDefault();
    if (problems.length > 0 || starting) return;
    setStarting(true);
    setError(null);
    // Solo: one trainee, named (or not), holding every role.
    const participants: Participant[] =
      mode === 'solo'
        ? rows.slice(0, 1).flatMap((r) => (r.name.trim() ? [{ name: r.name.trim() }] : []))
        : namedRows.map((r) => (r.role ? { name: r.name.trim(), role: r.role } : { name: r.name.trim() }));
    try {
      const meta = await api['exercises:create']({
        scenarioId: s.id,
        scenarioSource: entry.source,
        seed,
        // Solo, the trainee is the team (History groups their runs under their name).
        team: mode === 'solo' ? rows[0]?.name.trim() || w.t('setup.soloTeam') : team.trim(),
        participants,
        mode,
        speed,
        // A trainee who picked the variant would know the answer: solo draws it from the seed.
        ...(variant && mode === 'facilitated' ? { variant } : {}),
      });
      navigate(exerciseRoute(meta.mode, meta.id));
    } catch (err) {
      setError(errorMessage(err));
      setStarting(false);
    }
  };

  return (
    <main className="screen setup-screen">
      <header className="screen-header">
        <div>
          <Link to={{ name: 'library' }}>{w.t('setup.backToLibrary')}</Link>
          <h1>{w.t('setup.title', { title: s.title })}</h1>
          <p className="muted">{w.t('setup.about', { client: s.client, system: s.system, duration: formatDuration(s.expectedDuration, w) })}</p>
          {/* #21: the preview shows the whole timeline (the answer), so not to a solo trainee. */}
          {mode === 'facilitated' && (
            <p>
              <Link to={{ name: 'author', file }}>{w.t('setup.preview')}</Link> <span className="muted">{w.t('setup.previewNote')}</span>
            </p>
          )}
        </div>
      </header>
      <form className="setup-form" onSubmit={onStart} noValidate>
        <fieldset>
          <legend>{w.t('setup.mode')}</legend>
          <label className="radio">
            <input type="radio" name="mode" value="facilitated" checked={mode === 'facilitated'} onChange={() => setMode('facilitated')} />
            <span>
              <strong>{w.t('setup.mode.facilitated')}</strong> {w.t('setup.mode.facilitatedHint')}
            </span>
          </label>
          <label className="radio">
            <input type="radio" name="mode" value="solo" checked={mode === 'solo'} onChange={() => setMode('solo')} />
            <span>
              <strong>{w.t('setup.mode.solo')}</strong> {w.t('setup.mode.soloHint')}
            </span>
          </label>
        </fieldset>

        {mode === 'facilitated' && (
          <fieldset>
            <legend>{w.t('setup.team')}</legend>
            <label className="field">
              <span>{w.t('setup.teamName')}</span>
              <input value={team} onChange={(e) => setTeam(e.target.value)} placeholder={w.t('setup.teamPlaceholder')} required />
            </label>
            <TeamActionsHint team={team} />
          </fieldset>
        )}

        {mode === 'solo' ? (
          <fieldset>
            <legend>{w.t('setup.you')}</legend>
            <label className="field">
              <span>{w.t('setup.yourName')}</span>
              <input
                value={rows[0]?.name ?? ''}
                onChange={(e) => (rows[0] ? updateRow(rows[0].key, { name: e.target.value }) : setRows([{ ...newRow(), name: e.target.value }]))}
                placeholder={w.t('setup.yourNamePlaceholder')}
              />
            </label>
            <p className="muted small">{w.t('setup.soloRoles')}</p>
          </fieldset>
        ) : (
          <fieldset>
            <legend>{w.t('setup.participants')}</legend>
            <table className="participants">
              <thead>
                <tr>
                  <th scope="col">{w.t('setup.col.name')}</th>
                  <th scope="col">{w.t('setup.col.role')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{w.t('setup.col.remove')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.key}>
                    <td>
                      <input
                        aria-label={w.t('setup.participantName', { n: i + 1 })}
                        value={r.name}
                        onChange={(e) => updateRow(r.key, { name: e.target.value })}
                      />
                    </td>
                    <td>
                      <select
                        aria-label={w.t('setup.participantRole', { n: i + 1 })}
                        value={r.role}
                        onChange={(e) => updateRow(r.key, { role: e.target.value as Role | '' })}
                      >
                        <option value="">{w.t('setup.noRole')}</option>
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {roleLabel(role, w)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-quiet"
                        aria-label={w.t('setup.removeParticipant', { n: i + 1 })}
                        onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                      >
                        {w.t('setup.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" className="button" onClick={() => setRows((rs) => [...rs, newRow()])}>
              {w.t('setup.addParticipant')}
            </button>
          </fieldset>
        )}

        <fieldset className="setup-row">
          <legend>{w.t('setup.simulation')}</legend>
          <label className="field">
            <span>{w.t('setup.seed')}</span>
            <span className="inline">
              <input inputMode="numeric" value={seedText} onChange={(e) => setSeedText(e.target.value)} aria-invalid={!seedValid} />
              <button type="button" className="button button-quiet" onClick={() => setSeedText(String(randomSeed()))}>
                {w.t('setup.newSeed')}
              </button>
            </span>
            <small className="muted">{w.t('setup.seedHint')}</small>
          </label>
          {s.variants.length > 0 && mode === 'facilitated' && (
            <label className="field">
              <span>{w.t('setup.variant')}</span>
              <select value={variant} onChange={(e) => setVariant(e.target.value)} aria-label={w.t('setup.variantLabel')}>
                <option value="">{w.t('setup.variantSeed')}</option>
                {s.variants.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
              <small className="muted">{w.t('setup.variantHint', { n: s.variants.length })}</small>
            </label>
          )}
          <label className="field">
            <span>{w.t('setup.speed')}</span>
            <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {SPEEDS.map((sp) => (
                <option key={sp} value={sp}>
                  {w.t(sp === 1 ? 'setup.speedRealTime' : 'setup.speedOption', { speed: sp })}
                </option>
              ))}
            </select>
          </label>
        </fieldset>

        {problems.length > 0 && (
          <ul className="form-problems" aria-label={w.t('setup.problems')}>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {error && (
          <p className="action-error" role="alert">
            {w.t('setup.startFailed', { error })}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={problems.length > 0 || starting}>
            {starting ? w.t('setup.starting') : w.t('setup.start')}
          </button>
        </div>
      </form>
    </main>
  );
}
