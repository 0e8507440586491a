import type {BenchContext} from '../context.ts';

export async function queueArrival(_ctx: BenchContext): Promise<unknown> {
  throw new Error('not written yet');
}
