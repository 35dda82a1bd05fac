import { z } from 'zod';
import { channelKindSchema, idSchema, messageDeliverySchema, type ChannelKind, type MessageDelivery } from './domain';

/**
 * Channels as admins configure them: what each kind needs to reach its platform, which of it is a
 * secret (written, never read back), and the webhook paths the platform calls.
 */

const url = z.string().trim().url().max(500);
const secretText = z.string().min(1).max(500);

/**
 * The platform rule a secret must follow. A refused secret names its rule (`details.rule` of the
 * `bad_request`), so the admin screen says in the admin's language what the platform expects.
 */
export const secretRuleSchema = z.enum([
  'telegram_secret_token', 'telegram_bot_token', 'wechat_token', 'wechat_aes_key', 'visible_ascii',
]);
export type SecretRule = z.infer<typeof secretRuleSchema>;

/** Each rule in words, for logs and API clients (the desktop translates the rule instead). */
export const SECRET_RULE_TEXT: Record<SecretRule, string> = {
  telegram_secret_token: "1 to 256 characters: A-Z, a-z, 0-9, _ and - (Telegram's secret_token)",
  telegram_bot_token: 'the token BotFather gave, like 123456789:AAH…',
  wechat_token: "3 to 32 letters or digits (WeChat's Token)",
  wechat_aes_key: "exactly 43 letters or digits (WeChat's EncodingAESKey)",
  visible_ascii: 'letters, digits and punctuation only, without spaces (at most 500)',
};

const ruled = (rule: SecretRule, pattern: RegExp) => z.string().regex(pattern, rule);
/** A secret pasted with a space or a line break inside is a mistake: platforms issue none with them. */
const visibleAscii = ruled('visible_ascii', /^[\x21-\x7e]{1,500}$/);

/** The rule a zod issue of a secret names, when it is one of ours. */
export function secretRuleOf(message: string | undefined): SecretRule | null {
  const parsed = secretRuleSchema.safeParse(message);
  return parsed.success ? parsed.data : null;
}

/** Routing settings every channel may carry (see server/domain/routing/entry.ts). */
const routingConfig = {
  defaultGroupId: idSchema.optional(),
  bot: z.boolean().optional(),
};

export const DEFAULT_API_BASE_URLS = {
  whatsapp: 'https://graph.facebook.com/v21.0',
  telegram: 'https://api.telegram.org',
  wechat: 'https://api.weixin.qq.com',
} as const;

/** Non-secret settings per kind. Base URLs point at the platform's API (tests point them at a local server). */
export const channelConfigSchemas = {
  widget: z.looseObject({
    ...routingConfig,
    greeting: z.object({ en: z.string().max(500).optional(), zh: z.string().max(500).optional() }).optional(),
    menu: z.boolean().optional(),
  }),
  whatsapp: z.strictObject({
    ...routingConfig,
    /** The business phone number's id in the Cloud API (the path of `POST /{phone-number-id}/messages`). */
    phoneNumberId: z.string().trim().min(1).max(64),
    apiBaseUrl: url.optional(),
  }),
  telegram: z.strictObject({ ...routingConfig, apiBaseUrl: url.optional() }),
  wechat: z.strictObject({
    ...routingConfig,
    appId: z.string().trim().min(1).max(64),
    apiBaseUrl: url.optional(),
  }),
  email: z.strictObject({
    ...routingConfig,
    /** The mailbox customers write to; inbound mail for it lands on this channel, replies come from it. */
    address: z.string().trim().toLowerCase().email().max(254),
    /** Shown as the sender's name on replies. */
    fromName: z.string().trim().max(100).optional(),
    smtp: z.strictObject({
      host: z.string().trim().min(1).max(255),
      port: z.number().int().min(1).max(65535),
      /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
      secure: z.boolean().optional(),
      user: z.string().max(254).optional(),
    }),
    /**
     * Whether a sender's From address counts as verified for merging contacts. Off by default:
     * the server does not check DKIM or SPF, so a From address can be forged.
     */
    trustSenderAddress: z.boolean().optional(),
  }),
  api: z.strictObject({
    ...routingConfig,
    /** Where replies are POSTed, signed with the webhook secret. */
    webhookUrl: url.optional(),
  }),
} as const satisfies Record<ChannelKind, z.ZodType>;

