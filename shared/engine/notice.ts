/**
 * What makes a message a notice: the elements each audience needs, filled in.
 *
 * An initial notification tells the recipient what happened, the impact and who is affected, what
 * has been done, what they should do, and when the next update comes. A regulator's personal-data
 * breach notice (GDPR art. 33(3)) needs the nature of the breach, the categories and approximate
 * numbers of people and records, the likely consequences, the measures taken and a contact point.
 * Internal status updates need no elements. An obligation's own `elements` list overrides these.
 */
import type { Audience, MessageElement } from '../scenario/schema.ts';

export const REQUIRED_ELEMENTS: Record<Audience, ReadonlyArray<MessageElement>> = {
  internal: [],
  client: ['what_happened', 'impact', 'actions_taken', 'recipient_actions', 'next_update'],
  affected_users: ['what_happened', 'impact', 'actions_taken', 'recipient_actions'],
  public: ['what_happened', 'impact', 'actions_taken'],
  regulator: ['nature', 'categories_and_numbers', 'likely_consequences', 'measures_taken', 'contact_point'],
};

/** An element counts when it says something: at least two words or eight characters. */
export function elementFilled(text: string | undefined): boolean {
  if (!text) return false;
  const t = text.trim();
  return t.length >= 8 || t.split(/\s+/).length >= 2;
}

/** The required elements a message leaves out (empty: it is a complete notice). */
export function missingElements(required: ReadonlyArray<MessageElement>, elements: Partial<Record<MessageElement, string>> | undefined): MessageElement[] {
  return required.filter((e) => !elementFilled(elements?.[e]));
}
