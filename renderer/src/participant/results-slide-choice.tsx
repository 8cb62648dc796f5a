/**
 * Facilitator: which results slide the projector shows at the end (#20), the score card or harm
 * over time with the team's decisions. Two radio buttons (arrow keys move between them); harm over
 * time is offered only once harm is revealed to the room (the host refuses it before that too).
 */
import { useId } from 'react';
import type { RoomInfo } from '../../../shared/contract/live.ts';
import { useWords } from '../i18n/words.tsx';

export function ResultsSlideChoice({
  room,
  harmRevealed,
  busy,
  choose,
}: {
  room: Pick<RoomInfo, 'results' | 'resultsHarm'>;
  harmRevealed: boolean;
  busy: boolean;
  /** Sends the choice to the host (share `results-harm`). */
  choose(harm: boolean): void;
}) {
  const w = useWords();
  const name = useId();
  const note = useId();
  const harm = harmRevealed && room.resultsHarm === true;
  const off = busy || room.results === false;
  return (
    <fieldset className="results-slide-choice" aria-describedby={harmRevealed ? undefined : note}>
      <legend>{w.t('resultsSlide.legend')}</legend>
      <label>
        <input type="radio" name={name} checked={!harm} disabled={off} onChange={() => choose(false)} /> {w.t('resultsSlide.summary')}
      </label>
      <label>
        <input type="radio" name={name} checked={harm} disabled={off || !harmRevealed} onChange={() => choose(true)} /> {w.t('resultsSlide.harm')}
      </label>
      {!harmRevealed && (
        <p id={note} className="muted small">
          {w.t('resultsSlide.notRevealed')}
        </p>
      )}
    </fieldset>
  );
}
