import {canUseL1Workspace, l1ActingAs} from '../../rules/permissions.ts';
import type {TandemContext} from '../../schema/index.ts';
import {screenAt} from '../app/routes.tsx';

/**
 * The screens of the L1 workspace (marked in routes.tsx): intake (`/`), the
 * walker, and the ticket and customer screens an L1 works from. The
 * engineer-only screens (queue, live walks, flows, handoff context, team)
 * are not.
 */
export function isL1WorkspaceScreen(path: string): boolean {
  return !!screenAt(path)?.screen.l1Workspace;
}

/** A covering engineer on an L1 workspace screen: what they do there is logged as coverage (server/zero/audit.ts). */
export function showsCoverageBanner(ctx: TandemContext, path: string): boolean {
  return isL1WorkspaceScreen(path) && canUseL1Workspace(ctx) && l1ActingAs(ctx) === 'l1_coverage';
}
