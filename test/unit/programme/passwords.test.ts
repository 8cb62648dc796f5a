/**
 * Local-account passwords (#22): scrypt with a salt of their own, the parameters in the stored
 * form, constant-time comparison; a malformed stored hash never matches.
 */
import { DEFAULT_COST, hashPassword, passwordProblem, verifyPassword } from '../../../host/programme/auth/passwords.ts';

describe('local-account passwords', () => {
  it('hashes with scrypt at the default cost, a fresh salt per password, and verifies only the right one', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(new RegExp(`^scrypt\\$${DEFAULT_COST.logN}\\$8\\$1\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    expect(a).not.toBe(b); // per-password salt: equal passwords do not show
    expect(a).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  }, 60_000);

  it('never matches a malformed or tampered stored hash', async () => {
    const good = await hashPassword('another long password', { logN: 10, r: 8, p: 1 });
    const parts = good.split('$');
    for (const bad of [
      '',
      'plain',
      `bcrypt$${parts.slice(1).join('$')}`,
      parts.slice(0, 5).join('$'),
      `${parts.slice(0, 5).join('$')}$AAAA`,
      good.replace('$10$', '$30$'),
    ])
      expect(await verifyPassword('another long password', bad)).toBe(false);
  }, 60_000);

  it('refuses passwords too short for an account', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('long enough password')).toBeNull();
  });
});
