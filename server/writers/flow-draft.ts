import * as v from 'valibot';
import {flowDefinitionSchema} from '../../mutators/flow/definition-schema.ts';
import {flowProblems} from '../../schema/flow-validation.ts';
import type {FlowDefinition} from '../../schema/index.ts';
import {completeJson} from '../ai/complete-json.ts';
import type {AiConfig} from '../ai/model-client.ts';
import {redact} from '../ai/redact.ts';

type FlowDraft = {title: string; definition: FlowDefinition; writer: 'ai' | 'local'};

const SYSTEM = [
  'You draft a troubleshooting decision tree for a first-line helpdesk technician, for the problem statement you are given.',
  'Nodes have an id (lowercase-with-dashes), a kind (question, instruction or resolution) and text; questions and instructions have options, each with an id, a label and next (the id of another node).',
  'Every node must be reachable from the start node, every option must lead to an existing node, resolution nodes have no options, and at least one resolution must say to escalate.',
  'Use between 6 and 14 nodes. No person names, no secrets, no company names. Ask identity verification before any password or account change.',
  'Answer with one JSON object: {"title": string, "definition": {"start": string, "nodes": [...]}}.',
].join('\n');

const answer = v.object({title: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(200)), definition: flowDefinitionSchema});

/** The deterministic draft: a sound generic tree to start from when there is no model. */
export function localFlowDraft(problem: string): FlowDraft {
  const title = problem.trim().slice(0, 80);
  return {
    title,
    writer: 'local',
    definition: {
      start: 'still-happening',
      nodes: [
        {
          id: 'still-happening',
          kind: 'question',
          text: 'Is the problem still happening right now?',
          options: [
            {id: 'yes', label: 'Yes', next: 'scope'},
            {id: 'no', label: 'No, it stopped', next: 'resolved-stopped'},
          ],
        },
        {
          id: 'scope',
          kind: 'question',
          text: 'Is it only this user, or are others affected too?',
          options: [
            {id: 'only-user', label: 'Only this user', next: 'restart'},
            {id: 'several', label: 'Several people', next: 'escalate-wide'},
          ],
        },
        {
          id: 'restart',
          kind: 'instruction',
          text: 'Have them save their work, restart the affected app or device, and try again.',
          options: [
            {id: 'works', label: 'It works now', next: 'resolved-restart'},
            {id: 'still', label: 'Still broken', next: 'escalate-steps'},
          ],
        },
        {
          id: 'resolved-stopped',
          kind: 'resolution',
          text: 'Resolved: the problem stopped before troubleshooting. Confirm with the customer and note the time it happened.',
          options: [],
        },
        {id: 'resolved-restart', kind: 'resolution', text: 'Resolved: a restart cleared it. Ask the customer to call back if it returns.', options: []},
        {id: 'escalate-wide', kind: 'resolution', text: 'Escalate: several users are affected; note who and since when.', options: []},
        {id: 'escalate-steps', kind: 'resolution', text: 'Escalate: a restart did not help; hand over the exact error and the steps above.', options: []},
      ],
    },
  };
}

/**
 * Drafts a flow proposal. The model's tree must pass the same checks as a
 * hand-authored flow; a draft that does not is never stored as an AI
 * proposal: the deterministic draft is used instead.
 */
export async function draftFlow(problem: string, ai: AiConfig | undefined, log: (line: string) => void): Promise<FlowDraft> {
  if (ai) {
    try {
      const a = await completeJson(
        ai,
        {purpose: 'flow draft', system: SYSTEM, user: `Problem statement:\n${redact(problem)}`, schema: answer, timeoutMs: 20_000, maxTokens: 4000},
        log,
      );
      const problems = flowProblems(a.definition);
      if (problems.length === 0) return {title: a.title, definition: a.definition, writer: 'ai'};
      log(`ai flow draft rejected: ${problems[0].message}`);
    } catch {
      // logged by completeJson
    }
  }
  return localFlowDraft(problem);
}
