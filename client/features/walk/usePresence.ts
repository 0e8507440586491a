import {useZero} from '@rocicorp/zero/react';
import {useEffect} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {browserBeat, startPresenceBeats} from './presence-beats.ts';

/**
 * Announces "I'm looking at this walk" while the page is open; leaves on close.
 * Not through the outbox (offline/use-change.ts), deliberately: presence is
 * live or nothing, and a beat or a leave replayed later would say something
 * that is no longer true.
 */
export function usePresence(walkId: string) {
  const zero = useZero();
  useEffect(() => {
    const stopBeats = startPresenceBeats(zero, walkId, browserBeat);
    const leave = () => void zero.mutate(mutators.presence.leave({walkId}));
    window.addEventListener('pagehide', leave);
    return () => {
      stopBeats();
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [zero, walkId]);
}
