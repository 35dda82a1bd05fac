import { describe, expect, it } from 'vitest';
import { uploadNameSchema } from './attachments';
import { checkOutboundFile } from './outbound-files';

const MB = 1024 * 1024;

describe('what each channel takes when an agent sends a file', () => {
  it('sends a picture the channel shows as one as an image, anything else it takes as a document', () => {
    expect(checkOutboundFile('whatsapp', 'image/png', 1000)).toEqual({ ok: true, kind: 'image' });
    expect(checkOutboundFile('whatsapp', 'application/pdf', 1000)).toEqual({ ok: true, kind: 'document' });
    expect(checkOutboundFile('telegram', 'image/gif', 1000)).toEqual({ ok: true, kind: 'document' });
    expect(checkOutboundFile('widget', 'application/zip', 1000)).toEqual({ ok: true, kind: 'document' });
  });

  it('refuses what the platform documents it will not take: too large, or of a type it has no message for', () => {
    expect(checkOutboundFile('whatsapp', 'image/jpeg', 5 * MB + 1)).toEqual({ ok: false, code: 'attachment_too_large', maxBytes: 5 * MB });
    expect(checkOutboundFile('whatsapp', 'application/zip', 10)).toEqual({ ok: false, code: 'attachment_type_refused' });
    expect(checkOutboundFile('telegram', 'application/pdf', 50 * MB + 1)).toMatchObject({ code: 'attachment_too_large' });
    expect(checkOutboundFile('wechat', 'application/pdf', 10)).toEqual({ ok: false, code: 'attachment_type_refused' });
    expect(checkOutboundFile('api', 'image/png', 10)).toEqual({ ok: false, code: 'attachment_type_refused' });
  });

  it('keeps only the name of an uploaded file, never its folders or control characters', () => {
    expect(uploadNameSchema.parse('C:\\Users\\mia\\receipt.pdf')).toBe('receipt.pdf');
    expect(uploadNameSchema.parse('../../etc/passwd')).toBe('passwd');
    expect(uploadNameSchema.parse('bad\u0000name\n.png')).toBe('badname.png');
    expect(uploadNameSchema.safeParse('folder/').success).toBe(false);
  });
});
