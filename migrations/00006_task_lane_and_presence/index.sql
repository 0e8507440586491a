-- The task lane beside each walk, and who is looking at it right now (docs/shared-walks.md).

create table task_lane_item (
  id text primary key,
  account_id text not null references account(id),
  walk_id text not null references walk(id),
  kind text not null check (kind in ('question', 'check', 'fact', 'suggested_fix')),
  text text not null,
  state text not null default 'open' check (state in ('open', 'done', 'dismissed')),
  author_user_id text not null references member(id),
  position double precision not null,
  -- a question's answer (the customer's words)
  answer text,
  -- a fact's provenance: where it came from, and the lane item it came from
  source text check (source in ('question', 'check', 'note', 'ai', 'manual')),
  source_item_id text references task_lane_item(id),
  -- suggested fixes: one active per walk; outcomes per docs/shared-walks.md
  outcome text check (outcome in ('proposed', 'applied_pending', 'applied_success', 'applied_failed', 'applied_partial', 'dismissed')),
  outcome_note text,
  pending_reason text,
  failure_reason text,
  applied_at double precision,
  superseded_by text references task_lane_item(id),
  deleted_at double precision,
  created_at double precision not null,
  updated_at double precision not null
);
create index task_lane_walk_idx on task_lane_item(walk_id, position);

-- One row per person per walk, refreshed by a heartbeat and swept when stale:
-- never audited, never more than one row per viewer.
create table walk_presence (
  id text primary key,             -- walk_id || ':' || user_id
  account_id text not null references account(id),
  walk_id text not null references walk(id),
  user_id text not null references member(id),
  mode text not null check (mode in ('watching', 'driving')),
  last_seen double precision not null
);
create index walk_presence_walk_idx on walk_presence(walk_id);
create index walk_presence_seen_idx on walk_presence(last_seen);
