import {defineMutator, defineMutators} from '@rocicorp/zero';
import {mutators} from '../../mutators/index.ts';
import {setActiveArgs} from '../../mutators/member/admin.ts';
import {escalateWithoutWalkArgs} from '../../mutators/ticket/escalate-without-walk.ts';
import {intakeArgs} from '../../mutators/ticket/intake.ts';
import {escalateArgs} from '../../mutators/walk/escalate.ts';
import {presenceArgs} from '../../mutators/presence/presence.ts';
import {recordPresenceBeat} from '../presence/presence-beats.ts';
import {writeHandoffPackage} from '../handoff/write-package.ts';
import {queueEscalationDeliveries} from '../notify/queue-deliveries.ts';
import {linkCustomer} from '../tickets/link-customer.ts';
import {asServerTransaction} from '../../rules/server-transaction.ts';

/**
 * The server's mutator tree: the shared mutators, with server-only
 * additions layered on top where a rule or a write needs what only the
 * server has. Each override runs the shared mutator first. A mutator whose
 * override leaves after-commit work declares `queuesWork` with its definition.
 */
export function createServerMutators({aiEnabled}: {aiEnabled: boolean}) {
  return defineMutators(mutators, {
    walk: {
      escalate: defineMutator(escalateArgs, async ({tx, ctx, args}) => {
        await mutators.walk.escalate.fn({tx, ctx, args});
        await writeHandoffPackage(asServerTransaction(tx), args.handoffId, aiEnabled);
        await queueEscalationDeliveries(asServerTransaction(tx), args.handoffId);
      }),
    },
    member: {
      // A deactivated member's sessions end at once: no sign-in, no sync.
      setActive: defineMutator(setActiveArgs, async ({tx, ctx, args}) => {
        await mutators.member.setActive.fn({tx, ctx, args});
        if (!args.active) {
          await asServerTransaction(tx).dbTransaction.query('delete from auth."session" where "userId" = $1', [args.memberId]);
        }
      }),
    },
    presence: {
      // Every beat is recorded off the synced tables, so that the sweep keeps the viewer.
      heartbeat: defineMutator(presenceArgs, async ({tx, ctx, args}) => {
        await mutators.presence.heartbeat.fn({tx, ctx, args});
        await recordPresenceBeat(asServerTransaction(tx), args.walkId, ctx!.userId);
      }),
    },
    ticket: {
      // The customer record is found or created where every account's records are (docs/tickets.md).
      intake: defineMutator(intakeArgs, async ({tx, ctx, args}) => {
        await mutators.ticket.intake.fn({tx, ctx, args});
        await linkCustomer(asServerTransaction(tx), args.ticketId);
      }),
      escalateWithoutWalk: defineMutator(escalateWithoutWalkArgs, async ({tx, ctx, args}) => {
        await mutators.ticket.escalateWithoutWalk.fn({tx, ctx, args});
        await linkCustomer(asServerTransaction(tx), args.ticketId);
        await writeHandoffPackage(asServerTransaction(tx), args.handoffId, aiEnabled);
        await queueEscalationDeliveries(asServerTransaction(tx), args.handoffId);
      }),
    },
  });
}
export type ServerMutators = ReturnType<typeof createServerMutators>;
