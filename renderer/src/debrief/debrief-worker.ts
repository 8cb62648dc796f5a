/**
 * The debrief worker: replays, scores and re-simulates the what-ifs off the page's main thread,
 * posting each step's result as it is ready (debrief-steps.ts), so the page stays responsive
 * however many what-ifs a run has. Started by use-debrief.ts, one per debrief opened.
 */
import { debriefSteps, type DebriefMessage, type DebriefRequest } from './debrief-steps.ts';

/** The part of DedicatedWorkerGlobalScope used here (the project's lib is the DOM's, not WebWorker's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<DebriefRequest>) => void) | null;
  postMessage(message: DebriefMessage): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  for (const message of debriefSteps(event.data.loaded, event.data.locale)) {
    try {
      scope.postMessage(message);
    } catch (e) {
      // Something in the result cannot be cloned: say so instead of leaving the page waiting.
      scope.postMessage({ type: 'error', message: `the debrief could not be sent to the page (${e instanceof Error ? e.message : String(e)})` });
      return;
    }
  }
};
