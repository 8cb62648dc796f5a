/**
 * #20: no near-empty pages in the printed report. A short table is kept on one page; a table of a
 * few tall rows (the score card's reasons) breaks between its rows instead of jumping whole to the
 * next page and leaving "3. Score card" alone on the one before.
 */
import { describe, expect, it } from 'vitest';
import { table } from '../../../shared/debrief/report-html.ts';

const cols = [{ head: 'Capability' }, { head: 'Reason' }];

describe('report tables and page breaks', () => {
  it('keeps a short table whole', () => {
    expect(table(cols, [['Detection', 'Detected at T+1h']])).toMatch(/^<table class="keep">/);
  });

  it('lets six tall rows break between rows (the score card)', () => {
    const reason = 'Detected at T+2h12m by declaring the incident: MTTD 1h25m (target 1h). '.repeat(5);
    const rows = Array.from({ length: 6 }, (_, i) => [`Capability ${i}`, reason]);
    expect(table(cols, rows)).toMatch(/^<table>/);
  });

  it('counts text, not markup', () => {
    expect(table(cols, [['<b>80</b>', `<span class="missed">${'x'.repeat(100)}</span>`]])).toMatch(/^<table class="keep">/);
  });
});
