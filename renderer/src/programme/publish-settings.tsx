/**
 * History's "Programme server" settings: the server address and the personal access token, set
 * once and kept by the host (the token in the data folder, 0600; the page only ever sees its last
 * four characters).
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { PublishSettingsView } from '../../../shared/contract/api.ts';
import { useApi } from '../app-env.ts';
import { errorMessage } from '../api/get-api.ts';
import { useWords } from '../i18n/words.tsx';
import './programme.css';

export function PublishSettings(props: { onSaved?(): void }) {
  const api = useApi();
  const w = useWords();
  const [saved, setSaved] = useState<PublishSettingsView | null>(null);
  const [server, setServer] = useState('');
  const [token, setToken] = useState('');
  const [unit, setUnit] = useState('');
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api['programme:settings']({})
      .then((s) => {
        setSaved(s);
        setServer(s.server ?? '');
        setUnit(s.unit ? String(s.unit) : '');
      })
      .catch(() => setSaved(null));
  }, [api]);

  async function save(e: FormEvent, forget = false) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const n = Number(unit);
      const s = await api['programme:saveSettings'](
        forget ? { server: '' } : { server, ...(token.trim() ? { token: token.trim() } : {}), unit: unit.trim() && Number.isInteger(n) && n > 0 ? n : null },
      );
      setSaved(s);
      setServer(s.server ?? '');
      setToken('');
      setMessage({ kind: 'info', text: w.t('publish.settings.saved') });
      props.onSaved?.();
    } catch (err) {
      setMessage({ kind: 'error', text: w.t('publish.settings.failed', { error: errorMessage(err) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="card programme-settings">
      <summary>{saved?.server ? w.t('publish.settings.summaryOn', { server: saved.server }) : w.t('publish.settings.summaryOff')}</summary>
      <p className="small muted">{w.t('publish.settings.intro')}</p>
      <form onSubmit={(e) => void save(e)}>
        <label className="field">
          <span>{w.t('publish.settings.server')}</span>
          <input type="url" value={server} onChange={(e) => setServer(e.target.value)} placeholder={w.t('publish.settings.serverExample')} />
        </label>
        <label className="field">
          <span>{w.t('publish.settings.token')}</span>
          <input
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            placeholder={saved?.tokenHint ? w.t('publish.settings.tokenKept', { hint: saved.tokenHint }) : w.t('publish.settings.tokenExample')}
          />
        </label>
        <label className="field">
          <span>{w.t('publish.settings.unit')}</span>
          <input inputMode="numeric" value={unit} onChange={(e) => setUnit(e.target.value.replace(/\D/g, ''))} />
        </label>
        <div className="programme-settings-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {w.t('publish.settings.save')}
          </button>{' '}
          {saved?.server && (
            <button type="button" className="button button-quiet" disabled={busy} onClick={(e) => void save(e, true)}>
              {w.t('publish.settings.forget')}
            </button>
          )}
        </div>
      </form>
      {message && (
        <p className={`small ${message.kind === 'error' ? 'save-error' : 'muted'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </details>
  );
}
