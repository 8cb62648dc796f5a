import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { formatMselProblem, importMsel, scenarioToMsel } from '../../../shared/exercise/msel.ts';
import { exportMsel, importMselFile } from '../../../host/exercise/msel-files.ts';
import { parseCsv, readWorkbook } from '../../../host/exercise/spreadsheet.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { ROOT } from '../../helpers.ts';
import { main } from '../../../host/cli/main.ts';
import { recordingIo } from '../../cli-io.ts';

const BUILT_INS = ['silent-bias-drift', 'provider-update-leakage', 'stale-pricing-data', 'poisoned-shared-document'];
const yamlOf = (id: string) => readFileSync(join(ROOT, 'scenarios', `${id}.yaml`), 'utf8');
const scenarioOf = (yaml: string): Scenario => {
  const r = loadScenario(yaml);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
};

describe('MSEL export then import gives back the same scenario', () => {
  it.each(BUILT_INS)('%s through .xlsx (MSEL, Objectives and Modules sheets)', { timeout: 60_000 }, async (id) => {
    const yaml = yamlOf(id);
    const s = scenarioOf(yaml);
    const bytes = await exportMsel(s, 'xlsx');
    const r = await importMselFile(bytes, 'xlsx', { baseYaml: yaml, mode: 'replace' });
    if (!r.ok) throw new Error(r.problems.map(formatMselProblem).join('\n'));
    expect(r.scenario).toEqual(s);
  });

  it.each(BUILT_INS)('%s through .csv (the MSEL sheet)', { timeout: 60_000 }, async (id) => {
    const yaml = yamlOf(id);
    const s = scenarioOf(yaml);
    const r = await importMselFile(await exportMsel(s, 'csv'), 'csv', { baseYaml: yaml, mode: 'replace' });
    if (!r.ok) throw new Error(r.problems.map(formatMselProblem).join('\n'));
    expect(r.scenario).toEqual(s);
  });

  it('the .xlsx has a frozen header row and a delivery-method drop-down', { timeout: 60_000 }, async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exportMsel(scenarioOf(yamlOf('silent-bias-drift')), 'xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['MSEL', 'Objectives', 'Modules']);
    const ws = wb.getWorksheet('MSEL')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(6).value).toBe('Delivery method');
    const dv = ws.getCell('F2').dataValidation;
    expect(dv.type).toBe('list');
    expect(dv.formulae?.[0]).toContain('Monitoring alert');
    expect(ws.getCell('F2').value).toBe('Ticket');
  });
});

