import type {Handoff} from '../../../schema/index.ts';
import {ago} from '../../ui/time.ts';

type StoryHandoff = Pick<Handoff, 'intent' | 'status' | 'escalated_at' | 'claimed_at' | 'resolved_at' | 'released_at'> & {
  claimer?: {name: string} | null | undefined;
};

/**
 * Where an escalation stands, in one line for the person who escalated it
 * (docs/handoff.md): waiting, picked up (by whom), released back, resolved (by whom).
 * Read from the synced handoff row, so it changes as the row does. Worded
 * apart from the status names, which the status badge beside it shows.
 */
export function handoffStory(h: StoryHandoff, now: number): string | null {
  if (h.intent !== 'escalate') return null;
  const who = h.claimer?.name ?? 'an engineer';
  switch (h.status) {
    case 'claimed':
      return `Picked up by ${who} ${ago(h.claimed_at ?? h.escalated_at, now)}.`;
    case 'resolved':
      return `${h.claimer ? who : 'The engineer'} closed it ${ago(h.resolved_at ?? h.escalated_at, now)}.`;
    case 'open':
      return h.released_at
        ? `Released back to the queue ${ago(h.released_at, now)} · waiting for an engineer.`
        : `Waiting for an engineer (sent ${ago(h.escalated_at, now)}).`;
    default:
      return null;
  }
}

/** The handoff that tells a walk's story: its latest escalation. */
export function latestEscalation<T extends StoryHandoff>(handoffs: readonly T[]): T | undefined {
  return handoffs.filter(h => h.intent === 'escalate').sort((a, b) => b.escalated_at - a.escalated_at)[0];
}
