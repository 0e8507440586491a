import type {TandemConfig} from '../config.ts';
import type {Sql} from '../db/connect.ts';
import {pruneChangeLedger} from './prune-change-ledger.ts';
import {pruneDeliveredNotifications} from './prune-delivered-notifications.ts';
import {pruneEndedSessions} from './prune-ended-sessions.ts';
import {pruneResetMails} from './prune-reset-mails.ts';
import {pruneSignInAttempts} from './prune-sign-in-attempts.ts';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Every table that would grow without end, and how often it is pruned
 * (docs/write-path.md §5 keeps the same list with each keep window).
 * Presence beats are swept every second by their own job
 * (server/presence/presence-beats.ts); zero-cache prunes its CVR itself.
 */
export function pruningJobs(sql: Sql, config: TandemConfig): {what: string; everyMs: number; run: () => Promise<number>}[] {
  const window = config.signInLimits.windowMinutes;
  return [
    {what: 'change ledger', everyMs: DAY, run: () => pruneChangeLedger(sql)},
    {what: 'sign-in attempt', everyMs: window * MINUTE, run: () => pruneSignInAttempts(sql, window)},
    {what: 'ended session', everyMs: HOUR, run: () => pruneEndedSessions(sql)},
    {what: 'notification delivery', everyMs: DAY, run: () => pruneDeliveredNotifications(sql)},
    {what: 'reset mail', everyMs: DAY, run: () => pruneResetMails(sql)},
  ];
}

/** Runs each pruning job now and then on its schedule; returns one stop function. */
export function schedulePruning(sql: Sql, config: TandemConfig, log: (line: string) => void): () => void {
  const timers = pruningJobs(sql, config).map(job => {
    const run = () => job.run().catch(error => log(`${job.what} pruning failed: ${error instanceof Error ? error.message : error}`));
    void run();
    const timer = setInterval(run, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
