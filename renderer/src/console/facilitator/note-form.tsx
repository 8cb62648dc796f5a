/** Facilitator: add an observation to the timeline (kept off the projector). */
import { useState } from 'react';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../../team/action-button.tsx';

export function NoteForm() {
  const [text, setText] = useState('');
  return (
    <Panel id="note" title="Facilitator note">
      <label className="field">
        <span>Note</span>
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. Team spotted the alert but did not declare" />
      </label>
      <ActionButton
        input={{ type: 'NOTE', text: text.trim() || '-' }}
        actionKey="NOTE"
        blockedReason={text.trim() === '' ? 'write a note first' : null}
        onTaken={() => setText('')}
      >
        Add note
      </ActionButton>
    </Panel>
  );
}
