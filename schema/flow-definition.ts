/** Shape of a troubleshooting flow's `definition` JSON (flows and flow proposals). */

export type FlowNodeKind = 'question' | 'instruction' | 'resolution';

/** One answer / outcome on a node; `next` is the id of the node it leads to. */
export type FlowOption = {id: string; label: string; next: string};

/** A step in the tree. Resolution nodes are leaves and carry no options. */
export type FlowNode = {id: string; kind: FlowNodeKind; text: string; options: FlowOption[]};

/** A whole tree: `start` is the id of the first node to show. */
export type FlowDefinition = {start: string; nodes: FlowNode[]};

/** A seedable flow with a fixed id. */
export type DemoFlow = {id: string; title: string; description: string; definition: FlowDefinition};
