import { describe, expect, it } from 'vitest';
import { findNulByte, nulByteError } from './nul-byte';

describe('finding a NUL byte in a payload', () => {
  it('says where it is, however deep', () => {
    expect(findNulByte({ items: [{ title: 'ok' }, { title: 'a\u0000b' }] })).toEqual(['items', 1, 'title']);
    expect(findNulByte('\u0000')).toEqual([]);
    expect(findNulByte({ ['k\u0000']: 1 })).toEqual(['k\u0000']);
  });

  it('finds none in clean text, numbers, buffers or cycles', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    expect(findNulByte({ a: 'text', n: 1, b: null, list: [true] })).toBeNull();
    expect(findNulByte(Buffer.from([0, 1, 2]))).toBeNull();
    expect(findNulByte(cyclic)).toBeNull();
  });

  it('is refused as invalid_input naming the field', () => {
    expect(nulByteError({ body: 'hi\u0000' })?.toJSON()).toMatchObject({ code: 'invalid_input', details: { field: 'body' } });
    expect(nulByteError({ body: 'hi' })).toBeNull();
  });
});
