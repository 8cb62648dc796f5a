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

type BrowserContext = import('playwright-core').BrowserContext;
type Page = import('playwright-core').Page;

/** A page in its own offline, script-less context: nothing but data: URLs reaches it. */
interface PrintPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

async function openPage(browser: Browser, timeout: number): Promise<PrintPage> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.emulateMedia({ media: 'print' });
    return { browser, context, page };
  } catch (e) {
    await context.close().catch(() => undefined);
    throw e;
  }
}

function closePage(p: PrintPage): Promise<void> {
  return p.context.close().catch(() => undefined); // a dead browser has nothing left to close
}

/** `html` into `page` (its whole document replaced), then printed. */
async function printOn(page: Page, html: string, options: PrintHtmlOptions): Promise<Uint8Array> {
  await page.setContent(html, { waitUntil: 'load' });
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
}

/** One page in a fresh context of `browser`: the context is closed after. */
async function printIn(browser: Browser, html: string, options: PrintHtmlOptions, timeout: number): Promise<Uint8Array> {
  const p = await openPage(browser, timeout);
  try {
    return await printOn(p.page, html, options);
  } finally {
    await closePage(p);
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

/** What a warm page holds between two prints: an empty document, not the last report. */
const BLANK = '<!doctype html><title></title>';

/**
 * One Chromium kept for every PDF a host prints (starting one costs ~3 s on a busy 2-core machine),
 * and one page kept warm in it. A fresh context and page cost more than printing a long report:
 * Chromium spawns a renderer and opens a browser window for the context (with its omnibox WebUI),
 * and the renderer's first layout and print pay its start-up (fonts, style engine) again. So the
 * page a print used is kept for the next: its document is replaced by an empty one as soon as the
 * PDF is out (off the user's wait, so no report stays in it), and the next print sets its content
 * on it. The page runs no script and reaches no network, so a report leaves nothing behind in it
 * but its document, and that is replaced whole.
 *
 * A page serves one print at a time: a print takes it, and a second print that arrives meanwhile
 * (the print queue allows two) gets a fresh context of its own, closed after. A print that fails
 * leaves its page to be closed, never reused. Started on the first print, not with the host. If
 * the browser dies (crash, OOM killer, someone's `kill`), its page goes with it, the next print
 * starts a new browser, and a print that was under way when it died is tried once more there.
 */
export class WarmPrinter {
  private browser: Promise<Browser> | null = null;
  /** The warm page, if no print holds it; `ready` settles when its last report has been blanked. */
  private idle: { page: PrintPage; ready: Promise<boolean> } | null = null;
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
      return await this.printWith(browser, html);
    } catch (e) {
      if (browser.isConnected() || this.closed) throw e;
      // The browser died under this print: once more in a fresh one.
      if (this.browser && (await this.browser.catch(() => null)) === browser) this.browser = null;
      return this.printWith(await this.ensure(), html);
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
    this.idle = null;
    if (b) await (await b.catch(() => null))?.close();
  }

  private async printWith(browser: Browser, html: string): Promise<Uint8Array> {
    const p = (await this.takeIdle(browser)) ?? (await openPage(browser, this.timeout));
    let printed = false;
    try {
      const pdf = await printOn(p.page, html, this.options);
      printed = true;
      return pdf;
    } finally {
      this.putBack(p, printed);
    }
  }

  /** The warm page if it is free, belongs to `browser` and was blanked; otherwise null. */
  private async takeIdle(browser: Browser): Promise<PrintPage | null> {
    const idle = this.idle;
    if (!idle) return null;
    this.idle = null; // this print's alone
    if (idle.page.browser === browser && browser.isConnected() && (await idle.ready) && !idle.page.page.isClosed()) return idle.page;
    void closePage(idle.page);
    return null;
  }

  /** After a print: keep its page warm (blanked) if it printed and none is kept; else close it. */
  private putBack(p: PrintPage, printed: boolean): void {
    if (!printed || this.idle || this.closed || !p.browser.isConnected() || p.page.isClosed()) {
      void closePage(p);
      return;
    }
    const ready = p.page.setContent(BLANK).then(
      () => true,
      () => {
        void closePage(p);
        return false;
      },
    );
    this.idle = { page: p, ready };
  }
  private ensure(): Promise<Browser> {
    if (this.closed) return Promise.reject(new Error('the PDF printer is closed'));
    if (this.browser) return this.browser;
    checkExecutable(this.executablePath);
    const starting = launch(this.executablePath, this.timeout).then(
      (b) => {
        b.on('disconnected', () => {
          if (this.browser === starting) this.browser = null;
          if (this.idle?.page.browser === b) this.idle = null; // its page died with it
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
