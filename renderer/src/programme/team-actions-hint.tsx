/**
 * The setup screen's "Last time this team agreed to …: done?": the team's corrective actions as
 * the programme server has them, shown only when a server is set and answers. Open ones first.
 */
import { useEffect, useState } from 'react';
import type { TeamActionView } from '../../../shared/contract/api.ts';
import { useApi } from '../app-env.ts';
import { useWords } from '../i18n/words.tsx';
import './programme.css';

const ORDER: Record<TeamActionView['status'], number> = { open: 0, in_progress: 1, done: 2, dropped: 3 };
/** Typing a team name asks once it pauses. */
const SETTLE_MS = 400;

export function TeamActionsHint(props: { team: string }) {
  const api = useApi();
  const w = useWords();
  const [actions, setActions] = useState<TeamActionView[] | null>(null);
  const team = props.team.trim();

  useEffect(() => {
    setActions(null);
    if (!team) return;
    let live = true;
    const t = setTimeout(() => {
      api['programme:teamActions']({ team })
        .then((r) => {
          if (live) setActions(r.connected ? r.actions : null);
        })
        .catch(() => undefined);
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, team]);

  if (!actions || actions.length === 0) return null;
  const sorted = [...actions].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.due.localeCompare(b.due));
  return (
    <aside className="notice team-actions-hint" aria-labelledby="team-actions-hint-title" data-testid="team-actions-hint">
      <strong id="team-actions-hint-title">{w.t('publish.hint.title')}</strong>
      <ul>
        {sorted.map((a) => (
          <li key={a.id}>
            {a.status === 'open' || a.status === 'in_progress' ? w.t('publish.hint.done', { text: a.text }) : a.text}{' '}
            <span className="small muted">
              ({a.owner ? w.t('publish.hint.owner', { owner: a.owner, due: a.due }) : w.t('publish.hint.ownerless', { due: a.due })})
            </span>
            <span className={`history-tag action-status status-${a.status}`}>{w.t(`publish.hint.status.${a.status}`)}</span>
          </li>
        ))}
      </ul>
      <p className="small muted">{w.t('publish.hint.source', { team })}</p>
    </aside>
  );
}
