/**
 * Hostile mutator arguments, generated from each mutator's own valibot
 * schema with a seeded PRNG (so a failure names a seed that replays it).
 *
 * `sampleValid` builds a value of the right shape; `hostileCase` then plants
 * exactly one defect that the schema must refuse (wrong type, missing field,
 * unknown enum value, over-long or malformed string, not an object at all),
 * optionally decorated with noise that is not itself invalid (unknown keys,
 * `__proto__`, NUL bytes and odd unicode in other strings).
 */

export type ArgSchema = Schema;
type Schema = {
  type: string;
  entries?: Record<string, Schema>;
  wrapped?: Schema;
  item?: Schema;
  options?: readonly unknown[];
  literal?: unknown;
  items?: Schema[];
  pipe?: {kind: string; type: string; requirement?: unknown}[];
};

export type Rng = {
  next: () => number;
  int: (maxExclusive: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
};

/** mulberry32: tiny, fast, good enough to spread test inputs; same seed, same sequence. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {next, int, pick: items => items[int(items.length)], chance: p => next() < p};
}

export function uuidFrom(rng: Rng): string {
  const hex = () => rng.int(16).toString(16);
  const part = (n: number) => Array.from({length: n}, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-${rng.pick(['8', '9', 'a', 'b'])}${part(3)}-${part(12)}`;
}

const check = (schema: Schema, type: string) => schema.pipe?.find(p => p.type === type);
const maxLengthOf = (schema: Schema) => check(schema, 'max_length')?.requirement as number | undefined;
const minLengthOf = (schema: Schema) => (check(schema, 'min_length')?.requirement as number | undefined) ?? 0;
const isOptional = (schema: Schema) => schema.type === 'optional' || schema.type === 'nullish';
const acceptsNull = (schema: Schema): boolean => schema.type === 'nullable' || schema.type === 'nullish' || (isOptional(schema) && acceptsNull(schema.wrapped!));
/** The schema under optional/nullable wrappers. */
export const unwrap = (schema: Schema): Schema => (schema.wrapped ? unwrap(schema.wrapped) : schema);

const WORDS = ['printer', 'outlook', 'vpn', 'reboot', 'cable', 'driver', 'user', 'token'];

function sampleString(schema: Schema, rng: Rng): string {
  if (check(schema, 'uuid')) return uuidFrom(rng);
  if (check(schema, 'email')) return `fuzz${rng.int(1e6)}@example.test`;
  const regex = check(schema, 'regex')?.requirement as RegExp | undefined;
  if (regex) {
    const hex64 = Array.from({length: 64}, () => rng.int(16).toString(16)).join('');
    return [hex64, 'start', 'abc', 'x'].find(c => regex.test(c)) ?? 'x';
  }
  const max = maxLengthOf(schema) ?? 40;
  const min = Math.max(1, minLengthOf(schema));
  let s = '';
  while (s.length < min || (s.length < 12 && rng.chance(0.6))) s += (s ? ' ' : '') + rng.pick(WORDS);
  return s.slice(0, Math.max(min, Math.min(max, s.length)));
}

/** A value the schema should accept (before any mutator-level rules). */
export function sampleValid(schema: Schema, rng: Rng): unknown {
  switch (schema.type) {
    case 'optional':
    case 'nullish':
      return rng.chance(0.3) ? undefined : sampleValid(schema.wrapped!, rng);
    case 'nullable':
      return rng.chance(0.2) ? null : sampleValid(schema.wrapped!, rng);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(schema.entries!)) {
        const value = sampleValid(entry, rng);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'array': {
      const n = Math.max(minLengthOf(schema), rng.int(3));
      return Array.from({length: n}, () => sampleValid(schema.item!, rng));
    }
    case 'tuple':
      return schema.items!.map(i => sampleValid(i, rng));
    case 'string':
      return sampleString(schema, rng);
    case 'number':
      return rng.int(100);
    case 'boolean':
      return rng.chance(0.5);
    case 'picklist':
      return rng.pick(schema.options!);
    case 'literal':
      return schema.literal;
    default:
      return null;
  }
}

/** Top-level argument names that hold a UUID (ids of rows). */
export function uuidFields(schema: Schema): string[] {
  return Object.entries(unwrap(schema).entries ?? {})
    .filter(([, entry]) => check(unwrap(entry), 'uuid'))
    .map(([key]) => key);
}

/** Whether the schema itself accepts `value` (the generator's own sanity check). */
export function accepts(schema: Schema, value: unknown): boolean {
  const standard = (schema as unknown as {'~standard': {validate: (v: unknown) => {issues?: unknown}}})['~standard'];
  return !standard.validate(value).issues;
}

type Slot = {path: (string | number)[]; schema: Schema};

/** Every place in `value` a defect can go, with the schema that governs it. */
function slotsOf(schema: Schema, value: unknown, path: (string | number)[] = []): Slot[] {
  const slots: Slot[] = [{path, schema}];
  const inner = unwrap(schema);
  if (inner.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, entry] of Object.entries(inner.entries!)) {
      slots.push(...slotsOf(entry, (value as Record<string, unknown>)[key], [...path, key]));
    }
  } else if (inner.type === 'array' && Array.isArray(value)) {
    value.forEach((item, i) => slots.push(...slotsOf(inner.item!, item, [...path, i])));
  }
  return slots;
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

const ODD_STRINGS = [
  "'; drop table walk; --",
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '\u0000',
  'x\u0000y',
  '\ud800',
  '🙂'.repeat(50),
  'ＤＲＯＰ',
  ' ',
  '',
];

