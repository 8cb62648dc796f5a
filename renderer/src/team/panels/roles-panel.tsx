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
        <span className={holder ? 'role-holder' : 'role-holder muted'}>{holder ?? w.t('roles.unassigned')}</span>
      </th>
      <td>
        <div className="role-assign">
          <input
            list={listId}
            aria-label={w.t('roles.person', { role: roleLabel(role, w) })}
            value={person}
            onChange={(e) => setPerson(e.target.value)}
            placeholder={w.t('roles.name')}
          />
          <datalist id={listId}>
            {people.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <ActionButton
            input={{ type: 'ASSIGN_ROLE', role, person: person.trim() || '-' }}
            blockedReason={person.trim() === '' ? w.t('roles.needName') : null}
            onTaken={() => setPerson('')}
          >
            {holder ? w.t('roles.reassign') : w.t('roles.assign')}
          </ActionButton>
        </div>
      </td>
    </tr>
  );
}

export function RolesPanel() {
  const w = useWords();
  const people = useTeam((t) => t.people, jsonEqual);
  return (
    <Panel id="roles" title={w.t('roles.title')}>
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
