/**
 * Which Zero mutation carries an outbox change (docs/offline.md §2): when a
 * change with a change id first runs in a client (Zero's optimistic run),
 * Zero has just given it its mutation id. The outbox listens, so that it
 * can later tell from the server's last mutation id of that client whether
 * Zero still holds the change or has let go of it. Nothing here changes
 * what a mutator does.
 */
export type CarryingMutation = {clientID: string; mutationID: number; changeId: string};

const listeners = new Set<(carrying: CarryingMutation) => void>();

/** Calls back for every optimistic client run of a change that carries a change id; returns a function that stops. */
export function onCarryingMutation(listener: (carrying: CarryingMutation) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Told by mutators/define.ts; a listener's failure never reaches the mutator (it must not throw, docs/offline.md §6). */
export function reportCarryingMutation(carrying: CarryingMutation): void {
  for (const listener of listeners) {
    try {
      listener(carrying);
    } catch (error) {
      console.error('[outbox] carrying-mutation listener failed:', error);
    }
  }
}
