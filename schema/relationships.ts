import {relationships} from '@rocicorp/zero';
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

export const memberRelationships = relationships(member, ({one}) => ({
  account: one({sourceField: ['account_id'], destField: ['id'], destSchema: account}),
}));

export const ticketRelationships = relationships(ticket, ({one, many}) => ({
  creator: one({sourceField: ['created_by'], destField: ['id'], destSchema: member}),
  assignee: one({sourceField: ['assigned_user_id'], destField: ['id'], destSchema: member}),
  walks: many({sourceField: ['id'], destField: ['ticket_id'], destSchema: walk}),
  handoffs: many({sourceField: ['id'], destField: ['ticket_id'], destSchema: handoff}),
  // Keyed by the never-null mirror of customer_id (migrations/00016).
  customer: one({sourceField: ['customer_key'], destField: ['id'], destSchema: customer}),
}));

export const customerRelationships = relationships(customer, ({many}) => ({
  tickets: many({sourceField: ['id'], destField: ['customer_key'], destSchema: ticket}),
  contacts: many({sourceField: ['id'], destField: ['customer_id'], destSchema: customerContact}),
}));

export const walkRelationships = relationships(walk, ({one, many}) => ({
  ticket: one({sourceField: ['ticket_id'], destField: ['id'], destSchema: ticket}),
  // Keyed by never-null mirrors of flow_id / flow_proposal_id: Zero splits every
  // edit of a row whose relationship key is null into a remove and an add of
  // the whole walk tree (migrations/00015_walk_relationship_keys).
  flow: one({sourceField: ['flow_key'], destField: ['id'], destSchema: flow}),
  proposal: one({sourceField: ['proposal_key'], destField: ['id'], destSchema: flowProposal}),
  driver: one({sourceField: ['driver_user_id'], destField: ['id'], destSchema: member}),
  /** Who started the walk: its L1, who keeps watching (and adding to the lane) after a take-over. */
  starter: one({sourceField: ['started_by'], destField: ['id'], destSchema: member}),
  steps: many({sourceField: ['id'], destField: ['walk_id'], destSchema: walkStep}),
  handoffs: many({sourceField: ['id'], destField: ['walk_id'], destSchema: handoff}),
  lane: many({sourceField: ['id'], destField: ['walk_id'], destSchema: taskLaneItem}),
  presence: many({sourceField: ['id'], destField: ['walk_id'], destSchema: walkPresence}),
  generated: many({sourceField: ['id'], destField: ['walk_id'], destSchema: generatedText}),
}));

export const walkCardRelationships = relationships(walkCard, ({one, many}) => ({
  ticket: one({sourceField: ['ticket_id'], destField: ['id'], destSchema: ticket}),
  driver: one({sourceField: ['driver_user_id'], destField: ['id'], destSchema: member}),
  flow: one({sourceField: ['flow_key'], destField: ['id'], destSchema: flow}),
  presence: many({sourceField: ['walk_id'], destField: ['walk_id'], destSchema: walkPresence}),
}));

export const laneRelationships = relationships(taskLaneItem, ({one}) => ({
  author: one({sourceField: ['author_user_id'], destField: ['id'], destSchema: member}),
  walk: one({sourceField: ['walk_id'], destField: ['id'], destSchema: walk}),
}));

export const presenceRelationships = relationships(walkPresence, ({one}) => ({
  user: one({sourceField: ['user_id'], destField: ['id'], destSchema: member}),
}));

export const handoffRelationships = relationships(handoff, ({one, many}) => ({
  walk: one({sourceField: ['walk_id'], destField: ['id'], destSchema: walk}),
  ticket: one({sourceField: ['ticket_id'], destField: ['id'], destSchema: ticket}),
  escalator: one({sourceField: ['escalated_by'], destField: ['id'], destSchema: member}),
  claimer: one({sourceField: ['claimed_by'], destField: ['id'], destSchema: member}),
  reads: many({sourceField: ['id'], destField: ['handoff_id'], destSchema: handoffRead}),
}));

export const inviteRelationships = relationships(invite, ({one}) => ({
  inviter: one({sourceField: ['created_by'], destField: ['id'], destSchema: member}),
}));
