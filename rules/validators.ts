import * as v from 'valibot';

// Building blocks for the mutator argument validators (valibot, Standard Schema).

export const id = v.pipe(v.string(), v.uuid('must be a UUID'));

export const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`));

export const requiredText = (max: number) => v.pipe(v.string(), v.trim(), v.nonEmpty('must not be blank'), v.maxLength(max, `must be at most ${max} characters`));

export const optionalText = (max: number) => v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(max, `must be at most ${max} characters`))));

/**
 * The arguments of a mutator that takes none: an empty object. valibot's
 * `object` also takes an array (it is an object to `typeof`), and an object
 * whose keys are all optional matches `[]`; this one refuses it.
 */
export const noArgs = v.pipe(
  v.custom<Record<string, never>>(input => typeof input === 'object' && input !== null && !Array.isArray(input), 'must be an object'),
  v.object({}),
);
