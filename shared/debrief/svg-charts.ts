/**
 * Small vector charts for the printed report, built as SVG strings (no DOM, no chart library).
 *
 * Print needs vectors that scale with the page and survive "save as PDF"; the interactive debrief
 * screen draws its own charts with recharts. Sizes are in SVG user units on a 680-wide viewBox
 * (the A4 text width at 96 dpi) and scale to the container.
 */
import type { HarmCurve } from './harm-curve.ts';
import type { KeyMetric, KeyTimeRow } from './key-times.ts';
import { EN, type Words } from '../i18n/words.ts';
import { metricValueWord } from './key-times.ts';
import { compactNumber, niceStep } from '../views/chart-ticks.ts';

export { compactNumber, niceStep };

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const W = 680;
const FONT = `font-family="DejaVu Sans, Arial, sans-serif"`;
const COLORS = { actual: '#b3261e', idle: '#7a7a7a', grid: '#e3e3e3', axis: '#444', marker: '#1f5fa8', met: '#2e7d32', missed: '#c62828', target: '#111' };

/** A legend label's width at the charts' 10-unit font (about 0.58 em a character), to place the next item after it. */
const legendWidth = (text: string) => text.length * 5.8;

/** Met green, missed red, open (not yet due) and not applicable grey: never red for what is not missed. */
const verdictColour = (status: KeyMetric['verdict']['status']) => (status === 'met' ? COLORS.met : status === 'missed' ? COLORS.missed : COLORS.idle);

const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

/** Time-axis step in ms: whole minutes or hours that give about 6–8 ticks. */
function timeStep(span: number): number {
  const options = [15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880].map((m) => m * MINUTE);
  return options.find((o) => span / o <= 9) ?? 2880 * MINUTE;
}

function shortOffset(t: number): string {
  if (t === 0) return 'T+0';
  const h = Math.floor(t / HOUR);
  const m = Math.round((t - h * HOUR) / MINUTE);
  return `T+${h ? `${h}h` : ''}${m ? `${m}m` : ''}`;
}

