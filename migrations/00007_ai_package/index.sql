-- The escalation package may be written in the background by the AI writer:
-- 'pending' while it is being written, then 'ai' or 'local' (fallback).
alter table handoff drop constraint handoff_package_writer_check;
alter table handoff add constraint handoff_package_writer_check check (package_writer in ('local', 'ai', 'pending'));
alter table handoff add column package_started_at double precision;
