/** Facilitator: add an observation to the timeline (kept off the projector). */
import { useWords } from '../../i18n/words.tsx';
import { useState } from 'react';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../../team/action-button.tsx';
import { UndoOffer, useUndoOffer } from './undo-offer.tsx';

export function NoteForm() {
  const w = useWords();
  const [text, setText] = useState('');
  const undo = useUndoOffer();
  const input = { type: 'NOTE' as const, text: text.trim() || '-' };
  return (
    <Panel id="note" title={w.t('facilitate.note')}>
      <label className="field">
        <span>{w.t('facilitate.noteLabel')}</span>
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder={w.t('facilitate.notePlaceholder')} />
      </label>
      <ActionButton
        input={input}
        actionKey="NOTE"
        blockedReason={text.trim() === '' ? w.t('facilitate.noteEmpty') : null}
        onTaken={() => {
          undo.offer(input);
          setText('');
        }}
      >
        {w.t('facilitate.addNote')}
      </ActionButton>
      <UndoOffer {...undo} />
    </Panel>
  );
}
