/**
 * Whether agents' replies have card, resident ID and phone numbers masked even when no sensitive
 * word matched (shared/reply-masking.ts). On by default. A change raises the sensitive word list's
 * version, so every node and desktop reads the setting with the list.
 */
export const name = 'mask-personal-data';

export const sql = /* sql */ `
ALTER TABLE accounts ADD COLUMN mask_personal_data boolean NOT NULL DEFAULT true;
`;
