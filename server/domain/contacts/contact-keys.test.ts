import { describe, expect, it } from 'vitest';
import { displayPhone, emailKey, phoneKey } from './contact-keys';

describe('matching phones and emails across channels', () => {
  it('reads one number however it is written', () => {
    const forms = ['+1 (650) 555-0199', '16505550199', '+1 650 555 0199', '001 650 555 0199', '＋１ ６５０ ５５５ ０１９９'];
    expect(new Set(forms.map(phoneKey))).toEqual(new Set(['16505550199']));
    expect(displayPhone('16505550199')).toBe('+16505550199');
  });

  it('refuses what cannot identify a person', () => {
    expect(phoneKey('12345')).toBeNull();
    expect(phoneKey('')).toBeNull();
    expect(phoneKey(undefined)).toBeNull();
    expect(phoneKey('call me')).toBeNull();
  });

  it('compares emails without case or surrounding space', () => {
    expect(emailKey('  Lena.Park@Example.COM ')).toBe('lena.park@example.com');
    expect(emailKey('not an address')).toBeNull();
    expect(emailKey('a@b')).toBeNull();
  });
});
