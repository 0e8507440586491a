-- The in-app inbox, whispers the driver has seen, and the changes a driver's
-- browser holds while it cannot sync (issue #21).

-- One entry per `in_app` delivery: the dispatcher "sends" an in-app delivery
-- by writing its entry here (notification_delivery itself stays server-only).
-- Synced: a person's bell reads their own entries; `read_at` is their read
-- mark, the same on every device. The id is the delivery's id, so a retried
-- dispatch writes nothing twice.
create table inbox_entry (
  id text primary key,
  account_id text not null references account(id),
  user_id text not null references member(id),
  handoff_id text not null references handoff(id),
  created_at double precision not null,
  read_at double precision
);
create index inbox_entry_user_idx on inbox_entry(user_id, created_at desc);
alter publication tandem_sync add table inbox_entry;

-- A watcher's lane item (a whisper) stays highlighted on the driver's screen
-- until the driver has seen it: this is when they did.
alter table task_lane_item add column seen_at double precision;

-- How many changes a viewer's browser holds that have not reached the
-- server, published by that browser over HTTP while its sync connection is
-- down (server/http/presence-waiting.ts). Watchers show it for the driver.
alter table walk_presence add column waiting_changes integer;  -- null or 0: none

-- When the person last ended all their sessions (sign out everywhere, a
-- password change that signs out other devices, a password reset). Synced on
-- their own member row, it tells their other open tabs and devices to check
-- their session at once (server/people/security-events.ts).
alter table member add column sessions_ended_at double precision;
