/**
 * The improvement plan: one row per corrective action (capability, action, owner, due, status).
 * Starts from Firebreak's suggestions when the facilitator has not written a plan yet.
 */
import type { ActionItem } from '../../../shared/contract/api.ts';
import { CAPABILITY } from '../../../shared/debrief/strengths.ts';
import { Section } from './section.tsx';

export interface PlanEditorProps {
  items: ReadonlyArray<ActionItem>;
  /** True while the rows are Firebreak's suggestions, not yet edited. */
  suggested: boolean;
  defaultDue: string;
  onChange(items: ActionItem[]): void;
  newId(): string;
}

const CAPABILITIES = Object.values(CAPABILITY);

export function PlanEditor(props: PlanEditorProps) {
  const set = (i: number, patch: Partial<ActionItem>) => props.onChange(props.items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const remove = (i: number) => props.onChange(props.items.filter((_, j) => j !== i));
  const add = () => props.onChange([...props.items, { id: props.newId(), text: '', owner: '', due: props.defaultDue, status: 'open' }]);
  return (
    <Section
      id="plan"
      title="Improvement plan"
      actions={
        <button type="button" className="button" onClick={add}>
          Add action
        </button>
      }
    >
      {props.suggested && <p className="small muted">Suggested from the missed targets. Edit, assign owners or remove rows; the plan is saved as you go.</p>}
      {props.items.length === 0 ? (
        <p className="muted">No actions yet.</p>
      ) : (
        <table className="debrief-table plan-table">
          <thead>
            <tr>
              <th>Capability</th>
              <th>Corrective action</th>
              <th>Owner</th>
              <th>Due</th>
              <th>Status</th>
              <th>
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((x, i) => (
              <tr key={x.id}>
                <td>
                  <select
                    aria-label={`Capability for action ${i + 1}`}
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
                  <textarea aria-label={`Action ${i + 1}`} value={x.text} maxLength={2000} rows={2} onChange={(e) => set(i, { text: e.target.value })} />
                </td>
                <td>
                  <input aria-label={`Owner for action ${i + 1}`} value={x.owner} maxLength={200} onChange={(e) => set(i, { owner: e.target.value })} />
                </td>
                <td>
                  <input aria-label={`Due date for action ${i + 1}`} type="date" value={x.due} onChange={(e) => set(i, { due: e.target.value })} />
                </td>
                <td>
                  <select
                    aria-label={`Status for action ${i + 1}`}
                    value={x.status}
                    onChange={(e) => set(i, { status: e.target.value as ActionItem['status'] })}
                  >
                    <option value="open">open</option>
                    <option value="closed">closed</option>
                  </select>
                </td>
                <td>
                  <button type="button" className="button button-quiet" aria-label={`Remove action ${i + 1}`} onClick={() => remove(i)}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
