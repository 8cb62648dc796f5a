/**
 * What the server checks before it stores a bundle: the evidence (canonical form, digest,
 * signature by a registered installation key, journal checksums and chain), then a replay and a
 * re-score with the shared/ engine. The client's own figures are never stored: a claimed outcome
 * in the bundle (outcome.json) that the replay does not reproduce refuses the bundle.
 */
import type { KeyObject } from 'node:crypto';
import { debriefEditsSchema, type DebriefEdits, type ExerciseOutcome } from '../../../shared/contract/api.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import type { JournalHeader } from '../../../shared/engine/journal.ts';
import type { JournalEntry } from '../../../shared/engine/inputs.ts';
import { formatProblem } from '../../../shared/scenario/load.ts';
import { loadPinnedScenario } from '../../../shared/scenario/pinned.ts';
import { outcomeOf, scoreFinishedRun, type KeyTimes } from '../../../shared/scoring/score-card.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { checkBundle, type Bundle, type ChainStatus } from '../evidence/bundle.ts';

export interface CheckedBundle {
  bundle: Bundle;
  digest: string;
  keyId: string;
  header: JournalHeader;
  entries: JournalEntry[];
  chain: ChainStatus;
  /** The server's own score. */
  outcome: ExerciseOutcome;
  debrief: DebriefEdits | null;
  /** #22: the pinned scenario (coverage tags) and the run's key times (when actions were raised). */
  scenario: Scenario;
  keyTimes: KeyTimes;
}

export type PublishCheck = { ok: true; checked: CheckedBundle } | { ok: false; reason: string; problems: string[] };

/** The figures a claimed outcome must match (what a programme lead reads). */
const CLAIMED_FIELDS = ['overall', 'mttd', 'mttc', 'timeToNotify', 'severityCorrect', 'dimensions', 'targetsMet'] as const;

function refuse(reason: string, problems: string[] = [reason]): PublishCheck {
  return { ok: false, reason, problems };
}

export function checkPublish(bytes: Uint8Array | string, trustedKeys: ReadonlyArray<KeyObject>): PublishCheck {
  const c = checkBundle(bytes, { trustedKeys });
  if (!c.ok || !c.bundle || !c.journal || !c.digest || !c.keyId || !c.chain) {
    const unknownKey = c.trusted === false && c.problems.length === 1;
    return refuse(unknownKey ? 'signed by a key not registered with this server' : 'the bundle does not verify', c.problems);
  }
  const header = c.journal.header;
  if (!header.team) return refuse('the journal names no team (exercises made before teams were recorded cannot be published)');
  const loaded = loadPinnedScenario(header);
  if (!loaded.ok) return refuse('the scenario pinned in the journal does not load', loaded.problems.slice(0, 5).map(formatProblem));
  let outcome: ExerciseOutcome;
  let keyTimes: KeyTimes;
  try {
    const run = ExerciseRun.replay(loaded.scenario, header.seed, c.journal.entries);
    run.runToEnd();
    const card = scoreFinishedRun(run);
    outcome = outcomeOf(card);
    keyTimes = card.keyTimes;
  } catch (e) {
    return refuse(`the journal does not replay: ${(e as Error).message}`);
  }
  const files = c.bundle.files as Record<string, string | undefined>;
  let debrief: DebriefEdits | null = null;
  if (files['debrief.json'] !== undefined) {
    try {
      const d = debriefEditsSchema.safeParse(JSON.parse(files['debrief.json']));
      if (!d.success) return refuse(`debrief.json: ${d.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      debrief = d.data;
    } catch {
      return refuse('debrief.json is not JSON');
    }
  }
  if (files['outcome.json'] !== undefined) {
    let claimed: Partial<ExerciseOutcome>;
    try {
      claimed = JSON.parse(files['outcome.json']) as Partial<ExerciseOutcome>;
    } catch {
      return refuse('outcome.json is not JSON');
    }
    const differs = CLAIMED_FIELDS.filter((f) => JSON.stringify(claimed?.[f] ?? null) !== JSON.stringify(outcome[f] ?? null));
    if (differs.length) {
      return refuse(
        `the claimed score is not what the journal replays to (${differs.map((f) => `${f}: claimed ${JSON.stringify(claimed?.[f] ?? null)}, replayed ${JSON.stringify(outcome[f] ?? null)}`).join('; ')})`,
      );
    }
  }
  return {
    ok: true,
    checked: {
      bundle: c.bundle,
      digest: c.digest,
      keyId: c.keyId,
      header,
      entries: c.journal.entries,
      chain: c.chain,
      outcome,
      debrief,
      scenario: loaded.scenario,
      keyTimes,
    },
  };
}
