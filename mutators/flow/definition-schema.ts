import * as v from 'valibot';

const slug = v.pipe(v.string(), v.trim(), v.minLength(1, 'ids must not be empty'), v.maxLength(80));

/** The shape of a flow definition (its walkability is checked by flowProblems). */
export const flowDefinitionSchema = v.object({
  start: slug,
  nodes: v.pipe(
    v.array(
      v.object({
        id: slug,
        kind: v.picklist(['question', 'instruction', 'resolution']),
        text: v.pipe(v.string(), v.maxLength(2000)),
        options: v.pipe(v.array(v.object({id: slug, label: v.pipe(v.string(), v.maxLength(300)), next: slug})), v.maxLength(12, 'a node has at most 12 options')),
      }),
    ),
    v.minLength(1, 'a flow needs at least one node'),
    v.maxLength(300, 'a flow has at most 300 nodes'),
  ),
});
