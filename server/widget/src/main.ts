import { widgetTranslator } from '../../../shared/i18n/widget';
import { newClientId } from './client-id';
import { Composer } from './composer';
import { pageIdentity, VisitorConnection } from './connection';
import { GroupMenu } from './group-menu';
import { applyPageTexts, widgetLanguage } from './i18n';
import { MessageList } from './message-list';
import { QueueLine } from './queue-status';
import { StatusLine } from './status-line';
import { visitorStorage } from './visitor-storage';

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

const language = widgetLanguage(navigator.language);
const t = widgetTranslator(language);
applyPageTexts(document, language, t);

const page = pageIdentity(new URLSearchParams(location.search));
const storage = visitorStorage(localStorageOrNone(), page.channelId);
const chat = required<HTMLElement>(document, '.chat');
const status = new StatusLine(required(document, '.chat__status'), t);
const queue = new QueueLine(chat, required(document, '.chat__queue'), t);
const messages = new MessageList(required(document, '.chat__messages'), document.querySelector('.chat__empty'), t, language);
const input = required<HTMLTextAreaElement>(document, '.chat__input');
const menu = new GroupMenu(required(document, '.chat__menu'), storage, t, () => input.focus());

const connection = new VisitorConnection(page, () => storage.token(), {
  session(session) {
    storage.saveToken(session.visitorToken);
    status.show('online');
    menu.setGroups(session.groups);
    connection.history((history) => {
      if (history) {
        for (const message of history) composer.showStored(message);
        // No conversation yet: the first message may name a topic.
        if (history.length === 0 && !composer.hasPending) menu.offer();
      }
      menu.render();
      composer.flush();
    });
  },
  message: (message) => composer.showStored(message),
  queue(update) {
    if (!queue.show(update)) return;
    // A closed chat means the next message starts a new one, which may pick a topic again.
    if (update.state === 'resolved') menu.offer();
  },
  state: (state) => status.show(state),
});

const composer = new Composer({
  form: required(document, '.chat__composer'),
  input,
  connection,
  messages,
  menu,
  status,
  t,
  newClientId: () => newClientId(crypto),
});

status.show('connecting');
