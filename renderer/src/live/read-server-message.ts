/**
 * Reads one frame from the host as the contract's ServerMessage, or says what is wrong with it.
 *
 * The host is the authority, but a frame is still text from a socket: a proxy, a different host
 * version or a hostile peer can send anything. A frame that is not JSON, has an unknown `type` or
 * lacks the fields the client reads is reported (LiveClient keeps the last problem and carries
 * on); it never reaches a screen and is never thrown into React. Views are checked only at their
 * top level (their contents are the host's projection; the screens read them as sent).
 */
import type { ServerMessage } from '../../../shared/contract/live.ts';

export type ReadResult = { ok: true; message: ServerMessage } | { ok: false; problem: string };

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isSeqList = (x: unknown): boolean => Array.isArray(x) && x.every((e) => isObj(e) && isNum(e.seq) && isNum(e.t));
const isClock = (x: unknown): boolean => isObj(x) && isNum(x.t) && typeof x.paused === 'boolean' && isNum(x.speed);

/** A view the screens can read (top level only): what a patched view is checked against too. */
export const isReadableView = (x: unknown): boolean => isObj(x) && isClock(x.clock);

/** The first thing wrong with a message of this type, or null when the client can read it. */
function problemOf(m: Obj): string | null {
  const type = m.type as ServerMessage['type'];
  switch (type) {
    case 'welcome':
      if (!isObj(m.you) || !isStr(m.you.kind)) return 'welcome without `you`';
      if (m.setup !== null && !(isObj(m.setup) && isNum(m.setup.seed) && isSeqList(m.setup.entries))) return 'welcome with a malformed setup';
      if (m.join !== undefined && !(isObj(m.join) && Array.isArray(m.join.roles))) return 'welcome with malformed join choices';
      return null;
    case 'entries':
      if (!isNum(m.upTo)) return 'entries without `upTo`';
      if (m.full !== null && !isSeqList(m.full)) return 'entries with a malformed `full` list';
      if (!isSeqList(m.public)) return 'entries with a malformed `public` list';
      return null;
    case 'clock':
      return isClock(m.clock) ? null : 'clock without a readable clock';
    case 'view':
      if (!isReadableView(m.view)) return 'view without a readable view';
      return m.version === undefined || isNum(m.version) ? null : 'view with a malformed version';
    case 'viewPatch':
      return isNum(m.base) && isNum(m.version) && isObj(m.patch) ? null : 'viewPatch without base, version or patch';
    case 'room':
      return isObj(m.room) && Array.isArray(m.room.participants) && Array.isArray(m.room.sharedFindings) ? null : 'room without a readable room';
    case 'lobby':
      return isObj(m.lobby) && isNum(m.lobby.count) && Array.isArray(m.lobby.waiting) ? null : 'lobby without a readable lobby';
    case 'held':
      return isStr(m.reason) ? null : 'held without a reason';
    case 'ack':
      return isStr(m.id) ? null : 'ack without an id';
    case 'refused':
      return (m.id === null || isStr(m.id)) && isStr(m.code) && isStr(m.message) ? null : 'refused without id, code or message';
    case 'bye':
      return isStr(m.reason) ? null : 'bye without a reason';
    default:
      // Exhaustive over the contract's types (a new one fails to compile here until it is read).
      ((t: never) => t)(type);
      return `unknown message type ${JSON.stringify(m.type).slice(0, 40)}`;
  }
}

export function readServerMessage(text: string): ReadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: `a frame that is not JSON (${text.length} characters)` };
  }
  if (!isObj(json) || !isStr(json.type)) return { ok: false, problem: 'a frame that is not a message (no `type`)' };
  const problem = problemOf(json);
  return problem === null ? { ok: true, message: json as unknown as ServerMessage } : { ok: false, problem };
}
