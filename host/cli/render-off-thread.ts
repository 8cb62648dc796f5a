/**
 * Renders a report on a worker thread when running compiled (dist-node/report-worker.mjs, built
 * with the CLI by scripts/build.mjs), so `firebreak report --format pdf` loads the PDF printer
 * (playwright-core) while the report is computed. From the TypeScript sources (tsx in a dev
 * checkout, tests) there is no compiled worker to start, and it renders in this thread: same result.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReportFormat } from '../../shared/contract/api.ts';
import { renderReportFromInput, type RenderedReport } from '../../shared/debrief/render-report.ts';
import type { ReportInput } from '../../shared/debrief/report-model.ts';

export type RenderReply = { ok: true; rendered: RenderedReport } | { ok: false; message: string };

/** The compiled worker beside this module, or null when running from sources. */
function workerFile(): URL | null {
  if (!import.meta.url.endsWith('.mjs')) return null;
  const url = new URL('./report-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

/** Renders the report; a failure to build it is thrown as an Error with the renderer's message. */
export async function renderReport(format: ReportFormat, input: ReportInput): Promise<RenderedReport> {
  const file = workerFile();
  if (!file) return renderReportFromInput(format, input);
  const reply = await new Promise<RenderReply>((resolve, reject) => {
    const worker = new Worker(file);
    worker.once('message', (r: RenderReply) => {
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the report worker stopped (exit ${code})`)));
    worker.postMessage({ format, input });
  });
  if (!reply.ok) throw new Error(reply.message);
  return reply.rendered;
}
