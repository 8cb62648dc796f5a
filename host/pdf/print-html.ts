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

type Browser = import('playwright-core').Browser;

function checkExecutable(executablePath: string): void {
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium was not found at ${executablePath} (install it, or set CHROMIUM_PATH)`);
  }
}

async function launch(executablePath: string, timeout: number): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout });
}

/** One page in a fresh, offline, script-less context of `browser`: the context is closed after. */
async function printIn(browser: Browser, html: string, options: PrintHtmlOptions, timeout: number): Promise<Uint8Array> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
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
    await context.close().catch(() => undefined); // a dead browser has nothing left to close
  }
}

/**
 * Prints `html` as an A4 PDF with backgrounds and page numbers; returns the PDF bytes. Starts a
 * Chromium for this one PDF and closes it (the CLI: a process that prints once and exits). A host
 * that prints again and again keeps a WarmPrinter instead.
 */
export async function printHtmlToPdf(html: string, options: PrintHtmlOptions = {}): Promise<Uint8Array> {
  const executablePath = chromiumPath(options.executablePath);
  checkExecutable(executablePath);
  const timeout = options.timeoutMs ?? 60_000;
  const browser = await launch(executablePath, timeout);
  try {
    return await printIn(browser, html, options, timeout);
  } finally {
    await browser.close();
  }
}

/**
 * One Chromium kept for every PDF a host prints (starting one costs ~3 s on a busy 2-core machine;
 * a print in a warm browser, a fraction of that). Started on the first print, not with the host;
 * each print gets its own fresh context, so nothing leaks from one report to the next. If the
 * browser dies (crash, OOM killer, someone's `kill`), the next print starts a new one, and a print
 * that was under way when it died is tried once more in the new browser.
 */
export class WarmPrinter {
  private browser: Promise<Browser> | null = null;
  private closed = false;
  private readonly executablePath: string;
  private readonly timeout: number;

  constructor(private readonly options: PrintHtmlOptions = {}) {
    this.executablePath = chromiumPath(options.executablePath);
    this.timeout = options.timeoutMs ?? 60_000;
  }

  async print(html: string): Promise<Uint8Array> {
    const browser = await this.ensure();
    try {
      return await printIn(browser, html, this.options, this.timeout);
    } catch (e) {
      if (browser.isConnected() || this.closed) throw e;
      // The browser died under this print: once more in a fresh one.
      if (this.browser && (await this.browser.catch(() => null)) === browser) this.browser = null;
      return printIn(await this.ensure(), html, this.options, this.timeout);
    }
  }

  /** Whether a browser is running now (tests and diagnostics). */
  get warm(): boolean {
    return this.browser !== null;
  }

  /** Closes the browser, if one was started; later prints start a new one unless closed for good. */
  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser;
    this.browser = null;
    if (b) await (await b.catch(() => null))?.close();
  }

  private ensure(): Promise<Browser> {
    if (this.closed) return Promise.reject(new Error('the PDF printer is closed'));
    if (this.browser) return this.browser;
    checkExecutable(this.executablePath);
    const starting = launch(this.executablePath, this.timeout).then(
      (b) => {
        b.on('disconnected', () => {
          if (this.browser === starting) this.browser = null;
        });
        return b;
      },
      (e: unknown) => {
        if (this.browser === starting) this.browser = null; // the next print tries again
        throw e;
      },
    );
    this.browser = starting;
    return starting;
  }
}