function wrongTypeFor(schema: Schema, rng: Rng): unknown {
  const inner = unwrap(schema);
  const candidates: unknown[] = [42, -1.5, true, 'text', [], [1, 2], {}, {nested: {deeper: true}}];
  if (!acceptsNull(schema)) candidates.push(null);
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const accepted =
    inner.type === 'picklist' || inner.type === 'literal'
      ? new Set((inner.options ?? [inner.literal]).map(kind))
      : new Set([inner.type === 'object' ? 'object' : inner.type === 'tuple' ? 'array' : inner.type]);
  return rng.pick(candidates.filter(c => !accepted.has(kind(c))));
}

export type HostileCase = {
  /** What was planted (for the failure message). */
  defect: string;
  /** The mutation's args array (usually one element). */
  argsList: unknown[];
};

/**
 * One hostile call for a mutator whose validator is `schema`: a well-shaped
 * value with exactly one defect the validator must refuse (so every case
 * must answer `invalid_input`), plus harmless noise.
 */
export function hostileCase(schema: Schema, rng: Rng, {maxHugeBytes = 1_000_000} = {}): HostileCase {
  let value = sampleValid(schema, rng);
  const slots = slotsOf(schema, value);
  const leafSlots = slots.filter(s => s.path.length > 0);
  const kinds = [
    'not-an-object',
    'missing-field',
    'missing-field',
    'wrong-type',
    'wrong-type',
    'wrong-type',
    'unknown-enum',
    'unknown-enum',
    'too-long',
    'too-long',
    'malformed-string',
    'malformed-string',
  ];
  if (rng.chance(0.05)) return {defect: 'no args at all', argsList: []};
  let defect = '';
  for (let tries = 0; !defect && tries < 20; tries++) {
    const kind = rng.pick(kinds);
    if (kind === 'not-an-object') {
      value = rng.pick([null, 0, 'args', true, [], [value]]);
      defect = `args = ${JSON.stringify(value)?.slice(0, 60)}`;
    } else if (kind === 'missing-field') {
      const required = leafSlots.filter(s => !isOptional(s.schema) && typeof s.path[s.path.length - 1] === 'string');
      if (!required.length) continue;
      const slot = rng.pick(required);
      value = setAt(value, slot.path, undefined, true);
      defect = `missing ${slot.path.join('.')}`;
    } else if (kind === 'wrong-type') {
      const slot = rng.pick(leafSlots.length ? leafSlots : slots);
      const bad = wrongTypeFor(slot.schema, rng);
      value = setAt(value, slot.path, bad);
      defect = `${slot.path.join('.') || 'args'} = ${JSON.stringify(bad)}`;
    } else if (kind === 'unknown-enum') {
      const enums = leafSlots.filter(s => unwrap(s.schema).type === 'picklist');
      if (!enums.length) continue;
      const slot = rng.pick(enums);
      const options = unwrap(slot.schema).options as string[];
      const bad = rng.pick(['superuser', 'ADMIN', '', `${options[0]} `, options[0].toUpperCase(), `${options[0]}\u0000`, 'null']);
      if (options.includes(bad)) continue;
      value = setAt(value, slot.path, bad);
      defect = `${slot.path.join('.')} = ${JSON.stringify(bad)} (not one of ${options.join('|')})`;
    } else if (kind === 'too-long') {
      const capped = leafSlots.filter(s => unwrap(s.schema).type === 'string' && maxLengthOf(unwrap(s.schema)) !== undefined);
      if (!capped.length) continue;
      const slot = rng.pick(capped);
      const max = maxLengthOf(unwrap(slot.schema))!;
      const length = Math.min(maxHugeBytes, max + 1 + rng.int(max * 4 + 1));
      value = setAt(value, slot.path, rng.pick(['x', 'é', '7']).repeat(Math.max(length, max + 1)));
      defect = `${slot.path.join('.')}: ${Math.max(length, max + 1)} chars (max ${max})`;
    } else if (kind === 'malformed-string') {
      const formatted = leafSlots.filter(s => {
        const inner = unwrap(s.schema);
        return inner.type === 'string' && (check(inner, 'uuid') || check(inner, 'email') || check(inner, 'regex'));
      });
      if (!formatted.length) continue;
      const slot = rng.pick(formatted);
      const good = sampleValid(unwrap(slot.schema), rng) as string;
      const variants = check(unwrap(slot.schema), 'email')
        ? ['not-an-email', 'a@', '@example.test', 'two words@example.test', `${good}@again`]
        : [`${good}x`, good.slice(1), `${good}' or '1'='1`, good.replace(/-/g, '')];
      const bad = rng.pick([...ODD_STRINGS.filter(s => s.trim()), ...variants]);
      value = setAt(value, slot.path, bad);
      defect = `${slot.path.join('.')} = ${JSON.stringify(bad).slice(0, 60)}`;
    }
  }
  if (!defect) {
    value = null;
    defect = 'args = null';
  }
  // Harmless noise on top: it must not change the verdict.
  if (value && typeof value === 'object' && !Array.isArray(value) && rng.chance(0.4)) {
    const noise = rng.pick<Record<string, unknown>>([
      {isAdmin: true, account_id: uuidFrom(rng)},
      {constructor: {prototype: {polluted: true}}},
      {extra: ODD_STRINGS},
      // A literal "__proto__" key, as JSON.parse on the server will see it.
      JSON.parse('{"__proto__": {"role": "owner", "polluted": true}}'),
    ]);
    const merged = {...(value as Record<string, unknown>)};
    for (const key of Object.keys(noise)) Object.defineProperty(merged, key, {value: noise[key], enumerable: true, writable: true, configurable: true});
    value = merged;
    defect += ' + noise';
  }
  const argsList = [value];
  if (rng.chance(0.1)) argsList.push({second: 'argument'});
  return {defect, argsList};
}
