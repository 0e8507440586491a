import * as v from 'valibot';
import {defineMutator} from '../define.ts';
import {assertOwner} from '../../rules/permissions.ts';

import {lockRow} from '../../rules/locks.ts';

/** Seat limits an owner may set: whole numbers from 0, or null for unlimited. */
export const SEAT_LIMIT_MAX = 100_000;
const seatLimit = (label: string) =>
  v.nullable(
    v.pipe(
      v.number(),
      v.integer(`${label} must be a whole number`),
      v.minValue(0, `${label} must be at least 0`),
      v.maxValue(SEAT_LIMIT_MAX, `${label} must be at most ${SEAT_LIMIT_MAX}`),
    ),
  );

export const setSeatLimitsArgs = v.object({
  engineerSeatLimit: seatLimit('the engineer seat limit'),
  l1SeatLimit: seatLimit('the L1 seat limit'),
});

/**
 * Owners set their account's seat limits (docs/tenancy.md). Lowering one below the
 * seats in use is allowed: the account is then grandfathered, it keeps
 * working and only cannot add more.
 */
export const setSeatLimits = defineMutator(
  setSeatLimitsArgs,
  {
    audit: (a, ctx) => ({
      type: 'account',
      id: ctx.accountId,
      details: {
        engineerSeatLimit: a.engineerSeatLimit === null ? null : String(a.engineerSeatLimit),
        l1SeatLimit: a.l1SeatLimit === null ? null : String(a.l1SeatLimit),
      },
    }),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = assertOwner(ctx, 'set seat limits');
    await lockRow(tx, 'account', caller.accountId);
    await tx.mutate.account.update({id: caller.accountId, engineer_seat_limit: args.engineerSeatLimit, l1_seat_limit: args.l1SeatLimit});
  },
);
