/**
 * Report HTML → PDF in the desktop app: a hidden, sandboxed window with JavaScript off prints it.
 *
 * The HTML is written to a temporary file (large data: URLs are unreliable) in its own in-memory
 * session that refuses every request but that file, so a report can never fetch anything.
 */
import { BrowserWindow, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FOOTER_TEMPLATE, HEADER_TEMPLATE, MARGINS_MM } from '../../host/pdf/page-setup.ts';
import { hardenSession } from './security.ts';

const PRINT_PARTITION = 'firebreak-print';
const MM_PER_INCH = 25.4;
const allowedFiles = new Set<string>();
let sessionReady = false;

export async function printHtmlInHiddenWindow(html: string): Promise<Uint8Array> {
  const ses = session.fromPartition(PRINT_PARTITION, { cache: false });
  if (!sessionReady) {
    hardenSession(ses, (url) => url.startsWith('data:') || allowedFiles.has(url), { cspHeader: false });
    sessionReady = true;
  }
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-print-'));
  const file = join(dir, 'report.html');
  const fileUrl = pathToFileURL(file).href;
  const win = new BrowserWindow({
    show: false,
    webPreferences: { partition: PRINT_PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  try {
    await writeFile(file, html, 'utf8');
    allowedFiles.add(fileUrl);
    await win.loadFile(file);
    const pdf = await win.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: HEADER_TEMPLATE,
      footerTemplate: FOOTER_TEMPLATE,
      margins: {
        top: MARGINS_MM.top / MM_PER_INCH,
        bottom: MARGINS_MM.bottom / MM_PER_INCH,
        left: MARGINS_MM.left / MM_PER_INCH,
        right: MARGINS_MM.right / MM_PER_INCH,
      },
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    allowedFiles.delete(fileUrl);
    if (!win.isDestroyed()) win.destroy();
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
