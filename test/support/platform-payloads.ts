/**
 * Webhook payloads and API answers as the platforms document them (Meta's WhatsApp Cloud API
 * webhook and messages references, Telegram's Bot API webhook examples, WeChat Official Account's
 * message reference). Builders only change the ids a test needs to vary.
 */
import { createHash } from 'node:crypto';

// ---- WhatsApp Cloud API ------------------------------------------------------------------------

export const WA_PHONE_NUMBER_ID = '106540352242922';
export const WA_CUSTOMER = '16505551234';

export function waEnvelope(value: Record<string, unknown>, phoneNumberId = WA_PHONE_NUMBER_ID) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

export function waMessage(message: Record<string, unknown>, from = WA_CUSTOMER, name = 'Sheena Nelson') {
  return waEnvelope({
    contacts: [{ profile: { name }, wa_id: from }],
    messages: [{ from, timestamp: '1749416383', ...message }],
  });
}

export const waText = (id: string, body: string, from?: string, name?: string) => waMessage({ id, type: 'text', text: { body } }, from, name);

export const waImage = (id: string) =>
  waMessage({
    id,
    type: 'image',
    image: { caption: 'This is a caption', mime_type: 'image/jpeg', sha256: '8ivw5bVJ4x6dCXmjg7jzOiKDoOXJRFHEoG4AlyU0qPk=', id: '1003383421387256' },
  });

export const waDocument = (id: string) =>
  waMessage({
    id,
    type: 'document',
    document: {
      caption: 'Lucky Shrub Invoice',
      filename: 'lucky-shrub-invoice.pdf',
      mime_type: 'application/pdf',
      sha256: '8ivw5bVJ4x6dCXmjg7jzOiKDoOXJRFHEoG4AlyU0qPk=',
      id: '1003383421387257',
    },
  });

export const waLocation = (id: string) =>
  waMessage({
    id,
    type: 'location',
    location: { address: '1 Hacker Way, Menlo Park, CA 94025', latitude: 37.483307, longitude: -122.148981, name: 'Main Street Beach' },
  });

export const waStatus = (id: string, status: 'sent' | 'delivered' | 'read') =>
  waEnvelope({
    statuses: [
      {
        id,
        status,
        timestamp: '1750263773',
        recipient_id: WA_CUSTOMER,
        pricing: { billable: true, pricing_model: 'PMP', category: 'service', type: 'regular' },
      },
    ],
  });

export const waFailedStatus = (id: string) =>
  waEnvelope({
    statuses: [
      {
        id,
        status: 'failed',
        timestamp: '1750263773',
        recipient_id: WA_CUSTOMER,
        errors: [
          {
            code: 131049,
            title: 'This message was not delivered to maintain healthy ecosystem engagement.',
            message: 'This message was not delivered to maintain healthy ecosystem engagement.',
            error_data: { details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.' },
            href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
          },
        ],
      },
    ],
  });

/** A reaction to an earlier message (an empty emoji takes it back), as the messages webhook reference shows it. */
export const waReaction = (id: string, messageId: string, emoji: string) => waMessage({ id, type: 'reaction', reaction: { message_id: messageId, emoji } });

/** A text that replies to an earlier message (`context`). */
export const waReply = (id: string, body: string, quotedId: string) =>
  waMessage({ id, type: 'text', text: { body }, context: { from: WA_CUSTOMER, id: quotedId } });

/** Shared contact cards. */
export const waContacts = (id: string) =>
  waMessage({
    id,
    type: 'contacts',
    contacts: [
      {
        name: { formatted_name: 'Barbara Johnson', first_name: 'Barbara', last_name: 'Johnson' },
        phones: [{ phone: '+1 (940) 555-1234', type: 'HOME' }, { phone: '+1 (650) 555-1234', type: 'WORK', wa_id: '16505551234' }],
        emails: [{ email: 'bjohnson@example.com', type: 'WORK' }],
      },
    ],
  });

/** The customer pressed a reply button or picked a list row of an interactive message. */
export const waButtonReply = (id: string, replyId: string, title: string) =>
  waMessage({ id, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: replyId, title } } });

/** The customer picked a row of an interactive list message (`context.id`: the list message's wamid). */
export const waListReply = (id: string, rowId: string, title: string, listWamid: string) =>
  waMessage({ id, type: 'interactive', context: { from: '15550783881', id: listWamid }, interactive: { type: 'list_reply', list_reply: { id: rowId, title } } });

/** A user_changed_number system message (system messages carry no contacts array). */
export const waNumberChanged = (id: string, from: string, to: string) =>
  waEnvelope({
    messages: [{
      from, id, timestamp: '1749416400', type: 'system',
      system: { body: `User Sheena Nelson changed from ${from} to ${to}`, wa_id: to, type: 'user_changed_number' },
    }],
  });

/** The Cloud API's answer to POST /{phone-number-id}/messages. */
export const waSent = (wamid: string, to = WA_CUSTOMER) => ({
  messaging_product: 'whatsapp',
  contacts: [{ input: to, wa_id: to }],
  messages: [{ id: wamid }],
});

/** A Graph API error answer. */
export const waError = (code: number, message: string, details: string) => ({
  error: { message, type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details }, fbtrace_id: 'AI5Ob2z72R0JAUB5zOF-nao' },
});

// ---- Telegram Bot API --------------------------------------------------------------------------

export const TG_CHAT = 1111111;

const tgPerson = { last_name: 'Test Lastname', id: TG_CHAT, first_name: 'Test Firstname', username: 'Testusername' };
const tgChat = { ...tgPerson, type: 'private' };

