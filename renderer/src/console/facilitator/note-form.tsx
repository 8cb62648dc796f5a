/** Facilitator: add an observation to the timeline (kept off the projector). */
import { useWords } from '../../i18n/words.tsx';
import { useState } from 'react';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../../team/action-button.tsx';

export function NoteForm() {
  const w = useWords();
  const [text, setText] = useState('');
  return (
    <Panel id="note" title={w.t('facilitate.note')}>
      <label className="field">
        <span>{w.t('facilitate.noteLabel')}</span>
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder={w.t('facilitate.notePlaceholder')} />
      </label>
      <ActionButton
        input={{ type: 'NOTE', text: text.trim() || '-' }}
        actionKey="NOTE"
        blockedReason={text.trim() === '' ? w.t('facilitate.noteEmpty') : null}
        onTaken={() => setText('')}
      >
        {w.t('facilitate.addNote')}
      </ActionButton>
    </Panel>
  );
}
