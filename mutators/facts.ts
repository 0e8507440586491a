import type {TandemContext} from '../schema/index.ts';

/** What an audit row is about. */
export type AuditSubject = {type: string; id: string; details?: Record<string, string | boolean | null>};

/** How a change reads in the outbox: its label, the typed text it carries, its walk. */
export type OutboxDescription = {label: string; text?: string; walkId?: string; coalesceKey?: string};

/**
 * What the rest of the system needs to know about one mutator, declared
 * with its definition (mutators/define.ts) so that none can be forgotten:
 * every key is required.
 */
export type MutatorFacts<Args> = {
  /**
   * What its audit row is about: a state-changing mutator gets one row in
   * its own transaction (server/zero/audit.ts); `false` writes none
   * (presence, read marks, draft edits).
   */
  audit: ((args: Args, ctx: TandemContext) => AuditSubject) | false;
  /** Part of the L1 workspace: a covering engineer's use of it is coverage (audited as `acting_as`). */
  l1Workspace: boolean;
  /**
   * Its commit leaves work for the after-commit jobs (an escalation package
   * to write, notifications to send): a push holding it wakes them at once.
   * The work itself is written by the server's layer (server/zero/server-mutators.ts).
   */
  queuesWork: boolean;
  /**
   * Whose signed-in sessions its commit ends or changes (their role, coverage,
   * whether they are active), as member ids; `'*'`: everyone's (an account's
   * session policy). The API that committed it forgets their resolved
   * sessions at once (server/auth/context-cache.ts), so their very next
   * request already sees the change; other API processes hear it from the
   * database. `false`: none.
   */
  changesSessions: ((args: Args, ctx: TandemContext) => string[] | '*') | false;
  /** How it reads in the outbox; `'by-name'`: a label made from its name. */
  outbox: ((args: Args) => OutboxDescription) | 'by-name';
};

/** A non-empty string, else undefined (outbox descriptions). */
export const said = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** ` “text”`, cut to `max` characters, or nothing (outbox labels). */
export const quoted = (v: unknown, max = 60): string => {
  const s = said(v);
  if (!s) return '';
  return ` “${s.length > max ? `${s.slice(0, max - 1)}…` : s}”`;
};
