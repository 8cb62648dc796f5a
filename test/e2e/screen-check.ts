/**
 * What every screen is checked for, at each state the tour reaches: a screenshot at 1024×640,
 * 1280×720 and 1920×1080 in light and dark (to look at), every control reachable (inside the
 * window, or inside something that scrolls to it; no sideways page scroll, no sideways-scrolling
 * column), and axe-core with no serious or critical violations.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './harness.ts';

export const SIZES = [
  { width: 1024, height: 640 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;
export const THEMES = ['light', 'dark'] as const;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Finding {
  screen: string;
  what: string;
}

/** Controls a person cannot reach: clipped by a non-scrolling box, or outside the window sideways. */
async function unreachable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().slice(0, 40)}"`;
    const scrolls = (v: string) => v === 'auto' || v === 'scroll';
    const W = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > W + 1) {
      const wide = [...document.querySelectorAll('body *')].filter(
        (el) => el.getBoundingClientRect().right > W + 1 && !el.parentElement?.closest('[data-scrolls-sideways]'),
      );
      out.push(
        `the page scrolls sideways (${document.documentElement.scrollWidth} > ${W}): ${wide
          .slice(0, 3)
          .map((el) => name(el))
          .join(', ')}`,
      );
    }
    // A box that scrolls sideways clips every panel in it and shifts when a control takes focus.
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const cs = getComputedStyle(el);
      if (scrolls(cs.overflowX) && el.scrollWidth > el.clientWidth + 1 && !el.closest('[data-scrolls-sideways]'))
        out.push(`${name(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
    }
    const controls = document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
    for (const el of controls) {
      const r0 = el.getBoundingClientRect();
      if (r0.width === 0 || r0.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (el.closest('[aria-hidden="true"], .visually-hidden')) continue;
      let r = { left: r0.left, right: r0.right, top: r0.top, bottom: r0.bottom };
      let fixed = getComputedStyle(el).position === 'fixed';
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        const ar = a.getBoundingClientRect();
        if (cs.position === 'fixed') fixed = true;
        if (cs.overflowX === 'hidden' || cs.overflowX === 'clip') {
          if (r.left < ar.left - 1 || r.right > ar.right + 1) out.push(`${name(el)} is cut off sideways by ${name(a).slice(0, 40)}`);
        } else if (scrolls(cs.overflowX))
          r = { ...r, left: Math.max(ar.left, Math.min(r.left, ar.right)), right: Math.min(ar.right, Math.max(r.right, ar.left)) };
        if (cs.overflowY === 'hidden' || cs.overflowY === 'clip') {
          if (r.top < ar.top - 1 || r.bottom > ar.bottom + 1) out.push(`${name(el)} is cut off below by ${name(a).slice(0, 40)}`);
        } else if (scrolls(cs.overflowY))
          r = { ...r, top: Math.max(ar.top, Math.min(r.top, ar.bottom)), bottom: Math.min(ar.bottom, Math.max(r.bottom, ar.top)) };
      }
      if (r.right > W + 1 || r.left < -1) out.push(`${name(el)} is outside the window sideways`);
      if (fixed && r.bottom > window.innerHeight + 1) out.push(`${name(el)} is fixed below the window`);
    }
    return [...new Set(out)];
  });
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE); // through the devtools protocol: the page's CSP forbids inline scripts
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(c: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown[] }> }> }> };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 4).map((n) => JSON.stringify(n.target)) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`);
}

/**
 * Screenshots the page at every size and theme, checks reachability at each and runs axe at
 * 1280×720 in both themes; puts the page back at `restore` and light afterwards. `show`: a part of
 * a long page (a debrief section) scrolled into view at each size before its screenshots.
 */
export async function checkScreen(
  page: Page,
  screen: string,
  findings: Finding[],
  options: { show?: Locator; restore?: { width: number; height: number } } = {},
): Promise<void> {
  const restore = options.restore ?? page.viewportSize()!;
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      // Let layout and charts settle on the new size (two frames, then every chart drawn: a chart
      // measures its box after a resize), with no pointer over a chart showing its tooltip.
      await page.mouse.move(0, 0);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.recharts-responsive-container')].every((c) => c.getBoundingClientRect().height === 0 || c.querySelector('svg')),
      );
      if (options.show) await options.show.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(page, `tour-${screen}-${size.width}x${size.height}-${theme}`);
      if (theme === 'light') for (const what of await unreachable(page)) findings.push({ screen: `${screen} ${size.width}×${size.height}`, what });
      if (size.width === 1280) for (const what of await axeViolations(page)) findings.push({ screen: `${screen} ${theme}`, what });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(restore);
}
