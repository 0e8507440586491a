import type {Transaction} from '@rocicorp/zero';
import type {FlowDefinition, TandemContext, Walk} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {loadOwned} from '../../rules/tenancy.ts';

/**
 * The tree a flow or proposal walk follows. undefined only on the client
 * when it has not synced the flow (the server then decides).
 */
export async function definitionOf(tx: Transaction, ctx: TandemContext, walk: Walk): Promise<FlowDefinition | undefined> {
  if (walk.session_kind === 'adhoc') fail('invalid_state', 'An ad-hoc walk has notes, not steps.');
  const row =
    walk.session_kind === 'flow'
      ? await loadOwned(tx, ctx, 'flow', walk.flow_id!, 'Flow')
      : await loadOwned(tx, ctx, 'flow_proposal', walk.flow_proposal_id!, 'Flow proposal');
  return row?.definition;
}
