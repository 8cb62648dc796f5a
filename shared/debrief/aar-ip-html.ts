/**
 * The HSEEP After-Action Report / Improvement Plan (#19) as one printable HTML document (the PDF
 * is this, printed by the same Chromium path as the report), in HSEEP's order: Exercise Overview,
 * Executive Summary, Analysis of Capabilities (the Objective · Capability · P · S · M · U table
 * beside the engine's score, then strengths and areas for improvement per capability, each with
 * its observation and timeline moment), the team's own words and decisions, Appendix A the
 * Improvement Plan matrix, Appendix B participants and evaluators, Appendix C the hot wash.
 */
import { RATINGS } from '../engine/inputs.ts';
import { EN, wordsFor } from '../i18n/words.ts';
import { roleInline, verdictStatusLabel } from '../i18n/labels.ts';
import { calendarDate, CSS, esc, kv, table } from './report-html.ts';
import type { AarIpModel } from './aar-ip.ts';
import { ROLES, type Role } from '../scenario/schema.ts';

const t = EN.t.bind(EN);

/** A role as the appendix names it: a built-in incident role, else the word as journaled. */
const roleText = (role: string) =>
  (ROLES as ReadonlyArray<string>).includes(role) ? roleInline(role as Role) : role === 'evaluator' ? t('aar.role.evaluator') : role;

/** The Improvement Plan matrix has nine columns: smaller print, dates on one line. */
const AAR_CSS = `
section#improvement-plan table { font-size: 7pt; }
section#improvement-plan th, section#improvement-plan td { padding: 2pt 1.5pt; overflow-wrap: normal; word-wrap: normal; hyphens: manual; }
section#improvement-plan td:nth-child(7), section#improvement-plan td:nth-child(8) { white-space: nowrap; }
`;

const list = (items: ReadonlyArray<string>, empty: string) =>
  items.length ? `<ul>${items.map((x) => `<li>${x}</li>`).join('')}</ul>` : `<p class="muted">${esc(empty)}</p>`;

const engineCell = (m: AarIpModel, e: AarIpModel['objectives'][number]['engine']) =>
  m.exerciseType === 'discussion' ? esc(t('aar.engine.discussion')) : e ? `${e.score}/100 · ${esc(verdictStatusLabel(e.verdict))}` : '—';

