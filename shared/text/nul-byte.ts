import { AppError } from '../errors';

/**
 * The path of the first string holding a NUL byte in a parsed payload (`["body"]`,
 * `["items", 3, "title"]`; `[]` for the value itself), or null when there is none. PostgreSQL
 * cannot store NUL in text, and no person types one: a boundary refuses such input up front.
 */
export function findNulByte(value: unknown, path: (string | number)[] = [], seen = new Set<object>()): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (typeof value !== 'object' || value === null || seen.has(value)) return null;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulByte(value[i], [...path, i], seen);
      if (found) return found;
    }
    return null;
  }
  // Buffers (raw webhook bodies) are bytes, not text: their parsed form is checked where it is parsed.
  if (ArrayBuffer.isView(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = findNulByte(item, [...path, key], seen);
    if (found) return found;
  }
  return null;
}

/** The `invalid_input` refusal (details.field: the dotted path) for a payload holding a NUL byte; null when it holds none. */
export function nulByteError(value: unknown): AppError | null {
  const path = findNulByte(value);
  if (!path) return null;
  const field = path.length ? path.join('.') : 'payload';
  return new AppError('invalid_input', `${field}: text must not contain NUL characters`, { field });
}

/** Throws the `invalid_input` refusal when a payload holds a NUL byte anywhere. */
export function refuseNulBytes(value: unknown): void {
  const error = nulByteError(value);
  if (error) throw error;
}
