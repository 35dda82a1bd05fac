import fc from 'fast-check';

/**
 * Hostile values for fuzzing the server's inputs: what a script or a broken client sends instead of
 * what the protocol asks for. Every arbitrary here is plain JSON (what reaches the server over HTTP
 * and socket.io), so a case is reproduced by pasting its JSON.
 */

/** Keys that pollute prototypes when a server copies them into an object without care. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Characters that look harmless and are not: bidi overrides, zero-width, lone surrogates, combining marks, BOM. */
export const UNICODE_ODDITIES = [
  '\u202Egnp.exe',
  'ab\u200B\u200C\u200Dcd',
  '\uD800',
  '\uDFFF\uD800',
  'e\u0301\u0301\u0301\u0301',
  '\uFEFFtext',
  'Ｆｕｌｌｗｉｄｔｈ',
  '𝓯𝓪𝓷𝓬𝔂 😀👨‍👩‍👧',
  '\u0000',
  'a\u0000b',
  '\r\n\t\u000B\u000C',
  '%00%ff%uD800',
  "'; DROP TABLE users; --",
  '../../../../etc/passwd',
  '{{constructor.constructor("return process")()}}',
] as const;

/** A string far past any field's limit, bounded so a socket frame stays under the server's 256 KB cap. */
export const hugeString = fc.constantFrom(10_000, 50_000).chain((n) => fc.constantFrom('a', '字', '😀').map((c) => c.repeat(n)));

export const oddString = fc.oneof(
  fc.constantFrom(...UNICODE_ODDITIES),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constant(''),
);

/** Nesting far deeper than any payload of ours (and as deep as socket.io's client still sends). */
export const deepNesting = fc.tuple(fc.constantFrom(200, 1000), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

/** An object whose own keys are the prototype's names, as JSON.parse makes them. */
export const pollutingObject = fc.constantFrom(...PROTOTYPE_KEYS).map((key) =>
  JSON.parse(`{"${key}": {"polluted": true, "isAdmin": true, "role": "admin"}}`) as Record<string, unknown>,
);

export const oddNumber = fc.constantFrom(-1, -0.5, 0.5, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 31, -(2 ** 31) - 1, 1e-300);

/** Any hostile JSON value: the pool a field's wrong-typed replacement is drawn from. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddString },
  { weight: 2, arbitrary: oddNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], ['x'], { '': '' }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: pollutingObject },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** The JSON type of a value, as a JSON Schema names it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
