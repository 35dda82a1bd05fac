import { randomInt } from 'node:crypto';
import { displayNameForm } from '../../../shared/text/display-name';

/**
 * A new contact's name and whether it was made up. The one rule for every channel: the name the
 * customer or their platform gave (in its display form: see display-name.ts), else a stand-in (a widget visitor's "Visitor 1234", a
 * channel's id for them) marked `generated`, so greetings and {{contact.name}} leave it out.
 */
export type ContactName = { name: string; generated: boolean };

const MAX_STORED_NAME = 200;

export function contactNameFrom(given: string | null | undefined, standIn: () => string): ContactName {
  const name = given ? displayNameForm(given) : '';
  if (name) return { name: name.slice(0, MAX_STORED_NAME), generated: false };
  return { name: standIn().slice(0, MAX_STORED_NAME), generated: true };
}

/** What a widget visitor who gave no name is called until someone renames them. */
export const visitorStandIn = () => `Visitor ${randomInt(1000, 10000)}`;

/** The name a contact has for greetings and {{contact.name}}: '' when it was made up. */
export function greetingName(contact: { name: string; name_generated?: boolean | null }): string {
  return contact.name_generated ? '' : contact.name;
}
