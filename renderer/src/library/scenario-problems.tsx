/** A scenario file that did not load, with every problem located as `file:line:col  path: message`. */
import type { ScenarioEntry } from '../../../shared/contract/api.ts';
import { formatProblem } from '../../../shared/scenario/load.ts';

export function ScenarioProblems({ entry }: { entry: ScenarioEntry }) {
  return (
    <article className="card card-invalid" aria-label={`Problems in ${entry.file}`}>
      <h3>{entry.file}</h3>
      <p>
        This file is not a valid scenario ({entry.problems.length} problem{entry.problems.length === 1 ? '' : 's'}):
      </p>
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
