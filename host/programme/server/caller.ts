/**
 * Who is calling: the one place the programme server resolves the caller from a request, for the
 * API and the lead's pages alike. Today from a personal access token (`Authorization: Bearer
 * fbp_…`); a browser session (cookie) resolves here too, so every route and page gets it at once.
 */
import type { FastifyRequest } from 'fastify';
import { ProgrammeError, type Principal, type ProgrammeStore } from '../store/programme-store.ts';

/** The caller's principal; refused (401, ProgrammeError) when the request carries no valid credential. */
export async function resolveCaller(store: ProgrammeStore, req: FastifyRequest): Promise<Principal> {
  const auth = req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
  return store.authenticate(token);
}

/** The caller the preHandler hook resolved (resolveCaller); 401 when there is none. */
export function principal(req: FastifyRequest): Principal {
  if (!req.principal) throw new ProgrammeError(401, 'not signed in');
  return req.principal;
}