/** Secret settings per kind: stored, used, never returned. */
export const channelSecretSchemas = {
  widget: z.strictObject({
    /** Signs the phone number or email the shop's site gives the widget (see README: verified visitors). */
    identitySecret: secretText.optional(),
  }),
  whatsapp: z.strictObject({
    /** The Meta app secret: X-Hub-Signature-256 is an HMAC-SHA256 of the raw body with it. */
    appSecret: visibleAscii.optional(),
    /** What Meta sends as hub.verify_token when the webhook is set up (it travels in a URL). */
    verifyToken: visibleAscii.optional(),
    /** The access token for the Graph API (Authorization: Bearer). */
    accessToken: visibleAscii.optional(),
  }),
  telegram: z.strictObject({
    /** From BotFather: `<bot id>:<secret>`. */
    botToken: ruled('telegram_bot_token', /^\d{1,20}:[A-Za-z0-9_-]{1,200}$/).optional(),
    /** The secret_token given to setWebhook; Telegram sends it as X-Telegram-Bot-Api-Secret-Token. */
    webhookSecret: ruled('telegram_secret_token', /^[A-Za-z0-9_-]{1,256}$/).optional(),
  }),
  wechat: z.strictObject({
    /** The Token set in the Official Account's server configuration (signs every callback). */
    token: ruled('wechat_token', /^[A-Za-z0-9]{3,32}$/).optional(),
    /** The EncodingAESKey of the server configuration (compatible and safe modes). */
    encodingAESKey: ruled('wechat_aes_key', /^[A-Za-z0-9]{43}$/).optional(),
    appSecret: visibleAscii.optional(),
  }),
  email: z.strictObject({ smtpPassword: secretText.optional() }),
  api: z.strictObject({
    /** The shop's app sends it as `Authorization: Bearer <token>`. */
    apiToken: secretText.optional(),
    /** Signs replies POSTed to the webhook URL. */
    webhookSecret: secretText.optional(),
  }),
} as const satisfies Record<ChannelKind, z.ZodType>;

/**
 * How long after the customer's last message a platform accepts free-form replies: WhatsApp's
 * customer-service window (24 h, then only approved templates) and WeChat's customer-service
 * messages (48 h). Other kinds have no window.
 */
export const REPLY_WINDOW_HOURS: Partial<Record<ChannelKind, number>> = { whatsapp: 24, wechat: 48 };

/** Why a reply was refused outside that window (`forbidden`, `details.reason`). */
export const replyWindowReasonSchema = z.enum(['template_required', 'window_closed']);
export type ReplyWindowReason = z.infer<typeof replyWindowReasonSchema>;

/** The secrets a channel cannot work without: a webhook is refused until they are set. */
export const REQUIRED_SECRETS: Record<ChannelKind, readonly string[]> = {
  widget: [],
  whatsapp: ['appSecret', 'verifyToken', 'accessToken'],
  telegram: ['botToken', 'webhookSecret'],
  wechat: ['token', 'appSecret'],
  email: [],
  api: ['apiToken'],
};

export const channelSourceSchema = z.enum(['admin', 'file']);

/** A URL the platform calls (or the shop's app calls), relative to the server's public address. */
/** What an endpoint is for, as a code the desktop puts in the reader's language. */
export const WEBHOOK_PURPOSES = ['verification', 'messages', 'updates', 'serverVerification', 'appMessages', 'chatPage'] as const;
export type WebhookPurpose = (typeof WEBHOOK_PURPOSES)[number];

