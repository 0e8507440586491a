import type {BenchContext} from '../context.ts';
import {say} from '../progress.ts';

/**
 * Runs the bare-Zero half of a scenario with the reference app's zero-cache
 * up, and stops it after, so that it never competes with the Tandem half
 * that follows. A failure, its start included, is recorded under
 * `errors[key]` and gives null: the Tandem half is still measured.
 */
export async function onBareZero<T>(ctx: BenchContext, key: string, measure: () => Promise<T>): Promise<T | null> {
  try {
    await ctx.stack.startBare();
    return await measure();
  } catch (error) {
    ctx.result.errors[key] = error instanceof Error ? error.message : String(error);
    say(`  ${key} FAILED: ${ctx.result.errors[key].split('\n')[0]}`);
    return null;
  } finally {
    await ctx.stack.stopBare().catch(e => say(`  ${key}: stopping the bare zero-cache failed: ${e}`));
  }
}
