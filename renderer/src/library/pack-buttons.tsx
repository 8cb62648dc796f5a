/**
 * #21 scenario packs in the library: a card's *Scenario pack* button exports the scenario with its
 * teams, Facilitator Guide and MSEL as one file (saved where the user chooses on the desktop,
 * downloaded in a browser), and *Import a pack…* brings one into the user's scenario folder. The
 * host validates a pack before writing anything and never overwrites a different scenario with the
 * same id: it keeps both and says so, and the toast repeats what it said.
 */
import { useState, type ChangeEvent } from 'react';
import { errorMessage, isDesktop } from '../api/get-api.ts';
import { useApi } from '../app-env.ts';
import { downloadText } from '../history/download-text.ts';
import { useWords } from '../i18n/words.tsx';
import { useAppStore } from '../store/app-store.ts';
import { addOpenedScenario } from './scenario-catalog.ts';

export function PackExportButton({ file }: { file: string }) {
  const api = useApi();
  const w = useWords();
  const pushToast = useAppStore((s) => s.pushToast);
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    setBusy(true);
    try {
      const res = await api['scenarios:exportPack']({ file });
      if (res.savedTo !== null) pushToast('info', w.t('pack.saved', { path: res.savedTo }));
      else if (!isDesktop()) {
        downloadText(res.text, res.fileName, 'application/json');
        pushToast('info', w.t('pack.downloaded', { file: res.fileName }));
      }
    } catch (e) {
      pushToast('error', w.t('pack.exportFailed', { reason: errorMessage(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button" disabled={busy} onClick={() => void onExport()}>
      {w.t('pack.export')}
    </button>
  );
}

export function PackImportButton({ onImported }: { onImported?: () => void }) {
  const api = useApi();
  const w = useWords();
  const pushToast = useAppStore((s) => s.pushToast);
  const [busy, setBusy] = useState(false);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      if (file.size > 16 * 1024 * 1024) throw new Error(w.t('pack.tooBig'));
      const res = await api['scenarios:importPack']({ text: await file.text() });
      addOpenedScenario(res.entry);
      pushToast(res.status === 'kept-both' ? 'error' : 'info', res.message);
      onImported?.();
    } catch (err) {
      pushToast('error', w.t('pack.importFailed', { file: file.name, reason: errorMessage(err) }));
    } finally {
      setBusy(false);
      input.value = '';
    }
  };
  return (
    <label className="button file-button">
      {busy ? w.t('library.opening') : w.t('pack.import')}
      <input type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} disabled={busy} aria-label={w.t('pack.importFile')} />
    </label>
  );
}
