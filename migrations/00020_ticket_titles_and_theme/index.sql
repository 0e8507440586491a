-- A short title on every ticket, and each person's theme on their member row
-- (issue #21).

-- The title made from a problem statement when nobody typed one: its first
-- line, spaces collapsed, cut at a word with "…" past 80 characters. The
-- mutators make the same one in TypeScript (rules/ticket-title.ts;
-- test/integration/ticket-titles.test.ts checks they agree).
create function ticket_title_from(problem text) returns text language plpgsql immutable as $$
declare
  line text;
  cut text;
  back integer;
begin
  line := regexp_replace(coalesce(problem, ''), '^[ \t\r\n\f\v]+', '');
  line := split_part(replace(line, E'\r', E'\n'), E'\n', 1);
  line := btrim(regexp_replace(line, '[ \t\f\v]+', ' ', 'g'), ' ');
  if length(line) <= 80 then
    return line;
  end if;
  cut := left(line, 79);
  back := strpos(reverse(cut), ' ');
  -- The last space, if 40 characters or more come before it.
  if back > 0 and length(cut) - back >= 40 then
    cut := left(cut, length(cut) - back);
  end if;
  return rtrim(cut, ' ') || '…';
end
$$;

alter table ticket add column title text not null default '';
update ticket set title = ticket_title_from(problem_statement);

-- Every ticket has a title, whoever writes it (mutators, jobs, fixtures): a
-- blank one is made from the problem statement.
create function ticket_fill_title() returns trigger language plpgsql as $$
begin
  if coalesce(btrim(new.title), '') = '' then
    new.title := ticket_title_from(new.problem_statement);
  end if;
  return new;
end
$$;
create trigger ticket_fill_title before insert or update on ticket
  for each row execute function ticket_fill_title();

-- The person's theme, on every device of theirs: null until they pick one
-- (each device then shows its own last choice, else the system's).
alter table member add column theme text check (theme in ('system', 'light', 'dark'));
