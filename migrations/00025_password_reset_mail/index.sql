-- "Forgot password?" mails leave through a durable queue, like the
-- escalation notifications (notification_delivery), instead of from inside
-- the request: better-auth's request-password-reset writes a row here, and
-- the dispatcher sends it after that commit (server/auth/password-reset-mail.ts).
-- A failing transport leaves the row queued and it is sent again, with a
-- growing pause, until the link expires; the answer to the asker never
-- waits for the mail (nor tells by its timing whether an address has an
-- account). The link's token is kept only until the mail is sent or given
-- up. Server-only: not in the sync publication.
create table tandem_internal.password_reset_mail (
  id text primary key,
  member_id text not null references member(id),
  token text,
  status text not null check (status in ('queued', 'sent', 'failed', 'suppressed')),
  attempts integer not null default 0,
  error text,
  created_at double precision not null,
  expires_at double precision not null,
  next_attempt_at double precision not null,
  sent_at double precision
);
create index password_reset_mail_queued_idx on tandem_internal.password_reset_mail(next_attempt_at) where status = 'queued';
