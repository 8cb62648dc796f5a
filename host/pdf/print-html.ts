/**
 * Report HTML → PDF with headless Chromium through playwright-core (browser host and CLI).
 *
 * The page runs with JavaScript off and every network request refused: a report is static HTML
 * with inline styles, and nothing in it may reach out (no remote fonts, images or trackers).
 * Electron prints with its own webContents.printToPDF instead (electron/main/pdf.ts).
 */
import { existsSync } from 'node:fs';
import { FOOTER_TEMPLATE, HEADER_TEMPLATE, MARGINS_MM } from './page-setup.ts';

export { FOOTER_TEMPLATE } from './page-setup.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface PrintHtmlOptions {
  /** Chromium binary; default CHROMIUM_PATH, else /usr/bin/chromium. */
  executablePath?: string;
  /** Footer markup (Chromium's header/footer template language). */
  footerTemplate?: string;
  timeoutMs?: number;
}

export function chromiumPath(explicit?: string): string {
  return explicit ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Prints `html` as an A4 PDF with backgrounds and page numbers; returns the PDF bytes. */
export async function printHtmlToPdf(html: string, options: PrintHtmlOptions = {}): Promise<Uint8Array> {
  const executablePath = chromiumPath(options.executablePath);
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium was not found at ${executablePath} (install it, or set CHROMIUM_PATH)`);
  }
  const timeout = options.timeoutMs ?? 60_000;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      // A tagged PDF (headings, tables, figure alternatives from the HTML) with an outline, so a
      // screen reader and a PDF reader's navigation can find their way through the report.
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: HEADER_TEMPLATE,
      footerTemplate: options.footerTemplate ?? FOOTER_TEMPLATE,
      margin: { top: `${MARGINS_MM.top}mm`, bottom: `${MARGINS_MM.bottom}mm`, left: `${MARGINS_MM.left}mm`, right: `${MARGINS_MM.right}mm` },
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await browser.close();
  }
}
