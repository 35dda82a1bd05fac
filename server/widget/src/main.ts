import { widgetTranslator } from '../../../shared/i18n/widget';
import { newClientId } from './client-id';
import { Composer } from './composer';
import { pageIdentity, VisitorConnection } from './connection';
import { GroupMenu } from './group-menu';
import { applyPageTexts, widgetLanguage } from './i18n';
import { MessageList } from './message-list';
import { pendingStore } from './pending-store';
import { QueueLine } from './queue-status';
import { ReadReceipts } from './read-receipts';
import type { PageTimers } from './reconnect';
import { StatusLine } from './status-line';
import { TicketList } from './ticket-list';
import { TypingLine } from './typing-line';
import { TypingSignal } from './typing-signal';
import { visitorStorage } from './visitor-storage';
import { attachEmojiPicker } from './emoji-picker';
import { attachFilePicker } from './file-picker';
import { uploadVisitorFile } from './file-upload';

/*
 * The customer's web chat page (server/widget/index.html), served at /widget/. Wires the page's
 * elements to the visitor socket; each part lives in its own module.
 */

function required<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`The chat page has no ${selector}`);
  return element;
}

function localStorageOrNone(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Blocked by the browser's settings: the chat then remembers nothing between visits.
    return undefined;
  }
}

const timers: PageTimers = {
  timeout(ms, run) {
    const id = window.setTimeout(run, ms);
    return { cancel: () => window.clearTimeout(id) };
  },
};
const pageVisible = () => document.visibilityState === 'visible';

const language = widgetLanguage(navigator.language);
const t = widgetTranslator(language);
applyPageTexts(document, language, t);

const page = pageIdentity(new URLSearchParams(location.search));
const storage = visitorStorage(localStorageOrNone(), page.channelId);
const chat = required<HTMLElement>(document, '.chat');
const status = new StatusLine(required(document, '.chat__status'), t);
const queue = new QueueLine(chat, required(document, '.chat__queue'), t);
const input = required<HTMLTextAreaElement>(document, '.chat__input');
// A click on one of the bot's picks is sent as the customer's message; the typing box then has the
// focus (the buttons are gone).
const messages = new MessageList(
  required(document, '.chat__messages'),
  document.querySelector('.chat__empty'),
  t,
  language,
  (reply) => {
    composer.choose(reply);
    input.focus();
  },
  (answer, done) => connection.answerSurvey(answer, done),
  (fileId) => connection.fileUrl(fileId),
);
const menu = new GroupMenu(required(document, '.chat__menu'), storage, t, () => input.focus());
const agentTyping = new TypingLine(required(document, '.chat__typing'), t, timers);

/** Every time the page (re)connects: the history merged in (missed replies caught up), then what waits is sent. */
function catchUp(): void {
  connection.history((history) => {
    if (history) {
      for (const message of history.messages) composer.showStored(message);
      messages.markRead(history.readUpToSeq ?? 0);
      // No conversation yet: the first message may name a topic.
      if (history.messages.length === 0 && !composer.hasPending) menu.offer();
      receipts.reconnected();
    }
    menu.render();
    composer.flush();
  });
}

const connection = new VisitorConnection(
  page,
  () => storage.token(),
  {
    session(session) {
      storage.saveToken(session.visitorToken);
      status.show('online');
      menu.setGroups(session.groups);
      catchUp();
      tickets.refresh();
    },
    message(message) {
      composer.showStored(message);
      // The shop wrote: a ticket may have been opened or moved on.
      if (message.from !== 'me') tickets.refresh();
      if (message.from === 'agent') agentTyping.show(false);
      receipts.check();
    },
    queue(update) {
      if (!queue.show(update)) return;
      // A closed chat means the next message starts a new one, which may pick a topic again.
      if (update.state === 'resolved') menu.offer();
    },
    state(state) {
      status.show(state);
      if (state !== 'online') {
        composer.disconnected();
        agentTyping.show(false);
      }
    },
    agentTyping: (typing) => agentTyping.show(typing),
    read: (upToSeq) => messages.markRead(upToSeq),
  },
  {
    timers,
    onWake(wake) {
      const woken = () => {
        wake();
        // A laptop that slept may have missed replies on a socket that still looks connected.
        if (connection.connected) catchUp();
      };
      window.addEventListener('online', woken);
      document.addEventListener('visibilitychange', () => {
        if (pageVisible()) woken();
      });
    },
  },
);

const tickets = new TicketList(required(document, '.chat__tickets'), connection, t);

const receipts = new ReadReceipts({
  newestShown: () => messages.newestFromShop(),
  visible: pageVisible,
  connected: () => connection.connected,
  send: (upToSeq) => connection.read(upToSeq),
});
document.addEventListener('visibilitychange', () => receipts.check());

const composer = new Composer({
  form: required(document, '.chat__composer'),
  input,
  connection,
  messages,
  menu,
  status,
  t,
  newClientId: () => newClientId(crypto),
  store: pendingStore(localStorageOrNone(), page.channelId),
  typing: new TypingSignal({ send: (typing) => connection.typing(typing), timers, now: () => Date.now() }),
  timers,
});

attachEmojiPicker(required(document, '.chat__emoji-button'), required(document, '.chat__emoji-grid'), input);
attachFilePicker({
  button: required(document, '.chat__attach'),
  input: required(document, '.chat__file'),
  drop: chat,
  token: () => storage.token(),
  upload: (token, file) => uploadVisitorFile(location.origin, token, file),
  send: (upload) => composer.sendFile(upload),
  note: (text) => status.note(text),
  t,
});

status.show('connecting');
