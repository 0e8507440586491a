import {useZero} from '@rocicorp/zero/react';
import {useEffect, useRef} from 'react';
import {HEARTBEAT_MS} from '../../../mutators/presence/presence.ts';
import {useOutbox} from '../../offline/outbox-context.ts';

async function publish(walkId: string, waiting: number): Promise<boolean> {
  try {
    const res = await fetch('/api/presence/waiting', {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      credentials: 'same-origin',
      body: JSON.stringify({walkId, waiting}),
    });
    return res.status === 204;
  } catch {
    return false; // no network: nothing can be said, and the missing beats say it
  }
}

/**
 * While this browser's sync connection is down and it holds changes, tells
 * the walk's watchers how many (server/http/presence-waiting.ts), every
 * heartbeat; once it syncs again, says 0 once. Over plain HTTP, because a
 * Zero push would wait behind the very changes it counts.
 */
export function useWaitingPublisher(walkId: string): void {
  const zero = useZero();
  const outbox = useOutbox();
  const published = useRef(0);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      const connected = zero.connection.state.current.name === 'connected';
      const waiting = connected ? 0 : outbox.entries().filter(e => e.state === 'pending').length;
      if (waiting === 0 && published.current === 0) return;
      if (await publish(walkId, waiting)) published.current = waiting;
    };
    const interval = setInterval(() => void tick(), HEARTBEAT_MS);
    const unsubscribeOutbox = outbox.subscribe(() => void tick());
    const unsubscribeZero = zero.connection.state.subscribe(() => void tick());
    const onOnline = () => void tick();
    window.addEventListener('online', onOnline);
    void tick();
    return () => {
      stopped = true;
      clearInterval(interval);
      unsubscribeOutbox();
      unsubscribeZero();
      window.removeEventListener('online', onOnline);
    };
  }, [zero, outbox, walkId]);
}
