import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, printHtmlToPdf } from '../../../host/pdf/print-html.ts';

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
