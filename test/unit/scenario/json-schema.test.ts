/**
 * The scenario JSON Schema (#21) in a real YAML language server: the `yaml-language-server`
 * package's language service, in-process, finding the schema only through each file's
 * `# yaml-language-server: $schema=./scenario.schema.json` first line, as an editor would.
 * Every built-in (and a fresh `firebreak new` scaffold) has no problems; broken copies have each
 * mistake reported on its line; completion offers the channels. The shipped schema is the one the
 * zod schema generates today (a stale copy fails here; `npm run build:node` regenerates it).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server/lib/umd/languageservice/yamlLanguageService.js';
import { main, type CliIo } from '../../../host/cli/main.ts';
import { scenarioJsonSchemaText, SCHEMA_MODELINE } from '../../../shared/scenario/json-schema.ts';
import { scaffoldScenario } from '../../../shared/scenario/scaffold.ts';
import { ROOT } from '../../helpers.ts';

const DIR = join(ROOT, 'scenarios');
const builtIns = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

function languageService() {
  const ls = getLanguageService({
    schemaRequestService: async (uri: string) => readFileSync(new URL(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (rel: string, resource: string) => new URL(rel, resource).href },
  } as never);
  ls.configure({ validate: true, completion: true, hover: true, schemas: [], yamlVersion: '1.2' } as never);
  return ls;
}

let version = 0;
/** Diagnostics for `text` as if it were a file in `dir` (so the modeline's relative path resolves there). */
async function problems(text: string, dir = DIR) {
  const doc = TextDocument.create(pathToFileURL(join(dir, 'under-test.yaml')).href, 'yaml', ++version, text);
  return (await languageService().doValidation(doc, false)).map((d) => ({ line: d.range.start.line + 1, message: d.message }));
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

it('the shipped schema is the one generated from the zod schema now', () => {
  const stale =
    'scenarios/scenario.schema.json is stale: regenerate it with `npm run build:node` (or `npx firebreak schema --out scenarios/scenario.schema.json --force`)';
  expect(readFileSync(join(DIR, 'scenario.schema.json'), 'utf8') === scenarioJsonSchemaText(), stale).toBe(true);
});

it('firebreak schema prints it', async () => {
  const out: string[] = [];
  const io: CliIo = { out: (s) => out.push(s), err: () => {}, readFile: () => Buffer.alloc(0), writeFile: () => {} };
  expect(await main(['schema'], io)).toBe(0);
  expect(`${out.join('\n')}\n`).toBe(scenarioJsonSchemaText());
  expect(JSON.parse(out.join('\n')).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
});

describe.each(builtIns)('%s in the YAML language server', (file) => {
  const text = readFileSync(join(DIR, file), 'utf8');
  it('points at the schema on its first line and has no problems', { timeout: 60_000 }, async () => {
    expect(text.split('\n')[0]).toBe(SCHEMA_MODELINE);
    expect(await problems(text)).toEqual([]);
  });
});

describe('broken copies: each mistake is reported on its line', () => {
  const text = readFileSync(join(DIR, 'stale-pricing-data.yaml'), 'utf8');
  const mistakes: Array<{ what: string; from: string; to: string; message: RegExp }> = [
    {
      what: 'an unknown channel',
      from: 'channel: provider\n    source: TravelCore',
      to: 'channel: pigeon\n    source: TravelCore',
      message: /Value is not accepted. Valid values: "monitoring_alert"/,
    },
    { what: 'a misspelt key', from: '    takesEffectAfter: 5m\n', to: '    takesEfectAfter: 5m\n', message: /Property takesEfectAfter is not allowed/ },
    { what: 'a severity out of range', from: '  severity: 1\n  incidentType', to: '  severity: 7\n  incidentType', message: /Value is above the maximum of 4/ },
    { what: 'a list where a duration goes', from: '  horizon: 8h', to: '  horizon: [8h]', message: /Incorrect type. Expected one of string, number/ },
    {
      what: 'an unknown surface',
      from: 'surface: input_data_pipeline',
      to: 'surface: gremlins',
      message: /Value is not accepted. Valid values: "model_version"/,
    },
  ];

  it.each(mistakes)('$what', { timeout: 60_000 }, async ({ from, to, message }) => {
    expect(text).toContain(from);
    const broken = text.replace(from, to);
    const found = await problems(broken);
    const line = lineOf(broken, to.split('\n')[0]!.trim());
    expect(found.filter((p) => message.test(p.message)).map((p) => p.line)).toEqual([line]);
  });

  it('all five at once: five problems', { timeout: 60_000 }, async () => {
    const broken = mistakes.reduce((t, m) => t.replace(m.from, m.to), text);
    expect(await problems(broken)).toHaveLength(mistakes.length);
  });

  it('completion after "channel:" offers the channels', { timeout: 60_000 }, async () => {
    const src = text.replace('channel: provider\n    source: TravelCore', 'channel: \n    source: TravelCore');
    const doc = TextDocument.create(pathToFileURL(join(DIR, 'under-test.yaml')).href, 'yaml', ++version, src);
    const line = lineOf(src, 'channel: \n'.trimEnd()) - 1;
    const pos = { line: src.split('\n').findIndex((l, i) => i >= line && l.trim() === 'channel:'), character: 13 };
    const items = (await languageService().doComplete(doc, pos, false)).items.map((i) => i.label);
    expect(items).toEqual(expect.arrayContaining(['monitoring_alert', 'social_press', 'regulator']));
  });
});

describe('firebreak new', () => {
  it('scaffolds a scenario with every section commented that validates, --checks clean and satisfies the editor', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-new-'));
    const out: string[] = [];
    const io: CliIo = { out: (s) => out.push(s), err: (s) => out.push(s), readFile: (p) => readFileSync(p), writeFile: (p, d) => writeFileSync(p, d) };
    const file = join(dir, 'my-drill.yaml');
    expect(await main(['new', 'my-drill', '--out', file], io)).toBe(0);
    expect(readFileSync(join(dir, 'scenario.schema.json'), 'utf8')).toBe(scenarioJsonSchemaText());
    out.length = 0;
    expect(await main(['validate', '--check', file], io)).toBe(0);
    expect(out.at(-1)).toMatch(/: 0 warning\(s\)$/);

    const text = readFileSync(file, 'utf8');
    expect(await problems(text, dir)).toEqual([]);
    // Every top-level section is there, with a comment line somewhere above it.
    const lines = text.split('\n');
    const { scenarioSchema } = await import('../../../shared/scenario/schema.ts');
    for (const key of Object.keys(scenarioSchema.shape)) {
      const at = lines.findIndex((l) => l.startsWith(`${key}:`) || l.startsWith(`# ${key}:`));
      expect(at, key).toBeGreaterThan(0);
      expect(lines[at]!.startsWith('#') || lines[at - 1]!.startsWith('#') || lines[at]!.includes(' # '), `${key} has a comment`).toBe(true);
    }
    // It refuses to overwrite, and refuses a bad id.
    expect(await main(['new', 'my-drill', '--out', file], io)).toBe(1);
    expect(await main(['new', 'My Drill'], io)).toBe(2);
    expect(() => scaffoldScenario('Bad Id')).toThrow(/not a scenario id/);
  });
});
