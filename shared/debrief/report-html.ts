/**
 * The After-Action Report as one standalone, printable HTML document (the PDF is this, printed).
 *
 * Everything is inline: CSS with an A4 print style, charts as SVG. Tables use a fixed layout with
 * wrapping cells so nothing is cut off at the page edge; header rows repeat on every page; rows,
 * figures, short tables and short sections are kept whole across page breaks, and a heading or
 * lead-in stays with what follows it.
 */
import '../i18n/all-catalogues.ts'; // words reports and pages in any language, not only English
import { DEFINITIONS } from '../scoring/definitions.ts';
import type { ReportModel } from './report-model.ts';
import { overviewRows } from './overview-rows.ts';
import { keyTimeRows, metricValueWord } from './key-times.ts';
import type { VerdictStatus } from '../scoring/verdict.ts';
import { escapeXml, harmChartSvg, keyTimesChartSvg, metricsChartSvg } from './svg-charts.ts';
import { wordsFor, type Words } from '../i18n/words.ts';
import { roleInline, verdictStatusLabel } from '../i18n/labels.ts';
import type { LegalClock } from '../frameworks/mapping.ts';

export const esc = escapeXml;

/**
 * A calendar date the model keeps as "2026-06-03" (plan due and start dates, the exercise date),
 * printed as the rest of the report prints dates ("3 Jun 2026", "3 juin 2026"); anything else a
 * facilitator typed is shown as typed.
 */
export function calendarDate(text: string, w: Words): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) ? w.date(Date.parse(text)) : text;
}

/** The report's print stylesheet (the HSEEP AAR/IP, aar-ip-html.ts, prints with it too). */
export const CSS = `
/* The glossary closes the report: set compact, in two balanced columns, so its tail does not spill a
   few lines onto a last page of its own (#20: the French report ended on a near-empty page). */
dl.definitions { columns: 2; column-gap: 14pt; column-fill: balance; font-size: 8.5pt; line-height: 1.35; margin: 0; }
dl.definitions dt { font-weight: 600; margin-top: 0.35em; break-after: avoid; page-break-after: avoid; }
dl.definitions dt:first-child { margin-top: 0; }
dl.definitions dd { margin: 0; orphans: 2; widows: 2; }
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { font: 9.5pt/1.42 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1b1b1b; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 182mm; padding: 0; }
@media screen { body { padding: 12mm 0; } }
h1 { font-size: 19pt; margin: 0 0 2pt; color: #0d2c54; }
h2 { font-size: 13pt; margin: 14pt 0 5pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #0d2c54; color: #0d2c54; page-break-after: avoid; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 9pt 0 3pt; page-break-after: avoid; break-after: avoid; }
h4 { font-size: 9.5pt; margin: 6pt 0 2pt; page-break-after: avoid; break-after: avoid; }
p { margin: 0 0 5pt; orphans: 3; widows: 3; }
ul, ol { margin: 0 0 5pt; padding-left: 16pt; }
li { margin: 0 0 2pt; page-break-inside: avoid; break-inside: avoid; }
.subtitle { font-size: 12pt; margin: 0 0 6pt; }
.muted { color: #5f5f5f; }
.small { font-size: 8.5pt; }
.cover { border-bottom: 3pt solid #0d2c54; padding-bottom: 6pt; margin-bottom: 8pt; }
.warning { border: 1pt solid #c62828; background: #fdecea; padding: 4pt 6pt; margin: 4pt 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 3pt 0 8pt; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
table.keep { page-break-inside: avoid; break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 2.5pt 4pt; border-bottom: 0.6pt solid #c9c9c9; overflow-wrap: break-word; word-wrap: break-word; hyphens: auto; white-space: normal; }
th { background: #e8eef6; font-weight: 600; border-bottom: 1pt solid #0d2c54; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.kv th { width: 30%; background: none; border-bottom: 0.6pt solid #c9c9c9; }
.met { color: #2e7d32; font-weight: 600; }
.missed { color: #c62828; font-weight: 600; }
.verdict-neutral { color: #555; font-weight: 600; }
.badge { display: inline-block; padding: 0 4pt; border-radius: 3pt; font-size: 8pt; font-weight: 600; }
.badge.room { background: #e3f2e5; color: #245b28; }
.badge.facilitator { background: #fdf0d8; color: #7a4b00; }
tr.facilitator td { background: #fffaf0; }
.score-big { font-size: 22pt; font-weight: 700; color: #0d2c54; }
.scores { display: flex; gap: 16pt; align-items: baseline; margin: 2pt 0 6pt; }
figure { margin: 4pt 0 8pt; page-break-inside: avoid; break-inside: avoid; }
figcaption { font-size: 8.5pt; color: #5f5f5f; margin-top: 2pt; }
svg { display: block; max-width: 100%; height: auto; }
section { page-break-inside: avoid; break-inside: avoid; }
section.long { page-break-inside: auto; break-inside: auto; }
.capability { page-break-inside: avoid; break-inside: avoid; border-left: 3pt solid #c9c9c9; padding: 1pt 0 1pt 7pt; margin: 0 0 8pt; }
.capability.met { border-left-color: #2e7d32; color: inherit; font-weight: normal; }
.capability.missed { border-left-color: #c62828; color: inherit; font-weight: normal; }
p.intro { page-break-after: avoid; break-after: avoid; }
.page-break { page-break-before: always; break-before: page; }
a { color: #1f5fa8; text-decoration: none; }
/* #21: the framework appendix's seven columns break lines between words and at the breaks its cells
   mark (<wbr>), never inside a word or an id; ids stay whole (nowrap). */
section#framework-mapping table.fm { font-size: 7.5pt; }
section#framework-mapping table.fm th, section#framework-mapping table.fm td { padding: 2pt 2.5pt; overflow-wrap: normal; word-wrap: normal; word-break: normal; hyphens: manual; }
.nowrap { white-space: nowrap; }
`;

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
const result = (met: boolean, w: Words) => verdictTag(met ? 'met' : 'missed', w);
/** A verdict as a coloured word: met green, missed red, open and not applicable neutral. */
const verdictTag = (status: VerdictStatus, w: Words) =>
  `<span class="${status === 'met' || status === 'missed' ? status : 'verdict-neutral'}">${verdictStatusLabel(status, w)}</span>`;

