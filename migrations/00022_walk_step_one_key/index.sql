-- A step is looked up by one key, not two (issue #17). zero-cache reads every
-- replicated change once per client group, and a row with two unique keys
-- (the primary key and unique (walk_id, seq)) is read back by both: at a busy
-- account that second lookup ran for every step in every open page. The rule
-- stays: a step's id is its walk's id and its number, so the primary key
-- alone refuses a second step with the same number; the check keeps every
-- writer to that form. The plain index still serves "this walk's steps in
-- order".
alter table walk_step add constraint walk_step_id_is_walk_and_seq check (id = walk_id || ':' || seq);
alter table walk_step drop constraint walk_step_walk_id_seq_key;
create index walk_step_walk_seq_idx on walk_step (walk_id, seq);
