import type {ActingAs, Role, TandemContext} from '../schema/index.ts';
import {fail} from './errors.ts';

// The one place that says who may do what. The UI reads these to hide what a
// role cannot do; the mutators call the assert* forms to refuse it.

const RANK: Record<Role, number> = {viewer: 0, l1_tech: 1, engineer: 2, owner: 3};

export function atLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** Engineers and owners: author flows, watch walks, claim escalations. */
export function isEngineerOrOwner(ctx: Pick<TandemContext, 'role'>): boolean {
  return atLeast(ctx.role, 'engineer');
}

/** L1 techs, owners, and engineers an owner has set to cover L1. */
export function canUseL1Workspace(ctx: Pick<TandemContext, 'role' | 'canCoverL1'>): boolean {
  return ctx.role === 'l1_tech' || ctx.role === 'owner' || (ctx.role === 'engineer' && ctx.canCoverL1);
}

/** How an action in the L1 workspace is recorded for this caller. */
export function l1ActingAs(ctx: Pick<TandemContext, 'role' | 'canCoverL1'>): ActingAs {
  return ctx.role === 'engineer' && ctx.canCoverL1 ? 'l1_coverage' : 'self';
}

export function canManageAccount(ctx: Pick<TandemContext, 'role'>): boolean {
  return ctx.role === 'owner';
}

export function requireContext(ctx: TandemContext | undefined): TandemContext {
  if (!ctx) fail('forbidden', 'Sign in first.');
  return ctx;
}

export function assertL1Workspace(ctx: TandemContext | undefined): TandemContext {
  const c = requireContext(ctx);
  if (!canUseL1Workspace(c)) fail('forbidden', 'Only L1 techs, covering engineers and owners use the L1 workspace.');
  return c;
}

export function assertEngineerOrOwner(ctx: TandemContext | undefined): TandemContext {
  const c = requireContext(ctx);
  if (!isEngineerOrOwner(c)) fail('forbidden', 'Only engineers and owners may do this.');
  return c;
}

export function assertOwner(ctx: TandemContext | undefined, what = 'manage members'): TandemContext {
  const c = requireContext(ctx);
  if (!canManageAccount(c)) fail('forbidden', `Only owners ${what}.`);
  return c;
}

/** Everyone but viewers works tickets: reopen and close them. */
export function canWorkTickets(ctx: Pick<TandemContext, 'role'>): boolean {
  return atLeast(ctx.role, 'l1_tech');
}

export function assertTicketWorker(ctx: TandemContext | undefined): TandemContext {
  const c = requireContext(ctx);
  if (!canWorkTickets(c)) fail('forbidden', 'Viewers cannot change tickets.');
  return c;
}
