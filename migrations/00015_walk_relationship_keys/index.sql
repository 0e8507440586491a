-- Never-null mirrors of walk.flow_id and walk.flow_proposal_id ('' = none),
-- used by the Zero relationships walk.flow and walk.proposal instead of the
-- nullable columns themselves. Zero's IVM treats a relationship key that is
-- null as "changed" on every edit of the row (null is never equal to null),
-- so it turned every edit of a walk — each recorded step, each batch of notes
-- — into a removal and re-addition of the whole walk with all its steps,
-- lane and presence, for every client that had the walk open. With a
-- never-null key an edit stays an edit. Kept right by a trigger, so every
-- writer (mutators, seed, jobs) gets them without knowing.
alter table walk
  add column flow_key text not null default '',
  add column proposal_key text not null default '';

update walk set flow_key = coalesce(flow_id, ''), proposal_key = coalesce(flow_proposal_id, '');

create function walk_relationship_keys() returns trigger language plpgsql as $$
begin
  new.flow_key := coalesce(new.flow_id, '');
  new.proposal_key := coalesce(new.flow_proposal_id, '');
  return new;
end
$$;

create trigger walk_relationship_keys before insert or update on walk
  for each row execute function walk_relationship_keys();
