import {isPortFree} from '../../server/ports.ts';

let next = 20000 + Math.floor(Math.random() * 20000);

/** A free port p where p+1 … p+span-1 are free too (zero-cache takes three). */
export async function freePort(span = 1): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const base = next;
    next += span + 1;
    if (next > 60000) next = 20000;
    let ok = true;
    for (let i = 0; i < span && ok; i++) ok = await isPortFree(base + i);
    if (ok) return base;
  }
  throw new Error('no free port found');
}
