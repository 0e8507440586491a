-- The change ledger (docs/offline.md): every change a browser sends carries a
-- client-chosen change id; the server records it in the same transaction as
-- the change. A replay of the same change (a browser's outbox resending after
-- a reload or a long offline spell, while Zero may still hold its own copy)
-- finds its id here and is answered without being applied twice.
-- Its own schema: zero-cache replicates `public` only, and no client needs
-- these rows.
create schema if not exists tandem_internal;

create table tandem_internal.change_ledger (
  member_id text not null,
  change_id text not null,
  mutator text not null,
  applied_at double precision not null,
  primary key (member_id, change_id)
);
create index change_ledger_applied_at_idx on tandem_internal.change_ledger(applied_at);
