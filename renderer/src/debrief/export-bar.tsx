/**
 * Report export: PDF, Markdown, JSON or CSV through `report:export`. Pending edits are saved
 * first (the host renders what is stored). A file that exists is replaced only after the user
 * confirms; the browser host's answer (base64) is downloaded.
 */
import { useState } from 'react';
import type { ReportFormat } from '../../../shared/contract/api.ts';
import { useApi } from '../app-env.ts';
import { errorMessage } from '../api/get-api.ts';
import { downloadBase64 } from './download.ts';
import { useWords } from '../i18n/words.tsx';

const FORMATS: ReadonlyArray<{ format: ReportFormat; label: string }> = [
  { format: 'pdf', label: 'PDF' },
  { format: 'md', label: 'Markdown' },
  { format: 'json', label: 'JSON' },
  { format: 'csv', label: 'export.csv' },
  // #19: the HSEEP After-Action Report / Improvement Plan (label from the catalogue below).
  { format: 'aar', label: 'aar.export' },
];

export interface ExportBarProps {
  exerciseId: string;
  /** Saves pending debrief edits before exporting. */
  beforeExport(): Promise<void>;
  /** Asks the user; window.confirm by default (tests pass their own). */
  confirm?: (message: string) => boolean;
}

export function ExportBar(props: ExportBarProps) {
  const api = useApi();
  const w = useWords();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  /** Where a PDF is in the host's print queue (PDFs are printed one or two at a time). */
  const [progress, setProgress] = useState<string | null>(null);
  const confirm = props.confirm ?? ((m: string) => window.confirm(m));

  async function run(format: ReportFormat) {
    setBusy(format);
    setMessage(null);
    const ticket = format === 'pdf' || format === 'aar' ? `pdf-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}` : undefined;
    const poll = ticket
      ? setInterval(() => {
          api['report:progress']({ ticket })
            .then((p) =>
              setProgress(p.state === 'waiting' ? w.t('export.waiting', { ahead: p.ahead }) : p.state === 'printing' ? w.t('export.printing') : null),
            )
            .catch(() => undefined);
        }, 500)
      : undefined;
    try {
      await props.beforeExport();
      let res = await api['report:export']({ exerciseId: props.exerciseId, format, locale: w.locale, ...(ticket ? { ticket } : {}) });
      if ('exists' in res) {
        if (!confirm(w.t('export.exists', { file: res.exists }))) {
          setMessage({ kind: 'info', text: w.t('export.cancelled') });
          return;
        }
        res = await api['report:export']({ exerciseId: props.exerciseId, format, overwrite: true, locale: w.locale });
        if ('exists' in res) throw new Error(w.t('export.notReplaced', { file: res.exists }));
      }
      if (res.base64 !== null) {
        downloadBase64(res.base64, res.fileName, res.mime);
        setMessage({ kind: 'info', text: w.t('export.downloaded', { file: res.fileName }) });
      } else if (res.savedTo !== null) {
        setMessage({ kind: 'info', text: w.t('export.saved', { path: res.savedTo }) });
      }
    } catch (e) {
      setMessage({ kind: 'error', text: w.t('export.failed', { error: errorMessage(e) }) });
    } finally {
      clearInterval(poll);
      setProgress(null);
      setBusy(null);
    }
  }

  return (
    <div className="export-bar" role="group" aria-label={w.t('export.group')}>
      {FORMATS.map((f) => (
        <button key={f.format} type="button" className="button" disabled={busy !== null} aria-busy={busy === f.format} onClick={() => void run(f.format)}>
          {busy === f.format ? w.t('export.busy') : f.format === 'aar' ? w.t('aar.export') : f.label.startsWith('export.') ? w.t('export.csv') : f.label}
        </button>
      ))}
      {progress && (
        <span className="small muted" role="status">
          {progress}
        </span>
      )}
      {message && (
        <span className={`small ${message.kind === 'error' ? 'export-error' : 'muted'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
