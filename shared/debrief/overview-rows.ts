/**
 * The report's Exercise overview as label/value rows, worded once for every format that prints
 * it (the HTML/PDF report and the Markdown one; the AAR/IP's HSEEP overview has fields of its own).
 */
import type { Words } from '../i18n/words.ts';
import type { ReportModel } from './report-model.ts';

export type OverviewRow = [string, string | number | null];

/** The overview rows; `ids` adds the exercise id and the seed (the Markdown table has no cover page naming them). */
export function overviewRows(m: ReportModel, w: Words, options: { ids?: boolean } = {}): OverviewRow[] {
  const o = m.overview;
  const rows: Array<OverviewRow | null> = [
    [w.t('report.k.exercise'), o.exerciseName],
    options.ids ? [w.t('report.md.exerciseId'), o.exerciseId] : null,
    [w.t('report.k.date'), w.date(Date.parse(o.date))],
    [
      w.t('report.k.scenario'),
      `${o.scenario.title} (${o.scenario.id} v${o.scenario.version}, ${w.t(`difficulty.${o.scenario.difficulty as 'introductory'}`)})`,
    ],
    [w.t('report.k.organisation'), `${o.scenario.client}: ${o.scenario.system}`],
    [w.t('report.k.team'), o.team],
    [w.t('report.k.mode'), o.mode ? w.t(`mode.${o.mode}`) : null],
    options.ids ? [w.t('report.md.seed'), o.seed] : null,
    [w.t('report.k.outcome'), o.ended],
    [w.t('report.k.simTime'), o.simDuration],
  ];
  return rows.filter((r): r is OverviewRow => r !== null);
}
