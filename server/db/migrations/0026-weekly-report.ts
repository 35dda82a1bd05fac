/**
 * The weekly service summary mailed to supervisors and admins (server/domain/reports/weekly-*):
 * - `weekly_report_settings`: one row per account (no row: the defaults, on, Monday 08:00 in the
 *   account's time zone; nothing is sent while the account has no email channel with SMTP).
 *   `weekday` is ISO (1 Monday … 7 Sunday); `language` is the mail's language.
 * - `weekly_report_mailings`: one row per account and reported week (`week_start`, its Monday),
 *   claimed with INSERT … ON CONFLICT DO NOTHING before anything is sent, so two nodes or a restart
 *   mail a week once. A node sends while it holds the lease (`leased_until`); `sent_to` lists the
 *   users already mailed, so a retry after a failure mails only the others. `status`: pending
 *   (due or waiting for `next_attempt_at` after a failure), sent, or failed (gave up).
 */
export const name = 'weekly-report';

export const sql = /* sql */ `
CREATE TABLE weekly_report_settings (
  account_id text PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  enabled boolean NOT NULL DEFAULT true,
  weekday smallint NOT NULL DEFAULT 1 CHECK (weekday BETWEEN 1 AND 7),
  hour smallint NOT NULL DEFAULT 8 CHECK (hour BETWEEN 0 AND 23),
  language text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE weekly_report_mailings (
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  week_start date NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  due_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  leased_until timestamptz,
  sent_to text[] NOT NULL DEFAULT ARRAY[]::text[],
  last_error text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, week_start)
);
CREATE INDEX weekly_report_mailings_due_idx ON weekly_report_mailings (next_attempt_at) WHERE status = 'pending';
`;
