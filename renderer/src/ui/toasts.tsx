/** Toast stack: info toasts fade after a few seconds, errors stay until dismissed. */
import { useWords } from '../i18n/words.tsx';
import { useEffect } from 'react';
import { useAppStore } from '../store/app-store.ts';
import type { Toast } from '../store/toasts-slice.ts';

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useAppStore((s) => s.dismissToast);
  const w = useWords();
  useEffect(() => {
    if (toast.kind !== 'info') return;
    const id = setTimeout(() => dismiss(toast.id), 5000);
    return () => clearTimeout(id);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <span>{toast.text}</span>
      <button type="button" className="toast-close" aria-label={w.t('ui.dismiss')} onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
