import fc from 'fast-check';
import { z } from 'zod';
import { hostileValue, hugeString, jsonType, oddString, PROTOTYPE_KEYS, UNICODE_ODDITIES } from './fuzz-values';

/**
 * Payloads derived from a zod schema through its JSON Schema (zod 4's z.toJSONSchema, input side):
 * a valid sample, and malformed variants of it that the schema itself refuses. A new field or a new
 * request in the protocol is fuzzed without anyone writing a generator for it.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
};

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

const SAMPLE_UUID = '018f2c3a-0000-7000-8000-000000000001';

function primaryType(node: JsonSchema): string | undefined {
  if (Array.isArray(node.type)) return node.type.find((t) => t !== 'null') ?? 'null';
  return node.type;
}

function sampleOf(node: JsonSchema, withOptional: boolean): unknown {
  if (node.const !== undefined) return node.const;
  if (node.enum) return node.enum[0];
  const options = node.anyOf ?? node.oneOf;
  if (options?.length) return sampleOf(options.find((o) => o.type !== 'null') ?? options[0]!, withOptional);
  if (node.allOf?.length) return sampleOf(node.allOf[0]!, withOptional);
  switch (primaryType(node)) {
    case 'string': {
      if (node.format === 'uuid') return SAMPLE_UUID;
      if (node.format === 'email') return 'fuzz@example.test';
      if (node.format === 'date-time') return new Date(0).toISOString();
      if (node.format === 'date') return '1970-01-01';
      return 'x'.repeat(Math.min(Math.max(node.minLength ?? 1, 1), node.maxLength ?? 1));
    }
    case 'integer':
    case 'number': {
      const low = node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + 1 : node.minimum;
      if (low !== undefined) return low;
      return node.maximum !== undefined && node.maximum < 0 ? node.maximum : 0;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: node.minItems ?? 0 }, () => sampleOf(node.items ?? {}, withOptional));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (withOptional || node.required?.includes(key)) out[key] = sampleOf(child, withOptional);
      }
      return out;
    }
    default:
      return 'x';
  }
}

/**
 * A payload the schema accepts, as small as it can be; undefined when none of the plain candidates
 * passes its refinements. `candidates` lets a caller try its own (real ids) first.
 */
export function validSample(schema: z.ZodType, candidates: unknown[] = []): unknown {
  const js = jsonSchemaOf(schema);
  const tries = [...candidates, sampleOf(js, false), sampleOf(js, true)];
  const optional = Object.keys(js.properties ?? {}).filter((k) => !js.required?.includes(k));
  const full = sampleOf(js, true) as Record<string, unknown>;
  const minimal = sampleOf(js, false);
  for (const key of optional) if (minimal && typeof minimal === 'object') tries.push({ ...minimal, [key]: full[key] });
  return tries.find((t) => schema.safeParse(t).success);
}

type Slot = { path: (string | number)[]; node: JsonSchema; value: unknown };

