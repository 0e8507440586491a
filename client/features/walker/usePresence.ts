import {useZero} from '@rocicorp/zero/react';
import {useEffect} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {HEARTBEAT_MS} from '../../../mutators/presence/presence.ts';

/** Announces "I'm looking at this walk" while the page is open; leaves on close. */
export function usePresence(walkId: string) {
  const zero = useZero();
  useEffect(() => {
    // Presence is live or nothing: no heartbeats pile up while offline.
    const beat = () => {
      if (zero.connection.state.current.name === 'connected') void zero.mutate(mutators.presence.heartbeat({walkId}));
    };
    const leave = () => void zero.mutate(mutators.presence.leave({walkId}));
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    window.addEventListener('pagehide', leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [zero, walkId]);
}
