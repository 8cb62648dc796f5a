/**
 * The After-Action Report as Markdown (GitHub-flavoured tables), for wikis and tickets.
 */
import { DEFINITIONS } from '../scoring/definitions.ts';
import { formatDuration } from '../scenario/duration.ts';
import type { ReportModel } from './report-model.ts';
import { keyTimeRows, metricValueWord } from './key-times.ts';
import { EN } from '../i18n/words.ts';
import { roleInline, verdictStatusLabel } from '../i18n/labels.ts';

/** A table cell: pipes escaped, line breaks kept as <br>. */
export function mdCell(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function table(head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');
}

const dur = (ms: number | null) => (ms === null ? 'never' : formatDuration(ms));
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

export function reportMarkdown(m: ReportModel): string {
  const o = m.overview;
  const out: string[] = [];
  out.push(`# ${m.title}`, '', `**${o.exerciseName}**`, '');
  if (m.warnings.length) out.push(...m.warnings.map((w) => `> Warning: ${w}`), '');

  out.push('## 1. Exercise overview', '');
  out.push(
    table(
      ['Item', 'Detail'],
      [
        ['Exercise', o.exerciseName],
        ['Exercise id', o.exerciseId],
        ['Date', o.date],
        ['Scenario', `${o.scenario.title} (${o.scenario.id} v${o.scenario.version}, ${o.scenario.difficulty})`],
        ['Organisation / system', `${o.scenario.client}: ${o.scenario.system}`],
        ['Team', o.team],
        ['Mode', o.mode],
        ['Seed', o.seed],
        ['Outcome', o.ended],
        ['Sim time played', o.simDuration],
      ],
    ),
    '',
    o.scenario.summary,
    '',
    '### Objectives',
    '',
    ...o.objectives.map((x, i) => `${i + 1}. ${x}`),
    '',
    '### Participants and roles',
    '',
    o.participants.length
      ? table(
          ['Name', 'Role', 'Assigned at', 'Actions'],
          o.participants.map((p) => [p.name, p.role ? roleInline(p.role) : '', p.assignedAt === null ? '' : formatDuration(p.assignedAt), String(p.actions)]),
        )
      : '_No participants or roles were recorded._',
    '',
  );

  out.push('## 2. Summary', '', ...m.summary.flatMap((p) => [p, '']));

  out.push('## 3. Score card', '');
  out.push(
    `Engine score **${m.scores.engineOverall}/100**${m.scores.adjusted ? `; adjusted by the facilitator: **${m.scores.adjustedOverall}/100**` : ''}.`,
    '',
  );
  out.push(
    table(
      ['Capability', 'Weight', 'Engine', 'Adjustment', 'Adjusted', 'Target', 'Reason'],
      m.scores.rows.map((r) => [
        r.capability,
        r.weight,
        r.engine,
        signed(r.delta),
        r.adjusted,
        r.met ? 'met' : 'missed',
        r.reason + (r.adjustmentReasons.length ? ` — Facilitator: ${r.adjustmentReasons.join('; ')}` : ''),
      ]),
    ),
    '',
  );

  out.push('## 4. Key times', '');
  out.push(
    table(
      ['Metric', 'Actual', 'Target', 'Result', 'Measured from'],
      m.keyTimes.metrics.map((k) => [
        k.label,
        k.value === null ? metricValueWord(k) : dur(k.value),
        formatDuration(k.target),
        verdictStatusLabel(k.verdict.status),
        k.from,
      ]),
    ),
    '',
  );
  const timeRows = keyTimeRows(m.keyTimes);
  out.push(
    table(
      ['Moment', 'Sim time', 'Wall clock'],
      timeRows.map((r) => [r.label, r.offset, r.wall]),
    ),
    '',
  );

  out.push('## 5. Harm and what-ifs', '');
  out.push(
    table(
      ['Harm', 'This run', 'Do nothing', 'Best achievable'],
      m.harm.rows.map((h) => [h.label, h.actualText, h.doNothingText, h.bestText]),
    ),
    '',
  );
  if (m.harm.costs.revenueLost > 0 || m.harm.costs.userHoursWithoutService > 0) {
    out.push(EN.t('report.costs', { revenue: EN.money(m.harm.costs.revenueLost, m.harm.currency), hours: EN.whole(m.harm.costs.userHoursWithoutService) }), '');
  }
  out.push("Each what-if replays this exercise's own journal with one decision changed; the figures are exact re-simulations, not estimates.", '');
  out.push(
    table(
      ['What-if', 'Change', 'Finding', 'Overall'],
      m.whatIf.items.map((w) => [w.title, w.change, w.sentence, w.outcome ? `${m.whatIf.baseline.overall} → ${w.outcome.overall}` : '—']),
    ),
    '',
  );

  out.push('## 6. Analysis by capability', '');
  for (const a of m.analysis) {
    out.push(`### ${a.capability}: ${a.adjusted}/100 (${a.met ? 'target met' : 'target missed'})`, '');
    if (a.strengths.length) out.push('**Strengths**', '', ...a.strengths.map((x) => `- ${x}`), '');
    if (a.areas.length) out.push('**Areas for improvement**', '', ...a.areas.map((x) => `- ${x}`), '');
    if (a.observations.length)
      out.push(
        '**Observations**',
        '',
        ...a.observations.map((x) => `- ${x.when ? `${x.when}: ` : ''}${x.text}${x.source === 'facilitator' ? ' _(facilitator)_' : ''}`),
        '',
      );
  }

  const general = m.observations;
  out.push('## 7. Facilitator observations', '');
  out.push(general.length ? general.map((x) => `- ${x.when ? `${x.when}: ` : ''}${x.text}`).join('\n') : '_None recorded._', '');

  out.push('## 8. Improvement plan', '');
  if (m.plan.suggested) out.push('_Suggested by Firebreak from the missed targets; owners to be assigned._', '');
  out.push(
    m.plan.items.length
      ? table(
          ['#', 'Capability', 'Action', 'Owner', 'Due', 'Status'],
          m.plan.items.map((x, i) => [i + 1, x.capability ?? '', x.text, x.owner, x.due, x.status]),
        )
      : '_No actions._',
    '',
  );

  out.push('## Appendix: Timeline', '', 'Entries marked “facilitator” were not visible to the room.', '');
  out.push(
    table(
      ['Sim time', 'Wall clock', 'Kind', 'Entry', 'Visibility'],
      m.timeline.map((r) => [r.offset, r.wall, r.kind, r.text, r.visibility]),
    ),
    '',
  );
  // #21 Appendix: framework mapping
  const fm = m.frameworkMapping;
  if (fm) {
    const named = (xs: ReadonlyArray<{ id: string; name: string }>) => xs.map((x) => `${x.name} (${x.id})`).join(', ');
    out.push('## Appendix: Framework mapping', '');
    out.push(
      table(
        ['Framework', 'Tags'],
        [
          [`CoSAI Risk Map risks (${fm.versions.cosai})`, named(fm.tags.risks)],
          [`CoSAI controls (${fm.versions.cosai})`, named(fm.tags.controls)],
          [`MITRE ATLAS ${fm.versions.atlas}`, named([...fm.tags.atlasTechniques, ...fm.tags.atlasMitigations])],
          [`OWASP Top 10 for LLM Applications ${fm.versions.owasp}`, named(fm.tags.owasp)],
          [`NIST AI RMF ${fm.versions.nistAiRmf}`, fm.tags.nistAiRmf.join(', ')],
          [`NIST AI 600-1 (${fm.versions.nistAi600})`, named(fm.tags.nistAi600)],
        ].filter(([, v]) => v !== ''),
      ),
      '',
    );
    out.push(
      table(
        ['Finding or action', 'Capability', 'Risk', 'Control', 'ATLAS / OWASP', 'NIST AI RMF', 'Legal clock'],
        fm.rows.map((r) => [
          `${r.kind === 'finding' ? (r.met ? 'Met: ' : 'Not met: ') : ''}${r.text}`,
          r.capability,
          r.risks.map((x) => x.name).join(', '),
          r.control ? `${r.control.name} (${r.control.id})` : '',
          [...r.atlas, ...r.owasp].join(', '),
          r.nist.join(', '),
          r.legalClocks.map((c) => `${c.citation}: ${c.status.replace('_', ' ')}`).join('; '),
        ]),
      ),
      '',
    );
  }
  out.push('## Appendix: Scoring definitions', '', ...Object.values(DEFINITIONS).map((d) => `- **${d.name}.** ${d.text}`), '');
  return out.join('\n');
}
