import {canManageAccount, canUseL1Workspace, isEngineerOrOwner} from '../../rules/permissions.ts';
import type {TandemContext} from '../../schema/index.ts';

export type NavItem = {href: string; label: string};

/** The screens a role sees; the same rules the server enforces. */
export function navFor(ctx: TandemContext): NavItem[] {
  const items: NavItem[] = [];
  if (canUseL1Workspace(ctx)) items.push({href: '/', label: 'L1 workspace'});
  if (isEngineerOrOwner(ctx)) items.push({href: '/queue', label: 'Queue'});
  if (isEngineerOrOwner(ctx)) items.push({href: '/walks', label: 'Live walks'});
  if (isEngineerOrOwner(ctx)) items.push({href: '/flows', label: 'Flows'});
  items.push({href: '/tickets', label: 'Tickets'});
  if (canManageAccount(ctx)) items.push({href: '/team', label: 'Team'});
  return items;
}

export function homeFor(ctx: TandemContext): string {
  return canUseL1Workspace(ctx) ? '/' : isEngineerOrOwner(ctx) ? '/queue' : '/tickets';
}
