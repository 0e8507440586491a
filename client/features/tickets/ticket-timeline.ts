import type {Handoff, TaskLaneItem, Walk, WalkStep} from '../../../schema/index.ts';

export type TimelineStep = WalkStep & {undone: boolean};

/**
 * A walk's steps in order, each answer marked `undone` when a later step
 * back took it back (a step back undoes the newest answer still standing).
 */
export function stepsWithUndone(steps: readonly WalkStep[]): TimelineStep[] {
  const marked: TimelineStep[] = steps.map(s => ({...s, undone: false}));
  const standing: TimelineStep[] = [];
  for (const s of marked) {
    if (s.kind === 'answer') standing.push(s);
    else {
      const undone = standing.pop();
      if (undone) undone.undone = true;
    }
  }
  return marked;
}

export type TimelineEntry =
  | {kind: 'walk'; at: number; walk: Walk & {steps: readonly WalkStep[]; lane: readonly TaskLaneItem[]}}
  | {kind: 'handoff'; at: number; handoff: Handoff};

/** A ticket's walks and handoffs as one history, oldest first. */
export function timelineOf<W extends Walk & {steps: readonly WalkStep[]; lane: readonly TaskLaneItem[]; handoffs: readonly Handoff[]}>(
  walks: readonly W[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const walk of walks) {
    entries.push({kind: 'walk', at: walk.started_at, walk});
    for (const handoff of walk.handoffs) if (handoff.intent === 'escalate') entries.push({kind: 'handoff', at: handoff.escalated_at, handoff});
  }
  return entries.sort((a, b) => a.at - b.at);
}
