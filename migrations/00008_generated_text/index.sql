-- Generated documents (docs/shared-walks.md, §9), stored in the database keyed by the
-- walk's state_version: regenerated only when the walk changed, and the same
-- on every server. `draft` is the person's edited preview.
create table generated_text (
  id text primary key,               -- walk_id || ':' || kind
  account_id text not null references account(id),
  walk_id text not null references walk(id),
  kind text not null check (kind in ('resolution_note')),
  state_version integer not null,
  writer text not null check (writer in ('ai', 'local')),
  generated text not null,
  draft text not null,
  updated_at double precision not null
);
create index generated_text_walk_idx on generated_text(walk_id);
