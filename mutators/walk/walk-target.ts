import type {Transaction} from '@rocicorp/zero';
import type {SessionKind, TandemContext} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {loadOwned} from '../../rules/tenancy.ts';

type WalkTarget = {sessionKind: SessionKind; flowId?: string | null; proposalId?: string | null; currentNodeId: string | null};

/** What a new walk follows: a published flow of the account, a proposal, or nothing (ad hoc), and where it starts. */
export async function walkTarget(tx: Transaction, caller: TandemContext, choice: {flowId?: string | null; proposalId?: string | null}): Promise<WalkTarget> {
  if (choice.flowId) {
    const flow = await loadOwned(tx, caller, 'flow', choice.flowId, 'Flow');
    if (flow && flow.status !== 'published') fail('invalid_state', 'That flow is not published yet.');
    return {sessionKind: 'flow', flowId: choice.flowId, currentNodeId: flow?.definition.start ?? null};
  }
  if (choice.proposalId) {
    const proposal = await loadOwned(tx, caller, 'flow_proposal', choice.proposalId, 'Flow proposal');
    return {sessionKind: 'proposal', proposalId: choice.proposalId, currentNodeId: proposal?.definition.start ?? null};
  }
  return {sessionKind: 'adhoc', currentNodeId: null};
}
