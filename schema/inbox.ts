import {number, relationships, string, table} from '@rocicorp/zero';
import {handoff} from './tables.ts';

/**
 * A person's in-app notification (migrations/00018): one per `in_app`
 * delivery, written by the dispatcher after the escalation committed.
 * `read_at` is the person's read mark, synced to all their devices.
 */
export const inboxEntry = table('inbox_entry')
  .columns({
    id: string(),
    account_id: string(),
    user_id: string(),
    handoff_id: string(),
    created_at: number(),
    read_at: number().optional(),
  })
  .primaryKey('id');

export const inboxRelationships = relationships(inboxEntry, ({one}) => ({
  handoff: one({sourceField: ['handoff_id'], destField: ['id'], destSchema: handoff}),
}));
