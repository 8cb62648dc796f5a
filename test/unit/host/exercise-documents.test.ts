import { join } from 'node:path';
import { createHandlers } from '../../../host/api-handlers.ts';
import { ScenarioLibrary } from '../../../host/scenario-library.ts';
import { readWorkbook } from '../../../host/exercise/spreadsheet.ts';
import type { ExerciseStore } from '../../../host/storage/exercise-store.ts';
import { ROOT } from '../../helpers.ts';
import { tempDir } from './host-helpers.ts';

/** The library's exercise documents: the MSEL spreadsheet and the guide, downloaded (browser host). */
describe('msel:export and guide:export', () => {
  async function handlers() {
    const { dir } = await tempDir();
    const printed: string[] = [];
    const h = createHandlers({
      store: {} as ExerciseStore,
      library: new ScenarioLibrary({ builtinDir: join(ROOT, 'scenarios'), userDir: join(dir, 'scenarios') }),
      renderReport: () => '',
      // The guide's HTML is what the printer gets (printing itself is tested with Chromium in test/unit/exercise).
      printPdf: async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-');
      },
      chooseSaveTarget: async () => ({ kind: 'download' }),
      openProjector: async () => false,
    });
    return { h, printed };
  }

  it("downloads a built-in scenario's MSEL as a workbook with its injects", { timeout: 60_000 }, async () => {
    const { h } = await handlers();
    const r = await h['msel:export']({ file: 'builtin:silent-bias-drift.yaml', kind: 'xlsx' });
    if ('exists' in r || r.base64 === null) throw new Error('no download');
    expect(r.fileName).toBe('silent-bias-drift-msel.xlsx');
    const sheets = await readWorkbook(Buffer.from(r.base64, 'base64'), 'xlsx');
    expect(sheets[0]!.rows[1]![1]).toBe('chg-complete');
  });

  it('prints the participant version without facilitator-only text, and refuses an unknown file', async () => {
    const { h, printed } = await handlers();
    const r = await h['guide:export']({ file: 'builtin:silent-bias-drift.yaml', version: 'participant' });
    expect('exists' in r ? null : r.fileName).toBe('silent-bias-drift-situation-manual.pdf');
    expect(printed[0]).toContain('Situation Manual');
    expect(printed[0]).not.toContain('Expected actions');
    await expect(h['guide:export']({ file: 'builtin:nope.yaml', version: 'facilitator' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
