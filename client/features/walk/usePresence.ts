import {useZero} from '@rocicorp/zero/react';
import {useEffect} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {browserBeat, startPresenceBeats} from './presence-beats.ts';
import {useWaitingPublisher} from './useWaitingPublisher.ts';

/**
 * Announces "I'm looking at this walk" while the page is open; leaves on close.
 * Not through the outbox (offline/use-change.ts), deliberately: presence is
 * live or nothing, and a beat or a leave replayed later would say something
 * that is no longer true.
 */
export function usePresence(walkId: string) {
  const zero = useZero();
  useWaitingPublisher(walkId);
  useEffect(() => {
    const stopBeats = startPresenceBeats(zero, walkId, browserBeat);
    const leave = () => void zero.mutate(mutators.presence.leave({walkId}));
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      // After the beat in flight, if any: that beat would write the row again.
      void stopBeats().then(leave);
    };
  }, [zero, walkId]);
}
