import {factsOf} from '../../mutators/index.ts';
import type {TandemContext} from '../../schema/index.ts';

/** A mutation a push applied: it ran without a refusal, and its transaction commits with the push. */
export type AppliedChange = {name: string; args: unknown};

/** Whether any of them left work for the after-commit jobs (their `queuesWork` fact). */
export function queuesWork(applied: AppliedChange[]): boolean {
  return applied.some(change => factsOf(change.name)?.queuesWork);
}

/**
 * Whose signed-in sessions they ended or changed (their `changesSessions`
 * facts), in the session cache's words: member ids, or `*` for everyone.
 */
export function sessionsChangedBy(applied: AppliedChange[], ctx: TandemContext): string[] {
  const who = new Set<string>();
  for (const {name, args} of applied) {
    const changes = factsOf(name)?.changesSessions;
    if (!changes) continue;
    const ids = changes(args, ctx);
    if (ids === '*') return ['*'];
    for (const id of ids) who.add(id);
  }
  return [...who];
}