function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1))}…`;
}

export interface HarmChartOptions {
  /** Second line under each time tick, e.g. the wall clock. */
  tickLabel?: (t: number) => string;
  height?: number;
  /** Which harm of the curve to draw (default the first). */
  harmId?: string;
  /** The scenario's currency, for a harm counted in money. */
  currency?: string;
  /** The language of the axis and labels (English unless told). */
  words?: Words;
}

/**
 * Harm over time: the run (solid, stepped where harm comes in discrete events) against doing
 * nothing (dashed), with numbered markers at the major decisions. Returns the SVG and the marker
 * numbers so a legend table can explain them.
 */
export function harmChartSvg(curve: HarmCurve, opts: HarmChartOptions = {}): { svg: string; markers: { n: number; t: number; label: string }[] } {
  const harm = curve.harms.find((h) => h.id === opts.harmId) ?? curve.harms[0]!;
  const H = opts.height ?? 260;
  const maxY = Math.max(1e-9, ...curve.points.map((p) => Math.max(p.actual[harm.id] ?? 0, p.doNothing[harm.id] ?? 0)));
  const w = opts.words ?? EN;
  // Money is worded in the scenario's currency by the catalogue's formatter ("$1.2M", "1,2 M€").
  const currency = harm.kind === 'money' ? (opts.currency ?? null) : null;
  const tickText = (v: number) => (currency ? w.compactMoney(v, currency) : compactNumber(v, w));
  // Room on the left for the widest tick label and the rotated unit beside it.
  const widest = Math.max(...[0, maxY].map((v) => tickText(niceStep(maxY, 4) * Math.ceil(v / niceStep(maxY, 4))).length));
  const pad = { l: Math.max(44, 24 + widest * 6.2), r: 14, t: 50, b: opts.tickLabel ? 48 : 36 };
  const pw = W - pad.l - pad.r;
  const ph = H - pad.t - pad.b;
  const yStep = niceStep(maxY, 4);
  const yMax = Math.ceil(maxY / yStep) * yStep;
  const x = (t: number) => pad.l + (t / curve.horizon) * pw;
  const y = (v: number) => pad.t + ph - (v / yMax) * ph;
  const path = (key: 'actual' | 'doNothing') => curve.points.map((p, i) => `${i ? 'L' : 'M'}${f1(x(p.t))} ${f1(y(p[key][harm.id] ?? 0))}`).join(' ');

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${escapeXml(w.t('chart.harmOverTime', { label: harm.label }))}" ${FONT} font-size="10">`,
  );
  // Grid and y axis
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${f1(y(v))}" y2="${f1(y(v))}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${pad.l - 6}" y="${f1(y(v) + 3.5)}" text-anchor="end" fill="${COLORS.axis}">${escapeXml(tickText(v))}</text>`);
  }
  // x axis
  const step = timeStep(curve.horizon);
  parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${pad.t + ph}" y2="${pad.t + ph}" stroke="${COLORS.axis}"/>`);
  for (let t = 0; t <= curve.horizon + 1; t += step) {
    parts.push(`<line x1="${f1(x(t))}" x2="${f1(x(t))}" y1="${pad.t + ph}" y2="${pad.t + ph + 4}" stroke="${COLORS.axis}"/>`);
    parts.push(`<text x="${f1(x(t))}" y="${pad.t + ph + 15}" text-anchor="middle" fill="${COLORS.axis}">${shortOffset(t)}</text>`);
    if (opts.tickLabel)
      parts.push(
        `<text x="${f1(x(t))}" y="${pad.t + ph + 27}" text-anchor="middle" fill="${COLORS.idle}" font-size="9">${escapeXml(opts.tickLabel(t))}</text>`,
      );
  }
  parts.push(
    `<text x="12" y="${f1(pad.t + ph / 2)}" transform="rotate(-90 12 ${f1(pad.t + ph / 2)})" text-anchor="middle" fill="${COLORS.axis}">${escapeXml(truncate(currency ? w.t('chart.axis.money', { currency }) : harm.unit || harm.label, 28))}</text>`,
  );

  // Decision markers: dashed verticals with numbered badges above the plot. Badges that would
  // touch the previous one move up a row (three rows, then back to the first).
  const majors = curve.markers.filter((m) => m.major && m.t <= curve.horizon);
  const markers = majors.map((m, i) => ({ n: i + 1, t: m.t, label: m.label }));
  // Every line before any badge, so a line from a higher row never crosses a lower badge's number.
  const lastInRow = [-Infinity, -Infinity, -Infinity];
  const badges: string[] = [];
  for (const m of markers) {
    const mx = x(m.t);
    let row = lastInRow.findIndex((lx) => mx - lx >= 15);
    if (row < 0) row = lastInRow.indexOf(Math.min(...lastInRow));
    lastInRow[row] = mx;
    const cy = pad.t - 8 - row * 14;
    parts.push(`<line x1="${f1(mx)}" x2="${f1(mx)}" y1="${f1(cy)}" y2="${pad.t + ph}" stroke="${COLORS.marker}" stroke-dasharray="2 3" stroke-width="0.8"/>`);
    badges.push(`<circle cx="${f1(mx)}" cy="${f1(cy)}" r="6.5" fill="${COLORS.marker}"/>`);
    badges.push(`<text x="${f1(mx)}" y="${f1(cy + 3)}" text-anchor="middle" fill="#fff" font-size="8.5" font-weight="bold">${m.n}</text>`);
  }
  parts.push(...badges);
  // Series
  parts.push(`<path d="${path('doNothing')}" fill="none" stroke="${COLORS.idle}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  parts.push(`<path d="${path('actual')}" fill="none" stroke="${COLORS.actual}" stroke-width="2.2"/>`);
  // Legend
  const ly = H - 8;
  // The legend in the report's language (#20: the French report's charts said "This run"), each
  // item placed after the one before by its text's length.
  const thisRun = w.t('debrief.harm.thisRun');
  const doNothing = w.t('debrief.harm.doNothing');
  const x2 = pad.l + 27 + legendWidth(thisRun) + 14;
  const x3 = x2 + 27 + legendWidth(doNothing) + 14;
  parts.push(
    `<line x1="${pad.l}" x2="${pad.l + 22}" y1="${ly - 3}" y2="${ly - 3}" stroke="${COLORS.actual}" stroke-width="2.2"/><text x="${pad.l + 27}" y="${ly}">${escapeXml(thisRun)}</text>`,
  );
  parts.push(
    `<line x1="${f1(x2)}" x2="${f1(x2 + 22)}" y1="${ly - 3}" y2="${ly - 3}" stroke="${COLORS.idle}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="${f1(x2 + 27)}" y="${ly}">${escapeXml(doNothing)}</text>`,
  );
  parts.push(
    `<circle cx="${f1(x3 + 5)}" cy="${ly - 3}" r="5" fill="${COLORS.marker}"/><text x="${f1(x3 + 14)}" y="${ly}">${escapeXml(w.t('chart.legend.decision'))}</text>`,
  );
  parts.push('</svg>');
  return { svg: parts.join(''), markers };
}

