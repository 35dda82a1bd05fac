/**
 * The sync cursor without a lock held to commit. Until now every change took its number with
 * `UPDATE accounts SET seq = seq + 1`, and the account row stayed locked until the transaction
 * ended: numbers committed in order, but every write of an account waited for the one before.
 *
 * Now each account numbers its changes from its own PostgreSQL sequence (`nextval` locks nothing
 * past the call). Numbers may commit out of order, so a reader may only go as far as the lowest
 * number a transaction still in flight may hold: the first number a transaction takes for an
 * account registers it with a shared advisory lock (released by PostgreSQL when the transaction
 * ends, committed or not) on a key no higher than any number it will take. `change_seq_head`
 * reads the last number handed out, then the registrations, and answers the highest number below
 * which nothing can still commit. A reader that takes its snapshot after asking sees every change
 * up to that number. Numbers of rolled-back transactions are skipped, never reused.
 *
 * - `change_seq_name(account)`: the account's sequence, created with the account, dropped with it.
 * - `next_change_seq(account)`: the next number, registering the transaction on its first call.
 * - `change_seq_head(account)`: `handed` (the last number handed out) and `visible` (every number
 *   up to it is committed or never will be).
 */
export const name = 'change-sequences';

export const sql = /* sql */ `
CREATE FUNCTION change_seq_name(account text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'change_seq_' || md5(account)
$$;

-- The advisory lock key of "a number of this account from n on is in flight": the account's hash
-- above, the number's low 32 bits below (change_seq_head restores the rest).
CREATE FUNCTION change_lock_key(account text, n bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT (hashtext('change_seq:' || account)::bigint << 32) | (n & 4294967295)
$$;

CREATE FUNCTION create_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I MINVALUE 0 START 0', change_seq_name(NEW.id));
  -- Called once, so the last number handed out reads 0 rather than nothing.
  PERFORM setval(change_seq_name(NEW.id), 0, true);
  RETURN NULL;
END $$;

CREATE FUNCTION drop_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP SEQUENCE IF EXISTS %I', change_seq_name(OLD.id));
  RETURN NULL;
END $$;

CREATE TRIGGER accounts_create_change_seq AFTER INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION create_change_seq();
CREATE TRIGGER accounts_drop_change_seq AFTER DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION drop_change_seq();

CREATE FUNCTION next_change_seq(account text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  seq_name text := change_seq_name(account);
  registered text := current_setting('switchboard.changes_in_flight', true);
BEGIN
  IF registered IS NULL OR position(seq_name IN registered) = 0 THEN
    -- Registered before the number is taken, on a key no higher than it: a reader that sees the
    -- number handed out also sees the registration (or the transaction has ended).
    PERFORM pg_advisory_xact_lock_shared(change_lock_key(account, pg_sequence_last_value(seq_name::regclass) + 1));
    PERFORM set_config('switchboard.changes_in_flight', coalesce(registered, '') || seq_name || ' ', true);
  END IF;
  RETURN nextval(seq_name);
END $$;

CREATE FUNCTION change_seq_head(account text, OUT handed bigint, OUT visible bigint) LANGUAGE plpgsql AS $$
DECLARE
  oldest bigint;
BEGIN
  -- First what was handed out, then who is still in flight: in the other order a number taken
  -- between the two reads could be counted as done.
  handed := pg_sequence_last_value(change_seq_name(account)::regclass);
  SELECT min(CASE WHEN n > handed + 1 THEN n - 4294967296 ELSE n END) INTO oldest
    FROM (SELECT ((handed >> 32) << 32) | l.objid::bigint AS n
            FROM pg_locks l
           WHERE l.locktype = 'advisory' AND l.objsubid = 1
             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND l.classid::bigint = (hashtext('change_seq:' || account)::bigint & 4294967295)) AS in_flight;
  visible := LEAST(handed, coalesce(oldest - 1, handed));
END $$;

DO $$
DECLARE a record;
BEGIN
  FOR a IN SELECT id, seq FROM accounts LOOP
    EXECUTE format('CREATE SEQUENCE %I MINVALUE 0 START 0', change_seq_name(a.id));
    PERFORM setval(change_seq_name(a.id), a.seq, true);
  END LOOP;
END $$;

ALTER TABLE accounts DROP COLUMN seq;
`;
