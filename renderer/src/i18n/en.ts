import type { ErrorCode } from '../../../shared/errors';

type ErrorKey = `error.${ErrorCode}`;

/** English UI text. The keys of this dictionary are the keys every language must provide. */
export const en = {
  'app.name': 'Switchboard',
  'app.loading': 'Starting Switchboard…',
  'app.startFailed': 'Switchboard could not start: {reason}',
  'common.retry': 'Try again',

  // Shown in both languages on purpose, so anyone can find the switch.
  'language.label': 'Language / 语言',
  'language.en': 'English',
  'language.zh-CN': '简体中文',

  'login.title': 'Sign in',
  'login.subtitle': 'Answer every customer, on every channel, from one place.',
  'login.serverUrl': 'Server URL',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.invalidServerUrl': 'Enter the full server address, for example http://127.0.0.1:7340.',
  'login.emailRequired': 'Enter your email.',
  'login.passwordRequired': 'Enter your password.',

  'role.agent': 'Agent',
  'role.supervisor': 'Supervisor',
  'role.admin': 'Admin',

  'header.account': 'Signed in as {name}, {role}',
  'header.signOut': 'Sign out',
  'header.signingOut': 'Signing out…',
  'header.signOutFailed': 'Could not sign out: {reason}',

  'connection.label': 'Connection status',
  'connection.online': 'Online',
  'connection.connecting': 'Connecting…',
  'connection.signed_out': 'Signed out',
  'connection.offline': 'Offline since {time}',
  'connection.retryingIn': 'Offline since {time} — retrying in {seconds} s',
  'connection.retryingNow': 'Offline since {time} — retrying now',
  'connection.unknown': 'Checking connection…',

  'inbox.label': 'Inbox',
  'inbox.heading': 'Inbox',
  'inbox.count': '{count} conversations',
  'inbox.countOne': '1 conversation',
  'inbox.empty': 'No conversations yet. New ones appear here as customers write in.',
  'inbox.loading': 'Loading conversations…',
  'inbox.loadFailed': 'Could not load conversations. {reason}',
  'inbox.unassigned': 'Unassigned',
  'inbox.resolved': 'Resolved',
  'inbox.noPreview': 'No messages yet',
  'inbox.keyboardHint': 'Use the up and down arrow keys to move, Enter to open.',

  'channel.widget': 'Web chat',
  'channel.whatsapp': 'WhatsApp',
  'channel.telegram': 'Telegram',
  'channel.wechat': 'WeChat',
  'channel.email': 'Email',
  'channel.api': 'API',

  'time.justNow': 'now',
  'time.minutes': '{n} min',
  'time.hours': '{n} h',
  'time.yesterday': 'Yesterday',

  'thread.label': 'Conversation',
  'thread.messagesLabel': 'Messages',
  'thread.nothingSelected': 'Select a conversation from the inbox to read it.',
  'thread.empty': 'No messages in this conversation yet.',
  'thread.loading': 'Loading messages…',
  'thread.loadFailed': 'Could not load messages. {reason}',
  'thread.assignedTo': 'Assigned to {name}',
  'thread.unassigned': 'Unassigned',

  'sender.contact': 'Customer',
  'sender.agent': 'Agent',
  'sender.bot': 'Bot',
  'sender.system': 'System',

  'delivery.sending': 'Sending…',
  'delivery.sent': 'Sent',
  'delivery.failed': 'Not sent: {reason}',

  'composer.label': 'Reply',
  'composer.placeholder': 'Write a reply. Enter sends, Shift+Enter adds a new line.',
  'composer.send': 'Send',
  'composer.sending': 'Sending…',
  'composer.noConversation': 'Select a conversation to write a reply.',
  'composer.failed': 'Your reply was not sent. {reason} Your text is still here.',
  'composer.tooLong': 'This reply is {count} characters long; the limit is {max}.',

  'profile.label': 'Customer profile',
  'profile.nothingSelected': 'Select a conversation to see who you are talking to.',
  'profile.channel': 'Channel',
  'profile.status': 'Status',
  'profile.since': 'Conversation started',
  'profile.comingSoon': 'More about this customer arrives here soon: identities, orders, tags and notes.',

  'status.open': 'Open',
  'status.resolved': 'Resolved',

  'error.bad_request': 'Something in the request was not valid.',
  'error.invalid_credentials': 'The email or password is wrong.',
  'error.unknown_user': 'There is no account with that email.',
  'error.rate_limited': 'Too many attempts. Please wait a moment and try again.',
  'error.unauthorized': 'Your sign-in is no longer valid. Please sign in again.',
  'error.token_expired': 'Your session has expired. Please sign in again.',
  'error.forbidden': 'You do not have permission to do that.',
  'error.not_found': 'That item no longer exists.',
  'error.conflict': 'Someone else changed this at the same time. Check it and try again.',
  'error.offline': 'You are offline. Switchboard reconnects by itself.',
  'error.timeout': 'The server took too long to answer. Please try again.',
  'error.server_unreachable': 'The server cannot be reached. Check the server URL and your network.',
  'error.not_signed_in': 'Please sign in first.',
  'error.internal': 'Something went wrong. Please try again.',
} as const satisfies Record<string, string> & Record<ErrorKey, string>;

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;