describe("a planner's workbook", () => {
  /** Title block, their own column names, absolute date-times, an objectives sheet, a formula cell. */
  async function plannersWorkbook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Master Scenario Events List');
    ws.addRow(['Northfield Bank: Fair-lending tabletop 2026']);
    ws.addRow(['Exercise date: Monday 9 March 2026', '', 'Controller: J. Osei']);
    ws.addRow([]);
    ws.addRow([
      'MSEL #',
      'Date/Time',
      'Method',
      'Sender',
      'Player',
      'Subject',
      'Inject Description',
      'Expected Player Response',
      'Related Objective',
      'Controller Notes',
    ]);
    ws.addRow([
      1,
      new Date(Date.UTC(2026, 2, 9, 9, 0)),
      'Email',
      'Model Risk',
      'Incident Commander',
      'Is the fairness report right?',
      'Our weekly fairness report shows approvals for under-25s down. Is this real?',
      'Opens an incident and checks the data pipeline',
      'OBJ-1',
      'Let them debate',
    ]);
    ws.addRow([
      2,
      new Date(Date.UTC(2026, 2, 9, 11, 30)),
      'Press',
      'Local newspaper',
      'Comms lead',
      'Reporter calling',
      'A reporter asks whether the bank denies young applicants.',
      'Agrees a holding line with compliance',
      'OBJ-2',
      '',
    ]);
    ws.addRow([
      3,
      'T+4:15',
      'Status page',
      'Credit bureau',
      '',
      'Bureau maintenance',
      { formula: 'CONCAT("Maintenance ","tonight")', result: 'Maintenance tonight' },
      '',
      '',
      '',
    ]);
    const obj = wb.addWorksheet('Objectives');
    obj.addRow(['Objective #', 'Objective', 'Core Capability']);
    obj.addRow(['OBJ-1', 'Recognise an unfair outcome from the data, not the headline rate.', 'Detection and monitoring']);
    obj.addRow(['OBJ-2', 'Agree what to say in public within an hour.', 'Communication']);
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it('imports (title block skipped, columns mapped, absolute times, objectives sheet, formula kept as text) and plays', { timeout: 90_000 }, async () => {
    const yaml = yamlOf('silent-bias-drift');
    const r = await importMselFile(await plannersWorkbook(), 'xlsx', { baseYaml: yaml, mode: 'replace' });
    if (!r.ok) throw new Error(r.problems.map(formatMselProblem).join('\n'));
    expect(r.mapping['Master Scenario Events List']).toMatchObject({
      'MSEL #': 'event',
      'Date/Time': 'time',
      Method: 'method',
      'Inject Description': 'message',
      'Related Objective': 'objective',
    });
    const s = r.scenario;
    expect(s.objectives.map((o) => [o.id, o.capability])).toEqual([
      ['obj-1', 'detection_monitoring'],
      ['obj-2', 'communication'],
    ]);
    expect(s.injects.map((i) => [i.title, i.channel, 'at' in i.trigger ? i.trigger.at / 60_000 : null, i.roles, i.objectives])).toEqual([
      ['Is the fairness report right?', 'internal', 60, ['incident_commander'], ['obj-1']],
      ['Reporter calling', 'social_press', 210, ['communications_lead'], ['obj-2']],
      ['Bureau maintenance', 'provider', 255, [], []],
    ]);
    expect(s.injects[0]!.expectedActions).toEqual(['Opens an incident and checks the data pipeline']);
    expect(s.injects[0]!.facilitatorNotes).toBe('Let them debate');
    expect(s.injects[2]!.body).toBe('=CONCAT("Maintenance ","tonight")');
    // It plays: the planner's injects arrive on the clock, in order.
    const run = new ExerciseRun(s, 1);
    run.advanceTo(5 * 3_600_000);
    const titles = run.context.signals.map((x) => x.title);
    expect(titles).toEqual(expect.arrayContaining(['Is the fairness report right?', 'Reporter calling', 'Bureau maintenance']));
    expect(titles.indexOf('Is the fairness report right?')).toBeLessThan(titles.indexOf('Reporter calling'));
  });

  it("merge keeps the scenario's injects and adds the planner's", { timeout: 60_000 }, async () => {
    const yaml = yamlOf('silent-bias-drift');
    const base = scenarioOf(yaml);
    const r = await importMselFile(await plannersWorkbook(), 'xlsx', { baseYaml: yaml, mode: 'merge' });
    if (!r.ok) throw new Error(r.problems.map(formatMselProblem).join('\n'));
    expect(r.scenario.injects.map((i) => i.id)).toEqual([
      ...base.injects.map((i) => i.id),
      'is-the-fairness-report-right',
      'reporter-calling',
      'bureau-maintenance',
    ]);
  });
});

