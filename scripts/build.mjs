#!/usr/bin/env node
// `npm run build`: compiles everything that ships, so nothing transpiles TypeScript at run time.
//
//   node scripts/build.mjs [node] [web] [desktop] [--if-stale]
//
//   node     the CLI and the browser host (esbuild) → dist-node/cli.mjs, dist-node/web.mjs (and
//            dist-node/report-worker.mjs, the CLI report's worker thread)
//   web      the renderer for the browser host (vite) → dist-web/
//   desktop  Electron main, preload and renderer (electron-vite) → out/
//
// No target names all three. --if-stale skips a target whose manifest (see bin/freshness.mjs)
// says its output is newer than every source that went into it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isBuildFresh } from '../bin/freshness.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where each target writes its manifest, and a source file whose absence means "no sources here". */
export const TARGETS = {
  node: { manifest: 'dist-node/inputs.json', probe: 'host/cli/main.ts' },
  web: { manifest: 'dist-web/.build-inputs.json', probe: 'renderer/index.html' },
  desktop: { manifest: null, probe: null },
};

export function isFresh(target) {
  const t = TARGETS[target];
  return t.manifest !== null && isBuildFresh(ROOT, t.manifest, t.probe);
}

/**
 * The CLI and the browser host as ES modules for Node 20.
 *
 * npm dependencies stay external (loaded from node_modules as any package would be); the project's
 * own TypeScript is bundled, with the CLI's lazy `report` command and PDF printer split into
 * chunks so `validate` and `run` do not load them. Chunks sit flat in dist-node/, next to the
 * entries, because host/paths.ts finds the app root as `import.meta.dirname/..`.
 */
export async function buildNode() {
  const { build } = await import('esbuild');
  const builtAt = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'host/cli/main.ts', web: 'host/web/main.ts', 'report-worker': 'host/cli/report-worker.ts' },
    outdir: 'dist-node',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  // Chunk names carry content hashes: remove the previous build's leftovers once the new files are
  // in place (not before, so a host already running from dist-node/ keeps its chunks meanwhile).
  const outputs = new Set(Object.keys(result.metafile.outputs).map((p) => resolve(ROOT, p)));
  for (const f of readdirSync(join(ROOT, 'dist-node'))) {
    const path = join(ROOT, 'dist-node', f);
    if (/\.mjs(\.map)?$/.test(f) && !outputs.has(path)) rmSync(path, { force: true });
  }
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, resolve(ROOT, p)));
  writeManifest('dist-node/inputs.json', builtAt, [...inputs, 'package.json']);
  await writeScenarioJsonSchema();
}

/**
 * scenarios/scenario.schema.json, generated from the zod schema by the CLI just built (never
 * written by hand; test/unit/scenario/json-schema.test.ts fails when the committed copy is stale).
 */
async function writeScenarioJsonSchema() {
  const { main } = await import(`${pathToFileURL(join(ROOT, 'dist-node/cli.mjs')).href}?t=${Date.now()}`);
  const io = { out: () => {}, err: (s) => process.stderr.write(`${s}\n`), readFile: () => Buffer.alloc(0), writeFile: (p, d) => writeFileSync(p, d) };
  const code = await main(['schema', '--out', join(ROOT, 'scenarios/scenario.schema.json'), '--force'], io);
  if (code !== 0) throw new Error(`firebreak schema failed (exit ${code})`);
}

/** The renderer for the browser host; vite.config.ts writes dist-web/.build-inputs.json. */
export function buildWeb() {
  run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
}

/** Electron main (ESM), preload (CommonJS) and renderer into out/ (electron.vite.config.ts). */
export function buildDesktop() {
  run(['node_modules/electron-vite/bin/electron-vite.js', 'build']);
}

function writeManifest(path, builtAt, inputs) {
  const file = join(ROOT, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ builtAt, inputs: [...new Set(inputs)].sort() }, null, 1)}\n`);
}

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Builds the named targets (all when none are named), skipping fresh ones when ifStale. */
export async function buildTargets(names, { ifStale = false, log = (s) => process.stdout.write(`${s}\n`) } = {}) {
  const targets = names.length ? names : ['node', 'web', 'desktop'];
  for (const t of targets) {
    if (!(t in TARGETS)) throw new Error(`unknown build target "${t}" (use node, web or desktop)`);
    if (ifStale && isFresh(t)) continue;
    const t0 = performance.now();
    if (t === 'node') await buildNode();
    else if (t === 'web') buildWeb();
    else buildDesktop();
    log(`built ${t} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  try {
    await buildTargets(
      args.filter((a) => !a.startsWith('--')),
      { ifStale: args.includes('--if-stale') },
    );
  } catch (e) {
    process.stderr.write(`build: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
