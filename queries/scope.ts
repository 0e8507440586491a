import type {TandemContext} from '../schema/index.ts';

/**
 * The account every named query filters on. Without a context (signed out)
 * it is an id no account has, so the query matches nothing.
 */
export function scopeAccountId(ctx: TandemContext | undefined): string {
  return ctx?.accountId ?? 'none:signed-out';
}
