-- Presence heartbeats, kept off the synced tables. zero-cache replicates the
-- `public` schema only; a heartbeat that changes nothing anyone sees (same
-- viewer, same mode) is recorded here instead of rewriting walk_presence,
-- so it reaches no other client. The presence sweep reads both.
create schema if not exists unsynced;

create table unsynced.presence_beat (
  id text primary key,               -- walk_presence.id: walk_id || ':' || user_id
  last_seen double precision not null
);
create index presence_beat_seen_idx on unsynced.presence_beat(last_seen);
