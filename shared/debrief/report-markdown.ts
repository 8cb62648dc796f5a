/**
 * The After-Action Report as Markdown (GitHub-flavoured tables), for wikis and tickets.
 */
import '../i18n/all-catalogues.ts'; // words reports and pages in any language, not only English
import { DEFINITIONS } from '../scoring/definitions.ts';
import type { ReportModel } from './report-model.ts';
import { overviewRows } from './overview-rows.ts';
import { keyTimeRows, metricValueWord } from './key-times.ts';
import { wordsFor } from '../i18n/words.ts';
import { roleInline, verdictStatusLabel } from '../i18n/labels.ts';

/** A table cell: pipes escaped, line breaks kept as <br>. */
export function mdCell(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function table(head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

export function reportMarkdown(m: ReportModel): string {
  const o = m.overview;
  const w = wordsFor(m.locale);
  const dur = (ms: number | null) => (ms === null ? w.t('keyMetric.value.never') : w.duration(ms));
  const h2 = (key: Parameters<typeof w.t>[0]) => `## ${w.t(key)}`;
  const out: string[] = [];
  out.push(`# ${m.title}`, '', `**${o.exerciseName}**`, '');
  if (m.warnings.length) out.push(...m.warnings.map((x) => `> ${w.t('report.warning', { text: x })}`), '');

  out.push(h2('report.h.overview'), '');
  out.push(
    table([w.t('report.md.item'), w.t('report.md.detail')], overviewRows(m, w, { ids: true })),
    '',
    o.scenario.summary,
    '',
    `### ${w.t('report.h.objectives')}`,
    '',
    ...o.objectives.map((x, i) => `${i + 1}. ${x}`),
    '',
    `### ${w.t('report.h.participants')}`,
    '',
    o.participants.length
      ? table(
          [w.t('report.col.name'), w.t('report.col.role'), w.t('report.col.assignedAt'), w.t('report.col.actions')],
          o.participants.map((p) => [p.name, p.role ? roleInline(p.role, w) : '', p.assignedAt === null ? '' : w.offset(p.assignedAt), w.whole(p.actions)]),
        )
      : w.t('report.md.noParticipants'),
    '',
  );

  out.push(h2('report.h.summary'), '', ...m.summary.flatMap((p) => [p, '']));

  out.push(h2('report.h.scores'), '');
  out.push(
    w.t('report.md.engineScore', {
      engine: m.scores.engineOverall,
      adjusted: m.scores.adjusted ? w.t('report.md.adjusted', { adjusted: m.scores.adjustedOverall }) : '',
    }),
    '',
  );
  out.push(
    table(
      [
        w.t('debrief.col.capability'),
        w.t('debrief.col.weight'),
        w.t('debrief.col.engine'),
        w.t('report.md.adjustment'),
        w.t('debrief.col.adjusted'),
        w.t('debrief.col.target'),
        w.t('report.col.reason'),
      ],
      m.scores.rows.map((r) => [
        r.capability,
        r.weight,
        r.engine,
        signed(r.delta),
        r.adjusted,
        verdictStatusLabel(r.met ? 'met' : 'missed', w),
        r.reason + (r.adjustmentReasons.length ? w.t('report.md.facilitator', { text: r.adjustmentReasons.join('; ') }) : ''),
      ]),
    ),
    '',
  );

  out.push(h2('report.h.keyTimes'), '');
  out.push(
    table(
      [w.t('debrief.col.metric'), w.t('debrief.col.actual'), w.t('debrief.col.target'), w.t('debrief.col.result'), w.t('report.col.measuredFrom')],
      m.keyTimes.metrics.map((k) => [
        k.label,
        k.value === null ? metricValueWord(k, w) : dur(k.value),
        w.duration(k.target),
        verdictStatusLabel(k.verdict.status, w),
        k.from,
      ]),
    ),
    '',
  );
  const timeRows = keyTimeRows(m.keyTimes);
  out.push(
    table(
      [w.t('report.col.moment'), w.t('report.col.simTime'), w.t('report.col.wallClock')],
      timeRows.map((r) => [r.label, r.offset, r.wall]),
    ),
    '',
  );

  out.push(h2('report.h.harm'), '');
  out.push(
    table(
      [w.t('debrief.col.harm'), w.t('debrief.harm.thisRun'), w.t('debrief.harm.doNothing'), w.t('debrief.col.best')],
      m.harm.rows.map((h) => [h.label, h.actualText, h.doNothingText, h.bestText]),
    ),
    '',
  );
  if (m.harm.costs.revenueLost > 0 || m.harm.costs.userHoursWithoutService > 0) {
    out.push(w.t('report.costs', { revenue: w.money(m.harm.costs.revenueLost, m.harm.currency), hours: w.whole(m.harm.costs.userHoursWithoutService) }), '');
  }
  out.push(w.t('report.md.whatIfs'), '');
  out.push(
    table(
      [w.t('report.col.whatIf'), w.t('report.md.change'), w.t('debrief.col.finding'), w.t('debrief.col.overall')],
      m.whatIf.items.map((x) => [x.title, x.change, x.sentence, x.outcome ? `${m.whatIf.baseline.overall} → ${x.outcome.overall}` : '—']),
    ),
    '',
  );

  out.push(h2('report.h.analysis'), '');
  for (const a of m.analysis) {
    out.push(w.t('report.md.capability', { capability: a.capability, score: a.adjusted, met: a.met }), '');
    if (a.strengths.length) out.push(`**${w.t('debrief.strengths')}**`, '', ...a.strengths.map((x) => `- ${x}`), '');
    if (a.areas.length) out.push(`**${w.t('debrief.areas')}**`, '', ...a.areas.map((x) => `- ${x}`), '');
    if (a.observations.length)
      out.push(
        `**${w.t('report.h.observationsSub')}**`,
        '',
        ...a.observations.map((x) => `- ${x.when ? `${x.when}: ` : ''}${x.text}${x.source === 'facilitator' ? w.t('report.md.facilitatorTag') : ''}`),
        '',
      );
  }

  const general = m.observations;
  out.push(h2('report.h.observations'), '');
  out.push(general.length ? general.map((x) => `- ${x.when ? `${x.when}: ` : ''}${x.text}`).join('\n') : w.t('report.md.none'), '');

  out.push(h2('report.h.plan'), '');
  if (m.plan.suggested) out.push(w.t('report.md.suggested'), '');
  out.push(
    m.plan.items.length
      ? table(
          ['#', w.t('debrief.col.capability'), w.t('report.md.action'), w.t('debrief.col.owner'), w.t('debrief.col.due'), w.t('debrief.col.status')],
          m.plan.items.map((x, i) => [i + 1, x.capability ?? '', x.text, x.owner, x.due, w.t(`debrief.plan.${x.status}`)]),
        )
      : w.t('report.md.noActions'),
    '',
  );

  out.push(h2('report.h.timeline'), '', w.t('report.timeline.intro'), '');
  out.push(
    table(
      [w.t('report.col.simTime'), w.t('report.col.wallClock'), w.t('report.col.kind'), w.t('report.col.entry'), w.t('report.col.visibility')],
      m.timeline.map((r) => [r.offset, r.wall, w.t(`timelineKind.${r.kind}`), r.text, w.t(`report.visibility.${r.visibility}`)]),
    ),
    '',
  );
  // #21 Appendix: framework mapping
  const fm = m.frameworkMapping;
  if (fm) {
    const named = (xs: ReadonlyArray<{ id: string; name: string }>) => xs.map((x) => `${x.name} (${x.id})`).join(', ');
    out.push(`## ${w.t('report.fw.title')}`, '');
    out.push(
      table(
        [w.t('report.fw.framework'), w.t('report.fw.tags')],
        [
          [w.t('report.fw.cosaiRisks', { version: fm.versions.cosai }), named(fm.tags.risks)],
          [w.t('report.fw.cosaiControls', { version: fm.versions.cosai }), named(fm.tags.controls)],
          [w.t('report.fw.atlas', { version: fm.versions.atlas }), named([...fm.tags.atlasTechniques, ...fm.tags.atlasMitigations])],
          [w.t('report.fw.owasp', { version: fm.versions.owasp }), named(fm.tags.owasp)],
          [w.t('report.fw.nistRmf', { version: fm.versions.nistAiRmf }), fm.tags.nistAiRmf.join(', ')],
          [w.t('report.fw.nist600', { version: fm.versions.nistAi600 }), named(fm.tags.nistAi600)],
        ].filter(([, v]) => v !== ''),
      ),
      '',
    );
    out.push(
      table(
        [
          w.t('report.fw.col.item'),
          w.t('report.fw.col.capability'),
          w.t('report.fw.col.risk'),
          w.t('report.fw.col.control'),
          w.t('report.fw.col.atlasOwasp'),
          w.t('report.fw.col.nist'),
          w.t('report.fw.col.clock'),
        ],
        fm.rows.map((r) => [
          `${r.kind === 'finding' ? `${w.t(r.met ? 'report.fw.met' : 'report.fw.notMet')}: ` : ''}${r.text}`,
          r.capability,
          r.risks.map((x) => x.name).join(', '),
          r.control ? `${r.control.name} (${r.control.id})` : '',
          [...r.atlas, ...r.owasp].join(', '),
          r.nist.join(', '),
          r.legalClocks.map((c) => w.t('report.fw.clock', { citation: c.citation, status: verdictStatusLabel(c.status, w) })).join('; '),
        ]),
      ),
      '',
    );
  }
  out.push(h2('report.h.definitions'), '', ...Object.values(DEFINITIONS).map((d) => `- **${w.t(`definition.${d.id}`)}.** ${d.text}`), '');
  return out.join('\n');
}
