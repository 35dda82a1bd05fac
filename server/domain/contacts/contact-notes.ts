import { randomUUID } from 'node:crypto';
import type { ContactNote } from '../../../shared/contact-profile';
import type { Queryable } from '../../db/db';
import { toIso } from '../conversations/conversation-repository';
import type { Viewer } from '../conversations/permissions';
import { assertVisibleContact } from './contact-profile';
import { canonicalContactId } from './contact-repository';

type NoteRow = { id: string; contact_id: string; author_id: string | null; author_name: string | null; body: string; created_at: Date | string };

const toNote = (r: NoteRow): ContactNote => ({
  id: r.id, contactId: r.contact_id, authorId: r.author_id, authorName: r.author_name, body: r.body, createdAt: toIso(r.created_at),
});

const NOTES_SHOWN = 200;

/** The notes on a contact and on the contacts merged into it, newest first (the newest 200). */
export async function listContactNotes(db: Queryable, contactId: string): Promise<ContactNote[]> {
  const rows = await db.query<NoteRow>(
    `WITH RECURSIVE family(id) AS (
       SELECT $1::text
       UNION SELECT c.id FROM contacts c JOIN family f ON c.merged_into = f.id
     )
     SELECT n.id, n.contact_id, n.author_id, u.name AS author_name, n.body, n.created_at
     FROM contact_notes n LEFT JOIN users u ON u.id = n.author_id
     WHERE n.contact_id IN (SELECT id FROM family)
     ORDER BY n.created_at DESC, n.id DESC LIMIT ${NOTES_SHOWN}`,
    [contactId],
  );
  return rows.map(toNote);
}

/** Adds a note by `viewer` on a contact they may see (a merged-away id: on the contact that stayed). */
export async function addContactNote(db: Queryable, viewer: Viewer, requestedId: string, body: string): Promise<ContactNote> {
  const contactId = await canonicalContactId(db, requestedId);
  await assertVisibleContact(db, viewer, contactId);
  const [row] = await db.query<NoteRow>(
    `WITH added AS (
       INSERT INTO contact_notes (id, contact_id, author_id, body) VALUES ($1, $2, $3, $4)
       RETURNING id, contact_id, author_id, body, created_at
     )
     SELECT a.*, u.name AS author_name FROM added a LEFT JOIN users u ON u.id = a.author_id`,
    [randomUUID(), contactId, viewer.id, body],
  );
  return toNote(row!);
}
