import {createBuilder, createSchema, type Row} from '@rocicorp/zero';
import {
  customerRelationships,
  handoffRelationships,
  inviteRelationships,
  laneRelationships,
  memberRelationships,
  presenceRelationships,
  ticketRelationships,
  walkCardRelationships,
  walkRelationships,
} from './relationships.ts';
import {
  account,
  customer,
  customerContact,
  flow,
  flowProposal,
  generatedText,
  handoff,
  handoffRead,
  invite,
  member,
  taskLaneItem,
  ticket,
  walk,
  walkCard,
  walkPresence,
  walkStep,
} from './tables.ts';
import type {TandemContext} from './context.ts';
import {inboxEntry, inboxRelationships} from './inbox.ts';

export const schema = createSchema({
  tables: [
    account,
    member,
    flow,
    flowProposal,
    ticket,
    customer,
    customerContact,
    walk,
    walkCard,
    walkStep,
    handoff,
    handoffRead,
    invite,
    taskLaneItem,
    walkPresence,
    generatedText,
    inboxEntry,
  ],
  relationships: [
    memberRelationships,
    ticketRelationships,
    walkRelationships,
    walkCardRelationships,
    handoffRelationships,
    inviteRelationships,
    laneRelationships,
    presenceRelationships,
    customerRelationships,
    inboxRelationships,
  ],
});

export type Schema = typeof schema;

/** ZQL query builder over Tandem's schema. */
export const zql = createBuilder(schema);

export type Account = Row<typeof schema.tables.account>;
export type Member = Row<typeof schema.tables.member>;
export type Ticket = Row<typeof schema.tables.ticket>;
export type Walk = Row<typeof schema.tables.walk>;
export type WalkStep = Row<typeof schema.tables.walk_step>;
export type Flow = Row<typeof schema.tables.flow>;
export type FlowProposal = Row<typeof schema.tables.flow_proposal>;
export type Handoff = Row<typeof schema.tables.handoff>;
export type Invite = Row<typeof schema.tables.invite>;
export type Customer = Row<typeof schema.tables.customer>;
export type CustomerContact = Row<typeof schema.tables.customer_contact>;
export type TaskLaneItem = Row<typeof schema.tables.task_lane_item>;
export type InboxEntry = Row<typeof schema.tables.inbox_entry>;

export type {TandemContext} from './context.ts';
export * from './enums.ts';
export type {FlowDefinition, FlowNode, FlowOption} from './flow-definition.ts';
export type {Assessment, EscalationPackage} from './escalation-package.ts';

declare module '@rocicorp/zero' {
  interface DefaultTypes {
    schema: Schema;
    context: TandemContext | undefined;
  }
}
