/**
 * Talking to a programme server from a desktop (the app's host and `firebreak publish`): register
 * this installation's key, send one exercise's signed bundle, read the team's corrective actions.
 *
 * Every answer is sorted into what the caller must do next: `published` (done; the same bundle
 * again is "already published"), `refused` (the server or the bundle says no: fix something,
 * retrying the same thing gives the same answer) or `unreachable` (the server, or its database,
 * is not there now: keep the exercise queued and try again later). Nothing here throws for a
 * network or server failure.
 */
import { makeBundle, serializeBundle, BundleError } from '../evidence/bundle.ts';
import { readExerciseFiles } from '../evidence/exercise-files.ts';
import type { InstallationKey } from '../evidence/installation-key.ts';
import type { TeamActionView } from '../../../shared/contract/api.ts';

/** The bundle's media type (kept in step with server/app.ts's BUNDLE_CONTENT_TYPE; not imported so the app never loads Fastify). */
export const BUNDLE_MEDIA_TYPE = 'application/vnd.firebreak.bundle';

export interface ServerTarget {
  /** e.g. http://127.0.0.1:8787 (no trailing slash needed). */
  server: string;
  token: string;
  /** The unit to publish into; absent: the caller's only facilitator unit. */
  unit?: number | null;
}

export type SendResult =
  | { kind: 'published'; status: 'published' | 'already-published' | 'republished'; digest: string; team: string; unit: string; overall: number }
  | { kind: 'refused'; reason: string; problems: string[]; httpStatus: number | null }
  | { kind: 'unreachable'; reason: string };

const REQUEST_TIMEOUT_MS = 60_000;

export function normaliseServer(server: string): string {
  return server.trim().replace(/\/+$/, '');
}

type Answer = { kind: 'answer'; status: number; body: Record<string, unknown> } | { kind: 'unreachable'; reason: string };

async function call(target: ServerTarget, path: string, init: { method: string; contentType?: string; body?: string }): Promise<Answer> {
  const base = normaliseServer(target.server);
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method: init.method,
      headers: { authorization: `Bearer ${target.token}`, ...(init.contentType ? { 'content-type': init.contentType } : {}) },
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    const cause = (e as Error & { cause?: Error }).cause?.message ?? (e as Error).message;
    return { kind: 'unreachable', reason: `${base} is not reachable (${cause})` };
  }
  const text = await res.text().catch(() => '');
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    body = {};
  }
  return { kind: 'answer', status: res.status, body };
}

function errorOf(a: { status: number; body: Record<string, unknown> }): { reason: string; problems: string[] } {
  const reason = typeof a.body.error === 'string' ? a.body.error : `HTTP ${a.status}`;
  const problems = Array.isArray(a.body.problems) ? a.body.problems.filter((p): p is string => typeof p === 'string') : [];
  return { reason, problems };
}

/**
 * A 5xx (the server is up but its database is not, or it is restarting) is "try again later",
 * like no answer at all; a 4xx is a refusal that the same request would get again.
 */
function sorted(a: Answer, what: string): SendResult | null {
  if (a.kind === 'unreachable') return a;
  if (a.status >= 500) return { kind: 'unreachable', reason: `the server could not ${what} now (${a.status}: ${errorOf(a).reason})` };
  if (a.status >= 400) return { kind: 'refused', ...errorOf(a), httpStatus: a.status };
  return null;
}

/** Registers the installation's key, then sends the bundle bytes. */
export async function sendBundle(target: ServerTarget, key: InstallationKey, bundleText: string): Promise<SendResult> {
  const k = await call(target, '/api/v1/keys', { method: 'POST', contentType: 'application/json', body: JSON.stringify({ publicKey: key.publicPem }) });
  const refusedKey = sorted(k, 'register this installation');
  if (refusedKey) {
    // 401 is about the token, not the key: say it as the server did.
    if (refusedKey.kind !== 'refused' || refusedKey.httpStatus === 401) return refusedKey;
    return { ...refusedKey, reason: `the server refused this installation's key: ${refusedKey.reason}` };
  }
  const unit = target.unit ? `?unit=${target.unit}` : '';
  const r = await call(target, `/api/v1/bundles${unit}`, { method: 'POST', contentType: BUNDLE_MEDIA_TYPE, body: bundleText });
  const refused = sorted(r, 'store the exercise');
  if (refused) return refused;
  const b = (r as { body: Record<string, unknown> }).body;
  const status = b.status === 'already-published' || b.status === 'republished' ? b.status : 'published';
  return {
    kind: 'published',
    status,
    digest: String(b.digest ?? ''),
    team: String(b.team ?? ''),
    unit: String(b.unit ?? ''),
    overall: Number(b.overall ?? 0),
  };
}

