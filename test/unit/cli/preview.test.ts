/**
 * `firebreak preview` (#21): an author's dry run. It must say when each inject fires for the
 * do-nothing and textbook teams on every variant, chart each metric and harm, and carry the same
 * warnings as `validate --check`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, type CliIo } from '../../../host/cli/main.ts';
import { ROOT } from '../../helpers.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), readFile: (p) => readFileSync(join(ROOT, p)), writeFile: () => {} };
  return { cli, out, err };
}

describe('firebreak preview', () => {
  it('shows inject times, metric and harm curves for do-nothing and textbook, and the --check warnings', { timeout: 60_000 }, async () => {
    const t = io();
    expect(await main(['preview', 'scenarios/slow-assistant.yaml'], t.cli)).toBe(0);
    const text = t.out.join('\n');
    // The branch: the angry client only for do-nothing, the calm one only for textbook.
    expect(text).toMatch(/head-of-digital-angry\s+T\+2h40m\s+never/);
    expect(text).toMatch(/head-of-digital-calm\s+never\s+T\+2h40m/);
    expect(text).toMatch(/metric latency-p50/);
    // Do-nothing reaches the stated 5,600 at the horizon; textbook far less.
    const harmRows = text.split('\n').filter((l) => l.includes('harm abandoned-chats'));
    expect(harmRows[0]!.trim().split(/\s+/).at(-1)).toBe('5,600');
    expect(Number(harmRows[1]!.trim().split(/\s+/).at(-1)!.replace(/,/g, ''))).toBeLessThan(1000);
    expect(text).toMatch(/validate --check: 0 warning\(s\)/);
  });

  it('covers every variant, as JSON too', { timeout: 60_000 }, async () => {
    const t = io();
    expect(await main(['preview', 'scenarios/stale-pricing-data.yaml', '--json'], t.cli)).toBe(0);
    const p = JSON.parse(t.out.join('\n'));
    expect(p.variants.map((v: { variant: string }) => v.variant)).toEqual(['partner-cache', 'partners-clean']);
    expect(p.variants[0].teams.map((x: { name: string }) => x.name)).toEqual(['do-nothing', 'textbook']);
    const idle = p.variants[1].teams[0];
    // At the horizon (11:00) a do-nothing team has sold every mistake-fare ticket the story counts.
    expect(p.at.at(-1)).toBe(8 * 3_600_000);
    expect(idle.harm.find((h: { id: string }) => h.id === 'mispriced-tickets').values.at(-1)).toBeCloseTo(67_000, 6);
    expect(idle.injects['partner-bookings']).toBeNull(); // its fault is not in this variant: never fires
    expect(p.variants[0].teams[0].injects['partner-bookings']).toBeGreaterThan(0);
  });

  it('refuses an invalid scenario with its located problems', async () => {
    const t = io();
    t.cli.readFile = () => Buffer.from('id: x\n');
    expect(await main(['preview', 'x.yaml'], t.cli)).toBe(1);
    expect(t.err.join('\n')).toMatch(/^x\.yaml:\d+:\d+ {2}/);
  });
});
