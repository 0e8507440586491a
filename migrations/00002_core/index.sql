-- Tandem's replicated tables (schema public, synced by zero-cache).
-- Timestamps are epoch milliseconds (double precision) so that the shared
-- mutators can write the same values on the client and the server.

create table account (
  id text primary key,
  name text not null,
  engineer_seat_limit integer,
  l1_seat_limit integer,
  created_at double precision not null
);

-- One row per person: the better-auth user id is the member id.
create table member (
  id text primary key,
  account_id text not null references account(id),
  email text not null unique,
  name text not null,
  role text not null check (role in ('owner', 'engineer', 'l1_tech', 'viewer')),
  can_cover_l1 boolean not null default false,
  active boolean not null default true,
  created_at double precision not null
);
create index member_account_idx on member(account_id);

create table audit_log (
  id text primary key,
  account_id text not null references account(id),
  actor_user_id text not null references member(id),
  action text not null,
  subject_type text not null,
  subject_id text not null,
  acting_as text not null default 'self' check (acting_as in ('self', 'l1_coverage')),
  details jsonb,
  at double precision not null
);
create index audit_log_account_at_idx on audit_log(account_id, at desc);

create table flow (
  id text primary key,
  account_id text not null references account(id),
  title text not null,
  description text not null default '',
  status text not null check (status in ('draft', 'published')),
  definition jsonb not null,
  created_by text references member(id),
  created_at double precision not null,
  updated_at double precision not null
);
create index flow_account_idx on flow(account_id);

create table flow_proposal (
  id text primary key,
  account_id text not null references account(id),
  title text not null,
  problem_statement text not null,
  source text not null check (source in ('ai', 'manual')),
  definition jsonb not null,
  validated_by_outcome boolean not null default false,
  created_by text references member(id),
  created_at double precision not null
);
create index flow_proposal_account_idx on flow_proposal(account_id);

create table ticket (
  id text primary key,
  account_id text not null references account(id),
  kind text not null default 'internal',
  psa_ticket_id text,
  customer_name text,
  customer_contact text,
  problem_statement text not null check (length(btrim(problem_statement)) > 0),
  status text not null check (status in ('open', 'walking', 'resolved', 'escalated')),
  assigned_user_id text references member(id),
  resolution_notes text,
  created_by text not null references member(id),
  created_at double precision not null,
  updated_at double precision not null
);
create index ticket_account_created_idx on ticket(account_id, created_at desc);

create table walk (
  id text primary key,
  account_id text not null references account(id),
  ticket_id text not null references ticket(id),
  session_kind text not null check (session_kind in ('flow', 'proposal', 'adhoc')),
  flow_id text references flow(id),
  flow_proposal_id text references flow_proposal(id),
  status text not null check (status in ('active', 'resolved', 'escalated', 'abandoned')),
  current_node_id text,
  driver_user_id text not null references member(id),
  started_by text not null references member(id),
  acting_as text not null default 'self' check (acting_as in ('self', 'l1_coverage')),
  notes text not null default '',
  step_count integer not null default 0,
  state_version integer not null default 0,
  helpful boolean,
  resolution_notes text,
  started_at double precision not null,
  last_activity_at double precision not null,
  ended_at double precision,
  check (
    (session_kind = 'flow' and flow_id is not null and flow_proposal_id is null) or
    (session_kind = 'proposal' and flow_proposal_id is not null and flow_id is null) or
    (session_kind = 'adhoc' and flow_id is null and flow_proposal_id is null)
  )
);
create index walk_account_status_idx on walk(account_id, status);
create index walk_ticket_idx on walk(ticket_id);

create table walk_step (
  id text primary key,
  account_id text not null references account(id),
  walk_id text not null references walk(id),
  seq integer not null,
  node_id text not null,
  question text not null,
  answer text not null,
  option_id text,
  note text,
  recorded_by text not null references member(id),
  recorded_at double precision not null,
  unique (walk_id, seq)
);
