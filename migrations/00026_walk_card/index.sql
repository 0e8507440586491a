-- What an account-wide list of walks shows of each walk, apart from the walk
-- row itself (issue #17, "account floor"). Every recorded step edits its walk
-- row (current node, step count, state_version, last activity), and Zero
-- syncs and diffs whole rows: with the Live walks list on the walk table,
-- each step anywhere in the account reached every engineer's client group,
-- moved a row in every one of their lists and was sent to every one of their
-- browsers. A walk card changes only when something the list shows changes
-- (status, driver, ticket, flow, start), so a step costs the engineers who do
-- not watch that walk nothing. Kept by triggers on walk, so every writer
-- (mutators, seed, jobs, the bench's fixtures) keeps it right without knowing.
-- Synced (tandem_sync); queries/walks.ts `live` reads it.
create table walk_card (
  walk_id text primary key references walk(id) on delete cascade,
  account_id text not null references account(id),
  ticket_id text not null,
  driver_user_id text not null,
  flow_key text not null,
  status text not null,
  started_at double precision not null
);
create index walk_card_account_status_idx on walk_card(account_id, status, started_at);

insert into walk_card (walk_id, account_id, ticket_id, driver_user_id, flow_key, status, started_at)
  select id, account_id, ticket_id, driver_user_id, flow_key, status, started_at from walk;

create function walk_card_keep() returns trigger language plpgsql as $$
begin
  insert into walk_card (walk_id, account_id, ticket_id, driver_user_id, flow_key, status, started_at)
    values (new.id, new.account_id, new.ticket_id, new.driver_user_id, new.flow_key, new.status, new.started_at)
    on conflict (walk_id) do update set
      account_id = excluded.account_id,
      ticket_id = excluded.ticket_id,
      driver_user_id = excluded.driver_user_id,
      flow_key = excluded.flow_key,
      status = excluded.status,
      started_at = excluded.started_at;
  return null;
end
$$;

create trigger walk_card_on_insert after insert on walk
  for each row execute function walk_card_keep();

-- Only when a field the card carries changed: a step's edit writes nothing here.
create trigger walk_card_on_update after update on walk
  for each row when (
    old.account_id is distinct from new.account_id or
    old.ticket_id is distinct from new.ticket_id or
    old.driver_user_id is distinct from new.driver_user_id or
    old.flow_key is distinct from new.flow_key or
    old.status is distinct from new.status or
    old.started_at is distinct from new.started_at
  )
  execute function walk_card_keep();

alter publication tandem_sync add table walk_card;
