/**
 * The programme lead's pages (#22), server-rendered HTML (React's renderToStaticMarkup of small
 * components over lead-reports.ts' figures): readiness, the coverage matrix, the schedule and the
 * corrective actions, and one exercise's page that an action links to. Every word comes from the
 * message catalogue (shared/i18n, English and French: `?lang=fr` or the browser's language).
 *
 * A strict CSP (no script at all, no inline style: one stylesheet from /assets/lead.css); light
 * and dark follow prefers-color-scheme. The caller is the one the preHandler hook resolved
 * (caller.ts), so a unit the caller cannot read is in no figure, row or column.
 */
import '../../../shared/i18n/all-catalogues.ts'; // words reports and pages in any language, not only English
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { isLocale, LOCALE_NAMES, LOCALES, wordsFor, type Locale, type MessageKey, type Words } from '../../../shared/i18n/words.ts';
import { capabilityLabel } from '../../../shared/i18n/labels.ts';
import { DIMENSIONS, type Dimension } from '../../../shared/scenario/schema.ts';
import { timeTicks } from '../../../shared/views/chart-ticks.ts';
import {
  correctiveActionsReport,
  coverageReport,
  exerciseFacts,
  readinessReport,
  scheduleReport,
  type CorrectiveActionRow,
  type CoverageReport,
  type ReadinessFigures,
  type ReadinessReport,
} from '../store/lead-reports.ts';
import { QUARTER_PATTERN } from '../store/lead-rules.ts';
import type { Principal, ProgrammeStore } from '../store/programme-store.ts';
import type { CoverageKind } from '../store/schema.ts';
import { principal } from './caller.ts';
import { LEAD_CSS } from './lead-css.ts';

/** The pages' Content-Security-Policy: no script, styles only from this server. */
export const PAGES_CSP = ["default-src 'none'", "style-src 'self'", "img-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"].join(
  '; ',
);

export const PAGE_ASSETS = ['/assets/lead.css', '/favicon.ico'] as const;
type PagePath = '/readiness' | '/coverage' | '/schedule' | '/actions';

/** A request for a page (not the API): refusals are answered with a page. */
export function isPageRequest(req: FastifyRequest): boolean {
  return !req.url.startsWith('/api/');
}