/**
 * Key moments on one time axis: a row per moment, a dot at its time, deadlines as open diamonds.
 * Moments past `end` (a deadline days later) are drawn as an arrow at the right edge.
 */
export function keyTimesChartSvg(rows: ReadonlyArray<KeyTimeRow>, end: number, tickLabel?: (t: number) => string): string {
  const rowH = 17;
  const pad = { l: 230, r: 24, t: 8, b: tickLabel ? 36 : 24 };
  const H = pad.t + rows.length * rowH + pad.b;
  const pw = W - pad.l - pad.r;
  const span = Math.max(end, MINUTE);
  const x = (t: number) => pad.l + (Math.min(t, span) / span) * pw;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Key times" ${FONT} font-size="10">`,
  ];
  const step = timeStep(span);
  const axisY = pad.t + rows.length * rowH + 4;
  for (let t = 0; t <= span + 1; t += step) {
    parts.push(`<line x1="${f1(x(t))}" x2="${f1(x(t))}" y1="${pad.t}" y2="${axisY}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${f1(x(t))}" y="${axisY + 13}" text-anchor="middle" fill="${COLORS.axis}">${shortOffset(t)}</text>`);
    if (tickLabel)
      parts.push(`<text x="${f1(x(t))}" y="${axisY + 25}" text-anchor="middle" fill="${COLORS.idle}" font-size="9">${escapeXml(tickLabel(t))}</text>`);
  }
  parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${axisY}" y2="${axisY}" stroke="${COLORS.axis}"/>`);
  rows.forEach((r, i) => {
    const cy = pad.t + i * rowH + rowH / 2;
    const color = r.kind === 'fault' ? COLORS.actual : r.kind === 'deadline' ? COLORS.axis : r.kind === 'signal' ? '#b26a00' : COLORS.marker;
    parts.push(`<text x="${pad.l - 8}" y="${f1(cy + 3.5)}" text-anchor="end" fill="${COLORS.axis}">${escapeXml(truncate(r.label, 40))}</text>`);
    parts.push(`<line x1="${pad.l}" x2="${f1(x(r.t))}" y1="${f1(cy)}" y2="${f1(cy)}" stroke="${color}" stroke-opacity="0.25" stroke-width="5"/>`);
    if (r.t > span) {
      parts.push(`<path d="M${f1(x(span) - 2)} ${f1(cy - 5)} L${f1(x(span) + 8)} ${f1(cy)} L${f1(x(span) - 2)} ${f1(cy + 5)} Z" fill="${color}"/>`);
      parts.push(`<text x="${f1(x(span) - 6)}" y="${f1(cy + 3.5)}" text-anchor="end" fill="${COLORS.axis}" font-size="9">${escapeXml(r.offset)} →</text>`);
    } else if (r.kind === 'deadline') {
      parts.push(`<path d="M${f1(x(r.t))} ${f1(cy - 5)} l5 5 l-5 5 l-5 -5 Z" fill="#fff" stroke="${color}" stroke-width="1.4"/>`);
    } else {
      parts.push(`<circle cx="${f1(x(r.t))}" cy="${f1(cy)}" r="4.5" fill="${color}"/>`);
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Elapsed-time metrics as horizontal bars, each against its target (a black tick). */
export function metricsChartSvg(metrics: ReadonlyArray<KeyMetric>, format: (ms: number) => string, words: Words = EN): string {
  const shown = metrics.filter((m) => m.value !== null || m.target > 0);
  const rowH = 20;
  const pad = { l: 230, r: 70, t: 6, b: 20 };
  const H = pad.t + shown.length * rowH + pad.b;
  const pw = W - pad.l - pad.r;
  // Scale to the largest value or target, but no further than 3× the median target, so a 30-day
  // deadline does not squash an hour-long MTTD; longer bars are cut with an arrow.
  const targets = shown.map((m) => m.target).sort((a, b) => a - b);
  const median = targets[Math.floor(targets.length / 2)] ?? 1;
  const cap = Math.max(...shown.map((m) => Math.max(m.value ?? 0, m.target)).filter((v) => v <= 3 * median), median, MINUTE);
  const x = (v: number) => pad.l + (Math.min(v, cap) / cap) * pw;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${escapeXml(words.t('chart.metrics'))}" ${FONT} font-size="10">`,
  ];
  shown.forEach((m, i) => {
    const top = pad.t + i * rowH;
    const cy = top + rowH / 2;
    parts.push(`<text x="${pad.l - 8}" y="${f1(cy + 3.5)}" text-anchor="end" fill="${COLORS.axis}">${escapeXml(truncate(m.label, 40))}</text>`);
    if (m.value === null) {
      parts.push(`<text x="${pad.l + 4}" y="${f1(cy + 3.5)}" fill="${verdictColour(m.verdict.status)}">${metricValueWord(m, words)}</text>`);
    } else {
      const w = Math.max(1.5, x(m.value) - pad.l);
      parts.push(`<rect x="${pad.l}" y="${f1(top + 4)}" width="${f1(w)}" height="${rowH - 8}" fill="${verdictColour(m.verdict.status)}" rx="1.5"/>`);
      if (m.value > cap)
        parts.push(`<path d="M${f1(x(cap) + 1)} ${f1(top + 3)} l7 ${f1(rowH / 2 - 3)} l-7 ${f1(rowH / 2 - 3)} Z" fill="${verdictColour(m.verdict.status)}"/>`);
      // The figure goes right of both the bar and the target tick, so neither crosses it.
      const barEnd = Math.min(x(m.value), x(cap)) + (m.value > cap ? 10 : 0);
      const tick = m.target <= cap ? x(m.target) : -Infinity;
      const after = tick >= barEnd - 2 && tick <= barEnd + 50 ? tick : barEnd;
      parts.push(`<text x="${f1(after + 5)}" y="${f1(cy + 3.5)}" fill="${COLORS.axis}">${escapeXml(format(m.value))}</text>`);
    }
    if (m.target <= cap)
      parts.push(
        `<line x1="${f1(x(m.target))}" x2="${f1(x(m.target))}" y1="${f1(top + 1)}" y2="${f1(top + rowH - 1)}" stroke="${COLORS.target}" stroke-width="2"/>`,
      );
    else
      parts.push(
        `<text x="${W - pad.r + 4}" y="${f1(cy + 3.5)}" fill="${COLORS.idle}" font-size="9">${escapeXml(words.t('chart.targetValue', { duration: format(m.target) }))}</text>`,
      );
  });
  const ly = H - 6;
  // The legend in the report's language, each item after the one before by its text's length (the
  // "target" item used to sit on top of "open / not applicable").
  let lx = pad.l;
  const swatch = (fill: string, label: string) => {
    parts.push(`<rect x="${f1(lx)}" y="${ly - 8}" width="14" height="8" fill="${fill}"/><text x="${f1(lx + 18)}" y="${ly}">${escapeXml(label)}</text>`);
    lx += 18 + legendWidth(label) + 14;
  };
  swatch(COLORS.met, words.t('verdictStatus.met'));
  swatch(COLORS.missed, words.t('verdictStatus.missed'));
  if (shown.some((m) => m.verdict.status === 'open' || m.verdict.status === 'not_applicable')) swatch(COLORS.idle, words.t('chart.legend.openOrNa'));
  parts.push(
    `<line x1="${f1(lx + 2)}" x2="${f1(lx + 2)}" y1="${ly - 10}" y2="${ly + 1}" stroke="${COLORS.target}" stroke-width="2"/><text x="${f1(lx + 8)}" y="${ly}">${escapeXml(words.t('chart.legend.target'))}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
