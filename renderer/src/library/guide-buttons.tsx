/**
 * A scenario's Facilitator Guide and participants' Situation Manual as PDF (`guide:export`), and
 * its MSEL as a spreadsheet (`msel:export`), from its library card. The browser host's answer is downloaded; the desktop saves where the user chose.
 */
import { useState } from 'react';
import { useApi } from '../app-env.ts';
import { useWords } from '../i18n/words.tsx';
import { errorMessage } from '../api/get-api.ts';
import { downloadBase64 } from '../debrief/download.ts';

type Version = 'facilitator' | 'participant' | 'xlsx' | 'csv';

export function GuideButtons({ file, confirm = (m: string) => window.confirm(m) }: { file: string; confirm?: (message: string) => boolean }) {
  const api = useApi();
  const w = useWords();
  const [busy, setBusy] = useState<Version | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  async function run(version: Version) {
    setBusy(version);
    setMessage(null);
    try {
      const ask = (overwrite?: true) =>
        version === 'xlsx' || version === 'csv'
          ? api['msel:export']({ file, kind: version, ...(overwrite ? { overwrite } : {}) })
          : api['guide:export']({ file, version, ...(overwrite ? { overwrite } : {}) });
      let res = await ask();
      if ('exists' in res) {
        if (!confirm(w.t('export.exists', { file: res.exists }))) return;
        res = await ask(true);
        if ('exists' in res) throw new Error(w.t('export.notReplaced', { file: res.exists }));
      }
      if (res.base64 !== null) {
        downloadBase64(res.base64, res.fileName, res.mime);
        setMessage({ kind: 'info', text: w.t('export.downloaded', { file: res.fileName }) });
      } else if (res.savedTo !== null) setMessage({ kind: 'info', text: w.t('export.saved', { path: res.savedTo }) });
    } catch (e) {
      setMessage({ kind: 'error', text: w.t('export.failed', { error: errorMessage(e) }) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="guide-buttons" role="group" aria-label={w.t('library.documents')}>
      <button type="button" className="button" disabled={busy !== null} aria-busy={busy === 'facilitator'} onClick={() => void run('facilitator')}>
        {busy === 'facilitator' ? w.t('library.printing') : w.t('library.guide')}
      </button>
      <button type="button" className="button" disabled={busy !== null} aria-busy={busy === 'participant'} onClick={() => void run('participant')}>
        {busy === 'participant' ? w.t('library.printing') : w.t('library.manual')}
      </button>
      <button type="button" className="button" disabled={busy !== null} aria-busy={busy === 'xlsx'} onClick={() => void run('xlsx')}>
        {busy === 'xlsx' ? w.t('export.busy') : w.t('library.mselXlsx')}
      </button>
      <button type="button" className="button" disabled={busy !== null} aria-busy={busy === 'csv'} onClick={() => void run('csv')}>
        {busy === 'csv' ? w.t('export.busy') : w.t('library.mselCsv')}
      </button>
      {message && (
        <span className={`small ${message.kind === 'error' ? 'export-error' : 'muted'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
