import { XMLParser } from 'fast-xml-parser';
import { attachment, inboundBody } from '../framework/describe';
import { inboundTextForm } from '../../../shared/text/inbound-text';
import type { InboundMessage } from '../framework/inbound';

/** A WeChat Official Account callback (plaintext mode), field names as the platform sends them. */
export type WechatXml = Record<string, string>;

const parser = new XMLParser({
  ignoreAttributes: true,
  // Every value stays a string: MsgId has 19 digits and must not become a rounded number.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

export type ParseOutcome =
  | { ok: true; kind: 'message'; message: InboundMessage }
  | { ok: true; kind: 'unsubscribe'; openId: string; externalId: string; body: string }
  | { ok: true; kind: 'ignored'; reason: string }
  | { ok: false; reason: string };

/** Reads the `<xml>` envelope; null when the body is not one (or declares entities, which we never expand). */
export function readWechatXml(body: string): WechatXml | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) return null;
  let parsed: unknown;
  try {
    parsed = parser.parse(body, true);
  } catch {
    return null;
  }
  const xml = (parsed as { xml?: unknown } | null)?.xml;
  if (!xml || typeof xml !== 'object') return null;
  const out: WechatXml = {};
  for (const [key, value] of Object.entries(xml as Record<string, unknown>)) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = String(value);
  }
  return out;
}

const number = (value: string | undefined) => (value !== undefined && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null);

/**
 * One callback normalised to our message model: text, image, voice (with WeChat's speech
 * recognition as its caption when enabled), video, location, link, and the subscribe and
 * unsubscribe events. Messages are deduplicated by MsgId; events by sender and CreateTime, as the
 * platform recommends. Other events (menu clicks, scans) are acknowledged and left alone.
 */
export function parseWechatMessage(body: string): ParseOutcome {
  const xml = readWechatXml(body);
  if (!xml) return { ok: false, reason: 'the body is not a WeChat XML message' };
  const from = xml.FromUserName;
  const type = xml.MsgType;
  const createTime = xml.CreateTime;
  if (!from || !type || !createTime || !/^\d+$/.test(createTime)) return { ok: false, reason: 'FromUserName, MsgType and CreateTime are required' };
  const sender = { externalId: from, name: null };
  const sentAt = Number(createTime) * 1000;
  const message = (externalId: string, text: string | null, a: InboundMessage['attachment'] = null): ParseOutcome => {
    const content = a ? inboundBody(null, a) : inboundTextForm(text ?? '');
    return { ok: true, kind: 'message', message: { externalId, sender, sentAt, body: content || `[${type} message]`, attachment: a } };
  };

  if (type === 'event') {
    const event = (xml.Event ?? '').toLowerCase();
    const externalId = `${from}:${createTime}:${event}`;
    if (event === 'subscribe') return message(externalId, '[Followed the Official Account]');
    if (event === 'unsubscribe') return { ok: true, kind: 'unsubscribe', openId: from, externalId, body: '[Unfollowed the Official Account]' };
    return { ok: true, kind: 'ignored', reason: `event ${event || '(none)'}` };
  }
  const msgId = xml.MsgId;
  if (!msgId) return { ok: false, reason: 'MsgId is required' };
  switch (type) {
    case 'text':
      return message(msgId, xml.Content ?? '');
    case 'image':
      return message(msgId, null, attachment({ kind: 'image', url: xml.PicUrl ?? null, mediaId: xml.MediaId ?? null }));
    case 'voice':
      return message(msgId, null, attachment({
        kind: 'voice', mediaId: xml.MediaId ?? null, mimeType: xml.Format ? `audio/${xml.Format.toLowerCase()}` : null, caption: xml.Recognition || null,
      }));
    case 'video':
    case 'shortvideo':
      return message(msgId, null, attachment({ kind: 'video', mediaId: xml.MediaId ?? null }));
    case 'location':
      return message(msgId, null, attachment({
        kind: 'location', latitude: number(xml.Location_X), longitude: number(xml.Location_Y), label: xml.Label || null,
      }));
    case 'link':
      return message(msgId, [xml.Title, xml.Description, xml.Url].filter(Boolean).join('\n'));
    default:
      return message(msgId, null);
  }
}
