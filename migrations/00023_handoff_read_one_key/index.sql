-- A read mark is looked up by one key, not two, for the reason 00022 gave
-- for steps (issue #17): zero-cache reads each replicated change back once
-- per client group by every unique key of its table. A read mark's id is
-- its handoff's id and its reader's id, so the primary key alone refuses a
-- second mark by the same person; the check keeps every writer to that form.
alter table handoff_read add constraint handoff_read_id_is_handoff_and_user check (id = handoff_id || ':' || user_id);
alter table handoff_read drop constraint handoff_read_handoff_id_user_id_key;
create index handoff_read_handoff_user_idx on handoff_read (handoff_id, user_id);
