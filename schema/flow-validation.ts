import type {FlowDefinition} from './flow-definition.ts';

export type FlowProblem = {nodeId: string | null; message: string};

/**
 * What keeps a tree from being walkable (docs/flows.md): a missing start, duplicate
 * ids, dangling options, unreachable nodes, leaves that are not resolutions,
 * resolutions with options, no resolution at all. Each problem names its
 * node. An empty list means the flow may be published.
 */
export function flowProblems(definition: FlowDefinition): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const byId = new Map<string, FlowDefinition['nodes'][number]>();
  for (const node of definition.nodes) {
    if (byId.has(node.id)) problems.push({nodeId: node.id, message: `Two nodes share the id "${node.id}".`});
    byId.set(node.id, node);
  }
  if (!byId.has(definition.start)) {
    problems.push({nodeId: null, message: `The start node "${definition.start}" does not exist.`});
  }
  for (const node of definition.nodes) {
    if (!node.text.trim()) problems.push({nodeId: node.id, message: `Node "${node.id}" has no text.`});
    if (node.kind === 'resolution' && node.options.length > 0) {
      problems.push({nodeId: node.id, message: `Resolution node "${node.id}" must not have answer options.`});
    }
    if (node.kind !== 'resolution' && node.options.length === 0) {
      problems.push({nodeId: node.id, message: `Node "${node.id}" has no answer options; make it a resolution or add options.`});
    }
    const optionIds = new Set<string>();
    for (const option of node.options) {
      if (optionIds.has(option.id)) problems.push({nodeId: node.id, message: `Node "${node.id}" has two options with the id "${option.id}".`});
      optionIds.add(option.id);
      if (!option.label.trim()) problems.push({nodeId: node.id, message: `An option of node "${node.id}" has no label.`});
      if (!byId.has(option.next)) {
        problems.push({nodeId: node.id, message: `Option "${option.label || option.id}" of node "${node.id}" points to "${option.next}", which does not exist.`});
      }
    }
  }
  if (!definition.nodes.some(n => n.kind === 'resolution')) {
    problems.push({nodeId: null, message: 'The flow has no resolution node.'});
  }
  if (byId.has(definition.start)) {
    const seen = new Set<string>([definition.start]);
    const queue = [definition.start];
    while (queue.length) {
      for (const option of byId.get(queue.shift()!)?.options ?? []) {
        if (byId.has(option.next) && !seen.has(option.next)) {
          seen.add(option.next);
          queue.push(option.next);
        }
      }
    }
    for (const node of definition.nodes) {
      if (!seen.has(node.id)) problems.push({nodeId: node.id, message: `Node "${node.id}" cannot be reached from the start.`});
    }
  }
  return problems;
}
