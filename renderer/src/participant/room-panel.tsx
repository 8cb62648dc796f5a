/**
 * Facilitator: the room. Open it to participants' devices (join link and QR code), see who is in
 * and in which role, change a role or remove someone, and choose what the room's screen shows
 * (briefing slide, a spotlighted signal, the results view at the end and which of its slides). The host does all of it; this panel sends requests.
 */
import { useState } from 'react';
import type { LiveRole } from '../../../shared/contract/live.ts';
import { useOpenSession, useRun, jsonEqual } from '../session/use-run.ts';
import { Panel } from '../ui/panel.tsx';
import { useWords } from '../i18n/words.tsx';
import { roomRoleLabel } from '../session/room-view-parts.ts';
import { ResultsSlideChoice } from './results-slide-choice.tsx';

export function LiveRoomPanel() {
  const w = useWords();
  const session = useOpenSession();
  const room = useRun((_run, s) => s.room, jsonEqual);
  const harmRevealed = useRun((r) => r.context.harmRevealed);
  const signals = useRun((run) => run.context.signals.map((sig, i) => ({ id: `s${i}`, title: `${sig.source}: ${sig.title}` })), jsonEqual);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (job: () => Promise<string | null>) => {
    setBusy(true);
    setError(await job());
    setBusy(false);
  };
  if (!room) return null;
  const qr = room.joinQrSvg ? `data:image/svg+xml;utf8,${encodeURIComponent(room.joinQrSvg)}` : null;
  return (
    <Panel id="live-room" title={w.t('room.devices')}>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!room.open ? (
        <div className="control-row">
          <p className="muted">{w.t('room.closedNote')}</p>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(() => session.setRoomOpen(true))}>
            {w.t('room.open')}
          </button>
        </div>
      ) : (
        <div className="control-row">
          <p>
            {w.t('room.joinLink')}{' '}
            <a href={room.joinUrl ?? '#'} className="long-link" data-testid="join-link" target="_blank" rel="noreferrer">
              {room.joinUrl}
            </a>
          </p>
          {qr && <img src={qr} alt={w.t('room.qr')} width={180} height={180} />}
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => session.setRoomOpen(false))}>
            {w.t('room.close')}
          </button>
        </div>
      )}
      <p>
        {w.t('room.projectorLink')}{' '}
        <a href={room.projectorUrl ?? '#'} data-testid="projector-link" target="_blank" rel="noreferrer">
          {w.t('room.projectorOpen')}
        </a>
      </p>
      <div className="control-row">
        <label>
          <input type="checkbox" checked={room.briefing} onChange={(e) => void run(() => session.share('briefing', null, e.target.checked))} disabled={busy} />{' '}
          {w.t('room.briefing')}
        </label>
      </div>
      <div className="control-row">
        <label>
          <input
            type="checkbox"
            checked={room.results !== false}
            onChange={(e) => void run(() => session.share('results', null, e.target.checked))}
            disabled={busy}
          />{' '}
          {w.t('results.share')}
        </label>
      </div>
      <div className="control-row">
        <ResultsSlideChoice room={room} harmRevealed={harmRevealed} busy={busy} choose={(harm) => void run(() => session.share('results-harm', null, harm))} />
      </div>
      <div className="control-row">
        <label>
          {w.t('room.spotlight')}{' '}
          <select
            aria-label={w.t('room.spotlightLabel')}
            value={room.spotlight ?? ''}
            disabled={busy}
            onChange={(e) => void run(() => session.share('spotlight', e.target.value || null, e.target.value !== ''))}
          >
            <option value="">{w.t('room.spotlightNone')}</option>
            {signals.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {room.participants.length > 0 && (
        <ul className="live-participants" aria-label={w.t('room.participants')}>
          {room.participants.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> <span className="muted">{p.connected ? w.t('room.online') : w.t('room.offline')}</span>{' '}
              <select
                aria-label={w.t('room.roleOf', { name: p.name })}
                value={p.role ?? ''}
                disabled={busy}
                onChange={(e) => void run(() => session.setParticipantRole(p.id, e.target.value as LiveRole))}
              >
                {room.roles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {roomRoleLabel(r.id, r.label, w)}
                  </option>
                ))}
              </select>{' '}
              <button type="button" className="button button-quiet" disabled={busy} onClick={() => void run(() => session.setParticipantRole(p.id, null))}>
                {w.t('room.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
