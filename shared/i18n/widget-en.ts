/** English text of the customer's chat widget. Its keys are the keys every widget language provides. */
export const widgetEn = {
  'widget.title': 'Chat with us',
  'widget.subtitle': 'We usually reply within a few minutes',
  'widget.empty': 'Ask us anything — we are here to help.',

  'widget.status.connecting': 'Connecting…',
  'widget.status.online': 'Connected — an agent will answer here',
  'widget.status.reconnecting': 'Connection lost — reconnecting… Your messages will be sent when we are back.',
  'widget.status.unavailable': 'This chat is not available right now.',
  'widget.status.busy': 'Many chats are starting from your network right now. We will connect you in a moment.',

  'widget.composer.placeholder': 'Type your message…',
  'widget.composer.send': 'Send',
  'widget.composer.hint': 'Enter to send, Shift+Enter for a new line',
  'widget.composer.tooLong': 'This message is too long.',
  'widget.composer.attach': 'Attach a photo or file',
  'widget.composer.emoji': 'Insert an emoji',
  'widget.file.tooLarge': 'This file is too large to send ({maxSize} at most).',
  'widget.file.full': 'You have sent as many files as this chat keeps. Please describe it in words instead.',
  'widget.file.failed': 'The file could not be sent. Please try again.',
  'widget.file.uploading': 'Sending {name}…',
  'widget.file.open': 'Open {name}',
  'widget.file.unavailable': 'This file is not available.',

  'widget.message.agent': 'Support',
  'widget.message.bot': 'Assistant',
  'widget.message.sending': 'Sending…',
  'widget.message.failed': 'Not sent yet — will retry when connected',
  'widget.message.receipt': '{time} · {state, select, read {Read} other {Delivered}}',
  'widget.typing.agent': 'An agent is typing…',
  'widget.survey.rating': 'Your rating',
  'widget.survey.stars': '{rating, plural, one {# star} other {# stars}}',
  'widget.survey.comment': 'Anything to add? (optional)',
  'widget.survey.send': 'Send rating',
  'widget.survey.thanks': 'Thank you for your rating! You can still change it.',
  'widget.survey.closed': 'This survey has closed.',
  'widget.survey.failed': 'Your rating was not sent. Please try again.',

  'widget.menu.title': 'What can we help you with?',
  'widget.menu.hint': 'Or just type your question below.',
  'widget.menu.groupClosed': 'closed now — leave a message',

  // English says the place in the line; Chinese says how many are ahead (the plural's offset).
  'widget.queue.position': 'You are number {position} in the queue',
  'widget.queue.unknown': 'You are in the queue',
  'widget.queue.waitSeparator': ' · ',
  'widget.queue.waitMinutes': 'about {minutes} min',
  'widget.queue.waitUnderMinute': 'less than a minute',
  'widget.queue.offered': 'Connecting you to an agent…',
  'widget.queue.assigned': '{agentName} is helping you',
  'widget.queue.assignedUnnamed': 'An agent is helping you',
  'widget.queue.bot': 'Our assistant is answering',
  'widget.queue.pending': "We're away right now. Leave your message and we'll reply when we're back.",
  'widget.queue.resolved': 'This chat was closed. Write again any time.',

  // Lines the system writes for the customer (shared/system-lines.ts).
  'widget.system.handoff': 'Connecting you to a person… please wait a moment.',
  'widget.system.closed': 'Our team is away right now. Your message is kept and we will answer as soon as we are back.',
  'widget.system.closedGroup': 'The {group} team is away right now. Your message is kept and we will answer as soon as we are back.',
  'widget.queue.nobodyOnline': 'Nobody is available right now. Leave your message and we will answer you here as soon as someone is back.',
  'widget.queue.offHours': "We're away right now. Leave your message and we will answer you here when we're back.",

  // The customer's open tickets (工单) and adding information to one.
  'widget.tickets.title': 'Your tickets',
  'widget.tickets.item': '#{number} {subject}',
  'widget.tickets.status': '{status, select, new {Received} open {Open} in_progress {In progress} waiting_on_customer {Waiting for your reply} solved {Solved} other {Closed}}',
  'widget.tickets.add': 'Add information',
  'widget.tickets.placeholder': 'What should we know?',
  'widget.tickets.send': 'Add',
  'widget.tickets.failed': 'Could not add this — please try again.',
} as const satisfies Record<`widget.${string}`, string>;

export type WidgetMessageKey = keyof typeof widgetEn;
export type WidgetDictionary = Record<WidgetMessageKey, string>;
