-- Placeholder: number 00019 belongs to another branch (the lead renumbers at
-- merge). postgres-shift wants consecutive numbers, so this branch keeps the
-- slot with a migration that does nothing. Delete it when the other 00019 lands.
select 1;
