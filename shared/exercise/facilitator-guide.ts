/**
 * The Facilitator Guide and the participants' Situation Manual of a scenario, as one standalone
 * printable HTML document each (the PDF is this, printed by the same Chromium as the report).
 *
 * Both carry the exercise overview, objectives and capabilities, roles, ground rules, the
 * schedule and, per module, its situation and discussion questions. Only the facilitator's version
 * carries what would spoil the exercise: the injects (the MSEL), the expected actions, the
 * facilitator notes and the facilitator's brief (what went wrong, the fix). Which parts are
 * facilitator-only is decided here in one place (`facilitatorOnly`), and a test reads both PDFs.
 */
import { formatOffset } from '../scenario/duration.ts';
import { capabilityLabel, criticalTasksOf, moduleOfInject, plannedAt, CAPABILITIES } from '../scenario/exercise-plan.ts';
import { AUDIENCES, type Audience, type Inject, type Scenario } from '../scenario/schema.ts';
import { audienceNoun } from '../i18n/labels.ts';
import { wallTime } from '../scenario/sim-time.ts';
import { escapeXml as esc } from '../debrief/svg-charts.ts';
import { METHOD_LABELS } from './channel-labels.ts';

export type GuideVersion = 'facilitator' | 'participant';

export interface GuideRole {
  id: string;
  label: string;
  /** What the role receives and may do, in a line. */
  duties: string;
}

export interface GuideOptions {
  version: GuideVersion;
  /** The exercise's roles (the host derives them from the scenario's routing). */
  roles: GuideRole[];
}

export const GROUND_RULES = [
  'This is a no-fault exercise: it tests plans and systems, not people.',
  'Respond as you would in a real incident, with the people and tools you really have.',
  'Decisions are not binding; say what you would do and why.',
  'Time moves on the exercise clock: the facilitator may speed it up or pause it.',
  'The facilitator may bring in injects and questions; treat them as real.',
  'Evaluators observe and rate the objectives; they do not take part in the response.',
  'Everything the team enters is kept and used for the After-Action Report.',
];

