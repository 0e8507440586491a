import {isPortFree} from '../../server/ports.ts';

// Below Linux's ephemeral range (32768–60999): a port picked there can be taken by any outgoing
// connection (Postgres pools, websockets, Chromium) between the check and the bind.
const LOW = 20000;
const HIGH = 32700;
let next = LOW + Math.floor(Math.random() * (HIGH - LOW - 500));

/** A free port p where p+1 … p+span-1 are free too (zero-cache takes three). */
export async function freePort(span = 1): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const base = next;
    next += span + 1;
    if (next + span > HIGH) next = LOW;
    let ok = true;
    for (let i = 0; i < span && ok; i++) ok = await isPortFree(base + i);
    if (ok) return base;
  }
  throw new Error('no free port found');
}