export function aarIpHtml(m: AarIpModel): string {
  const r = m.report;
  const o = m.overview;
  // Dates as the rest of the report prints them, in the report's language (never ISO).
  const day = (iso: string) => calendarDate(iso, wordsFor(r.locale));
  const s: string[] = [];
  s.push(
    `<header class="cover"><div class="muted small">${esc(t('aar.kicker'))}</div><h1>${esc(t('aar.title'))}</h1><p class="subtitle">${esc(o.name)}</p><p class="muted small">${esc(day(o.date))} · ${esc(r.overview.scenario.id)} v${r.overview.scenario.version} · ${esc(r.overview.exerciseId)}</p></header>`,
  );
  for (const w of r.warnings) s.push(`<p class="warning">${esc(w)}</p>`);

  // Exercise Overview
  s.push(`<section id="exercise-overview"><h2>${esc(t('aar.h.overview'))}</h2>`);
  s.push(
    kv([
      [t('aar.f.name'), o.name],
      [t('aar.f.date'), day(o.date)],
      [t('aar.f.type'), t(m.exerciseType === 'discussion' ? 'aar.type.discussion' : 'aar.type.operations')],
      [t('aar.f.scope'), o.scope],
      [t('aar.f.missionArea'), o.missionArea],
      [t('aar.f.threat'), o.threatHazard],
      [t('aar.f.scenario'), `${r.overview.scenario.title}: ${r.overview.scenario.summary}`],
      [t('aar.f.sponsor'), o.sponsor],
      [t('aar.f.organisations'), o.organisations.join(', ')],
      [t('aar.f.poc'), o.pointOfContact],
      [t('aar.f.facilitator'), o.facilitator],
      [t('aar.f.evaluators'), o.evaluators.join(', ') || t('aar.none')],
      [t('aar.f.location'), o.location],
    ]),
  );
  s.push(
    `<h3>${esc(t('aar.h.objectives'))}</h3><ol>${m.objectives.map((x) => `<li><strong>${esc(x.id)}</strong> ${esc(x.text)}${x.capability ? ` <span class="muted">(${esc(x.capability)})</span>` : ''}</li>`).join('')}</ol>`,
  );
  s.push('</section>');

  // Executive Summary
  const c = m.ratingCounts;
  const rated = RATINGS.reduce((a, x) => a + c[x], 0);
  s.push(`<section id="executive-summary"><h2>${esc(t('aar.h.summary'))}</h2>`);
  s.push(
    `<p>${esc(rated ? t('aar.summary.ratings', { n: rated, p: c.P, s: c.S, m: c.M, u: c.U, objectives: m.objectives.length }) : t('aar.summary.noRatings'))}</p>`,
  );
  if (m.exerciseType === 'discussion')
    s.push(`<p>${esc(t('aar.summary.discussion', { decisions: m.decisions.length, hotwash: m.hotWash.people.length }))}</p>`);
  else for (const p of r.summary) s.push(`<p>${esc(p)}</p>`);
  s.push('</section>');

  // Analysis of Capabilities
  s.push(`<section id="analysis-of-capabilities" class="long"><h2>${esc(t('aar.h.analysis'))}</h2>`);
  s.push(`<p class="small muted intro">${esc(t('aar.ratings.intro'))}</p>`);
  s.push(
    table(
      [
        { head: t('aar.col.objective'), width: '25%' },
        { head: t('aar.col.capability'), width: '17%' },
        { head: 'P', width: '10.5%' },
        { head: 'S', width: '10.5%' },
        { head: 'M', width: '10.5%' },
        { head: 'U', width: '10.5%' },
        { head: t('aar.col.engine'), width: '16%' },
      ],
      m.objectives.map((x) => [
        `<strong>${esc(x.id)}</strong> ${esc(x.text)}${x.disagreement ? ` <span class="badge facilitator">${esc(t('aar.disagree'))}</span>` : ''}`,
        esc(x.capability ?? '—'),
        ...RATINGS.map((k) => (x.byRating[k].length ? `<strong>${k}</strong><br><span class="small">${esc(x.byRating[k].join(', '))}</span>` : '')),
        engineCell(m, x.engine),
      ]),
    ),
  );
  for (const cap of m.capabilities) {
    const head = cap.engine ? `${esc(cap.label)}: ${cap.engine.score}/100 · ${esc(verdictStatusLabel(cap.engine.verdict))}` : esc(cap.label);
    s.push(`<div class="capability"><h3>${head}</h3>`);
    const line = (x: { text: string; when: { text: string } | null; source: string }) =>
      `${x.when ? `<span class="muted">${esc(x.when.text)}</span> ` : ''}${esc(x.text)}${x.source !== 'engine' ? ` <span class="badge room">${esc(x.source)}</span>` : ''}`;
    s.push(`<h4>${esc(t('aar.h.strengths'))}</h4>${list(cap.strengths.map(line), t('aar.none'))}`);
    s.push(`<h4>${esc(t('aar.h.areas'))}</h4>${list(cap.areas.map(line), t('aar.none'))}`);
    s.push('</div>');
  }
  s.push('</section>');

  // The team's own words
  s.push(`<section id="team-words" class="long"><h2>${esc(t('aar.h.words'))}</h2>`);
  s.push(`<h3>${esc(t('aar.h.messages'))}</h3>`);
  s.push(
    m.words.messages.length
      ? table(
          [
            { head: t('aar.col.when'), width: '22%' },
            { head: t('aar.col.to'), width: '14%' },
            { head: t('aar.col.message'), width: '50%' },
            { head: t('aar.col.by'), width: '14%' },
          ],
          m.words.messages.map((x) => [esc(x.when.text), esc(x.audience), esc(x.text), esc(x.by)]),
        )
      : `<p class="muted">${esc(t('aar.none'))}</p>`,
  );
  s.push(
    `<h3>${esc(t('aar.h.declared'))}</h3>${list(
      m.words.declared.map((x) => `<span class="muted">${esc(x.when.text)}</span> ${esc(x.text)}${x.by ? ` (${esc(x.by)})` : ''}`),
      t('aar.none'),
    )}`,
  );
  s.push(`<h3>${esc(t('aar.h.decisions'))}</h3>`);
  s.push(
    m.decisions.length
      ? table(
          [
            { head: t('aar.col.when'), width: '20%' },
            { head: t('aar.col.decision'), width: '34%' },
            { head: t('aar.col.owner'), width: '14%' },
            { head: t('aar.col.rationale'), width: '32%' },
          ],
          m.decisions.map((x) => [
            esc(x.when.text),
            `${esc(x.text)}${x.question ? `<br><span class="small muted">${esc(x.question)}</span>` : ''}`,
            esc(x.owner),
            esc(x.rationale),
          ]),
        )
      : `<p class="muted">${esc(t('aar.none'))}</p>`,
  );
  s.push(
    `<h3>${esc(t('aar.h.notes'))}</h3>${list(
      m.words.notes.map((x) => `<span class="muted">${esc(x.when.text)}</span> ${esc(x.text)}`),
      t('aar.none'),
    )}`,
  );
  s.push('</section>');

  // Appendix A: Improvement Plan
  s.push(`<section id="improvement-plan" class="long page-break"><h2>${esc(t('aar.h.plan'))}</h2>`);
  s.push(
    m.plan.length
      ? table(
          [
            // Start and due are wide enough for a whole date in any language ("15 sept. 2026").
            { head: t('aar.col.capability'), width: '12%' },
            { head: t('aar.col.issue'), width: '17%' },
            { head: t('aar.col.action'), width: '19%' },
            { head: t('aar.col.element'), width: '9%' },
            { head: t('aar.col.organisation'), width: '9%' },
            { head: t('aar.col.owner'), width: '6%' },
            { head: t('aar.col.start'), width: '11%' },
            { head: t('aar.col.due'), width: '11%' },
            { head: t('aar.col.status'), width: '6%' },
          ],
          m.plan.map((x) => [
            esc(x.capability),
            esc(x.issue),
            esc(x.correctiveAction),
            esc(x.element),
            esc(x.organisation),
            esc(x.owner),
            esc(day(x.start)),
            esc(day(x.due)),
            esc(x.status),
          ]),
        )
      : `<p class="muted">${esc(t('aar.none'))}</p>`,
  );
  s.push('</section>');

  // Appendix B: participants and evaluators
  s.push(`<section id="participants"><h2>${esc(t('aar.h.participants'))}</h2>`);
  const listed = new Set([...r.overview.participants.map((p) => p.name), ...o.evaluators, o.facilitator]);
  const people = [
    ...r.overview.participants.map((p) => [esc(p.name), esc(p.role ? roleInline(p.role) : '')]),
    // Anyone else the journal names (joined without an incident role, or only gave a hot wash).
    ...m.people.filter((p) => !listed.has(p.name)).map((p) => [esc(p.name), esc(p.role ? roleText(p.role) : '')]),
    ...o.evaluators.map((n) => [esc(n), esc(t('aar.role.evaluator'))]),
    [esc(o.facilitator), esc(t('aar.role.facilitator'))],
  ];
  s.push(
    table(
      [
        { head: t('aar.col.name'), width: '50%' },
        { head: t('aar.col.role'), width: '50%' },
      ],
      people,
    ),
  );
  s.push('</section>');

  // Appendix C: hot wash
  s.push(`<section id="hot-wash" class="long"><h2>${esc(t('aar.h.hotwash'))}</h2>`);
  const hw = m.hotWash;
  s.push(
    `<p>${esc(hw.people.length ? t('aar.hotwash.summary', { n: hw.people.length, confidence: hw.confidence === null ? '—' : String(hw.confidence) }) : t('aar.hotwash.none'))}</p>`,
  );
  if (hw.people.length)
    s.push(
      table(
        [
          { head: t('aar.col.name'), width: '13%' },
          { head: t('aar.col.wentWell'), width: '22%' },
          { head: t('aar.col.improve'), width: '22%' },
          { head: t('aar.col.playbook'), width: '19%' },
          { head: t('aar.col.confidence'), width: '11%', num: true },
          { head: t('aar.col.comments'), width: '13%' },
        ],
        hw.people.map((p) => [
          esc(p.by),
          esc(p.wentWell),
          esc(p.improve),
          esc(p.playbookChange),
          p.confidence === null ? '' : String(p.confidence),
          esc(p.comments),
        ]),
      ),
    );
  s.push('</section>');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${t('aar.title')}: ${o.name}`)}</title>
<style>${CSS}${AAR_CSS}</style>
</head>
<body>
${s.join('\n')}
</body>
</html>
`;
}
