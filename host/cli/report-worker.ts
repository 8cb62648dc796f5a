/**
 * `firebreak report`'s rendering on a worker thread (host/cli/render-off-thread.ts): replay,
 * score, what-ifs and the report text, while the main thread loads the PDF printer.
 */
import { parentPort } from 'node:worker_threads';
import type { ReportFormat } from '../../shared/contract/api.ts';
import { renderReportFromInput } from '../../shared/debrief/render-report.ts';
import type { ReportInput } from '../../shared/debrief/report-model.ts';
import type { RenderReply } from './render-off-thread.ts';

parentPort!.once('message', (request: { format: ReportFormat; input: ReportInput }) => {
  let reply: RenderReply;
  try {
    reply = { ok: true, rendered: renderReportFromInput(request.format, request.input) };
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
