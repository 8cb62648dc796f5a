/**
 * `npm test` on a fresh machine (scripts/test-prerequisites.mjs): installs Chromium and
 * poppler-utils with apt-get when it is root, and otherwise prints the exact command to run.
 */
import { ensurePrerequisites, type PrerequisiteSystem } from '../../../scripts/test-prerequisites.mjs';

function machine(over: Partial<PrerequisiteSystem> & { files?: string[]; commands?: string[] }) {
  const files = new Set(over.files ?? []);
  const commands = new Set(over.commands ?? []);
  const log: string[] = [];
  const aptCalls: string[][] = [];
  const sys: Partial<PrerequisiteSystem> = {
    env: {},
    root: false,
    has: (c) => commands.has(c),
    exists: (p) => files.has(p),
    apt: (args) => {
      aptCalls.push(args);
      if (args[0] === 'install') {
        if (args.includes('chromium')) files.add('/usr/bin/chromium');
        if (args.includes('poppler-utils')) commands.add('pdftotext');
      }
      return true;
    },
    log: (s) => log.push(s),
    ...over,
  };
  return { sys, log, aptCalls };
}

describe('test prerequisites', () => {
  it('does nothing when Chromium and pdftotext are there', () => {
    const m = machine({ files: ['/usr/bin/chromium'], commands: ['pdftotext', 'apt-get'], root: true });
    expect(ensurePrerequisites(m.sys)).toBe(true);
    expect(m.aptCalls).toEqual([]);
  });
  it('installs what is missing with apt-get when root', () => {
    const m = machine({ commands: ['apt-get'], root: true });
    expect(ensurePrerequisites(m.sys)).toBe(true);
    expect(m.aptCalls).toEqual([
      ['update', '-qq'],
      ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'poppler-utils'],
    ]);
    expect(m.log[0]).toContain('installing chromium and poppler-utils');
  });
  it('says exactly what to run when it is not root', () => {
    const m = machine({ files: ['/usr/bin/chromium'], commands: ['apt-get'], root: false });
    expect(ensurePrerequisites(m.sys)).toBe(false);
    expect(m.aptCalls).toEqual([]);
    expect(m.log.join('\n')).toContain('sudo apt-get install -y --no-install-recommends poppler-utils');
  });
  it('reports a failed install instead of claiming success', () => {
    const m = machine({ commands: ['apt-get'], root: true, apt: () => false });
    expect(ensurePrerequisites(m.sys)).toBe(false);
    expect(m.log.at(-1)).toMatch(/installing chromium and poppler-utils failed; run `apt-get install/);
  });
  it('names a CHROMIUM_PATH that does not exist rather than installing Debian’s', () => {
    const m = machine({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, commands: ['apt-get', 'pdftotext'], root: true });
    expect(ensurePrerequisites(m.sys)).toBe(false);
    expect(m.aptCalls).toEqual([]);
    expect(m.log[0]).toContain('CHROMIUM_PATH is /opt/chrome/chrome, which does not exist');
  });
  it('uses a CHROMIUM_PATH that exists', () => {
    const m = machine({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, files: ['/opt/chrome/chrome'], commands: ['pdftotext'] });
    expect(ensurePrerequisites(m.sys)).toBe(true);
  });
});
