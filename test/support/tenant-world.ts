import {CONTOSO, NORTHWIND} from '../../server/seed/demo-people.ts';
import type {Sql} from '../../server/db/connect.ts';
import {pushMutation, type MutationResult} from './push.ts';
import {signIn, type Session} from './sign-in.ts';
import {eventually} from './zero-client.ts';

/** What one account has once the world is built: a row of every kind a mutator can name. */
export type AccountRows = {
  accountId: string;
  flowId: string;
  proposalId: string;
  /** Active walk with a step and lane items, driven by `driver`. */
  walkId: string;
  ticketId: string;
  questionId: string;
  fixId: string;
  /** A second walk, escalated: its handoff waits in the queue. */
  escalatedWalkId: string;
  handoffId: string;
  inviteId: string;
  memberId: string;
  /** The customer record the first ticket was linked to. */
  customerId: string;
  /** The in-app notification of the escalation, in `memberId`'s inbox. */
  inboxEntryId: string;
};

export type World = {
  sessions: Record<string, Session>;
  northwind: AccountRows;
  contoso: AccountRows;
};

export const PEOPLE = [
  'owner@northwind.test',
  'senior@northwind.test',
  'cover@northwind.test',
  'l1@northwind.test',
  'viewer@northwind.test',
  'owner@contoso.test',
  'engineer@contoso.test',
] as const;

async function mustPush(appUrl: string, session: Session, name: string, args: unknown): Promise<void> {
  const {answer, result} = await pushMutation(appUrl, {token: session.token}, name, args);
  if (!result?.ok) throw new Error(`setup ${name} failed: ${answer.status} ${answer.text.slice(0, 300)}`);
}

async function draftProposal(appUrl: string, session: Session): Promise<string> {
  const proposalId = crypto.randomUUID();
  const res = await fetch(`${appUrl}/api/flows/draft`, {
    method: 'POST',
    headers: {authorization: `Bearer ${session.token}`, 'content-type': 'application/json'},
    body: JSON.stringify({proposalId, problemStatement: 'Printer shows offline on every laptop'}),
  });
  if (!res.ok) throw new Error(`setup flow draft failed: ${res.status} ${await res.text()}`);
  return proposalId;
}

async function accountRows(appUrl: string, sql: Sql, accountId: string, l1: Session, owner: Session, engineer: Session): Promise<Omit<AccountRows, 'inboxEntryId'>> {
  const [flow] = await sql<{id: string; definition: {start: string; nodes: {id: string; options: {id: string}[]}[]}}[]>`
    select id, definition from flow where account_id = ${accountId} and status = 'published' order by title limit 1`;
  const ticketId = crypto.randomUUID();
  const walkId = crypto.randomUUID();
  await mustPush(appUrl, l1, 'ticket.intake', {ticketId, walkId, problemStatement: 'Outlook is disconnected', customerName: 'Fabrikam Dental', flowId: flow.id});
  const [{customer_id: customerId}] = await sql<{customer_id: string}[]>`select customer_id from ticket where id = ${ticketId}`;
  const start = flow.definition.nodes.find(n => n.id === flow.definition.start)!;
  await mustPush(appUrl, l1, 'walk.recordStep', {walkId, nodeId: start.id, optionId: start.options[0].id, note: 'first answer'});
  const questionId = crypto.randomUUID();
  const fixId = crypto.randomUUID();
  await mustPush(appUrl, l1, 'taskLane.add', {itemId: questionId, walkId, kind: 'question', text: 'Which Outlook version?'});
  await mustPush(appUrl, l1, 'taskLane.add', {itemId: fixId, walkId, kind: 'suggested_fix', text: 'Clear cached credentials'});
  const escalatedWalkId = crypto.randomUUID();
  const handoffId = crypto.randomUUID();
  await mustPush(appUrl, l1, 'ticket.intake', {ticketId: crypto.randomUUID(), walkId: escalatedWalkId, problemStatement: 'VPN drops', flowId: null});
  await mustPush(appUrl, l1, 'walk.escalate', {walkId: escalatedWalkId, handoffId, reasonCategory: 'Out of L1 scope', details: 'needs firewall access'});
  const inviteId = crypto.randomUUID();
  const codeHash = (crypto.randomUUID() + crypto.randomUUID()).replace(/-/g, '');
  await mustPush(appUrl, owner, 'invite.create', {inviteId, email: `new-${inviteId.slice(0, 8)}@example.test`, role: 'viewer', codeHash});
  const proposalId = await draftProposal(appUrl, engineer);
  return {
    accountId,
    flowId: flow.id,
    proposalId,
    walkId,
    ticketId,
    questionId,
    fixId,
    escalatedWalkId,
    handoffId,
    inviteId,
    memberId: engineer.context.userId,
    customerId,
  };
}

/**
 * Signs in the demo people and gives each account a row of every kind, all
 * through the real mutate endpoint, then waits for the after-commit work
 * (escalation packages, notification deliveries) to finish so that the
 * database holds still.
 */
export async function buildWorld(appUrl: string, sql: Sql): Promise<World> {
  const sessions: Record<string, Session> = {};
  for (const email of PEOPLE) sessions[email] = await signIn(appUrl, email);
  const northwind = await accountRows(appUrl, sql, NORTHWIND.id, sessions['l1@northwind.test'], sessions['owner@northwind.test'], sessions['senior@northwind.test']);
  const contoso = await accountRows(appUrl, sql, CONTOSO.id, sessions['owner@contoso.test'], sessions['owner@contoso.test'], sessions['engineer@contoso.test']);
  await settle(sql);
  const withInbox = async (rows: Omit<AccountRows, 'inboxEntryId'>): Promise<AccountRows> => {
    const [entry] = await sql<{id: string}[]>`select id from inbox_entry where handoff_id = ${rows.handoffId} and user_id = ${rows.memberId}`;
    if (!entry) throw new Error('setup: the escalation left no inbox entry for the engineer');
    return {...rows, inboxEntryId: entry.id};
  };
  return {sessions, northwind: await withInbox(northwind), contoso: await withInbox(contoso)};
}

/** Waits until no escalation package is being written and no notification is still queued. */
export async function settle(sql: Sql): Promise<void> {
  await eventually(
    async () => {
      const [{n}] = await sql<{n: number}[]>`
        select (select count(*) from handoff where package_writer = 'pending')::int
             + (select count(*) from notification_delivery where status = 'queued')::int as n`;
      return n;
    },
    n => n === 0,
    60_000,
  );
}

export type {MutationResult};
