-- Claims, per-user unread marks and notification deliveries (docs/handoff.md).

alter table handoff add column first_action_at double precision;
alter table handoff add column released_at double precision;

-- Per-user queue state users act on (unread dot cleared on open, claim or
-- dismiss) lives in the synced store, not in one tab's memory.
create table handoff_read (
  id text primary key,            -- handoff_id || ':' || user_id
  account_id text not null references account(id),
  handoff_id text not null references handoff(id),
  user_id text not null references member(id),
  read_at double precision not null,
  dismissed boolean not null default false,
  unique (handoff_id, user_id)
);

-- A transactional outbox: rows are written in the escalating transaction
-- and sent after commit by the dispatcher, so a rolled-back escalation sends
-- nothing and a failing channel never blocks one.
create table notification_delivery (
  id text primary key,
  account_id text not null references account(id),
  handoff_id text not null references handoff(id),
  recipient_user_id text not null references member(id),
  channel text not null check (channel in ('in_app', 'email')),
  status text not null check (status in ('queued', 'sent', 'failed', 'suppressed')),
  error text,
  created_at double precision not null,
  attempted_at double precision,
  sent_at double precision,
  unique (handoff_id, recipient_user_id, channel)
);
create index notification_delivery_queued_idx on notification_delivery(created_at) where status = 'queued';
