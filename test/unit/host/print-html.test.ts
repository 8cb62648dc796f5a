import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, printHtmlToPdf, WarmPrinter } from '../../../host/pdf/print-html.ts';

const haveChromium = existsSync(chromiumPath());

describe('printHtmlToPdf (headless Chromium)', () => {
  it.skipIf(!haveChromium)(
    'prints tagged A4 pages and fetches nothing the HTML points at',
    async () => {
      const requests: string[] = [];
      const { createServer } = await import('node:http');
      const server = createServer((req, res) => {
        requests.push(req.url ?? '');
        res.end('x');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as { port: number }).port;
      try {
        const pages = Array.from({ length: 3 }, (_, i) => `<section style="${i > 0 ? 'page-break-before:always' : ''}"><h1>Page ${i + 1}</h1></section>`).join(
          '',
        );
        const pdf = await printHtmlToPdf(`<!doctype html><html><body>${pages}<img src="http://127.0.0.1:${port}/beacon.png"></body></html>`);
        const text = Buffer.from(pdf).toString('latin1');
        expect(text.startsWith('%PDF-')).toBe(true);
        expect(text.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(3);
        // A4 is 595 × 842 points (Chromium rounds to its own units: 595.92 × 842.88)
        const [w, h] = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text)!.slice(1).map(Number);
        expect(w).toBeCloseTo(595, -1);
        expect(h).toBeCloseTo(842, -1);
        expect(requests).toEqual([]);
        // Tagged: the headings are in the structure tree a screen reader reads.
        const file = join(mkdtempSync(join(tmpdir(), 'firebreak-pdf-')), 'tagged.pdf');
        writeFileSync(file, pdf);
        expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Tagged:\s+yes$/m);
        expect(execFileSync('pdfinfo', ['-struct', file], { encoding: 'utf8' })).toMatch(/H1/);
      } finally {
        server.close();
      }
    },
    60_000,
  );

  it('says where it looked when Chromium is missing', async () => {
    await expect(printHtmlToPdf('<p>x</p>', { executablePath: '/nonexistent/chromium' })).rejects.toThrow('/nonexistent/chromium');
  });
});

/** Chromium processes whose parent is this test process (the browser a printer launched). */
function chromiumChildren(): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so split after the last ')'
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z' && Number(ppid) === process.pid && /chrom/i.test(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) out.push(Number(d));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

describe('WarmPrinter (one Chromium for every PDF a host prints)', () => {
  const onePage = '<!doctype html><html><body><h1>Report</h1></body></html>';
  const pages = (pdf: Uint8Array) =>
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;

  it.skipIf(!haveChromium || process.platform !== 'linux')(
    'starts on the first print, keeps the same browser for the next, and starts a new one after it is killed',
    async () => {
      const printer = new WarmPrinter();
      try {
        expect(printer.warm).toBe(false);
        expect(chromiumChildren()).toEqual([]);
        expect(pages(await printer.print(onePage))).toBe(1);
        const first = chromiumChildren();
        expect(first).toHaveLength(1);
        expect(pages(await printer.print(onePage))).toBe(1);
        expect(chromiumChildren()).toEqual(first); // warm: no second launch

        process.kill(first[0]!, 'SIGKILL');
        expect(pages(await printer.print(onePage))).toBe(1);
        const second = chromiumChildren();
        expect(second).toHaveLength(1);
        expect(second[0]).not.toBe(first[0]);
      } finally {
        await printer.close();
      }
      expect(chromiumChildren()).toEqual([]);
      await expect(printer.print(onePage)).rejects.toThrow('closed');
    },
    120_000,
  );

  /** A report of `n` pages: a heading, a table and a figure per page, each naming `word`. */
  const report = (word: string, n: number) =>
    '<!doctype html><html><body>' +
    Array.from(
      { length: n },
      (_, i) =>
        `<section style="${i > 0 ? 'break-before:page' : ''}"><h1>${word} ${i + 1}</h1>` +
        `<table><thead><tr><th>Metric</th><th>${word}</th></tr></thead><tbody><tr><td>MTTD</td><td>${i}h</td></tr></tbody></table>` +
        `<svg role="img" aria-label="${word} chart ${i + 1}" width="200" height="40"><rect width="${50 + i * 40}" height="20" fill="#c62828"/></svg></section>`,
    ).join('') +
    '</body></html>';
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-warm-'));
  let files = 0;
  /** What a reader gets from a PDF: its text, its structure tree (node ids aside) and each page's pixels. */
  const read = (pdf: Uint8Array) => {
    const file = join(dir, `${++files}.pdf`);
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '40', file, file]);
    const pngs = readdirSync(dir)
      .filter((f) => f.startsWith(`${files}.pdf-`))
      .sort()
      .map((f) => readFileSync(join(dir, f)).toString('base64'));
    return {
      text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }),
      tagged: /^Tagged:\s+yes$/m.test(execFileSync('pdfinfo', [file], { encoding: 'utf8' })),
      struct: execFileSync('pdfinfo', ['-struct', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/node[0-9a-f]+/g, 'node'),
      pngs,
    };
  };

  it.skipIf(!haveChromium)(
    'prints each report on its warm page exactly as on a fresh one, with nothing of the report before it',
    async () => {
      const printer = new WarmPrinter();
      try {
        const first = read(await printer.print(report('Alpha', 3))); // a fresh page
        const short = read(await printer.print(report('Bravo', 1))); // the same page, warm
        const again = read(await printer.print(report('Alpha', 3)));
        expect(short.pngs).toHaveLength(1);
        expect(short.text).toContain('Bravo 1');
        expect(short.text).not.toContain('Alpha');
        expect(short.tagged).toBe(true);
        expect(first.pngs).toHaveLength(3);
        expect(first.tagged).toBe(true);
        expect(first.struct).toMatch(/H1/);
        expect(first.struct).toMatch(/Table/);
        expect(first.struct).toMatch(/Figure/);
        expect(again.text).toBe(first.text);
        expect(again.struct).toBe(first.struct);
        expect(again.pngs).toEqual(first.pngs);
        expect(again.text).not.toContain('Bravo');
      } finally {
        await printer.close();
      }
    },
    120_000,
  );

  it.skipIf(!haveChromium)(
    'gives two prints at once a page each, and keeps printing after them',
    async () => {
      const printer = new WarmPrinter();
      try {
        await printer.print(onePage); // the warm page exists: one of the two below takes it
        const [a, b] = (await Promise.all([printer.print(report('Alpha', 2)), printer.print(report('Bravo', 3))])).map(read);
        expect(a!.pngs).toHaveLength(2);
        expect(a!.text).toContain('Alpha 2');
        expect(a!.text).not.toContain('Bravo');
        expect(b!.pngs).toHaveLength(3);
        expect(b!.text).toContain('Bravo 3');
        expect(b!.text).not.toContain('Alpha');
        const c = read(await printer.print(report('Charlie', 1)));
        expect(c.text).toContain('Charlie 1');
        expect(c.text).not.toMatch(/Alpha|Bravo/);
      } finally {
        await printer.close();
      }
    },
    120_000,
  );
});
