/** Facilitator: send an ad-hoc inject into the feed (it reaches the room like any other signal). */
import { useState } from 'react';
import { CHANNELS, type Channel } from '../../../../shared/scenario/schema.ts';
import { Panel } from '../../ui/panel.tsx';
import { ActionButton } from '../../team/action-button.tsx';
import { useWords } from '../../i18n/words.tsx';
import { channelLabel } from '../../../../shared/i18n/labels.ts';

export function AdhocInjectForm() {
  const w = useWords();
  const [channel, setChannel] = useState<Channel>('internal');
  const [source, setSource] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const missing = source.trim() === '' ? w.t('facilitate.needSource') : title.trim() === '' ? w.t('facilitate.needTitle') : null;
  return (
    <Panel id="adhoc" title={w.t('facilitate.adhoc')}>
      <div className="form-grid">
        <label className="field">
          <span>{w.t('facilitate.channel')}</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channelLabel(c, w)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{w.t('facilitate.source')}</span>
          <input value={source} onChange={(e) => setSource(e.target.value)} placeholder={w.t('facilitate.sourcePlaceholder')} />
        </label>
      </div>
      <label className="field">
        <span>{w.t('facilitate.title')}</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span>{w.t('facilitate.body')}</span>
        <textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <ActionButton
        input={{ type: 'ADHOC_INJECT', channel, source: source.trim() || '-', title: title.trim() || '-', body: body.trim() }}
        actionKey="ADHOC_INJECT"
        blockedReason={missing}
        onTaken={() => {
          setTitle('');
          setBody('');
        }}
      >
        {w.t('facilitate.send')}
      </ActionButton>
    </Panel>
  );
}
