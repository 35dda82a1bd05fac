import type { PiiField } from '../../../../shared/contact-profile';

/** What the parts of the panel that can reveal masked values need to know. */
export type RevealContext = {
  /** The contact id the panel asked for (its profile's store key). */
  contactId: string;
  /** The conversation open: reveals are for it only. */
  conversationId: string;
  /** Whether this viewer sees phones, emails and addresses masked. */
  masked: boolean;
  /** Fields already revealed in this conversation. */
  revealed: ReadonlySet<PiiField>;
};
