import type {ServerTransaction} from '@rocicorp/zero';

/**
 * Links a new ticket to the customer record it names, creating the record
 * (and the contact) the first time a name is heard. Get-or-create is
 * race-free: the unique index on (account_id, lower(name)) lets exactly one
 * of two concurrent intakes insert, and the other re-reads the winner's row
 * (`on conflict do nothing` waits for it to commit). Plain SQL, not Zero's
 * insert: since Zero 1.9 that is a silent no-op on an existing key.
 */
export async function linkCustomer(tx: ServerTransaction, ticketId: string): Promise<void> {
  const db = tx.dbTransaction;
  const [ticket] = (await db.query('select account_id, customer_name, customer_contact, customer_id from ticket where id = $1', [ticketId])) as unknown as {
    account_id: string;
    customer_name: string | null;
    customer_contact: string | null;
    customer_id: string | null;
  }[];
  const name = ticket?.customer_name?.trim();
  if (!ticket || !name || ticket.customer_id) return;
  const now = Date.now();
  await db.query(
    `insert into customer (id, account_id, name, created_at, updated_at) values ($1, $2, $3, $4, $4)
     on conflict (account_id, lower(name)) do nothing`,
    [crypto.randomUUID(), ticket.account_id, name, now],
  );
  const [customer] = (await db.query('select id from customer where account_id = $1 and lower(name) = lower($2)', [ticket.account_id, name])) as unknown as {
    id: string;
  }[];
  let contactId: string | null = null;
  const contact = ticket.customer_contact?.trim();
  if (contact) {
    await db.query(
      `insert into customer_contact (id, account_id, customer_id, contact, created_at) values ($1, $2, $3, $4, $5)
       on conflict (customer_id, lower(contact)) do nothing`,
      [crypto.randomUUID(), ticket.account_id, customer.id, contact, now],
    );
    const [row] = (await db.query('select id from customer_contact where customer_id = $1 and lower(contact) = lower($2)', [customer.id, contact])) as unknown as {
      id: string;
    }[];
    contactId = row.id;
  }
  await db.query('update ticket set customer_id = $2, customer_contact_id = $3 where id = $1', [ticketId, customer.id, contactId]);
}