/** The bundle of an exercise folder (or journal), or the reason it cannot be made (a damaged journal names its line). */
export async function bundleOf(
  path: string,
  key: InstallationKey,
): Promise<{ ok: true; text: string; digest: string; exerciseId: string } | { ok: false; reason: string }> {
  try {
    const bundle = makeBundle(await readExerciseFiles(path), key);
    return { ok: true, text: serializeBundle(bundle), digest: bundle.digest, exerciseId: bundle.exerciseId };
  } catch (e) {
    if (e instanceof BundleError) return { ok: false, reason: e.message };
    return { ok: false, reason: `cannot read the exercise: ${(e as Error).message}` };
  }
}

/** A corrective action as the app shows it: the contract's view, read from the server. */
export type TeamAction = TeamActionView;

/** The corrective actions the caller may read (GET /api/v1/corrective-actions). */
export async function fetchCorrectiveActions(target: ServerTarget): Promise<{ ok: true; actions: TeamAction[] } | { ok: false; reason: string }> {
  const a = await call(target, '/api/v1/corrective-actions', { method: 'GET' });
  if (a.kind === 'unreachable') return { ok: false, reason: a.reason };
  if (a.status >= 400) return { ok: false, reason: `${a.status}: ${errorOf(a).reason}` };
  const list = Array.isArray(a.body.actions) ? (a.body.actions as Record<string, unknown>[]) : [];
  return {
    ok: true,
    actions: list.map((x) => ({
      id: Number(x.id),
      exerciseId: String(x.exerciseId ?? ''),
      text: String(x.text ?? ''),
      owner: typeof x.owner === 'string' ? x.owner : null,
      due: String(x.due ?? ''),
      status: (['open', 'in_progress', 'done', 'dropped'].includes(String(x.status)) ? x.status : 'open') as TeamAction['status'],
      team: String(x.team ?? ''),
    })),
  };
}

/** A published exercise as the setup screen's reminder needs it (GET /api/v1/exercises). */
export interface PublishedExerciseRef {
  exerciseId: string;
  team: string;
  startedAt: string;
}

/** The exercises the caller may read, oldest first as the server lists them. */
export async function fetchExercises(target: ServerTarget): Promise<{ ok: true; exercises: PublishedExerciseRef[] } | { ok: false; reason: string }> {
  const a = await call(target, '/api/v1/exercises', { method: 'GET' });
  if (a.kind === 'unreachable') return { ok: false, reason: a.reason };
  if (a.status >= 400) return { ok: false, reason: `${a.status}: ${errorOf(a).reason}` };
  const list = Array.isArray(a.body.exercises) ? (a.body.exercises as Record<string, unknown>[]) : [];
  return {
    ok: true,
    exercises: list.map((x) => ({ exerciseId: String(x.exerciseId ?? ''), team: String(x.team ?? ''), startedAt: String(x.startedAt ?? '') })),
  };
}

const sameTeam = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * "Last time this team agreed to …" (#22): the corrective actions agreed at the team's last
 * published exercise (the latest to start), none when that exercise agreed to none, never the
 * actions of its earlier exercises.
 */
export function lastAgreed(team: string, exercises: PublishedExerciseRef[], actions: TeamAction[]): TeamAction[] {
  let last: PublishedExerciseRef | null = null;
  for (const e of exercises) if (sameTeam(e.team, team) && (!last || e.startedAt >= last.startedAt)) last = e;
  return last ? actions.filter((a) => a.exerciseId === last.exerciseId && sameTeam(a.team, team)) : [];
}
