/**
 * A generated stress scenario for the UI benchmark: `count` signals arriving within the first
 * ten sim-minutes (about eight a second), so 60× delivers ~500 signals per wall-clock second.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const CHANNELS = ['monitoring_alert', 'dashboard', 'ticket', 'client', 'provider', 'social_press', 'internal'];

export function stressScenarioYaml(count = 5000): string {
  const doc = parseDocument(readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'mini.yaml'), 'utf8'));
  doc.set('id', 'stress-5000');
  doc.set('title', `Stress: ${count} signals`);
  doc.set('summary', `Generated for the UI benchmark: ${count} signals in ten sim-minutes.`);
  const injects = [];
  for (let i = 0; i < count; i++) {
    injects.push({
      id: `s-${i}`,
      trigger: { at: `${Math.floor((i * 600) / count)}s` },
      channel: CHANNELS[i % CHANNELS.length],
      source: `Source ${i % 17}`,
      title: `Signal ${i}: error budget burn on shard ${i % 64}`,
      body: `Automated signal ${i} for the responsiveness benchmark. Nothing to act on.`,
      severity: i % 10 === 0 ? 'critical' : 'info',
    });
  }
  doc.set('injects', injects);
  return doc.toString({ lineWidth: 0 });
}
