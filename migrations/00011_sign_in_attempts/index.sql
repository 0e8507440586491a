-- Sign-in attempts that failed (or are still being checked), for the sign-in
-- rate limit (server/auth/sign-in-limit.ts). In the auth schema: emails and
-- client addresses are never replicated to zero-cache. Rows older than the
-- limit's window are pruned as new attempts arrive.
create table auth.sign_in_attempt (
  id bigserial primary key,
  email text not null,
  ip text not null,
  at timestamptz not null default now()
);
create index sign_in_attempt_email_idx on auth.sign_in_attempt (email, at);
create index sign_in_attempt_ip_idx on auth.sign_in_attempt (ip, at);
create index sign_in_attempt_at_idx on auth.sign_in_attempt (at);