const CSS = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { font: 9.5pt/1.45 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1b1b1b; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 182mm; }
h1 { font-size: 19pt; margin: 0 0 2pt; color: #0d2c54; }
h2 { font-size: 13pt; margin: 14pt 0 5pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #0d2c54; color: #0d2c54; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 9pt 0 3pt; break-after: avoid; }
h4 { font-size: 9.5pt; margin: 6pt 0 2pt; break-after: avoid; }
p { margin: 0 0 5pt; orphans: 3; widows: 3; }
ul, ol { margin: 0 0 5pt; padding-left: 16pt; }
li { margin: 0 0 2pt; break-inside: avoid; }
.cover { border-bottom: 3pt solid #0d2c54; padding-bottom: 6pt; margin-bottom: 8pt; }
.subtitle { font-size: 12pt; margin: 0 0 6pt; }
.muted { color: #5f5f5f; }
.version { display: inline-block; padding: 1pt 6pt; border-radius: 3pt; font-weight: 600; font-size: 8.5pt; }
.version.facilitator { background: #fdf0d8; color: #7a4b00; }
.version.participant { background: #e3f2e5; color: #245b28; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 3pt 0 8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 2.5pt 4pt; border-bottom: 0.6pt solid #c9c9c9; overflow-wrap: break-word; }
th { background: #e8eef6; font-weight: 600; border-bottom: 1pt solid #0d2c54; }
table.kv th { width: 30%; background: none; border-bottom: 0.6pt solid #c9c9c9; }
.module { margin-top: 12pt; }
/* A heading never ends a page: it travels with the block that follows it (Chromium honours
   break-inside on a wrapper more reliably than break-after on the heading alone). */
.keep { break-inside: avoid; }
.caps td:first-child { font-weight: 600; }
.facilitator-only { border-left: 3pt solid #d08a00; background: #fffaf0; padding: 3pt 7pt; margin: 4pt 0 8pt; }
.facilitator-only h4 { color: #7a4b00; }
.inject { border: 0.6pt solid #c9c9c9; padding: 4pt 6pt; margin: 0 0 6pt; break-inside: avoid; }
.inject .body { white-space: pre-wrap; font-size: 8.5pt; }
.notes-lines { border-bottom: 0.6pt solid #c9c9c9; height: 16pt; }
`;

/**
 * The time an inject is planned for, as the guide says it: "T+1h45m", or for an inject that
 * depends on play the rule in words ("45m after the team chooses “Switch Triage off”", "when
 * “Automated fraud holds” is above 60 an hour"), never the scenario's ids.
 */
export function plannedTime(s: Scenario, inj: Inject): string {
  const t = inj.trigger;
  if ('at' in t) return formatOffset(t.at);
  const at = plannedAt(s, inj);
  if (at !== null) return formatOffset(at);
  if ('after' in t) return `${t.after.delay ? `${formatOffset(t.after.delay).slice(2)} after ` : 'When '}${eventInWords(s, t.after.event)}`;
  const m = s.metrics.find((x) => x.id === t.metric);
  const unit = m?.unit ? ` ${m.unit}` : '';
  return `When “${m?.label ?? t.metric}” is ${t.above !== undefined ? `above ${t.above}` : `below ${t.below}`}${unit}`;
}

/** A trigger's event reference (schema.ts eventRef) in words, with the labels the team sees. */
export function eventInWords(s: Scenario, ref: string): string {
  const [kind, id = ''] = ref.split(':');
  const actionLabel = (x: string) =>
    s.containments.find((c) => c.id === x)?.label ?? s.investigations.find((c) => c.id === x)?.label ?? s.evidence.find((c) => c.id === x)?.label ?? x;
  switch (kind) {
    case 'fault':
      return 'the fault starts';
    case 'detection':
      return 'the team detects the incident';
    case 'containment':
      return 'the team contains the incident';
    case 'inject':
      return `“${s.injects.find((x) => x.id === id)?.title ?? id}” arrives`;
    case 'action':
      return `the team chooses “${actionLabel(id)}”`;
    case 'finding':
      return `the team finds the result of “${actionLabel(id)}”`;
    case 'communication':
      return `the team notifies ${(AUDIENCES as ReadonlyArray<string>).includes(id) ? audienceNoun(id as Audience) : id}`;
    case 'lifted':
      return `“${actionLabel(id)}” is lifted`;
    case 'fixed':
      return 'the fault is fixed';
    default:
      return ref;
  }
}

const list = (items: string[]) => (items.length ? `<ul>${items.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : '');

export function facilitatorGuideHtml(s: Scenario, options: GuideOptions): string {
  const full = options.version === 'facilitator';
  const title = full ? 'Facilitator Guide' : 'Situation Manual';
  const o: string[] = [];
  o.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(`${title}: ${s.title}`)}</title><style>${CSS}</style></head><body>`);
  o.push(
    `<header class="cover"><h1>${esc(s.title)}</h1><p class="subtitle">${title}</p>` +
      `<p><span class="version ${options.version}">${full ? 'Facilitator version: not for participants' : 'Participant version'}</span></p>` +
      `<p class="muted">${esc(s.system.client)} · ${esc(s.system.name)} · exercise clock starts ${esc(wallTime(s, 0))}</p></header>`,
  );

  // Exercise overview
  const ov = s.overview;
  const rows: [string, string | undefined][] = [
    ['Exercise name', s.title],
    ['Scope', ov.scope],
    ['Mission area', ov.missionArea],
    ['Threat or hazard', ov.threatHazard],
    ['Scenario', s.summary],
    ['Sponsor', ov.sponsor],
    ['Participating organisations', ov.participatingOrganizations?.join(', ')],
    ['Point of contact', ov.pointOfContact],
    ['Location', ov.location],
    ['Expected duration', formatOffset(s.expectedDuration).slice(2)],
    ['Difficulty', s.difficulty],
  ];
  o.push('<h2>Exercise overview</h2><table class="kv">');
  for (const [k, v] of rows) if (v) o.push(`<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`);
  o.push('</table>');
  o.push(`<h3>The system</h3><p>${esc(s.system.description || s.system.name)}</p>`);

  // Objectives and capabilities
  o.push(
    '<div class="keep"><h2>Objectives and capabilities</h2><table><thead><tr><th style="width:8%">#</th><th>Objective</th><th style="width:28%">Capability</th></tr></thead><tbody>',
  );
  s.objectives.forEach((x, i) =>
    o.push(`<tr><td>${i + 1}</td><td>${esc(x.text)}</td><td>${x.capability ? esc(capabilityLabel(s, x.capability)) : '—'}</td></tr>`),
  );
  o.push('</tbody></table></div>');
  const caps = capabilitiesInUse(s);
  if (caps.length) {
    o.push('<table class="caps"><thead><tr><th style="width:28%">Capability</th><th>Critical tasks</th></tr></thead><tbody>');
    for (const c of caps) o.push(`<tr><td>${esc(capabilityLabel(s, c))}</td><td>${list(criticalTasksOf(s, c))}</td></tr>`);
    o.push('</tbody></table>');
  }

  // Roles
  o.push('<div class="keep"><h2>Roles</h2><table><thead><tr><th style="width:28%">Role</th><th>Receives and may do</th></tr></thead><tbody>');
  o.push('<tr><td>Facilitator</td><td>Runs the clock, delivers injects, leads the discussion, logs decisions.</td></tr>');
  o.push('<tr><td>Evaluator</td><td>Observes and rates each objective (P, S, M, U) with observations tied to moments.</td></tr>');
  // The evaluator is worded once, above, whatever the routing calls it.
  for (const r of options.roles.filter((x) => x.id !== 'evaluator')) o.push(`<tr><td>${esc(r.label)}</td><td>${esc(r.duties)}</td></tr>`);
  o.push('</tbody></table></div>');

  // Ground rules
  o.push(`<div class="keep"><h2>Ground rules</h2><ul>${GROUND_RULES.map((g) => `<li>${esc(g)}</li>`).join('')}</ul></div>`);

  // Schedule
  o.push(
    '<div class="keep"><h2>Schedule</h2><table><thead><tr><th>Module</th><th style="width:22%">From</th><th style="width:22%">To</th></tr></thead><tbody>',
  );
  for (const m of s.modules)
    o.push(
      `<tr><td>${esc(m.title)}</td><td>${esc(formatOffset(m.from))}<br>${esc(wallTime(s, m.from))}</td><td>${esc(formatOffset(m.to))}<br>${esc(wallTime(s, m.to))}</td></tr>`,
    );
  if (s.modules.length === 0)
    o.push('<tr><td colspan="3">This scenario defines no modules: it runs as one phase until it is resolved or reaches its horizon.</td></tr>');
  o.push(
    `</tbody></table><p class="muted">The exercise ends when the team resolves the incident, or at ${esc(formatOffset(s.clock.horizon))} (${esc(wallTime(s, s.clock.horizon))}).</p></div>`,
  );

  // Facilitator's brief: what actually happens (facilitator only)
  if (full) {
    o.push('<div class="keep"><h2>Facilitator\'s brief</h2><div class="facilitator-only">');
    if (s.facilitator.brief) o.push(`<h4>What really happens (do not share)</h4><p>${esc(s.facilitator.brief)}</p>`);
    o.push('<h4>What went wrong</h4>');
    o.push(list(s.faults.map((f) => `${formatOffset(f.startsAt)}: ${f.description}`)));
    const fixes = s.containments.filter((c) => s.rubric.bestResponse.includes(c.id)).map((c) => c.label);
    o.push(`<h4>The best response</h4>${list(fixes)}`);
    const rc = s.rootCauses.find((r) => r.id === s.rubric.rootCause);
    if (rc) o.push(`<h4>Root cause</h4><p>${esc(rc.label)}</p>`);
    o.push('</div></div>');
  }

  // Modules
  const byModule = new Map<string | null, Inject[]>();
  for (const inj of s.injects) {
    const m = moduleOfInject(s, inj);
    byModule.set(m, [...(byModule.get(m) ?? []), inj]);
  }
  s.modules.forEach((m) => {
    o.push(
      `<section class="module"><div class="keep"><h2>${esc(m.title)}</h2><p class="muted">${esc(formatOffset(m.from))} to ${esc(formatOffset(m.to))} · ${esc(wallTime(s, m.from))} to ${esc(wallTime(s, m.to))}</p>` +
        (m.narrative ? `<h3>Situation</h3><p>${esc(m.narrative)}</p>` : '') +
        '</div>',
    );
    if (m.objectives.length)
      o.push(`<div class="keep"><h3>Objectives in play</h3>${list(m.objectives.map((id) => s.objectives.find((x) => x.id === id)?.text ?? id))}</div>`);
    const injects = byModule.get(m.id) ?? [];
    const injectQuestions = injects.flatMap((i) => i.questions);
    o.push(`<div class="keep"><h3>Discussion questions</h3>${list([...m.questions, ...injectQuestions])}</div>`);
    if (full) {
      o.push(`<div class="facilitator-only"><h4>Expected actions</h4>${list([...m.expectedActions, ...injects.flatMap((i) => i.expectedActions)])}`);
      if (m.facilitatorNotes) o.push(`<h4>Facilitator notes</h4><p>${esc(m.facilitatorNotes)}</p>`);
      o.push('</div>');
      injects.forEach((inj, i) => o.push(i === 0 ? `<div class="keep"><h3>Injects</h3>${injectHtml(s, inj)}</div>` : injectHtml(s, inj)));
    } else {
      o.push('<div class="keep"><h3>Notes</h3><div class="notes-lines"></div><div class="notes-lines"></div><div class="notes-lines"></div></div>');
    }
    o.push('</section>');
  });
  const loose = byModule.get(null) ?? [];
  if (!full && loose.some((i) => i.questions.length)) {
    o.push(`<section class="module keep"><h2>Questions as the situation develops</h2>${list(loose.flatMap((i) => i.questions))}</section>`);
  }
  if (full) {
    if (loose.length) {
      o.push(
        '<section class="module"><div class="keep"><h2>Injects that depend on play</h2><p>These arrive when the team does something, a metric crosses a line, or time passes after another event; the time is the rule.</p>' +
          `${injectHtml(s, loose[0]!)}</div>`,
      );
      for (const inj of loose.slice(1)) o.push(injectHtml(s, inj));
      o.push('</section>');
    }
  }
  o.push('</body></html>');
  return o.join('\n');
}

function injectHtml(s: Scenario, inj: Inject): string {
  const flags = [inj.severity !== 'info' ? inj.severity : '', inj.redHerring ? 'red herring' : '', inj.when ? 'conditional' : ''].filter(Boolean).join(', ');
  return (
    `<div class="inject"><h4>${esc(plannedTime(s, inj))} · ${esc(METHOD_LABELS[inj.channel])} · ${esc(inj.source)}${flags ? ` <span class="muted">(${esc(flags)})</span>` : ''}</h4>` +
    `<p><strong>${esc(inj.title)}</strong></p><div class="body">${esc(inj.body.trim())}</div>` +
    (inj.questions.length ? `<p><em>Ask:</em> ${esc(inj.questions.join(' '))}</p>` : '') +
    (inj.expectedActions.length ? `<p><em>Expected:</em> ${esc(inj.expectedActions.join(' '))}</p>` : '') +
    (inj.facilitatorNotes ? `<p><em>Note:</em> ${esc(inj.facilitatorNotes)}</p>` : '') +
    '</div>'
  );
}

/** Capabilities that objectives test or the scenario lists, built-in ones first in their order. */
function capabilitiesInUse(s: Scenario): string[] {
  const used = new Set<string>([...s.objectives.flatMap((o) => (o.capability ? [o.capability] : [])), ...s.capabilities.map((c) => c.id)]);
  return [...CAPABILITIES.filter((c) => used.has(c)), ...[...used].filter((c) => !(CAPABILITIES as readonly string[]).includes(c))];
}
