/**
 * The room's screen from the debrief (#20): once the exercise ends the console moves here while
 * the room stays for the hot wash, so the facilitator switches the projector's results slide here
 * (score card, or harm over time with the team's decisions).
 *
 * It talks to the exercise's live session as the console did (a facilitator client of the host;
 * the same `share` request), and shows only while the host still holds that session: a room run on
 * a host restarted since, or never opened, has no room to show anything on, and this stays hidden.
 */
import { useEffect, useState } from 'react';
import type { ProjectorView } from '../../../shared/contract/live.ts';
import { withSecret } from '../api/launch-secret.ts';
import { refusalWords, useWords } from '../i18n/words.tsx';
import { useLiveClient } from '../live/use-live-client.ts';
import { ResultsSlideChoice } from '../participant/results-slide-choice.tsx';

export function RoomScreenPanel(props: { exerciseId: string; harmRevealed: boolean }) {
  // The host says goodbye to a console once the exercise is finished, so the client does not
  // reconnect by itself: a connection lost while the room is still there is made again here.
  const [generation, setGeneration] = useState(0);
  return <RoomScreen key={generation} {...props} onLost={() => setGeneration((g) => g + 1)} />;
}

const RECONNECT_MS = 1000;

function RoomScreen({ exerciseId, harmRevealed, onLost }: { exerciseId: string; harmRevealed: boolean; onLost(): void }) {
  const w = useWords();
  const [auth] = useState(() => withSecret({ kind: 'facilitator' as const }));
  const live = useLiveClient<ProjectorView>({ exerciseId, auth, idPrefix: 'd' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const room = live.snapshot.room;
  const lost = room !== null && live.snapshot.status === 'closed';
  useEffect(() => {
    if (!lost) return;
    const id = setTimeout(onLost, RECONNECT_MS);
    return () => clearTimeout(id);
  }, [lost, onLost]);
  if (!room || live.snapshot.status !== 'open') return null;
  const choose = async (harm: boolean) => {
    setBusy(true);
    const a = await live.request({ type: 'share', what: 'results-harm', ref: null, on: harm });
    setError(a.type === 'refused' ? refusalWords(a) : null);
    setBusy(false);
  };
  return (
    <section className="room-screen-panel" aria-label={w.t('resultsSlide.roomScreen')}>
      <h2>{w.t('resultsSlide.roomScreen')}</h2>
      <p className="muted small">{w.t('resultsSlide.roomScreenNote')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ResultsSlideChoice room={room} harmRevealed={harmRevealed} busy={busy} choose={(harm) => void choose(harm)} />
    </section>
  );
}
