/**
 * The improvement plan: one row per corrective action (capability, action, capability element,
 * owner, due, status). The element starts from the documented rule (defaultElement) until chosen.
 * Starts from Firebreak's suggestions when the facilitator has not written a plan yet. A removed
 * row can be put back for a short while (#20: Undo), at the place it had.
 */
import { useEffect, useState } from 'react';
import type { ActionItem, CapabilityElement } from '../../../shared/contract/api.ts';
import { defaultElement, ELEMENT_LABELS } from '../../../shared/debrief/aar-ip.ts';
import { capabilities } from '../../../shared/debrief/strengths.ts';
import { useWords } from '../i18n/words.tsx';
import { Section } from './section.tsx';

export interface PlanEditorProps {
  items: ReadonlyArray<ActionItem>;
  /** True while the rows are Firebreak's suggestions, not yet edited. */
  suggested: boolean;
  defaultDue: string;
  onChange(items: ActionItem[]): void;
  newId(): string;
}

/** How long "Undo" stays offered after a row is removed. */
export const UNDO_WINDOW_MS = 15_000;

export function PlanEditor(props: PlanEditorProps) {
  const w = useWords();
  const CAPABILITIES = Object.values(capabilities(w));
  const set = (i: number, patch: Partial<ActionItem>) => props.onChange(props.items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const [removed, setRemoved] = useState<{ item: ActionItem; index: number } | null>(null);
  useEffect(() => {
    if (!removed) return;
    const timer = setTimeout(() => setRemoved(null), UNDO_WINDOW_MS);
    return () => clearTimeout(timer);
  }, [removed]);
  const remove = (i: number) => {
    setRemoved({ item: props.items[i]!, index: i });
    props.onChange(props.items.filter((_, j) => j !== i));
  };
  const undo = () => {
    if (!removed) return;
    const at = Math.min(removed.index, props.items.length);
    props.onChange([...props.items.slice(0, at), removed.item, ...props.items.slice(at)]);
    setRemoved(null);
  };
  const add = () => props.onChange([...props.items, { id: props.newId(), text: '', owner: '', due: props.defaultDue, status: 'open' }]);
  return (
    <Section
      id="plan"
      title={w.t('debrief.plan')}
      actions={
        <button type="button" className="button" onClick={add}>
          {w.t('debrief.plan.add')}
        </button>
      }
    >
      {props.suggested && <p className="small muted">{w.t('debrief.plan.suggested')}</p>}
      {removed && (
        <p className="small" role="status">
          {w.t('debrief.plan.removed', { n: removed.index + 1 })}{' '}
          <button type="button" className="button button-quiet" onClick={undo}>
            {w.t('debrief.plan.undo')}
          </button>
        </p>
      )}
      {props.items.length === 0 ? (
        <p className="muted">{w.t('debrief.plan.none')}</p>
      ) : (
        <table className="debrief-table plan-table">
          <thead>
            <tr>
              <th>{w.t('debrief.col.capability')}</th>
              <th>{w.t('debrief.col.action')}</th>
              <th>{w.t('debrief.col.element')}</th>
              <th>{w.t('debrief.col.owner')}</th>
              <th>{w.t('debrief.col.due')}</th>
              <th>{w.t('debrief.col.status')}</th>
              <th>
                <span className="visually-hidden">{w.t('debrief.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((x, i) => (
              <tr key={x.id}>
                <td>
                  <select
                    aria-label={w.t('debrief.plan.capabilityFor', { n: i + 1 })}
                    value={x.capability ?? ''}
                    onChange={(e) => set(i, e.target.value ? { capability: e.target.value } : { capability: undefined })}
                  >
                    <option value="">—</option>
                    {[...new Set([...CAPABILITIES, ...(x.capability ? [x.capability] : [])])].map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <textarea
                    aria-label={w.t('debrief.plan.action', { n: i + 1 })}
                    value={x.text}
                    maxLength={2000}
                    rows={2}
                    onChange={(e) => set(i, { text: e.target.value })}
                  />
                </td>
                <td>
                  <select
                    aria-label={w.t('debrief.plan.elementFor', { n: i + 1 })}
                    value={x.element ?? defaultElement(x.text)}
                    onChange={(e) => set(i, { element: e.target.value as CapabilityElement })}
                  >
                    {(Object.keys(ELEMENT_LABELS) as CapabilityElement[]).map((el) => (
                      <option key={el} value={el}>
                        {w.t('debrief.plan.element', { element: el })}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={w.t('debrief.plan.ownerFor', { n: i + 1 })}
                    value={x.owner}
                    maxLength={200}
                    onChange={(e) => set(i, { owner: e.target.value })}
                  />
                </td>
                <td>
                  <input aria-label={w.t('debrief.plan.dueFor', { n: i + 1 })} type="date" value={x.due} onChange={(e) => set(i, { due: e.target.value })} />
                </td>
                <td>
                  <select
                    aria-label={w.t('debrief.plan.statusFor', { n: i + 1 })}
                    value={x.status}
                    onChange={(e) => set(i, { status: e.target.value as ActionItem['status'] })}
                  >
                    <option value="open">{w.t('debrief.plan.open')}</option>
                    <option value="closed">{w.t('debrief.plan.closed')}</option>
                  </select>
                </td>
                <td>
                  <button type="button" className="button button-quiet" aria-label={w.t('debrief.plan.removeN', { n: i + 1 })} onClick={() => remove(i)}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.items.length > 0 && <p className="small muted">{w.t('debrief.plan.elementRule')}</p>}
    </Section>
  );
}
