/**
 * What makes a message count as a notice: the elements each audience needs, and when an element
 * says something. The engine meets notification obligations with these rules and scoring judges
 * content with the same ones (shared/scoring/definitions.ts re-exports them and holds the text
 * of the definition), so the console's "met" and the score card's "met" cannot disagree.
 *
 * An initial notification tells the recipient what happened, the impact and who is affected, what
 * has been done, what they should do, and when the next update comes. A regulator's personal-data
 * breach notice (GDPR art. 33(3)) needs the nature of the breach, the categories and approximate
 * numbers of people and records, the likely consequences, the measures taken and a contact point.
 */
import type { Audience, MessageElement, NotificationTarget } from '../scenario/schema.ts';

/** An element counts when it has at least this many words. */
export const MIN_ELEMENT_WORDS = 2;

/** The elements each audience's initial notification needs. */
export const REQUIRED_ELEMENTS: Record<Audience, ReadonlyArray<MessageElement>> = {
  internal: ['what_happened', 'impact', 'actions_taken', 'next_update'],
  client: ['what_happened', 'impact', 'actions_taken', 'recipient_actions', 'next_update'],
  affected_users: ['what_happened', 'impact', 'actions_taken', 'recipient_actions', 'next_update'],
  public: ['what_happened', 'impact', 'actions_taken', 'recipient_actions', 'next_update'],
  regulator: ['nature', 'categories_and_numbers', 'likely_consequences', 'measures_taken', 'contact_point'],
};

/** Whether one element's text counts: at least MIN_ELEMENT_WORDS words with a letter or digit. */
export function elementCounts(text: string | undefined): boolean {
  if (!text) return false;
  return (
    text
      .trim()
      .split(/\s+/)
      .filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= MIN_ELEMENT_WORDS
  );
}

type Elements = Partial<Record<MessageElement, string>>;

/** The elements of a message that count. */
export function countedElements(c: { elements: Elements }): MessageElement[] {
  return (Object.keys(c.elements) as MessageElement[]).filter((k) => elementCounts(c.elements[k]));
}

/** Whether a message counts as a notice at all: at least one element that counts. */
export function messageCounts(c: { elements: Elements }): boolean {
  return countedElements(c).length > 0;
}

/** The required elements a message leaves out. */
export function missingElements(required: ReadonlyArray<MessageElement>, elements: Elements | undefined): MessageElement[] {
  return required.filter((e) => !elementCounts(elements?.[e]));
}

/** #17: a notice fact judged against the world's state when the notice is sent (the engine records it then). */
export const factDependsOnWorld = (f: NonNullable<NotificationTarget['facts']>[number]): boolean =>
  f.when !== undefined || f.trueFrom !== undefined || f.trueUntil !== undefined || f.number?.harm !== undefined || f.time !== undefined;
