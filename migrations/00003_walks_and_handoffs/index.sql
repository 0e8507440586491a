-- Step kinds (a step back is recorded, never a rewrite of history) and the
-- handoff rows an escalation creates (docs/walks.md, §8).

alter table walk_step add column kind text not null default 'answer' check (kind in ('answer', 'back'));

create table handoff (
  id text primary key,
  account_id text not null references account(id),
  walk_id text not null references walk(id),
  ticket_id text not null references ticket(id),
  intent text not null check (intent in ('escalate', 'park')),
  status text not null check (status in ('open', 'claimed', 'resolved')),
  reason_category text not null,
  details text,
  escalated_by text not null references member(id),
  acting_as text not null default 'self' check (acting_as in ('self', 'l1_coverage')),
  escalated_at double precision not null,
  -- Escalation package: Problem / What we've confirmed / What we've tried /
  -- Current hypothesis / Suggested next steps, plus the assessment.
  package jsonb,
  assessment jsonb,
  package_writer text check (package_writer in ('local', 'ai')),
  package_state_version integer,
  claimed_by text references member(id),
  claimed_at double precision,
  resolved_at double precision
);
create index handoff_account_status_idx on handoff(account_id, status, escalated_at desc);
create index handoff_walk_idx on handoff(walk_id);

create index walk_active_idle_idx on walk(last_activity_at) where status = 'active';
