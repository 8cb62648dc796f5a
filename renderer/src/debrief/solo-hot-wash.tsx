/**
 * A solo trainee's hot wash (#19): the exercise ends straight into the debrief, so the form the
 * room's participants get on their devices opens here, first, for the trainee. Journaled with the
 * trainee's name and role (HOT_WASH) before it says thanks; the AAR/IP's Appendix C summarises it.
 */
import { useState } from 'react';
import type { LoadedExercise } from '../../../shared/contract/api.ts';
import type { TeamInput } from '../../../shared/engine/inputs.ts';
import { useApi } from '../app-env.ts';
import { errorMessage } from '../api/get-api.ts';
import { HotWashForm } from '../evaluation/hot-wash-form.tsx';

/** Who the solo trainee is: the one participant set up, else the team's name. */
export function soloTrainee(loaded: LoadedExercise): { name: string; role: string } {
  const p = loaded.meta.participants[0];
  return { name: p?.name || loaded.meta.team, role: p?.role || 'participant' };
}

export function SoloHotWash({ loaded }: { loaded: LoadedExercise }) {
  const api = useApi();
  const by = soloTrainee(loaded);
  const [sent, setSent] = useState(() => loaded.entries.some((e) => e.input.type === 'HOT_WASH' && e.by?.name === by.name));
  const submit = async (input: TeamInput): Promise<string | null> => {
    try {
      await api['exercises:record']({ exerciseId: loaded.meta.id, input, by });
      setSent(true);
      return null;
    } catch (e) {
      return errorMessage(e);
    }
  };
  return (
    <div className="solo-hot-wash" data-section="solo-hot-wash">
      <HotWashForm submitted={sent} count={sent ? 1 : 0} submit={submit} />
    </div>
  );
}
