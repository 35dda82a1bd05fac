import type { Translate } from './desktop';

/** The server's stand-in for a widget visitor who gave no name (server/domain/contacts/contact-name.ts). */
const VISITOR_STAND_IN = /^Visitor (\d{4})$/;

/**
 * A customer's name as the reader sees it: a made-up "Visitor 1234" in the reader's language
 * ("访客 1234"); a real name, or any other stand-in, as written.
 */
export function contactNameText(t: Translate, name: string, generated: boolean | undefined): string {
  const visitor = generated ? VISITOR_STAND_IN.exec(name) : null;
  return visitor ? t('contact.visitor', { number: visitor[1]! }) : name;
}
