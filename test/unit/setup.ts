/**
 * Property-based tests (fast-check) run the same cases everywhere by default, so CI's verdict
 * depends on the code and not on the day's random draw: a fixed seed. To explore new cases, run
 * with FB_PROP_SEED=random (or a number) and FB_PROP_RUNS=300; a failure prints its seed and
 * counterexample, which then belong in a regression test (as in scoring/regressions.test.ts).
 */
import '../../shared/i18n/all-catalogues.ts'; // every language, as the host has them (the page loads French on first use)
import fc from 'fast-check';

const chosen = process.env.FB_PROP_SEED;
if (chosen !== 'random') fc.configureGlobal({ seed: chosen ? Number(chosen) : 20_261_201 });
