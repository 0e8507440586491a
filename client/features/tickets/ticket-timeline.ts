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

/** A ticket's walks and escalations as one history, oldest first (parked handoffs are a walk's own business). */
export function timelineOf(walks: readonly (Walk & {steps: readonly WalkStep[]; lane: readonly TaskLaneItem[]})[], handoffs: readonly Handoff[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...walks.map(walk => ({kind: 'walk' as const, at: walk.started_at, walk})),
    ...handoffs.filter(h => h.intent === 'escalate').map(handoff => ({kind: 'handoff' as const, at: handoff.escalated_at, handoff})),
  ];
  return entries.sort((a, b) => a.at - b.at);
}
