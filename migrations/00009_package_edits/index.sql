-- A person may edit the generated escalation package before handing over;
-- the edited package is what the claimer reads, and who edited it is kept.
alter table handoff add column package_edited_by text references member(id);
alter table handoff add column package_edited_at double precision;
