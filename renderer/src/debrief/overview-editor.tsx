/**
 * The AAR/IP's Exercise Overview as the facilitator enters it in the debrief (#19): scope, mission
 * area, threat or hazard, sponsor, participating organisations, point of contact, facilitator,
 * evaluators and location. Saved with the debrief like the plan; the store offers the team's last
 * overview to its next exercise. Empty fields fall back to the scenario's own `overview:`.
 */
import type { OverviewEdits } from '../../../shared/contract/api.ts';
import type { ExerciseOverview } from '../../../shared/scenario/exercise-plan.ts';
import type { MessageKey } from '../../../shared/i18n/words.ts';
import { useWords } from '../i18n/words.tsx';
import { Section } from './section.tsx';

type TextField = 'scope' | 'missionArea' | 'threatHazard' | 'sponsor' | 'pointOfContact' | 'facilitator' | 'location';
type ListField = 'participatingOrganizations' | 'evaluators';

const FIELDS: ReadonlyArray<{ key: TextField | ListField; label: MessageKey; list?: true; max: number }> = [
  { key: 'scope', label: 'aar.f.scope', max: 2000 },
  { key: 'missionArea', label: 'aar.f.missionArea', max: 200 },
  { key: 'threatHazard', label: 'aar.f.threat', max: 500 },
  { key: 'sponsor', label: 'aar.f.sponsor', max: 500 },
  { key: 'participatingOrganizations', label: 'aar.f.organisations', list: true, max: 2000 },
  { key: 'pointOfContact', label: 'aar.f.poc', max: 500 },
  { key: 'facilitator', label: 'aar.f.facilitator', max: 500 },
  { key: 'evaluators', label: 'aar.f.evaluators', list: true, max: 2000 },
  { key: 'location', label: 'aar.f.location', max: 500 },
];

export function OverviewEditor(props: { overview: OverviewEdits | undefined; scenario: ExerciseOverview; team: string; onChange(o: OverviewEdits): void }) {
  const w = useWords();
  const o = props.overview ?? {};
  const valueOf = (k: TextField | ListField, list?: true) => (list ? (o[k as ListField] ?? []).join(',') : (o[k as TextField] ?? ''));
  const placeholderOf = (k: TextField | ListField) => {
    const s = props.scenario as Record<string, string | string[] | undefined>;
    const v = s[k];
    return Array.isArray(v) ? v.join(', ') : (v ?? '');
  };
  const set = (k: TextField | ListField, v: string, list?: true) =>
    // Lists are split on commas as typed (no trimming here, so the text round-trips while typing).
    props.onChange({ ...o, [k]: list ? (v === '' ? [] : v.split(',').slice(0, 50)) : v });
  return (
    <Section id="overview" title={w.t('aar.h.overview')}>
      <p className="small muted">{w.t('debrief.overview.intro', { team: props.team })}</p>
      <div className="overview-fields">
        {FIELDS.map((f) => (
          <label key={f.key} className="field">
            <span>{w.t(f.label)}</span>
            <input
              data-field={f.key}
              value={valueOf(f.key, f.list)}
              placeholder={placeholderOf(f.key)}
              maxLength={f.max}
              onChange={(e) => set(f.key, e.target.value, f.list)}
            />
          </label>
        ))}
      </div>
    </Section>
  );
}
