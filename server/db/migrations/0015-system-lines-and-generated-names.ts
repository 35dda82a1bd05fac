/**
 * System lines as a stable code with parameters, rendered in each reader's language (the body keeps
 * an English rendering for channels, search and older desktops); and contacts whose name was made
 * up (a widget visitor's "Visitor 1234", a channel id when the platform gave no name), so greetings
 * and {{contact.name}} leave it out.
 */
export const name = 'system-lines-and-generated-names';

export const sql = /* sql */ `
-- {"code": "...", "params": {...}} on system lines written since; null on every other message.
ALTER TABLE messages ADD COLUMN system_line jsonb;

ALTER TABLE contacts ADD COLUMN name_generated boolean NOT NULL DEFAULT false;

-- Names made up before this migration: widget visitors' placeholders.
UPDATE contacts SET name_generated = true WHERE name ~ '^Visitor [0-9]{4}$';
`;