export const webhookEndpointSchema = z.object({
  method: z.enum(['GET', 'POST']),
  path: z.string(),
  purpose: z.enum(WEBHOOK_PURPOSES),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** A channel as admins see it: no secret values, only which secrets are set. */
export const channelViewSchema = z.object({
  id: idSchema,
  kind: channelKindSchema,
  name: z.string(),
  enabled: z.boolean(),
  /** 'file': declared in the channels file read at start (a restart applies the file again). */
  source: channelSourceSchema,
  config: z.record(z.string(), z.unknown()),
  secretsSet: z.array(z.string()),
  webhooks: z.array(webhookEndpointSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelView = z.infer<typeof channelViewSchema>;

const channelName = z.string().trim().min(1).max(100);
const channelIdInput = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (at most 64)');

/** Creating a channel: config and secrets are checked against the kind's schemas. */
export const channelCreateSchema = z.strictObject({
  id: channelIdInput.optional(),
  kind: channelKindSchema,
  name: channelName,
  enabled: z.boolean().default(true),
  config: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.unknown()).default({}),
});
export type ChannelCreate = z.input<typeof channelCreateSchema>;

/** Changing a channel: `config` replaces the config; `secrets` sets the named secrets (null removes one). */
export const channelUpdateSchema = z.strictObject({
  name: channelName.optional(),
  enabled: z.boolean().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  secrets: z.record(z.string(), z.union([z.string(), z.null()])).optional(),
});
export type ChannelUpdate = z.input<typeof channelUpdateSchema>;

/**
 * The form field a validation problem points at, as `details.field` of a `bad_request`: `name`,
 * `config.smtp.port`, `secrets.accessToken`; the part itself (`config`) when the problem is with
 * the whole of it (an unknown key).
 */
export function channelIssueField(part: 'channel' | 'config' | 'secrets', path: readonly PropertyKey[]): string {
  const names = path.map((p) => String(p));
  if (part === 'channel') return names.join('.') || 'channel';
  return [part, ...names].join('.');
}

/** Deleting a channel: only one no conversation ever came through (otherwise disable it). */
export const channelDeleteResultSchema = z.object({ deleted: z.boolean() });

/** The webhook endpoints of a channel of `kind`. */
export function webhookEndpoints(kind: ChannelKind, channelId: string): WebhookEndpoint[] {
  const id = encodeURIComponent(channelId);
  switch (kind) {
    case 'whatsapp':
      return [
        { method: 'GET', path: `/webhooks/whatsapp/${id}`, purpose: 'verification' },
        { method: 'POST', path: `/webhooks/whatsapp/${id}`, purpose: 'messages' },
      ];
    case 'telegram':
      return [{ method: 'POST', path: `/webhooks/telegram/${id}`, purpose: 'updates' }];
    case 'wechat':
      return [
        { method: 'GET', path: `/webhooks/wechat/${id}`, purpose: 'serverVerification' },
        { method: 'POST', path: `/webhooks/wechat/${id}`, purpose: 'messages' },
      ];
    case 'api':
      return [{ method: 'POST', path: `/api/channels/${id}/messages`, purpose: 'appMessages' }];
    case 'widget':
      return [{ method: 'GET', path: `/widget/?channel=${id}`, purpose: 'chatPage' }];
    case 'email':
      return [];
  }
}

/**
 * Pushed on the /agent namespace to those who may read the conversation when a reply's delivery
 * moves on (queued, sent, delivered, read, failed with the platform's reason). Outside the sync
 * stream: `messages:list` and sync pages carry the same state on `Message.delivery`, and a final
 * failure also adds an internal system note to the thread.
 */
export const MESSAGE_DELIVERY_PUSH = 'message:delivery';
export const messageDeliveryPushSchema = z.object({
  conversationId: idSchema,
  messageId: idSchema,
  delivery: messageDeliverySchema,
});
export type MessageDeliveryPush = z.infer<typeof messageDeliveryPushSchema>;

/**
 * Whether `next` is a later state of a reply's delivery than `current`: newer by the server's
 * clock, or as new but different (two changes within one millisecond: the one heard last wins).
 * Pushes, sync pages and reads after a reconnect arrive in any order; the latest state stays.
 */
export function isLaterDelivery(next: MessageDelivery, current: MessageDelivery | null | undefined): boolean {
  if (!current) return true;
  if (next.updatedAt !== current.updatedAt) return next.updatedAt > current.updatedAt;
  return next.status !== current.status || next.attempts !== current.attempts || next.reason !== current.reason;
}
