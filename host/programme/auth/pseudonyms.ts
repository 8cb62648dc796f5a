/**
 * Participant names outside the team's unit. A person's name is shown only to those holding a
 * role in the unit the exercise belongs to; everyone else (the programme lead's and the auditor's
 * organisation-wide views included) sees a stable pseudonym: "Participant 7KQ2MX", the same for
 * the same name across every exercise of the organisation, so patterns stay visible without the
 * person. The pseudonym is an HMAC-SHA256 of the organisation and the name under a server secret
 * (secrets.ts): without the secret it cannot be reversed by trying names.
 *
 * Corrective-action owners are an assignment, not a performance: the programme lead and the unit
 * see them; auditors see none (programme-store.ts seesNames).
 */
import { createHmac } from 'node:crypto';
import type { Principal } from '../store/programme-store.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

export function pseudonym(key: Buffer, organisationId: number, name: string): string {
  const mac = createHmac('sha256', key)
    .update(`${organisationId}\n${name.trim().normalize('NFC').toLowerCase()}`)
    .digest();
  let out = '';
  for (let i = 0; i < 6; i++) out += ALPHABET[mac[i]! % ALPHABET.length];
  return `Participant ${out}`;
}

/** Whether the caller sees the real names of the people who took part in an exercise of this unit. */
export function seesParticipantNames(p: Principal, unitId: number): boolean {
  return p.grants.some((g) => g.unitId === unitId);
}

/** Names as this caller may see them: real, or pseudonymised. */
export function namer(key: Buffer, organisationId: number) {
  return (name: string, visible: boolean) => (visible ? name : pseudonym(key, organisationId, name));
}
