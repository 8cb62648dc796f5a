/**
 * Delivery methods (the scenario's channels) as planners write them in a guide or an MSEL. The
 * MSEL's channel drop-down offers these labels; import accepts a label or the channel id.
 */
import { CHANNELS, type Channel } from '../scenario/schema.ts';

export const METHOD_LABELS: Record<Channel, string> = {
  monitoring_alert: 'Monitoring alert',
  dashboard: 'Dashboard',
  ticket: 'Ticket',
  client: 'Client message',
  provider: 'Provider notice',
  social_press: 'Social media / press',
  regulator: 'Regulator',
  internal: 'Internal chat',
};

/** The channel a planner meant by a method ("Monitoring alert", "monitoring_alert", "email"), or null. */
export function methodToChannel(text: string): Channel | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  for (const c of CHANNELS) if (c === t.replace(/[\s/-]+/g, '_') || METHOD_LABELS[c].toLowerCase() === t) return c;
  const aliases: Record<string, Channel> = {
    alert: 'monitoring_alert',
    page: 'monitoring_alert',
    pager: 'monitoring_alert',
    monitoring: 'monitoring_alert',
    chart: 'dashboard',
    metric: 'dashboard',
    'service desk': 'ticket',
    jira: 'ticket',
    customer: 'client',
    'client email': 'client',
    vendor: 'provider',
    supplier: 'provider',
    'status page': 'provider',
    press: 'social_press',
    media: 'social_press',
    'social media': 'social_press',
    social: 'social_press',
    regulatory: 'regulator',
    chat: 'internal',
    slack: 'internal',
    teams: 'internal',
    email: 'internal',
    phone: 'internal',
    'internal email': 'internal',
  };
  return aliases[t] ?? null;
}