export const tgText = (updateId: number, messageId: number, text: string) => ({
  update_id: updateId,
  message: { date: 1441645532, chat: tgChat, message_id: messageId, from: tgPerson, text },
});

export const tgEdited = (updateId: number, messageId: number, text: string) => ({
  update_id: updateId,
  edited_message: { date: 1441645532, chat: tgChat, message_id: messageId, from: tgPerson, text, edit_date: 1441646600 },
});

export const tgPhoto = (updateId: number, messageId: number) => ({
  update_id: updateId,
  message: {
    date: 1441645532, chat: tgChat, message_id: messageId, from: tgPerson, caption: 'Is this the right size?',
    photo: [
      { file_id: 'AgADBAADsmall', file_unique_id: 'AQADsmall', file_size: 1384, width: 90, height: 67 },
      { file_id: 'AgADBAADlarge', file_unique_id: 'AQADlarge', file_size: 52190, width: 800, height: 600 },
    ],
  },
});

export const tgDocument = (updateId: number, messageId: number) => ({
  update_id: updateId,
  message: {
    date: 1441645532, chat: tgChat, message_id: messageId, from: tgPerson,
    document: { file_id: 'AwADBAADbXXXXXXXXXXXGBdhD2l6_XX', file_name: 'Testfile.pdf', mime_type: 'application/pdf', file_size: 536392 },
  },
});

export const tgLocation = (updateId: number, messageId: number) => ({
  update_id: updateId,
  message: { date: 1441645532, chat: tgChat, message_id: messageId, from: tgPerson, location: { latitude: 52.520008, longitude: 13.404954 } },
});

export const tgContact = (updateId: number, messageId: number, phone: string) => ({
  update_id: updateId,
  message: {
    date: 1441645532, chat: tgChat, message_id: messageId, from: tgPerson,
    contact: { phone_number: phone, first_name: 'Test Firstname', user_id: TG_CHAT },
  },
});

/** A message in a group chat (chat.type "group"): each member writes under their own `from`. */
export const tgGroupText = (updateId: number, messageId: number, text: string) => ({
  update_id: updateId,
  message: {
    date: 1441645532, message_id: messageId, from: tgPerson, text,
    chat: { id: -1001234567890, type: 'supergroup', title: 'Shop fans' },
  },
});

/** The customer pressed a button of an inline keyboard on one of our messages (callback_query). */
export const tgCallbackQuery = (
  updateId: number, queryId: string, data: string, keyboardMessage: { messageId: number; text: string; keyboard: { text: string; callback_data: string }[][] },
) => ({
  update_id: updateId,
  callback_query: {
    id: queryId,
    from: tgPerson,
    message: {
      message_id: keyboardMessage.messageId, date: 1441645600, chat: tgChat, text: keyboardMessage.text,
      from: { id: 12345678, is_bot: true, first_name: 'Shop Bot', username: 'shop_bot' },
      reply_markup: { inline_keyboard: keyboardMessage.keyboard },
    },
    chat_instance: '-6431212112421312',
    data,
  },
});

export const tgSent = (messageId: number, text: string) => ({
  ok: true,
  result: { message_id: messageId, from: { id: 12345678, is_bot: true, first_name: 'Shop Bot', username: 'shop_bot' }, chat: tgChat, date: 1441645600, text },
});

// ---- WeChat Official Account -------------------------------------------------------------------

export const WX_OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

export const wxText = (msgId: string, content: string, from = WX_OPENID) => `<xml>
  <ToUserName><![CDATA[gh_1234567890ab]]></ToUserName>
  <FromUserName><![CDATA[${from}]]></FromUserName>
  <CreateTime>1348831860</CreateTime>
  <MsgType><![CDATA[text]]></MsgType>
  <Content><![CDATA[${content}]]></Content>
  <MsgId>${msgId}</MsgId>
</xml>`;

export const wxImage = (msgId: string) => `<xml>
  <ToUserName><![CDATA[gh_1234567890ab]]></ToUserName>
  <FromUserName><![CDATA[${WX_OPENID}]]></FromUserName>
  <CreateTime>1348831860</CreateTime>
  <MsgType><![CDATA[image]]></MsgType>
  <PicUrl><![CDATA[http://mmbiz.qpic.cn/mmbiz/example.jpg]]></PicUrl>
  <MediaId><![CDATA[media_id_image]]></MediaId>
  <MsgId>${msgId}</MsgId>
</xml>`;

export const wxVoice = (msgId: string) => `<xml>
  <ToUserName><![CDATA[gh_1234567890ab]]></ToUserName>
  <FromUserName><![CDATA[${WX_OPENID}]]></FromUserName>
  <CreateTime>1357290913</CreateTime>
  <MsgType><![CDATA[voice]]></MsgType>
  <MediaId><![CDATA[media_id_voice]]></MediaId>
  <Format><![CDATA[amr]]></Format>
  <Recognition><![CDATA[腾讯微信团队]]></Recognition>
  <MsgId>${msgId}</MsgId>
</xml>`;

export const wxEvent = (event: 'subscribe' | 'unsubscribe', createTime: number, from = WX_OPENID) => `<xml>
  <ToUserName><![CDATA[gh_1234567890ab]]></ToUserName>
  <FromUserName><![CDATA[${from}]]></FromUserName>
  <CreateTime>${createTime}</CreateTime>
  <MsgType><![CDATA[event]]></MsgType>
  <Event><![CDATA[${event}]]></Event>
</xml>`;

/** The query WeChat signs a callback with (Token, timestamp, nonce), stamped now unless told otherwise. */
export function wxSignedQuery(token: string, nonce = '123456789', timestamp = String(Math.floor(Date.now() / 1000))): string {
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  return `signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
}
