-- Tickets people can find and follow (docs/tickets.md): readable per-account ticket
-- numbers, customers as records of the account, and the reason a ticket was
-- closed without a walk solving it.

-- Ticket numbers: `NW-1042` = the account's prefix + a per-account sequence.
alter table account add column ticket_prefix text not null default 'TK'
  check (ticket_prefix ~ '^[A-Z][A-Z0-9]{0,5}$');
update account set ticket_prefix = 'NW' where id = '5d1c8f0e-3a52-4c1b-9a53-6f2d1e7b0a01';
update account set ticket_prefix = 'CM' where id = '8b7e2c44-91d3-4f6a-8e2b-3c5d7a9f1b02';

-- The last number each account handed out. Server-only bookkeeping (not in
-- the tandem_sync publication): bumped by every intake, it would otherwise
-- cost every connected client a pass, and it is not something anyone reads.
create table ticket_counter (
  account_id text primary key references account(id),
  last_number integer not null
);

alter table ticket
  add column number integer,
  add column ref text,
  add column closed_reason text,
  add column closed_by text references member(id),
  add column closed_at double precision;

-- Existing tickets are numbered in the order they were taken, from 1001.
update ticket t set number = n.number, ref = a.ticket_prefix || '-' || n.number
from (select id, 1000 + row_number() over (partition by account_id order by created_at, id) as number from ticket) n,
     account a
where n.id = t.id and a.id = t.account_id;
insert into ticket_counter (account_id, last_number)
  select a.id, coalesce(max(t.number), 1000) from account a left join ticket t on t.account_id = a.id group by a.id;

alter table ticket alter column number set not null, alter column ref set not null;
create unique index ticket_account_number_idx on ticket(account_id, number);

-- Every new ticket takes the account's next number, whoever writes it
-- (mutators, jobs, fixtures). The counter row is updated under its row lock,
-- so concurrent intakes of one account take turns and never share a number;
-- the number is the server's: whatever a client proposed is replaced.
create function ticket_take_number() returns trigger language plpgsql as $$
declare
  taken integer;
  prefix text;
begin
  insert into ticket_counter as c (account_id, last_number) values (new.account_id, 1001)
    on conflict (account_id) do update set last_number = c.last_number + 1
    returning last_number into taken;
  select ticket_prefix into prefix from account where id = new.account_id;
  new.number := taken;
  new.ref := prefix || '-' || taken;
  return new;
end
$$;
create trigger ticket_take_number before insert on ticket
  for each row execute function ticket_take_number();

-- The number never changes once taken.
create function ticket_keep_number() returns trigger language plpgsql as $$
begin
  new.number := old.number;
  new.ref := old.ref;
  return new;
end
$$;
create trigger ticket_keep_number before update on ticket
  for each row execute function ticket_keep_number();

-- Customers: the companies an account serves and their contacts. One record
-- per name (case-insensitive) and account, so get-or-create is race-free.
create table customer (
  id text primary key,
  account_id text not null references account(id),
  name text not null check (length(btrim(name)) > 0),
  created_at double precision not null,
  updated_at double precision not null
);
create unique index customer_account_name_idx on customer(account_id, lower(name));

create table customer_contact (
  id text primary key,
  account_id text not null references account(id),
  customer_id text not null references customer(id),
  contact text not null check (length(btrim(contact)) > 0),
  created_at double precision not null
);
create unique index customer_contact_unique_idx on customer_contact(customer_id, lower(contact));
create index customer_contact_account_idx on customer_contact(account_id);

-- customer_name / customer_contact stay (docs/contract.md's intake arguments): they
-- are what was said on the call; customer_id is the record it belongs to.
-- customer_key mirrors customer_id, '' when none, for the Zero relationship
-- (a null relationship key turns every edit into remove + add; see 00015).
alter table ticket
  add column customer_id text references customer(id),
  add column customer_contact_id text references customer_contact(id),
  add column customer_key text not null default '';
create index ticket_account_customer_idx on ticket(account_id, customer_key, created_at desc);

create function ticket_customer_key() returns trigger language plpgsql as $$
begin
  new.customer_key := coalesce(new.customer_id, '');
  return new;
end
$$;
create trigger ticket_customer_key before insert or update on ticket
  for each row execute function ticket_customer_key();

-- Existing tickets' free-text customers become records (first spelling wins).
insert into customer (id, account_id, name, created_at, updated_at)
  select distinct on (account_id, lower(btrim(customer_name)))
         gen_random_uuid()::text, account_id, btrim(customer_name), created_at, created_at
  from ticket
  where customer_name is not null and btrim(customer_name) <> ''
  order by account_id, lower(btrim(customer_name)), created_at;
update ticket t set customer_id = c.id
  from customer c
  where c.account_id = t.account_id and lower(c.name) = lower(btrim(t.customer_name));
insert into customer_contact (id, account_id, customer_id, contact, created_at)
  select distinct on (customer_id, lower(btrim(customer_contact)))
         gen_random_uuid()::text, account_id, customer_id, btrim(customer_contact), created_at
  from ticket
  where customer_id is not null and customer_contact is not null and btrim(customer_contact) <> ''
  order by customer_id, lower(btrim(customer_contact)), created_at;
update ticket t set customer_contact_id = cc.id
  from customer_contact cc
  where cc.customer_id = t.customer_id and lower(cc.contact) = lower(btrim(t.customer_contact));

alter publication tandem_sync add table customer, customer_contact;
