import { describe, expect, it } from 'vitest';
import { bytesAsJson, fileBytesSchema } from './attachments';

describe('a file\'s bytes across the contract', () => {
  it('a Uint8Array stays as it is, and its JSON form is read back into the same bytes', () => {
    const bytes = new Uint8Array([0, 1, 254, 255]);
    expect(fileBytesSchema.parse(bytes)).toBe(bytes);
    const overJson: unknown = JSON.parse(JSON.stringify({ bytes }, bytesAsJson));
    expect([...fileBytesSchema.parse((overJson as { bytes: unknown }).bytes)]).toEqual([0, 1, 254, 255]);
    const large = Uint8Array.from({ length: 100_000 }, (_, i) => i % 251);
    const back = fileBytesSchema.parse((JSON.parse(JSON.stringify({ large }, bytesAsJson)) as { large: unknown }).large);
    expect(Buffer.from(back).equals(Buffer.from(large))).toBe(true);
  });

  it('an empty file or something that is not bytes is refused', () => {
    expect(fileBytesSchema.safeParse(new Uint8Array(0)).success).toBe(false);
    expect(fileBytesSchema.safeParse('abc').success).toBe(false);
  });
});
