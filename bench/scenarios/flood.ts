import {signIn} from '../../test/support/sign-in.ts';
import {pushClient} from '../../test/support/push.ts';
import type {BenchContext} from '../context.ts';
import {say} from '../progress.ts';
import {BENCH_PASSWORD} from '../support/bench-account.ts';
import {loopStep} from '../support/bench-flow.ts';
import {insertActiveWalks} from '../support/fixtures.ts';
import {measureBusyShape, type BusyShape} from './busy-shape.ts';

/** Requests the flooder keeps in flight at once. */
const FLOOD_CONCURRENCY = 8;
const STEP_TIMEOUT_MS = 30_000;

/**
 * A flooding client (issue #23): the busy account's shape (walks × watchers,
 * a step every few seconds each) runs twice on Tandem — once alone
 * (`unloaded_p99_ms`), once while one more session of the account pushes
 * `walk.recordStep` to the mutate endpoint as fast as it can, as a runaway
 * script would (`p99_ms`). The session's rate limit (server/zero/rate-limits.ts)
 * answers most of the flood 429; the ratio says what the flood still costs
 * everyone else (target: within 2×).
 */
export async function flood(ctx: BenchContext) {
  const {walks, watchersPerWalk, stepEveryMs, durationMs} = ctx.sizes.busy;
  const shape: BusyShape = {rooms: walks, watchersPerRoom: watchersPerWalk, everyMs: stepEveryMs, durationMs, timeoutMs: STEP_TIMEOUT_MS};
  say(`flood: ${walks} walks × ${watchersPerWalk} watchers, a step every ${stepEveryMs / 1000} s each, ${durationMs / 1000} s; unloaded first`);
  const unloaded = await measureBusyShape(ctx, 'tandem', shape, 'flood (unloaded)');

  // The flooder: its own sign-in (a session of its own) and its own walk.
  const member = ctx.account.l1s[ctx.account.l1s.length - 1];
  const session = await signIn(ctx.stack.appUrl, member.email, BENCH_PASSWORD);
  const [walk] = await insertActiveWalks(ctx.stack.sql, ctx.account, [member], 'Flooded walk');
  const client = pushClient(ctx.stack.appUrl, session.token);
  const answers = {applied: 0, throttled: 0, other: 0};
  let seq = 0;
  let flooding = true;
  const loops = Array.from({length: FLOOD_CONCURRENCY}, async () => {
    while (flooding) {
      const {status} = await client.push('walk.recordStep', {walkId: walk.walkId, ...loopStep(++seq)}).catch(() => ({status: 0}));
      if (status === 200) answers.applied++;
      else if (status === 429) answers.throttled++;
      else answers.other++;
    }
  });
  say(`flood: the same shape while one session floods the mutate endpoint (${FLOOD_CONCURRENCY} requests in flight)`);
  const started = performance.now();
  let loaded: Awaited<ReturnType<typeof measureBusyShape>>;
  try {
    loaded = await measureBusyShape(ctx, 'tandem', shape, 'flood (one session flooding)');
  } finally {
    flooding = false;
    await Promise.all(loops);
  }
  const seconds = (performance.now() - started) / 1000;
  const ratio = unloaded.p99_ms > 0 ? Math.round((loaded.p99_ms / unloaded.p99_ms) * 100) / 100 : null;
  say(
    `  flood: p99 ${loaded.p99_ms} ms against ${unloaded.p99_ms} ms unloaded (${ratio}×); the flooder sent ${Math.round((answers.applied + answers.throttled + answers.other) / seconds)}/s, ${answers.throttled} answered 429`,
  );
  return {
    p99_ms: loaded.p99_ms,
    unloaded_p99_ms: unloaded.p99_ms,
    p99_ratio: ratio,
    flooder: {...answers, per_s: Math.round((answers.applied + answers.throttled + answers.other) / seconds)},
    unloaded,
    loaded,
  };
}
