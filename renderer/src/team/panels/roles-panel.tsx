/** Roles: who is incident commander, technical lead, communications lead, scribe, client liaison. */
import { useState } from 'react';
import { ROLES, type Role } from '../../../../shared/scenario/schema.ts';
import { jsonEqual } from '../../session/use-run.ts';
import { useTeam } from '../team-context.tsx';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../action-button.tsx';
import { useWords } from '../../i18n/words.tsx';
import { roleLabel } from '../../../../shared/i18n/labels.ts';

function RoleRow({ role, people }: { role: Role; people: ReadonlyArray<string> }) {
  const w = useWords();
  const holder = useTeam((t) => t.roles.find((r) => r.role === role)?.person ?? null);
  const [person, setPerson] = useState('');
  const listId = `people-${role}`;
  return (
    <tr>
      {/* Two columns (role and holder; name and button) so the panel fits the narrowest actions column. */}
      <th scope="row">
        {roleLabel(role, w)}
        <span className={holder ? 'role-holder' : 'role-holder muted'}>{holder ?? 'unassigned'}</span>
      </th>
      <td>
        <div className="role-assign">
          <input list={listId} aria-label={`${roleLabel(role, w)}: person`} value={person} onChange={(e) => setPerson(e.target.value)} placeholder="Name" />
          <datalist id={listId}>
            {people.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <ActionButton
            input={{ type: 'ASSIGN_ROLE', role, person: person.trim() || '-' }}
            blockedReason={person.trim() === '' ? 'enter a name' : null}
            onTaken={() => setPerson('')}
          >
            {holder ? 'Reassign' : 'Assign'}
          </ActionButton>
        </div>
      </td>
    </tr>
  );
}

export function RolesPanel() {
  const people = useTeam((t) => t.people, jsonEqual);
  return (
    <Panel id="roles" title="Roles">
      <table className="roles-table">
        <tbody>
          {ROLES.map((r) => (
            <RoleRow key={r} role={r} people={people} />
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
