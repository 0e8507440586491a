import {boolean, enumeration, json, number, string, table} from '@rocicorp/zero';
import type {FlowDefinition} from './flow-definition.ts';
import type {ActingAs, FixOutcome, HandoffStatus, Role, SessionKind, ThemeChoice, TicketStatus, WalkStatus} from './enums.ts';
import type {Assessment, EscalationPackage} from './escalation-package.ts';

// Column names match the Postgres columns (snake_case) one for one.

export const account = table('account')
  .columns({
    id: string(),
    name: string(),
    engineer_seat_limit: number().optional(),
    l1_seat_limit: number().optional(),
    session_idle_minutes: number(),
    session_absolute_hours: number(),
    /** Ticket numbers read `${ticket_prefix}-${number}` (migrations/00016). */
    ticket_prefix: string(),
    created_at: number(),
  })
  .primaryKey('id');

export const member = table('member')
  .columns({
    id: string(),
    account_id: string(),
    email: string(),
    name: string(),
    role: enumeration<Role>(),
    can_cover_l1: boolean(),
    active: boolean(),
    created_at: number(),
    /** When the person last ended all their sessions (server/people/security-events.ts). */
    sessions_ended_at: number().optional(),
    /** The theme they picked, on every device of theirs (member.setTheme); null until they pick one. */
    theme: enumeration<ThemeChoice>().optional(),
  })
  .primaryKey('id');

export const flow = table('flow')
  .columns({
    id: string(),
    account_id: string(),
    title: string(),
    description: string(),
    status: enumeration<'draft' | 'published'>(),
    definition: json<FlowDefinition>(),
    created_by: string().optional(),
    created_at: number(),
    updated_at: number(),
  })
  .primaryKey('id');

export const flowProposal = table('flow_proposal')
  .columns({
    id: string(),
    account_id: string(),
    title: string(),
    problem_statement: string(),
    source: enumeration<'ai' | 'manual'>(),
    definition: json<FlowDefinition>(),
    validated_by_outcome: boolean(),
    created_by: string().optional(),
    created_at: number(),
  })
  .primaryKey('id');

export const ticket = table('ticket')
  .columns({
    id: string(),
    account_id: string(),
    kind: string(),
    psa_ticket_id: string().optional(),
    /** The account's readable number, taken on the server when the ticket is written; null while pending on a client. */
    number: number().optional(),
    /** `NW-1042`: the account's prefix and `number`; null while pending. */
    ref: string().optional(),
    /** What was said on the call (docs/contract.md's intake arguments)… */
    customer_name: string().optional(),
    customer_contact: string().optional(),
    /** …and the customer record it belongs to (linked or created by the server). */
    customer_id: string().optional(),
    customer_contact_id: string().optional(),
    /** customer_id, or '' when none: the key of the `customer` relationship (never null). */
    customer_key: string(),
    problem_statement: string(),
    /** The short title shown in cards, lists and headings: typed at intake, else made from the problem (rules/ticket-title.ts). */
    title: string(),
    status: enumeration<TicketStatus>(),
    assigned_user_id: string().optional(),
    resolution_notes: string().optional(),
    /** Set when a ticket was closed without a walk solving it (status `resolved`). */
    closed_reason: string().optional(),
    closed_by: string().optional(),
    closed_at: number().optional(),
    created_by: string(),
    created_at: number(),
    updated_at: number(),
  })
  .primaryKey('id');

/** A company the account serves. */
export const customer = table('customer')
  .columns({
    id: string(),
    account_id: string(),
    name: string(),
    created_at: number(),
    updated_at: number(),
  })
  .primaryKey('id');

/** A person (phone, email) at a customer. */
export const customerContact = table('customer_contact')
  .columns({
    id: string(),
    account_id: string(),
    customer_id: string(),
    contact: string(),
    created_at: number(),
  })
  .primaryKey('id');

export const walk = table('walk')
  .columns({
    id: string(),
    account_id: string(),
    ticket_id: string(),
    session_kind: enumeration<SessionKind>(),
    flow_id: string().optional(),
    flow_proposal_id: string().optional(),
    /** flow_id, or '' when none: the key of the `flow` relationship (never null; migrations/00015). */
    flow_key: string(),
    /** flow_proposal_id, or '' when none: the key of the `proposal` relationship. */
    proposal_key: string(),
    status: enumeration<WalkStatus>(),
    current_node_id: string().optional(),
    driver_user_id: string(),
    started_by: string(),
    acting_as: enumeration<ActingAs>(),
    notes: string(),
    step_count: number(),
    state_version: number(),
    helpful: boolean().optional(),
    resolution_notes: string().optional(),
    started_at: number(),
    last_activity_at: number(),
    ended_at: number().optional(),
  })
  .primaryKey('id');

