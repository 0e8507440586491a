-- Invites (docs/tenancy.md): an owner invites an email with a role; the invitee
-- signs up with that email through the link. Only a hash of the link's code
-- is stored.
create table invite (
  id text primary key,
  account_id text not null references account(id),
  email text not null,
  role text not null check (role in ('owner', 'engineer', 'l1_tech', 'viewer')),
  code_hash text not null unique,
  created_by text not null references member(id),
  created_at double precision not null,
  expires_at double precision not null,
  revoked_at double precision,
  accepted_at double precision,
  accepted_by text references member(id)
);
create index invite_account_idx on invite(account_id, created_at desc);
