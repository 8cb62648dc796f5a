/**
 * Score adjustments: the facilitator adds or takes points per dimension, always with a written
 * reason (an adjustment without a reason is not saved and not counted).
 */
import type { DebriefEdits } from '../../../shared/contract/api.ts';
import { DIMENSIONS } from '../../../shared/scenario/schema.ts';
import { capabilityLabel } from '../../../shared/i18n/labels.ts';
import { useWords } from '../i18n/words.tsx';
import { Section } from './section.tsx';

type Adjustment = DebriefEdits['adjustments'][number];

export function AdjustmentsEditor(props: { adjustments: ReadonlyArray<Adjustment>; onChange(list: Adjustment[]): void }) {
  const set = (i: number, patch: Partial<Adjustment>) => props.onChange(props.adjustments.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const w = useWords();
  const used = new Set(props.adjustments.map((a) => a.dimension));
  const free = DIMENSIONS.find((d) => !used.has(d)) ?? DIMENSIONS[0];
  return (
    <Section
      id="adjustments"
      title={w.t('debrief.adjustments')}
      actions={
        <button
          type="button"
          className="button"
          disabled={props.adjustments.length >= 20}
          onClick={() => props.onChange([...props.adjustments, { dimension: free, delta: 0, reason: '' }])}
        >
          {w.t('debrief.adjustments.add')}
        </button>
      }
    >
      <p className="small muted">{w.t('debrief.adjustments.intro')}</p>
      {props.adjustments.length > 0 && (
        <ul className="adjustment-list">
          {props.adjustments.map((a, i) => (
            <li key={i} className="adjustment-row">
              <select
                aria-label={w.t('debrief.adjustments.dimension', { n: i + 1 })}
                value={a.dimension}
                onChange={(e) => set(i, { dimension: e.target.value })}
              >
                {DIMENSIONS.map((d) => (
                  <option key={d} value={d}>
                    {capabilityLabel(d, w)}
                  </option>
                ))}
              </select>
              <input
                aria-label={w.t('debrief.adjustments.points', { n: i + 1 })}
                type="number"
                min={-100}
                max={100}
                step={1}
                value={Number.isFinite(a.delta) ? a.delta : ''}
                onChange={(e) => set(i, { delta: e.target.value === '' ? 0 : Math.max(-100, Math.min(100, Math.round(Number(e.target.value)))) })}
              />
              <input
                aria-label={w.t('debrief.adjustments.reason', { n: i + 1 })}
                aria-invalid={a.reason.trim() === ''}
                placeholder={w.t('debrief.adjustments.reasonPlaceholder')}
                value={a.reason}
                maxLength={2000}
                onChange={(e) => set(i, { reason: e.target.value })}
              />
              <button
                type="button"
                className="button button-quiet"
                aria-label={w.t('debrief.adjustments.remove', { n: i + 1 })}
                onClick={() => props.onChange(props.adjustments.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
