/**
 * A facilitator may choose which variant an exercise plays: the store pins the choice in the
 * journal header, and every replay of that journal (load, finish, history) plays the same variant.
 */
import { ApiError } from '../../../shared/contract/api.ts';
import { parseJournal } from '../../../shared/engine/journal.ts';
import { loadPinnedScenario } from '../../../shared/scenario/pinned.ts';
import { variantForSeed } from '../../../shared/scenario/variants.ts';
import { loadFile } from '../../helpers.ts';
import { fixedStore, miniSetup, tempDir } from './host-helpers.ts';

const pricing = loadFile('scenarios/stale-pricing-data.yaml');
const setup = (variant?: string | null) =>
  miniSetup({ scenarioId: 'stale-pricing-data', scenarioSource: pricing.source, seed: 3, ...(variant !== undefined ? { variant } : {}) });

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir();
});
afterEach(() => tmp.cleanup());

it('pins the chosen variant in the journal header and replays it', async () => {
  const store = fixedStore(tmp.dir);
  const drawn = variantForSeed(pricing.scenario, 3);
  const other = pricing.scenario.variants.find((v) => v.id !== drawn)!.id;
  const meta = await store.create(setup(other));
  const loaded = await store.load(meta.id);
  const header = parseJournal(loaded.journalText).header;
  expect(header.variant).toBe(other);
  const pinned = loadPinnedScenario(header);
  expect(pinned.ok && pinned.scenario.variants.map((v) => v.id)).toEqual([other]);
});

it('without a choice, the seed draws the variant, as before', async () => {
  const store = fixedStore(tmp.dir);
  const meta = await store.create(setup());
  const header = parseJournal((await store.load(meta.id)).journalText).header;
  expect(header.variant).toBeUndefined();
  const pinned = loadPinnedScenario(header);
  expect(pinned.ok && pinned.scenario.variants.map((v) => v.id)).toEqual([variantForSeed(pricing.scenario, 3)]);
});

it('refuses a variant the scenario does not have, naming the ones it has', async () => {
  const store = fixedStore(tmp.dir);
  const err = await store.create(setup('nope')).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).message).toMatch(/no variant "nope" \(its variants: partner-cache, partners-clean\)/);
});

it('solo mode requires no roles of the lone responder, so the score is not marked down for them', async () => {
  const { scoreRun } = await import('../../../shared/scoring/score-card.ts');
  const store = fixedStore(tmp.dir);
  const solo = await store.create({ ...setup(null), mode: 'solo' });
  const facilitated = await store.create(setup(null));
  const scenarioOf = async (id: string) => {
    const pinned = loadPinnedScenario(parseJournal((await store.load(id)).journalText).header);
    if (!pinned.ok) throw new Error('does not load');
    return pinned.scenario;
  };
  const s = await scenarioOf(solo.id);
  const f = await scenarioOf(facilitated.id);
  expect(s.rubric.requiredRoles).toEqual([]);
  expect(f.rubric.requiredRoles.length).toBeGreaterThan(0);
  const doc = (sc: typeof s) => scoreRun(sc, 3, []).dimensions.find((d) => d.dimension === 'documentation')!;
  expect(doc(s).reason).not.toMatch(/missing/);
  expect(doc(f).reason).toMatch(/missing/);
});