/**
 * What an account-wide list shows of a walk, kept from the walk row by a
 * trigger and changed only when one of these fields changes: a recorded step
 * (which edits the walk row) never touches it (migrations/00026_walk_card).
 */
export const walkCard = table('walk_card')
  .columns({
    walk_id: string(),
    account_id: string(),
    ticket_id: string(),
    driver_user_id: string(),
    /** The walk's flow_key ('' = no flow). */
    flow_key: string(),
    status: enumeration<WalkStatus>(),
    started_at: number(),
  })
  .primaryKey('walk_id');

export const walkStep = table('walk_step')
  .columns({
    id: string(),
    account_id: string(),
    walk_id: string(),
    seq: number(),
    node_id: string(),
    question: string(),
    answer: string(),
    option_id: string().optional(),
    note: string().optional(),
    kind: enumeration<'answer' | 'back'>(),
    recorded_by: string(),
    recorded_at: number(),
  })
  .primaryKey('id');

export const handoff = table('handoff')
  .columns({
    id: string(),
    account_id: string(),
    walk_id: string(),
    ticket_id: string(),
    intent: enumeration<'escalate' | 'park'>(),
    status: enumeration<HandoffStatus>(),
    reason_category: string(),
    details: string().optional(),
    escalated_by: string(),
    acting_as: enumeration<ActingAs>(),
    escalated_at: number(),
    package: json<EscalationPackage>().optional(),
    assessment: json<Assessment>().optional(),
    package_writer: enumeration<'local' | 'ai' | 'pending'>().optional(),
    package_started_at: number().optional(),
    package_edited_by: string().optional(),
    package_edited_at: number().optional(),
    package_state_version: number().optional(),
    claimed_by: string().optional(),
    claimed_at: number().optional(),
    resolved_at: number().optional(),
    first_action_at: number().optional(),
    released_at: number().optional(),
  })
  .primaryKey('id');

export const invite = table('invite')
  .columns({
    id: string(),
    account_id: string(),
    email: string(),
    role: enumeration<Role>(),
    code_hash: string(),
    created_by: string(),
    created_at: number(),
    expires_at: number(),
    revoked_at: number().optional(),
    accepted_at: number().optional(),
    accepted_by: string().optional(),
  })
  .primaryKey('id');

export const handoffRead = table('handoff_read')
  .columns({
    id: string(),
    account_id: string(),
    handoff_id: string(),
    user_id: string(),
    read_at: number(),
    dismissed: boolean(),
  })
  .primaryKey('id');

export const taskLaneItem = table('task_lane_item')
  .columns({
    id: string(),
    account_id: string(),
    walk_id: string(),
    kind: enumeration<'question' | 'check' | 'fact' | 'suggested_fix'>(),
    text: string(),
    state: enumeration<'open' | 'done' | 'dismissed'>(),
    author_user_id: string(),
    position: number(),
    answer: string().optional(),
    source: enumeration<'question' | 'check' | 'note' | 'ai' | 'manual'>().optional(),
    source_item_id: string().optional(),
    outcome: enumeration<FixOutcome>().optional(),
    outcome_note: string().optional(),
    pending_reason: string().optional(),
    failure_reason: string().optional(),
    applied_at: number().optional(),
    superseded_by: string().optional(),
    deleted_at: number().optional(),
    created_at: number(),
    updated_at: number(),
    /** When the walk's driver saw this watcher's item (a whisper); see mutators/task-lane/seen.ts. */
    seen_at: number().optional(),
  })
  .primaryKey('id');

export const walkPresence = table('walk_presence')
  .columns({
    id: string(),
    account_id: string(),
    walk_id: string(),
    user_id: string(),
    mode: enumeration<'watching' | 'driving'>(),
    last_seen: number(),
    /** Changes this viewer's browser holds unsynced, while its sync connection is down (server/http/presence-waiting.ts). */
    waiting_changes: number().optional(),
  })
  .primaryKey('id');

export const generatedText = table('generated_text')
  .columns({
    id: string(),
    account_id: string(),
    walk_id: string(),
    kind: enumeration<'resolution_note'>(),
    state_version: number(),
    writer: enumeration<'ai' | 'local'>(),
    generated: string(),
    draft: string(),
    updated_at: number(),
  })
  .primaryKey('id');
