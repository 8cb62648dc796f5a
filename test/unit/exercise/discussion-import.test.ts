/**
 * A planner's workbook imported as a new discussion-based exercise (#19, HSEEP): title block,
 * their own column names, absolute date-times, an objectives sheet and a modules sheet become a
 * scenario with no simulated fault that plays on the clock: the planner's injects arrive in order,
 * nothing else does, and the room's ratings, decisions and hot wash are taken.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../../host/cli/main.ts';
import { importMselFile } from '../../../host/exercise/msel-files.ts';
import { ExerciseRun } from '../../../shared/engine/exercise-run.ts';
import { formatMselProblem } from '../../../shared/exercise/msel.ts';
import { loadScenario } from '../../../shared/scenario/load.ts';

const H = 3_600_000;

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('MSEL');
  ws.addRow(['Northfield Bank — Board AI incident tabletop']);
  ws.addRow(['Exercise date: Tuesday 14 April 2026', '', 'Lead planner: R. Adeyemi']);
  ws.addRow([]);
  ws.addRow(['Serial', 'Date/Time', 'Delivery', 'Sender', 'Recipient', 'Subject', 'Inject Description', 'Expected Outcome', 'Objective', 'Phase']);
  ws.addRow([
    1,
    new Date(Date.UTC(2026, 3, 14, 9, 20)),
    'Email',
    'Head of Lending',
    'Incident Commander',
    'Loan approvals look odd',
    'Approval rates for one postcode fell by half overnight.',
    'Convenes the incident team',
    'OBJ-1',
    'Recognition',
  ]);
  ws.addRow([
    2,
    new Date(Date.UTC(2026, 3, 14, 10, 45)),
    'Phone',
    'Regulator',
    'Client liaison',
    'Regulator asks questions',
    'The regulator has a complaint and wants an answer today.',
    'Agrees who answers and by when',
    'OBJ-2',
    'Response',
  ]);
  const obj = wb.addWorksheet('Objectives');
  obj.addRow(['Objective #', 'Objective', 'Core Capability']);
  obj.addRow(['OBJ-1', 'Recognise an AI decision problem from business signals.', 'Detection and monitoring']);
  obj.addRow(['OBJ-2', 'Agree who speaks to the regulator, and what is said.', 'Communication']);
  const mod = wb.addWorksheet('Modules');
  mod.addRow(['Module ID', 'Module', 'Start', 'End', 'Situation', 'Discussion questions', 'Expected actions']);
  mod.addRow([
    'recognition',
    'Recognition',
    'T+0:00',
    'T+1:30',
    'A normal Tuesday.',
    'Who decides this is an incident?\nWhat do you check first?',
    'Declare early',
  ]);
  mod.addRow(['response', 'Response', 'T+1:30', 'T+3:00', 'The regulator calls.', 'Who talks to the regulator?', 'Name one spokesperson']);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("a planner's workbook as a new discussion-based exercise", () => {
  it('imports with the title block as title, dated by the workbook, objectives and modules from their sheets', { timeout: 90_000 }, async () => {
    const r = await importMselFile(await workbook(), 'xlsx', { baseYaml: '', mode: 'replace', newDiscussion: { id: 'board-tabletop' } });
    if (!r.ok) throw new Error(r.problems.map(formatMselProblem).join('\n'));
    const s = r.scenario;
    expect(s.exerciseType).toBe('discussion');
    expect(s.id).toBe('board-tabletop');
    expect(s.title).toBe('Northfield Bank — Board AI incident tabletop');
    expect(s.clock.start).toBe('2026-04-14T09:00');
    expect(s.objectives.map((o) => [o.id, o.capability])).toEqual([
      ['obj-1', 'detection_monitoring'],
      ['obj-2', 'communication'],
    ]);
    expect(s.modules.map((m) => [m.id, m.from / 60_000, m.to / 60_000, m.questions])).toEqual([
      ['recognition', 0, 90, ['Who decides this is an incident?', 'What do you check first?']],
      ['response', 90, 180, ['Who talks to the regulator?']],
    ]);
    expect(s.injects.map((i) => [i.title, 'at' in i.trigger ? i.trigger.at / 60_000 : null, i.roles, i.objectives])).toEqual([
      ['Loan approvals look odd', 20, ['incident_commander'], ['obj-1']],
      ['Regulator asks questions', 105, ['client_liaison'], ['obj-2']],
    ]);
    // The YAML written is a scenario file that loads on its own.
    expect(loadScenario(r.yaml, 'board-tabletop.yaml').ok).toBe(true);
  });

  it('plays on the clock: only the planner’s injects arrive; ratings, decisions and the hot wash are taken', { timeout: 90_000 }, async () => {
    const r = await importMselFile(await workbook(), 'xlsx', { baseYaml: '', mode: 'replace', newDiscussion: { id: 'board-tabletop' } });
    if (!r.ok) throw new Error(r.problems.map(formatMselProblem).join('\n'));
    const run = new ExerciseRun(r.scenario, 1);
    run.advanceTo(H);
    expect(run.context.signals.map((x) => x.title)).toEqual(['Loan approvals look odd']);
    run.apply({ type: 'DECISION', text: 'The CRO is incident commander', owner: 'CRO', question: 'Who decides this is an incident?' }, H);
    run.apply({ type: 'RATE', objectiveId: 'obj-1', rating: 'S', observation: 'Took 20 minutes to agree' }, H);
    expect(() => run.apply({ type: 'RATE', objectiveId: 'obj-9', rating: 'P' }, H)).toThrow();
    run.advanceTo(2 * H);
    expect(run.context.signals.map((x) => x.title)).toEqual(['Loan approvals look odd', 'Regulator asks questions']);
    run.runToEnd();
    // No simulated fault ever shows: nothing to detect, no signal but the planner's.
    expect(run.context.firstSignAt).toBeNull();
    expect(run.context.signals).toHaveLength(2);
    run.apply({ type: 'HOT_WASH', wentWell: 'Clear chair', improve: 'Regulator contact list', playbookChange: 'Name a spokesperson', confidence: 4 }, run.now);
    expect(
      run.context.timeline.filter((e) => e.event.code === 'decision' || e.event.code === 'rating' || e.event.code === 'hot_wash').map((e) => e.event.code),
    ).toEqual(['decision', 'rating', 'hot_wash']);
  });

  it('firebreak msel import --new writes the discussion-based scenario', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-discussion-'));
    writeFileSync(join(dir, 'plan.xlsx'), await workbook());
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (s: string) => out.push(s),
      err: (s: string) => err.push(s),
      readFile: (p: string) => readFileSync(p),
      writeFile: (p: string, d: string | Uint8Array) => writeFileSync(p, d),
    };
    expect(await main(['msel', 'import', join(dir, 'plan.xlsx'), '--new', 'board-tabletop', '--out', join(dir, 'b.yaml')], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out.at(-1)).toMatch(/a new discussion-based scenario "Northfield Bank — Board AI incident tabletop": 2 injects, 2 objectives, 2 modules/);
    const loaded = loadScenario(readFileSync(join(dir, 'b.yaml'), 'utf8'), 'b.yaml');
    expect(loaded.ok && loaded.scenario.exerciseType).toBe('discussion');
    expect(await main(['msel', 'import', join(dir, 'plan.xlsx'), '--new', 'Bad Id', '--out', join(dir, 'c.yaml')], io)).toBe(2);
  });
});
