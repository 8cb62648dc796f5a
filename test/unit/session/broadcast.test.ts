import type { ParticipantView, ServerMessage } from '../../../shared/contract/live.ts';
import { applyViewPatch } from '../../../shared/contract/view-patch.ts';
import { KEYFRAME_EVERY_MS, ViewFanout, wireText } from '../../../host/session/broadcast.ts';

/** A client as the renderer keeps one (view-tracker.ts): whole views, then patches on top. */
class Screen {
  readonly got: ServerMessage[] = [];
  view: unknown = null;
  version: number | null = null;
  send(m: ServerMessage): void {
    this.got.push(m);
    if (m.type === 'view') [this.view, this.version] = [m.view, m.version ?? null];
    if (m.type === 'viewPatch') {
      expect(m.base).toBe(this.version);
      [this.view, this.version] = [applyViewPatch(this.view, JSON.parse(JSON.stringify(m.patch))), m.version];
    }
  }
}

const feed = Array.from({ length: 300 }, (_, i) => ({ id: `s${i}`, title: `Signal ${i}`, body: 'x'.repeat(40) }));
const viewAt = (t: number, extra = 0) => ({ clock: { t, paused: false }, signals: feed.slice(0, 200 + extra) }) as unknown as ParticipantView;

describe('live fan-out (once per distinct view, patches while the clock runs)', () => {
  it('sends a new client the whole view, the others only what changed, and nothing when nothing did', () => {
    let now = 0;
    const fanout = new ViewFanout<Screen>(() => now);
    const a = new Screen();
    const b = new Screen();
    let made = 0;
    const make =
      (t: number, extra = 0) =>
      () => (made++, viewAt(t, extra));
    fanout.publish('role:x', make(0), [a], new Set([a]));
    fanout.publish('role:x', make(0), [a, b], new Set([b]));
    expect(a.got.map((m) => m.type)).toEqual(['view']); // unchanged: nothing more for a
    expect(b.got.map((m) => m.type)).toEqual(['view']);

    for (let t = 1; t <= 20; t++) {
      now += 250;
      fanout.publish('role:x', make(t * 250_000, t === 10 ? 1 : t > 10 ? 1 : 0), [a, b]);
    }
    expect(made).toBe(22); // one view per publish, however many clients
    expect(a.got.slice(1).every((m) => m.type === 'viewPatch')).toBe(true);
    expect(a.view).toEqual(JSON.parse(JSON.stringify(viewAt(20 * 250_000, 1))));
    expect(b.view).toEqual(a.view);
    // What a clock tick costs a client: a few dozen bytes, not the whole view.
    const full = wireText(a.got[0]!).length;
    const tick = wireText(a.got[5]!).length;
    expect(full).toBeGreaterThan(10_000);
    expect(tick).toBeLessThan(200);
    // The same message object goes to every client of the view, so it is serialised once.
    expect(a.got[5]).toBe(b.got[5]);
  });

  it('sends the whole view again once a keyframe is due', () => {
    let now = 0;
    const fanout = new ViewFanout<Screen>(() => now);
    const a = new Screen();
    fanout.publish('projector', () => viewAt(0), [a], new Set([a]));
    now += 1000;
    fanout.publish('projector', () => viewAt(1), [a]);
    now += KEYFRAME_EVERY_MS;
    fanout.publish('projector', () => viewAt(2), [a]);
    expect(a.got.map((m) => m.type)).toEqual(['view', 'viewPatch', 'view']);
  });

  it('diffs the views it built as the page reads them off the wire (an undefined field is no field)', () => {
    let now = 0;
    const fanout = new ViewFanout<Screen>(() => now);
    const a = new Screen();
    const wire = new Screen();
    const onWire = { send: (m: ServerMessage) => wire.send(JSON.parse(wireText(m)) as ServerMessage) } as unknown as Screen;
    const shown = (note: string | undefined, t: number) => () => ({ ...viewAt(t), note, spotlight: undefined }) as unknown as ParticipantView;
    fanout.publish('role:x', shown('read this', 0), [a, onWire], new Set([a, onWire]));
    now += 250;
    fanout.publish('role:x', shown(undefined, 0), [a, onWire]);
    now += 250;
    const before = wire.got.length;
    fanout.publish('role:x', shown(undefined, 0), [a, onWire]); // the same as JSON reads it: nothing to send
    expect(wire.got.length).toBe(before);
    now += 250;
    fanout.publish('role:x', shown(undefined, 250), [a, onWire]);
    expect(wire.view).toEqual(JSON.parse(JSON.stringify(viewAt(250))));
    expect('note' in (wire.view as object)).toBe(false);
  });
});