/** Every place in `value` (walked along its schema) a mutation may hit. */
function slotsOf(node: JsonSchema, value: unknown, path: (string | number)[] = []): Slot[] {
  const slots: Slot[] = [{ path, node, value }];
  const options = node.anyOf ?? node.oneOf;
  const shape = options?.find((o) => primaryType(o) === jsonType(value)) ?? node;
  if (Array.isArray(value) && shape.items) value.forEach((item, i) => slots.push(...slotsOf(shape.items!, item, [...path, i])));
  else if (value && typeof value === 'object' && shape.properties) {
    for (const [key, child] of Object.entries(shape.properties)) {
      if (key in (value as object)) slots.push(...slotsOf(child, (value as Record<string, unknown>)[key], [...path, key]));
    }
  }
  return slots;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** A copy of `root` with the value at `path` replaced (or removed when `remove`). */
function setAt(root: unknown, path: (string | number)[], replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const copy = clone(root) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete at[last];
  else Object.defineProperty(at, last, { value: replacement, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A value of another JSON type than the slot asks for. */
function wrongType(slot: Slot): fc.Arbitrary<unknown> {
  const wanted = primaryType(slot.node) ?? jsonType(slot.value);
  return hostileValue.filter((v) => jsonType(v) !== wanted && !(wanted === 'number' && jsonType(v) === 'integer'));
}

/** Values of the right type that break the slot's limits: length, range, enum, item count. */
function outOfBounds(slot: Slot): fc.Arbitrary<unknown> {
  const { node } = slot;
  const choices: fc.Arbitrary<unknown>[] = [];
  const type = primaryType(node);
  if (node.enum) {
    const first = String(node.enum[0]);
    choices.push(fc.constantFrom(first.toUpperCase(), `${first} `, `${first}\u200B`, `${first}\u0000`, '', 'x'.repeat(300)));
  } else if (type === 'string') {
    if (node.maxLength !== undefined) choices.push(fc.constant('y'.repeat(node.maxLength + 1)));
    if ((node.minLength ?? 0) > 0) choices.push(fc.constant(''));
    if (node.format) choices.push(oddString, fc.constantFrom(...UNICODE_ODDITIES));
    choices.push(hugeString);
  } else if (type === 'integer' || type === 'number') {
    const low = node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum : undefined);
    if (low !== undefined) choices.push(fc.constant(node.exclusiveMinimum !== undefined ? node.exclusiveMinimum : low - 1));
    if (node.maximum !== undefined) choices.push(fc.constant(node.maximum + 1), fc.constant(1e308));
    if (type === 'integer') choices.push(fc.constantFrom(0.5, 1.000001, 2 ** 53 + 2));
  } else if (type === 'array') {
    if (node.maxItems !== undefined && node.maxItems <= 600) {
      choices.push(fc.constant(Array.from({ length: node.maxItems + 1 }, () => sampleOf(node.items ?? {}, false))));
    }
    if ((node.minItems ?? 0) > 0) choices.push(fc.constant([]));
    choices.push(fc.array(hostileValue, { minLength: 1, maxLength: 3 }));
  }
  return choices.length ? fc.oneof(...choices) : wrongType(slot);
}

/**
 * Malformed variants of the schema's valid sample: a field of the wrong type, a required field
 * missing, an extra or prototype-named key, a string or number past its limits, an enum near miss,
 * or the whole payload replaced (an array instead of an object, deep nesting, nothing at all), and
 * on top, now and then, odd unicode in another string. Only payloads the schema refuses come out.
 */
export function malformedPayloads(schema: z.ZodType, sample: unknown): fc.Arbitrary<unknown> {
  const js = jsonSchemaOf(schema);
  const slots = slotsOf(js, sample);
  const objectSlots = slots.filter((s) => s.value && typeof s.value === 'object' && !Array.isArray(s.value));
  const requiredSlots = objectSlots.flatMap((s) => (s.node.required ?? []).map((key) => ({ ...s, key })));
  const stringSlots = slots.filter((s) => typeof s.value === 'string');

  const mutations: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...slots).chain((slot) => wrongType(slot).map((v) => setAt(sample, slot.path, v))),
    fc.constantFrom(...slots).chain((slot) => outOfBounds(slot).map((v) => setAt(sample, slot.path, v))),
    fc.oneof(
      fc.constantFrom<unknown>(undefined, null, 'payload', 42, true, []),
      fc.constant([sample]),
      hostileValue,
    ),
  ];
  if (requiredSlots.length) {
    mutations.push(fc.constantFrom(...requiredSlots).map((s) => setAt(sample, [...s.path, s.key], undefined, true)));
  }
  if (objectSlots.length) {
    mutations.push(
      fc.tuple(fc.constantFrom(...objectSlots), fc.oneof(fc.constantFrom<string>(...PROTOTYPE_KEYS), fc.string({ minLength: 1, maxLength: 12 })), hostileValue)
        .map(([slot, key, v]) => setAt(sample, [...slot.path, key], v)),
    );
  }
  const mutated = fc.oneof(...mutations);
  // Odd unicode in a string that is otherwise fine, beside the mutation that makes the payload wrong.
  const spiced = stringSlots.length
    ? fc.tuple(mutated, fc.constantFrom(...stringSlots), fc.constantFrom(...UNICODE_ODDITIES.filter((u) => !u.includes('\u0000')))).map(
        ([payload, slot, odd]) => {
          try {
            return setAt(payload, slot.path, `${String(slot.value)}${odd}`);
          } catch {
            return payload;
          }
        },
      )
    : mutated;
  return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: spiced }).filter((p) => !schema.safeParse(p).success);
}

/** A valid payload with a NUL byte put into one of its strings (refused at the boundary, never stored). */
export function nulBytePayloads(sample: unknown, schema: z.ZodType): fc.Arbitrary<unknown> | undefined {
  const stringSlots = slotsOf(jsonSchemaOf(schema), sample).filter((s) => typeof s.value === 'string' && !s.node.enum && !s.node.format);
  if (!stringSlots.length) return undefined;
  return fc.tuple(fc.constantFrom(...stringSlots), fc.constantFrom('\u0000', 'a\u0000', '\u0000b')).map(([slot, nul]) => {
    const value = String(slot.value);
    return setAt(sample, slot.path, (value.slice(0, Math.max(0, value.length - nul.length)) + nul) || nul);
  });
}
