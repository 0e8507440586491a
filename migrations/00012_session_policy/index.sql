-- Per-account session lifetime, set by an owner (mutators/account/session-policy.ts):
-- a session ends after this long without activity (idle) and this long after
-- sign-in whatever happens (absolute). Defaults: 7 days idle, 30 days absolute.
alter table account
  add column session_idle_minutes integer not null default 10080
    check (session_idle_minutes between 15 and 43200),
  add column session_absolute_hours integer not null default 720
    check (session_absolute_hours between 1 and 2160);