/** The reader's language: ?lang=, else the first of the browser's languages we have, else English. */
function localeOf(req: FastifyRequest): Locale {
  const asked = (req.query as { lang?: unknown } | undefined)?.lang;
  if (isLocale(asked)) return asked;
  for (const part of String(req.headers['accept-language'] ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return 'en';
}

/** A link to a page, keeping the language the reader chose. */
function href(path: string, params: Record<string, string | number | null | undefined>, lang: Locale | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) q.set(k, String(v));
  if (lang) q.set('lang', lang);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

interface Ctx {
  w: Words;
  /** The language asked for in the URL (kept in links), null when from the browser. */
  lang: Locale | null;
  who: Principal | null;
}

function send(reply: FastifyReply, status: number, page: ReactNode): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', PAGES_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToStaticMarkup(page)}`);
}

function Layout(props: { c: Ctx; title: string; active: PagePath | null; children: ReactNode }) {
  const { w, lang, who } = props.c;
  const nav: [PagePath, MessageKey][] = [
    ['/readiness', 'lead.nav.readiness'],
    ['/coverage', 'lead.nav.coverage'],
    ['/schedule', 'lead.nav.schedule'],
    ['/actions', 'lead.nav.actions'],
  ];
  const other = LOCALES.find((l) => l !== w.locale)!;
  return (
    <html lang={w.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} · ${w.t('lead.title')}`}</title>
        <link rel="stylesheet" href="/assets/lead.css" />
      </head>
      <body>
        <header className="top">
          <span className="brand">{w.t('lead.title')}</span>
          <nav aria-label={w.t('lead.nav.label')}>
            <ul>
              {nav.map(([path, key]) => (
                <li key={path}>
                  <a href={href(path, {}, lang)} aria-current={props.active === path ? 'page' : undefined}>
                    {w.t(key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <span className="who">
            {who ? `${w.t('lead.signedInAs', { name: who.name })} · ` : null}
            {who ? (
              <>
                <a href={href('/account', {}, lang)}>{w.t('lead.account')}</a>
                {' · '}
              </>
            ) : null}
            <a href={href(props.active ?? '/readiness', {}, other)} lang={other}>
              {LOCALE_NAMES[other]}
            </a>
          </span>
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

// ---- readiness ----

const dur = (w: Words, ms: number | null) => (ms === null ? w.t('lead.none') : w.duration(ms));

/** Lower is better for every duration: the class and a word for the reader who cannot see colour. */
function versus(w: Words, value: number | null, median: number | null): { className?: string; mark?: string } {
  if (value === null || median === null || value === median) return {};
  return value > median ? { className: 'worse', mark: w.t('lead.worse') } : { className: 'better', mark: w.t('lead.better') };
}

function DurationCell(props: { w: Words; value: number | null; median: number | null; target: number | null; met: number; judged: number; extra?: ReactNode }) {
  const { w } = props;
  const v = versus(w, props.value, props.median);
  return (
    <td className="num">
      <span className={v.className} title={v.mark}>
        {dur(w, props.value)}
        {v.mark ? (
          <span className="mark" aria-label={v.mark}>
            {v.className === 'worse' ? '▲' : '▼'}
          </span>
        ) : null}
      </span>
      {props.extra}
      {props.judged ? <span className="small">{w.t('lead.metOf', { met: props.met, judged: props.judged })}</span> : null}
      {props.target !== null ? <span className="small">{w.t('lead.target', { duration: w.duration(props.target) })}</span> : null}
    </td>
  );
}

function ShareBar(props: { share: number }) {
  const width = 60;
  return (
    <svg className="share" width={width} height={10} viewBox={`0 0 ${width} 10`} aria-hidden="true">
      <rect className="bg" x={0} y={0} width={width} height={10} />
      <rect className="fg" x={0} y={0} width={Math.round(width * Math.min(1, Math.max(0, props.share)))} height={10} />
    </svg>
  );
}

function FigureCells(props: { w: Words; f: ReadinessFigures; median: ReadinessFigures }) {
  const { w, f, median } = props;
  if (!f.exercises)
    return (
      <>
        <td className="num">0</td>
        <td className="num">{w.t('lead.none')}</td>
        <td className="num">{w.t('lead.none')}</td>
        <td className="num">{w.t('lead.none')}</td>
        <td className="num">{w.t('lead.none')}</td>
      </>
    );
  return (
    <>
      <td className="num">{w.whole(f.exercises)}</td>
      <DurationCell w={w} value={f.medianMttdMs} median={median.medianMttdMs} target={f.medianMttdTargetMs} met={f.mttdMet} judged={f.mttdJudged} />
      <DurationCell
        w={w}
        value={f.medianMttcMs}
        median={median.medianMttcMs}
        target={f.medianMttcTargetMs}
        met={f.mttcMet}
        judged={f.mttcJudged}
        extra={f.neverContained ? <span className="small worse">{w.t('lead.neverContained', { n: f.neverContained })}</span> : null}
      />
      <DurationCell w={w} value={f.medianNotifyMs} median={median.medianNotifyMs} target={null} met={f.notifyMet} judged={f.notifyJudged} />
      <td className="num">
        {f.shareOfTargetsMet === null ? (
          w.t('lead.none')
        ) : (
          <>
            <ShareBar share={f.shareOfTargetsMet} />
            {w.percent(f.shareOfTargetsMet)}
            <span className="small">{w.t('lead.metOf', { met: f.targetsMet, judged: f.targetsTotal })}</span>
          </>
        )}
      </td>
    </>
  );
}

function FigureHead(props: { w: Words; first: string }) {
  const { w } = props;
  return (
    <thead>
      <tr>
        <th scope="col">{props.first}</th>
        <th scope="col" className="num">
          {w.t('lead.col.exercises')}
        </th>
        <th scope="col" className="num">
          {w.t('lead.col.mttd')}
        </th>
        <th scope="col" className="num">
          {w.t('lead.col.mttc')}
        </th>
        <th scope="col" className="num">
          {w.t('lead.col.notify')}
        </th>
        <th scope="col" className="num">
          {w.t('lead.col.targets')}
        </th>
      </tr>
    </thead>
  );
}

function Filters(props: { c: Ctx; r: ReadinessReport }) {
  const { c, r } = props;
  const { w } = c;
  const link = (quarter: string | null, severity: number | null, label: string, current: boolean) => (
    <li key={label}>
      <a href={href('/readiness', { quarter, severity }, c.lang)} aria-current={current ? 'true' : undefined}>
        {label}
      </a>
    </li>
  );
  const q = r.filter.quarter;
  const s = r.filter.severity;
  return (
    <div className="filters">
      <div>
        {w.t('lead.filter.quarter')}
        <ul>
          {link(null, s, w.t('lead.filter.all'), q === null)}
          {r.quarters.map((x) => link(x, s, x, q === x))}
        </ul>
      </div>
      <div>
        {w.t('lead.filter.severity')}
        <ul>
          {link(q, null, w.t('lead.filter.all'), s === null)}
          {r.severities.map((x) => link(q, x, w.t('severity.label', { severity: x }), s === x))}
        </ul>
      </div>
    </div>
  );
}

/** Median MTTD per quarter as bars, on the shared chart ticks (whole minutes or hours). */
function QuarterChart(props: { w: Words; rows: ReadinessReport['byQuarter'] }) {
  const { w, rows } = props;
  const values = rows.map((r) => r.medianMttdMs);
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return null;
  // Time ticks on whole minutes or hours (the shared chart ticks), extended to cover the tallest bar.
  const max = Math.max(...known, 60_000);
  const ticks = timeTicks(0, max, 4);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : max;
  while (ticks.at(-1)! < max) ticks.push(ticks.at(-1)! + step);
  const top = ticks.at(-1)!;
  const width = 640;
  const height = 180;
  const left = 64;
  const bottom = 24;
  const plotH = height - bottom - 8;
  const slot = (width - left) / rows.length;
  const y = (v: number) => 8 + plotH - (v / top) * plotH;
  return (
    <svg className="chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={w.t('lead.readiness.chart')}>
      {ticks.map((t) => (
        <g key={t}>
          <line className="grid" x1={left} x2={width} y1={y(t)} y2={y(t)} />
          <text x={left - 6} y={y(t) + 4} textAnchor="end">
            {w.duration(t)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => (
        <g key={r.quarter}>
          {r.medianMttdMs !== null ? (
            <rect className="bar" x={left + i * slot + slot * 0.2} width={slot * 0.6} y={y(r.medianMttdMs)} height={Math.max(1, y(0) - y(r.medianMttdMs))} />
          ) : null}
          <text x={left + i * slot + slot / 2} y={height - 6} textAnchor="middle">
            {r.quarter}
          </text>
        </g>
      ))}
    </svg>
  );
}

function ReadinessPage(props: { c: Ctx; r: ReadinessReport }) {
  const { c, r } = props;
  const { w } = c;
  const m = r.overall;
  return (
    <Layout c={c} title={w.t('lead.nav.readiness')} active="/readiness">
      <p className="intro">{w.t('lead.readiness.intro', { scope: r.scope })}</p>
      <Filters c={c} r={r} />
      {r.teams.length === 0 ? (
        <p>{w.t('lead.coverage.noTeams')}</p>
      ) : (
        <div className="scroll">
          <table>
            <FigureHead w={w} first={`${w.t('lead.col.unit')} / ${w.t('lead.col.team')}`} />
            <tbody>
              <tr className="overall">
                <th scope="row">{w.t('lead.row.overall', { scope: r.scope })}</th>
                <FigureCells w={w} f={m} median={m} />
              </tr>
              {r.units.map((u) => (
                <UnitRows key={u.unitId} w={w} unit={u} teams={r.teams.filter((t) => t.unitId === u.unitId)} median={m} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{w.t('lead.readiness.byQuarter')}</h2>
      {r.byQuarter.length ? (
        <>
          <QuarterChart w={w} rows={r.byQuarter} />
          <div className="scroll">
            <table>
              <FigureHead w={w} first={w.t('lead.col.quarter')} />
              <tbody>
                {r.byQuarter.map((q) => (
                  <tr key={q.quarter}>
                    <th scope="row">{q.quarter}</th>
                    <FigureCells w={w} f={q} median={m} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>{w.t('lead.noExercises')}</p>
      )}
      <h2>{w.t('lead.readiness.bySeverity')}</h2>
      {r.bySeverity.length ? (
        <div className="scroll">
          <table>
            <FigureHead w={w} first={w.t('lead.col.severity')} />
            <tbody>
              {r.bySeverity.map((s) => (
                <tr key={s.severity}>
                  <th scope="row">{w.t('severity.label', { severity: s.severity })}</th>
                  <FigureCells w={w} f={s} median={m} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{w.t('lead.noExercises')}</p>
      )}
    </Layout>
  );
}

function UnitRows(props: { w: Words; unit: ReadinessReport['units'][number]; teams: ReadinessReport['teams']; median: ReadinessFigures }) {
  const { w, unit, teams, median } = props;
  return (
    <>
      <tr className="unit">
        <th scope="row">{unit.unit}</th>
        <FigureCells w={w} f={unit} median={median} />
      </tr>
      {teams.map((t) => (
        <tr className="team" key={t.teamId}>
          <th scope="row">{t.team}</th>
          <FigureCells w={w} f={t} median={median} />
        </tr>
      ))}
    </>
  );
}

// ---- coverage ----

function tagLabel(w: Words, kind: CoverageKind, tag: string): string {
  if (kind === 'capability') return (DIMENSIONS as readonly string[]).includes(tag) ? capabilityLabel(tag as Dimension, w) : tag;
  if (kind === 'incident_type') return w.t(`incidentType.${tag}` as MessageKey);
  return tag;
}

function Matrix(props: { w: Words; cov: CoverageReport; kind: CoverageKind; title: string }) {
  const { w, cov, kind } = props;
  const cols = cov.columns[kind];
  const cell = new Map(cov.cells.filter((c) => c.kind === kind).map((c) => [`${c.teamId}|${c.tag}`, c]));
  return (
    <>
      <h2>{props.title}</h2>
      <div className="scroll">
        <table className="matrix">
          <thead>
            <tr>
              <th scope="col">{`${w.t('lead.col.unit')} / ${w.t('lead.col.team')}`}</th>
              {cols.map((t) => (
                <th scope="col" key={t}>
                  {tagLabel(w, kind, t)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cov.teams.map((t) => (
              <tr key={t.teamId}>
                <th scope="row">{`${t.unit} / ${t.team}`}</th>
                {cols.map((tag) => {
                  const c = cell.get(`${t.teamId}|${tag}`);
                  const last = c?.lastExercised ?? null;
                  return (
                    <td key={tag} className={c?.stale ? 'stale' : undefined} title={last ?? undefined}>
                      {last ? w.month(Date.parse(last)) : w.t('lead.coverage.never')}
                      {c?.stale ? <span className="visually-hidden">{` (${w.t('lead.coverage.stale')})`}</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CoveragePage(props: { c: Ctx; cov: CoverageReport }) {
  const { c, cov } = props;
  const { w } = c;
  return (
    <Layout c={c} title={w.t('lead.nav.coverage')} active="/coverage">
      <p className="intro">{w.t('lead.coverage.intro', { date: w.date(Date.parse(cov.asOf)) })}</p>
      {cov.teams.length === 0 ? (
        <p>{w.t('lead.coverage.noTeams')}</p>
      ) : (
        <>
          <Matrix w={w} cov={cov} kind="capability" title={w.t('lead.coverage.capabilities')} />
          <Matrix w={w} cov={cov} kind="incident_type" title={w.t('lead.coverage.incidentTypes')} />
          {cov.columns.framework.length ? <Matrix w={w} cov={cov} kind="framework" title={w.t('lead.coverage.frameworks')} /> : null}
        </>
      )}
    </Layout>
  );
}

// ---- schedule ----

function SchedulePage(props: { c: Ctx; s: Awaited<ReturnType<typeof scheduleReport>> }) {
  const { c, s } = props;
  const { w } = c;
  const reminders = s.plans.filter((p) => p.status === 'overdue' || p.status === 'due');
  return (
    <Layout c={c} title={w.t('lead.nav.schedule')} active="/schedule">
      <p className="intro">{w.t('lead.schedule.intro', { quarter: s.currentQuarter })}</p>
      <h2>{w.t('lead.schedule.reminders')}</h2>
      {reminders.length ? (
        <ul className="reminders">
          {reminders.map((p) => (
            <li key={p.id} className={p.status}>
              {w.t('lead.schedule.reminder', { team: p.team, unit: p.unit, status: p.status, quarter: p.quarter })}
              {p.scenarioId ? ` · ${p.scenarioId}` : ''}
              {p.capability ? ` · ${tagLabel(w, 'capability', p.capability)}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>{w.t('lead.schedule.noReminders')}</p>
      )}
      <h2>{w.t('lead.schedule.all')}</h2>
      {s.plans.length ? (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{w.t('lead.col.quarter')}</th>
                <th scope="col">{`${w.t('lead.col.unit')} / ${w.t('lead.col.team')}`}</th>
                <th scope="col">{w.t('lead.col.scenario')}</th>
                <th scope="col">{w.t('lead.col.capability')}</th>
                <th scope="col">{w.t('lead.col.note')}</th>
                <th scope="col">{w.t('lead.col.status')}</th>
                <th scope="col">{w.t('lead.col.doneBy')}</th>
              </tr>
            </thead>
            <tbody>
              {s.plans.map((p) => (
                <tr key={p.id}>
                  <td>{p.quarter}</td>
                  <td>{`${p.unit} / ${p.team}`}</td>
                  <td>{p.scenarioId ?? w.t('lead.none')}</td>
                  <td>{p.capability ? tagLabel(w, 'capability', p.capability) : w.t('lead.none')}</td>
                  <td>{p.note || w.t('lead.none')}</td>
                  <td>
                    <span className={`badge ${p.status}`}>{w.t('lead.plan.status', { status: p.status })}</span>
                  </td>
                  <td>{p.doneBy ?? w.t('lead.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{w.t('lead.schedule.none')}</p>
      )}
    </Layout>
  );
}

// ---- corrective actions ----

function capabilityText(w: Words, a: CorrectiveActionRow): string {
  if (a.dimension) return capabilityLabel(a.dimension as Dimension, w);
  return a.capability ?? w.t('lead.none');
}

function ActionRows(props: { c: Ctx; actions: CorrectiveActionRow[]; withRaisedBy: boolean }) {
  const { c, actions } = props;
  const { w } = c;
  return (
    <div className="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{w.t('lead.col.action')}</th>
            <th scope="col">{`${w.t('lead.col.unit')} / ${w.t('lead.col.team')}`}</th>
            <th scope="col">{w.t('lead.col.owner')}</th>
            <th scope="col">{w.t('lead.col.due')}</th>
            <th scope="col">{w.t('lead.col.status')}</th>
            <th scope="col">{w.t('lead.col.capability')}</th>
            {props.withRaisedBy ? <th scope="col">{w.t('lead.col.raisedBy')}</th> : null}
            <th scope="col">{w.t('lead.col.followUp')}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr key={a.id} id={`action-${a.id}`}>
              <td>{a.text}</td>
              <td>{`${a.unit} / ${a.team}`}</td>
              <td>{a.owner === null ? w.t('lead.ownerHidden') : a.owner || w.t('lead.none')}</td>
              <td className="num">
                {a.due}
                {a.overdue ? (
                  <span className="small">
                    <span className="badge overdue">{w.t('lead.overdue')}</span>
                  </span>
                ) : null}
              </td>
              <td>
                <span className={`badge ${a.status}`}>{w.t('lead.action.status', { status: a.status })}</span>
              </td>
              <td>{capabilityText(w, a)}</td>
              {props.withRaisedBy ? (
                <td>
                  <a href={href(`/exercises/${a.digest}`, {}, c.lang)}>
                    {w.t('lead.raisedAt', { exercise: a.exerciseId, moment: a.raisedAtMs === null ? w.t('lead.none') : w.offset(a.raisedAtMs) })}
                  </a>
                </td>
              ) : null}
              <td>
                {a.followUp ? (
                  <span className={`badge ${a.followUp.state}`}>
                    <a href={href(`/exercises/${a.followUp.digest}`, {}, c.lang)}>
                      {w.t('lead.followUp', { state: a.followUp.state, exercise: a.followUp.exerciseId })}
                    </a>
                  </span>
                ) : (
                  <span className="small">{w.t('lead.followUp.none')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActionsPage(props: { c: Ctx; actions: CorrectiveActionRow[] }) {
  const { c, actions } = props;
  const { w } = c;
  return (
    <Layout c={c} title={w.t('lead.nav.actions')} active="/actions">
      <p className="intro">{w.t('lead.actions.intro')}</p>
      <a className="button" href="/api/v1/corrective-actions.csv" download="corrective-actions.csv">
        {w.t('lead.actions.csv')}
      </a>
      {actions.length ? <ActionRows c={c} actions={actions} withRaisedBy /> : <p>{w.t('lead.actions.none')}</p>}
    </Layout>
  );
}

// ---- one exercise ----

function ExercisePage(props: { c: Ctx; e: Awaited<ReturnType<typeof exerciseFacts>>; actions: CorrectiveActionRow[] }) {
  const { c, e, actions } = props;
  const { w } = c;
  return (
    <Layout c={c} title={w.t('lead.exercise.title', { id: e.exerciseId })} active={null}>
      <dl className="facts">
        <dt>{`${w.t('lead.col.unit')} / ${w.t('lead.col.team')}`}</dt>
        <dd>{`${e.unit} / ${e.team}`}</dd>
        <dt>{w.t('lead.col.scenario')}</dt>
        <dd>{e.scenarioId}</dd>
        <dt>{w.t('lead.exercise.started')}</dt>
        <dd>{w.date(Date.parse(e.startedAt))}</dd>
        <dt>{w.t('lead.col.severity')}</dt>
        <dd>{w.t('severity.label', { severity: e.severity })}</dd>
        <dt>{w.t('lead.col.mttdOne')}</dt>
        <dd>{dur(w, e.mttdMs)}</dd>
        <dt>{w.t('lead.col.mttcOne')}</dt>
        <dd>{e.mttcCensored ? w.t('lead.neverContained', { n: 1 }) : dur(w, e.mttcMs)}</dd>
        <dt>{w.t('lead.col.notifyOne')}</dt>
        <dd>{dur(w, e.notifyMs)}</dd>
        <dt>{w.t('lead.col.targets')}</dt>
        <dd>{w.t('lead.metOf', { met: e.targetsMet, judged: e.targetsTotal })}</dd>
      </dl>
      <h2>{w.t('lead.exercise.actions')}</h2>
      {actions.length ? <ActionRows c={c} actions={actions} withRaisedBy /> : <p>{w.t('lead.actions.none')}</p>}
    </Layout>
  );
}

function ErrorPage(props: { c: Ctx; status: number; message: string }) {
  const { c } = props;
  const { w } = c;
  return (
    <Layout c={c} title={w.t('lead.error', { status: String(props.status) })} active={null}>
      <p>{props.message}</p>
      <p>
        <a href={href('/readiness', {}, c.lang)}>{w.t('lead.error.back')}</a>
      </p>
    </Layout>
  );
}

function ctxOf(req: FastifyRequest): Ctx {
  const asked = (req.query as { lang?: unknown } | undefined)?.lang;
  return { w: wordsFor(localeOf(req)), lang: isLocale(asked) ? asked : null, who: req.principal };
}

/** A refusal on a page: the same status, worded as a page. */
export function sendErrorPage(req: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
  return send(reply, status, <ErrorPage c={ctxOf(req)} status={status} message={message} />);
}

const langQuery = { lang: { type: 'string', enum: [...LOCALES] } } as const;

export function leadPages(app: FastifyInstance, store: ProgrammeStore): void {
  app.get(PAGE_ASSETS[0], { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff').send(LEAD_CSS),
  );

  // No icon: an empty answer, so a browser's request for one is not a 404 in its console.
  app.get(PAGE_ASSETS[1], { schema: { hide: true } }, async (_req, reply) => reply.status(204).header('cache-control', 'public, max-age=86400').send());

  app.get('/', { schema: { hide: true } }, async (req, reply) => reply.redirect(href('/readiness', {}, ctxOf(req).lang)));

  app.get<{ Querystring: { quarter?: string; severity?: number; lang?: Locale } }>(
    '/readiness',
    {
      schema: {
        hide: true,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { quarter: { type: 'string', pattern: QUARTER_PATTERN }, severity: { type: 'integer', minimum: 1, maximum: 5 }, ...langQuery },
        },
      },
    },
    async (req, reply) => {
      const r = await readinessReport(store, principal(req), { quarter: req.query.quarter ?? null, severity: req.query.severity ?? null });
      return send(reply, 200, <ReadinessPage c={ctxOf(req)} r={r} />);
    },
  );

  const simple = { schema: { hide: true, querystring: { type: 'object', additionalProperties: false, properties: langQuery } } };
  app.get('/coverage', simple, async (req, reply) => send(reply, 200, <CoveragePage c={ctxOf(req)} cov={await coverageReport(store, principal(req))} />));
  app.get('/schedule', simple, async (req, reply) => send(reply, 200, <SchedulePage c={ctxOf(req)} s={await scheduleReport(store, principal(req))} />));
  app.get('/actions', simple, async (req, reply) =>
    send(reply, 200, <ActionsPage c={ctxOf(req)} actions={await correctiveActionsReport(store, principal(req))} />),
  );
  app.get<{ Params: { digest: string } }>(
    '/exercises/:digest',
    {
      schema: {
        hide: true,
        params: { type: 'object', required: ['digest'], properties: { digest: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } } },
        querystring: simple.schema.querystring,
      },
    },
    async (req, reply) => {
      const who = principal(req);
      const e = await exerciseFacts(store, who, req.params.digest);
      const actions = (await correctiveActionsReport(store, who)).filter((a) => a.digest === e.digest);
      return send(reply, 200, <ExercisePage c={ctxOf(req)} e={e} actions={actions} />);
    },
  );
}
