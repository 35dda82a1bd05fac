/**
 * Quick replies get a category (问候, 物流, 售后 …) that groups them in the composer's picker and
 * in the template manager. Existing replies have none ('').
 */
export const name = 'template-categories';

export const sql = /* sql */ `
ALTER TABLE templates ADD COLUMN category text NOT NULL DEFAULT '' CHECK (char_length(category) <= 40);
CREATE INDEX templates_account_owner_idx ON templates (account_id, owner_id);
`;