/** Tables with at most this many rows are not split across pages. */
const KEEP_ROWS = 12;
/**
 * …and short in text: a table of a few tall rows (the score card's reasons, the what-ifs' findings)
 * kept whole jumps to the next page and leaves this one nearly empty (#20: page 2 of the report held
 * only "3. Score card" and the score), so such a table breaks between its rows instead.
 */
const KEEP_CHARS = 1200;

export function table(
  cols: ReadonlyArray<{ head: string; width?: string; num?: boolean }>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  rowClass?: (i: number) => string,
  className?: string,
): string {
  const colgroup = `<colgroup>${cols.map((c) => `<col${c.width ? ` style="width:${c.width}"` : ''}>`).join('')}</colgroup>`;
  const head = `<thead><tr>${cols.map((c) => `<th${c.num ? ' class="num"' : ''}>${esc(c.head)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(
      (r, i) => `<tr${rowClass ? ` class="${rowClass(i)}"` : ''}>${r.map((cell, j) => `<td${cols[j]?.num ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`,
    )
    .join('');
  // A short table is kept on one page rather than leaving a row or two on the next.
  const chars = rows.reduce((n, r) => n + r.reduce((m, cell) => m + cell.replace(/<[^>]*>/g, '').length, 0), 0);
  const classes = [className, rows.length <= KEEP_ROWS && chars <= KEEP_CHARS ? 'keep' : ''].filter(Boolean).join(' ');
  return `<table${classes ? ` class="${classes}"` : ''}>${colgroup}${head}<tbody>${body}</tbody></table>`;
}

export function kv(rows: ReadonlyArray<[string, string | number | null]>): string {
  return `<table class="kv"><tbody>${rows
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(String(v))}</td></tr>`)
    .join('')}</tbody></table>`;
}

export interface HtmlOptions {
  /** Wall-clock label for a sim time, printed under chart ticks ("Mon 14:00"). */
  tickLabel?: (t: number) => string;
}

export function reportHtml(m: ReportModel, opts: HtmlOptions = {}): string {
  const o = m.overview;
  const w = wordsFor(m.locale);
  const dur = (ms: number | null) => (ms === null ? w.t('keyMetric.value.never') : w.duration(ms));
  const s: string[] = [];
  s.push(
    `<header class="cover"><div class="muted small">${esc(w.t('report.kicker'))}</div><h1>${esc(m.title)}</h1><p class="subtitle">${esc(o.exerciseName)}</p><p class="muted small">${esc(w.t('report.coverMeta', { date: w.date(Date.parse(o.date)), scenario: o.scenario.id, version: o.scenario.version, seed: o.seed, exercise: o.exerciseId }))}</p></header>`,
  );
  for (const x of m.warnings) s.push(`<p class="warning">${esc(w.t('report.warning', { text: x }))}</p>`);

  // 1. Overview
  s.push(`<section id="overview"><h2>${esc(w.t('report.h.overview'))}</h2>`);
  s.push(kv(overviewRows(m, w)));
  s.push(`<p>${esc(o.scenario.summary)}</p>`);
  s.push(`<h3>${esc(w.t('report.h.objectives'))}</h3><ol>${o.objectives.map((x) => `<li>${esc(x)}</li>`).join('')}</ol>`);
  s.push(`<h3>${esc(w.t('report.h.participants'))}</h3>`);
  s.push(
    o.participants.length
      ? table(
          [
            { head: w.t('report.col.name'), width: '35%' },
            { head: w.t('report.col.role'), width: '35%' },
            { head: w.t('report.col.assignedAt'), width: '15%' },
            { head: w.t('report.col.actions'), width: '15%' },
          ],
          o.participants.map((p) => [
            esc(p.name),
            esc(p.role ? roleInline(p.role, w) : ''),
            p.assignedAt === null ? '' : esc(w.offset(p.assignedAt)),
            esc(w.whole(p.actions)),
          ]),
        )
      : `<p class="muted">${esc(w.t('report.noParticipants'))}</p>`,
  );
  s.push('</section>');

  // 2. Summary
  s.push(`<section id="summary"><h2>${esc(w.t('report.h.summary'))}</h2>${m.summary.map((p) => `<p>${esc(p)}</p>`).join('')}</section>`);

  // 3. Score card
  s.push(`<section id="scores" class="long"><h2>${esc(w.t('report.h.scores'))}</h2>`);
  s.push(
    `<div class="scores"><div><div class="muted small">${esc(w.t('debrief.engineScore'))}</div><span class="score-big">${m.scores.engineOverall}</span>/100</div>${m.scores.adjusted ? `<div><div class="muted small">${esc(w.t('report.afterFacilitator'))}</div><span class="score-big">${m.scores.adjustedOverall}</span>/100</div>` : ''}</div>`,
  );
  s.push(
    table(
      [
        { head: w.t('debrief.col.capability'), width: '17%' },
        // Wide enough for the French headings ("Poids", "Ajust.") on one line.
        { head: w.t('report.col.wt'), width: '7%', num: true },
        { head: w.t('debrief.col.engine'), width: '9%', num: true },
        { head: w.t('report.col.adj'), width: '8%', num: true },
        { head: w.t('report.col.final'), width: '7%', num: true },
        { head: w.t('debrief.col.target'), width: '10%' },
        { head: w.t('report.col.reason'), width: '42%' },
      ],
      m.scores.rows.map((r) => [
        esc(r.capability),
        String(r.weight),
        String(r.engine),
        signed(r.delta),
        `<b>${r.adjusted}</b>`,
        result(r.met, w),
        esc(r.reason) + (r.adjustmentReasons.length ? `<br><i>${esc(w.t('debrief.facilitatorNote', { text: r.adjustmentReasons.join('; ') }))}</i>` : ''),
      ]),
    ),
  );
  s.push('</section>');

  // 4. Key times
  const rows = keyTimeRows(m.keyTimes);
  const end = m.card.keyTimes.end;
  s.push(`<section id="key-times" class="long"><h2>${esc(w.t('report.h.keyTimes'))}</h2>`);
  s.push(
    table(
      [
        { head: w.t('debrief.col.metric'), width: '38%' },
        { head: w.t('debrief.col.actual'), width: '14%', num: true },
        { head: w.t('debrief.col.target'), width: '14%', num: true },
        { head: w.t('debrief.col.result'), width: '12%' },
        { head: w.t('report.col.measuredFrom'), width: '22%' },
      ],
      m.keyTimes.metrics.map((k) => [
        esc(k.label),
        esc(k.value === null ? metricValueWord(k, w) : dur(k.value)),
        esc(w.duration(k.target)),
        verdictTag(k.verdict.status, w),
        esc(k.from),
      ]),
    ),
  );
  s.push(`<figure>${metricsChartSvg(m.keyTimes.metrics, (ms) => w.duration(ms), w)}<figcaption>${esc(w.t('report.fig.metrics'))}</figcaption></figure>`);
  s.push(`<figure>${keyTimesChartSvg(rows, end, opts.tickLabel)}<figcaption>${esc(w.t('report.fig.keyTimes'))}</figcaption></figure>`);
  s.push(
    table(
      [
        { head: w.t('report.col.moment'), width: '46%' },
        { head: w.t('report.col.simTime'), width: '22%' },
        { head: w.t('report.col.wallClock'), width: '32%' },
      ],
      rows.map((r) => [esc(r.label), esc(r.offset), esc(r.wall)]),
    ),
  );
  s.push('</section>');

  // 5. Harm and what-ifs
  s.push(`<section id="harm" class="long"><h2>${esc(w.t('report.h.harm'))}</h2>`);
  s.push(
    table(
      [
        { head: w.t('debrief.col.harm'), width: '40%' },
        { head: w.t('debrief.harm.thisRun'), width: '20%', num: true },
        { head: w.t('debrief.harm.doNothing'), width: '20%', num: true },
        { head: w.t('debrief.col.best'), width: '20%', num: true },
      ],
      m.harm.rows.map((h) => [esc(h.label), `<b>${esc(h.actualText)}</b>`, esc(h.doNothingText), esc(h.bestText)]),
    ),
  );
  if (m.harm.costs.revenueLost > 0 || m.harm.costs.userHoursWithoutService > 0) {
    s.push(
      `<p>${esc(w.t('report.costs', { revenue: w.money(m.harm.costs.revenueLost, m.harm.currency), hours: w.whole(m.harm.costs.userHoursWithoutService) }))}</p>`,
    );
  }
  for (const h of m.harm.curve.harms) {
    const chart = harmChartSvg(m.harm.curve, { harmId: h.id, currency: m.harm.currency, words: w, ...(opts.tickLabel ? { tickLabel: opts.tickLabel } : {}) });
    s.push(`<figure>${chart.svg}<figcaption>${esc(w.t('report.fig.harm', { label: h.label }))}</figcaption></figure>`);
    if (h === m.harm.curve.harms[0] && chart.markers.length) {
      s.push(
        table(
          [
            { head: '#', width: '6%', num: true },
            { head: w.t('report.col.simTime'), width: '16%' },
            { head: w.t('report.col.decision'), width: '78%' },
          ],
          chart.markers.map((x) => [String(x.n), esc(w.offset(x.t)), esc(x.label)]),
        ),
      );
    }
  }
  s.push(`<h3>${esc(w.t('report.h.whatIfs'))}</h3><p class="small muted intro">${esc(w.t('report.whatIfs.intro'))}</p>`);
  s.push(
    m.whatIf.items.length
      ? table(
          [
            { head: w.t('report.col.whatIf'), width: '22%' },
            { head: w.t('debrief.col.finding'), width: '66%' },
            { head: w.t('debrief.col.overall'), width: '12%', num: true },
          ],
          m.whatIf.items.map((x) => [esc(x.title), esc(x.sentence), x.outcome ? `${m.whatIf.baseline.overall} → <b>${x.outcome.overall}</b>` : '—']),
        )
      : `<p class="muted">${esc(w.t('debrief.whatIf.none'))}</p>`,
  );
  s.push('</section>');

  // 6. Analysis
  s.push(`<section id="analysis" class="long"><h2>${esc(w.t('report.h.analysis'))}</h2>`);
  for (const a of m.analysis) {
    s.push(
      `<div class="capability ${a.met ? 'met' : 'missed'}"><h3>${w.t('report.capability', { capability: esc(a.capability), score: a.adjusted, result: result(a.met, w) })}</h3>`,
    );
    if (a.strengths.length) s.push(`<h4>${esc(w.t('debrief.strengths'))}</h4><ul>${a.strengths.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`);
    if (a.areas.length) s.push(`<h4>${esc(w.t('debrief.areas'))}</h4><ul>${a.areas.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`);
    if (a.observations.length)
      s.push(
        `<h4>${esc(w.t('report.h.observationsSub'))}</h4><ul>${a.observations.map((x) => `<li>${x.when ? `<a href="#${esc(x.ref ?? '')}">${esc(x.when)}</a>: ` : ''}${esc(x.text)}${x.source === 'facilitator' ? ` <span class="badge facilitator">${esc(w.t('report.visibility.facilitator'))}</span>` : ''}</li>`).join('')}</ul>`,
      );
    s.push('</div>');
  }
  s.push('</section>');

  // 7. Observations
  s.push(`<section id="observations"><h2>${esc(w.t('report.h.observations'))}</h2>`);
  s.push(
    m.observations.length
      ? `<ul>${m.observations.map((x) => `<li>${x.when ? `<a href="#${esc(x.ref ?? '')}">${esc(x.when)}</a>: ` : ''}${esc(x.text)}</li>`).join('')}</ul>`
      : `<p class="muted">${esc(w.t('report.noneRecorded'))}</p>`,
  );
  s.push('</section>');

  // 8. Improvement plan
  s.push(`<section id="plan" class="long"><h2>${esc(w.t('report.h.plan'))}</h2>`);
  if (m.plan.suggested) s.push(`<p class="small muted intro">${esc(w.t('report.plan.suggested'))}</p>`);
  s.push(
    m.plan.items.length
      ? table(
          [
            { head: '#', width: '5%', num: true },
            { head: w.t('debrief.col.capability'), width: '17%' },
            { head: w.t('debrief.col.action'), width: '43%' },
            { head: w.t('debrief.col.owner'), width: '13%' },
            { head: w.t('debrief.col.due'), width: '13%' },
            { head: w.t('debrief.col.status'), width: '9%' },
          ],
          m.plan.items.map((x, i) => [
            String(i + 1),
            esc(x.capability ?? ''),
            esc(x.text),
            esc(x.owner),
            esc(calendarDate(x.due, w)),
            esc(w.t(`debrief.plan.${x.status}`)),
          ]),
        )
      : `<p class="muted">${esc(w.t('report.noActions'))}</p>`,
  );
  s.push('</section>');

  // Appendix: timeline
  s.push(
    `<section id="timeline" class="long page-break"><h2>${esc(w.t('report.h.timeline'))}</h2><p class="small muted intro">${esc(w.t('report.timeline.intro'))}</p>`,
  );
  s.push(
    table(
      [
        { head: w.t('report.col.simTime'), width: '14%' },
        { head: w.t('report.col.wallClock'), width: '15%' },
        { head: w.t('report.col.kind'), width: '14%' },
        { head: w.t('report.col.entry'), width: '44%' },
        { head: w.t('report.col.visibility'), width: '13%' },
      ],
      m.timeline.map((r) => [
        `<span id="${esc(r.id)}">${esc(r.offset)}</span>`,
        esc(r.wall),
        esc(w.t(`timelineKind.${r.kind}`)),
        esc(r.text),
        `<span class="badge ${r.visibility}">${esc(w.t(`report.visibility.${r.visibility}`))}</span>`,
      ]),
      (i) => m.timeline[i]!.visibility,
    ),
  );
  s.push('</section>');

  // Appendix: the definitions each reason cites, from the catalogue (in English, the text README.md's
  // Scoring section quotes; a unit test keeps the two equal).
  // #21 Appendix: framework mapping
  if (m.frameworkMapping) s.push(frameworkAppendixHtml(m.frameworkMapping, w));

  s.push(
    `<section id="definitions" class="long"><h2>${esc(w.t('report.h.definitions'))}</h2><dl class="definitions">${Object.values(DEFINITIONS)
      .map((d) => `<dt>${esc(w.t(`definition.${d.id}`))}</dt><dd>${esc(w.t(`definitionText.${d.id}`))}</dd>`)
      .join('')}</dl></section>`,
  );

  return `<!doctype html>
<html lang="${m.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${m.title}: ${o.exerciseName}`)}</title>
<style>${CSS}</style>
</head>
<body>
${s.join('\n')}
</body>
</html>
`;
}

/** An id kept on one line (AML.T0051.001, MEASURE-2.7). */
const whole = (id: string) => `<span class="nowrap">${esc(id)}</span>`;
/** A name or camel-case id that may break after a slash and between its words, never inside one. */
const breakable = (text: string) =>
  esc(text)
    .replace(/\//g, '/<wbr>')
    .replace(/([a-z])([A-Z])/g, '$1<wbr>$2');

/** #21: "Appendix: Framework mapping", one row per finding and per improvement-plan action. */
function frameworkAppendixHtml(fm: NonNullable<ReportModel['frameworkMapping']>, w: Words): string {
  const ids = (xs: ReadonlyArray<{ id: string; name: string }>) => xs.map((x) => `${esc(x.name)} <span class="muted">(${esc(x.id)})</span>`).join('<br>');
  const v = fm.versions;
  const tags: [string, string][] = [
    [w.t('report.fw.cosaiRisks', { version: v.cosai }), ids(fm.tags.risks)],
    [w.t('report.fw.cosaiControls', { version: v.cosai }), ids(fm.tags.controls)],
    [w.t('report.fw.atlasTechniques', { version: v.atlas }), ids(fm.tags.atlasTechniques)],
    [w.t('report.fw.atlasMitigations', { version: v.atlas }), ids(fm.tags.atlasMitigations)],
    [w.t('report.fw.owasp', { version: v.owasp }), ids(fm.tags.owasp)],
    [w.t('report.fw.nistRmfSub', { version: v.nistAiRmf }), esc(fm.tags.nistAiRmf.join(', '))],
    [w.t('report.fw.nist600Risks', { version: v.nistAi600 }), ids(fm.tags.nistAi600)],
    [
      w.t('report.fw.harm'),
      fm.tags.harm
        ? esc(
            w.t('report.fw.harmValue', {
              level: fm.tags.harm.level,
              basis: fm.tags.harm.basis.join(', ') || w.t('report.fw.none'),
              sector: fm.tags.harm.sector.join(', '),
              autonomy: fm.tags.harm.autonomy,
            }),
          )
        : '',
    ],
  ];
  const clock = (c: { citation: string; status: LegalClock['status'] }) => `${esc(c.citation)}: <strong>${esc(verdictStatusLabel(c.status, w))}</strong>`;
  return [
    `<section id="framework-mapping" class="long page-break"><h2>${esc(w.t('report.fw.title'))}</h2>`,
    `<p class="small muted intro">${esc(w.t('report.fw.intro'))}</p>`,
    `<table class="kv keep"><tbody>${tags
      .filter(([, val]) => val !== '')
      .map(([k, val]) => `<tr><th>${esc(k)}</th><td>${val}</td></tr>`)
      .join('')}</tbody></table>`,
    table(
      [
        { head: w.t('report.fw.col.item'), width: '21%' },
        { head: w.t('report.fw.col.capability'), width: '13%' },
        { head: w.t('report.fw.col.risk'), width: '14%' },
        { head: w.t('report.fw.col.control'), width: '15%' },
        { head: w.t('report.fw.col.atlasOwasp'), width: '13%' },
        { head: w.t('report.fw.col.nist'), width: '11%' },
        { head: w.t('report.fw.col.clock'), width: '13%' },
      ],
      fm.rows.map((r) => [
        `${r.kind === 'finding' ? `<strong>${esc(w.t(r.met ? 'report.fw.met' : 'report.fw.notMet'))}:</strong> ` : ''}${esc(r.text)}`,
        esc(r.capability),
        r.risks.map((x) => breakable(x.name)).join(', '),
        r.control ? `${breakable(r.control.name)}<br><span class="muted">(${breakable(r.control.id)})</span>` : '',
        [...r.atlas, ...r.owasp].map(whole).join('<br>'),
        r.nist.map(whole).join('<br>'),
        r.legalClocks.map(clock).join('<br>'),
      ]),
      undefined,
      'fm',
    ),
    '</section>',
  ].join('');
}
