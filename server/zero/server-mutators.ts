import {defineMutator, defineMutators, type ServerTransaction} from '@rocicorp/zero';
import {mutators} from '../../mutators/index.ts';
import {escalateWithoutWalkArgs} from '../../mutators/ticket/escalate-without-walk.ts';
import {escalateArgs} from '../../mutators/walk/escalate.ts';
import {writeHandoffPackage} from '../handoff/write-package.ts';

/**
 * The server's mutator tree: the shared mutators, with server-only
 * additions layered on top where a rule or a write needs what only the
 * server has. Each override runs the shared mutator first.
 */
export const serverMutators = defineMutators(mutators, {
  walk: {
    escalate: defineMutator(escalateArgs, async ({tx, ctx, args}) => {
      await mutators.walk.escalate.fn({tx, ctx, args});
      await writeHandoffPackage(tx as ServerTransaction, args.handoffId);
    }),
  },
  ticket: {
    escalateWithoutWalk: defineMutator(escalateWithoutWalkArgs, async ({tx, ctx, args}) => {
      await mutators.ticket.escalateWithoutWalk.fn({tx, ctx, args});
      await writeHandoffPackage(tx as ServerTransaction, args.handoffId);
    }),
  },
});
