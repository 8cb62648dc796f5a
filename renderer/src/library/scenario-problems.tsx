/** A scenario file that did not load, with every problem located as `file:line:col  path: message`. */
import type { ScenarioEntry } from '../../../shared/contract/api.ts';
import { formatProblem } from '../../../shared/scenario/load.ts';
import { useWords } from '../i18n/words.tsx';

export function ScenarioProblems({ entry }: { entry: ScenarioEntry }) {
  const w = useWords();
  return (
    <article className="card card-invalid" aria-label={w.t('library.problemsIn', { file: entry.file })}>
      <h3>{entry.file}</h3>
      <p>{w.t('library.invalidFile', { n: entry.problems.length })}</p>
      <ul className="problems">
        {entry.problems.map((p, i) => (
          <li key={i}>
            <code>{formatProblem(p)}</code>
          </li>
        ))}
      </ul>
    </article>
  );
}
