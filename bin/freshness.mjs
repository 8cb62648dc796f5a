// Is a build output up to date with its sources? Read by bin/firebreak.mjs on every start, so it
// imports nothing but node:fs and costs a few milliseconds (one stat per source file).
//
// A build writes a manifest beside its output: { builtAt, inputs } where `inputs` are the source
// files (relative to the repository root) that went into it and `builtAt` is when the build
// started, so an edit made while it ran still counts as newer.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * True when the manifest exists and no input is newer than the build or missing.
 *
 * Without sources at all (`probe`, a file every checkout has, is absent) the output is all there is,
 * so it counts as fresh.
 */
export function isBuildFresh(root, manifestPath, probe) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, manifestPath), 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(manifest.inputs) || typeof manifest.builtAt !== 'number') return false;
  if (probe && !exists(join(root, probe))) return true;
  for (const input of manifest.inputs) {
    let mtime;
    try {
      mtime = statSync(join(root, input)).mtimeMs;
    } catch {
      return false;
    }
    if (mtime > manifest.builtAt) return false;
  }
  return true;
}

function exists(path) {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
