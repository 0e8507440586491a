import type {FlowDefinition} from '../../schema/flow-definition.ts';

/**
 * A published flow whose two questions lead to each other, so one walk can
 * take as many steps as a scenario needs (a real tree ends after a dozen).
 * It passes the publish checks: a resolution is reachable from the start.
 */
export const LOOP_FLOW: FlowDefinition = {
  start: 'a',
  nodes: [
    {
      id: 'a',
      kind: 'question',
      text: 'Does the device show the sign-in screen after a restart?',
      options: [
        {id: 'next', label: 'Yes, it shows the sign-in screen', next: 'b'},
        {id: 'done', label: 'It works now', next: 'end'},
      ],
    },
    {
      id: 'b',
      kind: 'question',
      text: 'Can the user sign in with their work account on that screen?',
      options: [
        {id: 'next', label: 'No, it says the password is wrong', next: 'a'},
        {id: 'done', label: 'It works now', next: 'end'},
      ],
    },
    {id: 'end', kind: 'resolution', text: 'Resolved: the user is signed in again.', options: []},
  ],
};

/** Step `seq` (1-based) of a loop walk stands on node a, b, a, b … */
export function loopStep(seq: number): {nodeId: string; optionId: string} {
  return {nodeId: seq % 2 === 1 ? 'a' : 'b', optionId: 'next'};
}
