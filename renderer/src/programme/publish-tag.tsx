/** One exercise's publish state as a tag: published, queued or refused (the reason in its title). */
import type { PublishItem } from '../../../shared/contract/api.ts';
import { useWords } from '../i18n/words.tsx';

export function publishSentence(item: PublishItem, w: ReturnType<typeof useWords>): string {
  if (item.state === 'published') return w.t('publish.published', { team: item.team ?? '', unit: item.unit ?? '', overall: item.overall ?? '' });
  if (item.state === 'refused') return w.t('publish.refused', { reason: [item.message ?? '', ...item.problems].filter(Boolean).join('; ') });
  return item.message ? w.t('publish.queued', { reason: item.message }) : w.t('publish.queuedSoon');
}

export function PublishTag(props: { item: PublishItem }) {
  const w = useWords();
  return (
    <span className={`history-tag publish-${props.item.state}`} title={publishSentence(props.item, w)} data-publish-state={props.item.state}>
      {w.t(`publish.state.${props.item.state}`)}
    </span>
  );
}
