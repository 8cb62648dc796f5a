/** One valid scenario in the library: what it is about and how long it takes. */
import type { ScenarioEntry } from '../../../shared/contract/api.ts';
import { formatDuration } from '../../../shared/scenario/duration.ts';
import { Link } from '../routing/link.tsx';
import { useWords } from '../i18n/words.tsx';
import { difficultyLabel } from '../../../shared/i18n/labels.ts';
import { isDifficulty } from '../../../shared/i18n/labels.ts';
import { GuideButtons } from './guide-buttons.tsx';
import { PackExportButton } from './pack-buttons.tsx';

export function ScenarioCard({ entry }: { entry: ScenarioEntry & { summary: NonNullable<ScenarioEntry['summary']> } }) {
  const w = useWords();
  const s = entry.summary;
  return (
    <article className="card scenario-card" aria-label={s.title}>
      <header>
        <h3>{s.title}</h3>
        <div className="card-tags">
          <span className={`tag tag-${s.difficulty}`}>{isDifficulty(s.difficulty) ? difficultyLabel(s.difficulty, w) : s.difficulty}</span>
          <span className="tag">{w.t('library.about', { duration: formatDuration(s.expectedDuration, w) })}</span>
          {!entry.builtIn && (
            <span className="tag tag-file" title={entry.file}>
              {w.t('library.fromDisk')}
            </span>
          )}
        </div>
      </header>
      <p className="card-meta">
        {s.client} · {s.system}
      </p>
      <p>{s.summary}</p>
      <h4>{w.t('library.objectives')}</h4>
      <ul className="objectives">
        {s.objectives.map((o, i) => (
          <li key={i}>{o}</li>
        ))}
      </ul>
      <footer>
        <Link to={{ name: 'setup', file: entry.file }} className="button button-primary">
          {w.t('library.setUp')}
        </Link>
        <GuideButtons file={entry.file} />
        <PackExportButton file={entry.file} />
      </footer>
    </article>
  );
}