describe('a hand-made CSV with mistakes', () => {
  const csv = [
    'Time,Method,From,Message,Objective',
    'T+0:30,Email,Ops,The nightly job failed.,stop-harm-lawfully',
    'half past nine,Email,Ops,Something odd.,',
    'T+1:00,Carrier pigeon,Ops,A message.,',
    'T+1:10,Ticket,Ops,,',
    'T+1:20,Ticket,Ops,Check the dashboards.,obj-99',
    '"T+1:40",ticket,"Ops, night shift","A ""quoted"" message,\nover two lines",remediate',
  ].join('\r\n');

  it('gets one error per problem, each with its row and column, and nothing imported', async () => {
    const r = await importMselFile(new TextEncoder().encode(csv), 'csv', { baseYaml: yamlOf('silent-bias-drift'), mode: 'merge', fileName: 'plan.csv' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ['plan', 3, 'A'],
      ['plan', 4, 'B'],
      ['plan', 5, 'D'],
      ['plan', 6, 'E'],
    ]);
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^"half past nine" is not a time: use T\+h:mm/),
      expect.stringMatching(/^unknown delivery method "Carrier pigeon" \(use one of: Monitoring alert, /),
      'the inject has no text',
      expect.stringMatching(/^unknown objective "obj-99" \(objectives: notice-fairness, /),
    ]);
    expect(formatMselProblem(r.problems[0]!)).toBe(
      'plan!A3  row 3, column A: "half past nine" is not a time: use T+h:mm (T+1:30), a date and time (2026-03-09 09:30), or a rule (fault + 45m, action:<id> + 10m, <metric> above <n>)',
    );
  });

  it('reads quotes, commas and line breaks inside cells', () => {
    expect(parseCsv(csv).at(-1)).toEqual(['T+1:40', 'ticket', 'Ops, night shift', 'A "quoted" message,\nover two lines', 'remediate']);
  });

  it('refuses a workbook over the row cap, naming the sheet and row', async () => {
    const big = ['Time,Method,Message', ...Array.from({ length: 2100 }, (_, i) => `T+0:${String(i % 60).padStart(2, '0')},Ticket,m${i}`)].join('\n');
    const r = await importMselFile(new TextEncoder().encode(big), 'csv', { baseYaml: yamlOf('silent-bias-drift'), mode: 'merge', fileName: 'big.csv' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ sheet: 'big', row: 2001, message: 'a sheet may have at most 2000 rows' });
  });
});

describe('spreadsheet cells are never formulas', () => {
  it('CSV export defuses a leading = and import restores the text', () => {
    const s = scenarioOf(yamlOf('stale-pricing-data'));
    const evil = { ...s, injects: [{ ...s.injects[0]!, title: '=HYPERLINK("http://x","click")' }, ...s.injects.slice(1)] };
    const sheets = scenarioToMsel(evil);
    expect(sheets[0]!.rows[1]).toContain('=HYPERLINK("http://x","click")');
    const r = importMsel(
      [
        {
          name: 'MSEL',
          rows: parseCsv(
            sheets[0]!.rows.map((row) => row.map((c) => (/^=/.test(c) ? `"'${c.replace(/"/g, '""')}"` : `"${c.replace(/"/g, '""')}"`)).join(',')).join('\n'),
          ),
        },
      ],
      {
        baseYaml: yamlOf('stale-pricing-data'),
        mode: 'replace',
      },
    );
    expect(r.ok && r.scenario.injects[0]!.title).toBe('=HYPERLINK("http://x","click")');
  });

  it('an .xlsx formula cell is read as its formula text', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow([{ formula: '1+1', result: 2 }, 'plain']);
    const sheets = await readWorkbook(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), 'xlsx');
    expect(sheets[0]!.rows[0]).toEqual(['=1+1', 'plain']);
  });
});

describe('firebreak msel', () => {
  const io = recordingIo;

  it('exports, imports back with a remembered mapping, and writes nothing for a bad CSV', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-msel-'));
    const scenario = join(ROOT, 'scenarios/stale-pricing-data.yaml');
    const x = io();
    expect(await main(['msel', 'export', scenario, '--out', join(dir, 'm.xlsx')], x)).toBe(0);
    expect(
      await main(['msel', 'import', join(dir, 'm.xlsx'), '--into', scenario, '--out', join(dir, 'back.yaml'), '--mapping', join(dir, 'map.json')], x),
    ).toBe(0);
    expect(x.stderr).toEqual([]);
    expect(scenarioOf(readFileSync(join(dir, 'back.yaml'), 'utf8'))).toEqual(scenarioOf(readFileSync(scenario, 'utf8')));
    expect(JSON.parse(readFileSync(join(dir, 'map.json'), 'utf8'))).toMatchObject({ 'delivery method': 'method', 'inject text': 'message' });

    writeFileSync(join(dir, 'bad.csv'), 'Time,Method,Message\nsoon,Ticket,hello\n');
    const y = io();
    expect(await main(['msel', 'import', join(dir, 'bad.csv'), '--into', scenario, '--out', join(dir, 'new.yaml')], y)).toBe(1);
    expect(y.stderr[0]).toMatch(/^bad!A2 {2}row 2, column A: "soon" is not a time/);
    expect(existsSync(join(dir, 'new.yaml'))).toBe(false);
  });
});
