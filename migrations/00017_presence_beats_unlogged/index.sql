-- Presence beats are ephemeral: a viewer's "still here" every few seconds,
-- read only by the presence sweep. As an UNLOGGED table they write no WAL,
-- so a beat costs Postgres no WAL flush at commit and the logical
-- replication stream (zero-cache's walsender) never has to decode them. At a
-- busy account (150 open walker pages, 50 beats a second) that took about a
-- third of Postgres's CPU away from the steps (bench/README.md, issue #17).
-- After a crash Postgres empties an unlogged table; the sweep then drops the
-- viewers whose synced row is older than the TTL, and their next beat
-- answers 409, which makes the page write its presence row again.
alter table unsynced.presence_beat set unlogged;
