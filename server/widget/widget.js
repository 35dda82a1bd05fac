// The customer's web chat. Plain script (no build step); socket.io's client is loaded before it.
(function () {
  'use strict';

  var TEXTS = {
    en: {
      title: 'Chat with us',
      subtitle: 'We usually reply within a few minutes',
      empty: 'Ask us anything — we are here to help.',
      placeholder: 'Type your message…',
      send: 'Send',
      hint: 'Enter to send, Shift+Enter for a new line',
      connecting: 'Connecting…',
      online: 'Connected — an agent will answer here',
      reconnecting: 'Connection lost — reconnecting… Your messages will be sent when we are back.',
      unavailable: 'This chat is not available right now.',
      you: 'You',
      agent: 'Support',
      bot: 'Assistant',
      sending: 'Sending…',
      failed: 'Not sent yet — will retry when connected',
      tooLong: 'This message is too long.',
      menuTitle: 'What can we help you with?',
      menuHint: 'Or just type your question below.',
      groupClosed: 'closed now — leave a message',
      queued: 'You are number {position} in the queue',
      queuedNext: 'You are number {position} in the queue',
      queuedUnknown: 'You are in the queue',
      waitSeparator: ' · ',
      waitMinutes: 'about {n} min',
      waitUnderMinute: 'less than a minute',
      offered: 'Connecting you to an agent…',
      assigned: '{agentName} is helping you',
      assignedUnnamed: 'An agent is helping you',
      botState: 'Our assistant is answering',
      pending: "We're away right now. Leave your message and we'll reply when we're back.",
      resolved: 'This chat was closed. Write again any time.',
    },
    zh: {
      title: '在线客服',
      subtitle: '我们通常会在几分钟内回复',
      empty: '有任何问题都可以问我们。',
      placeholder: '请输入消息…',
      send: '发送',
      hint: '按 Enter 发送，Shift+Enter 换行',
      connecting: '正在连接…',
      online: '已连接，客服会在这里回复您',
      reconnecting: '连接已断开，正在重新连接…恢复后会自动发送您的消息。',
      unavailable: '暂时无法使用在线客服。',
      you: '我',
      agent: '客服',
      bot: '智能助手',
      sending: '发送中…',
      failed: '尚未发送，连接恢复后会自动重试',
      tooLong: '消息太长了。',
      menuTitle: '请选择咨询类型',
      menuHint: '也可以直接在下方输入您的问题。',
      groupClosed: '非工作时间，可留言',
      queued: '您前面还有 {ahead} 位',
      queuedNext: '下一位就是您',
      queuedUnknown: '正在为您排队',
      waitSeparator: '，',
      waitMinutes: '预计等待约 {n} 分钟',
      waitUnderMinute: '预计等待不到 1 分钟',
      offered: '正在为您接通客服…',
      assigned: '{agentName} 正在为您服务',
      assignedUnnamed: '客服正在为您服务',
      botState: '智能助手为您服务',
      pending: '现在是非工作时间，请留言，我们上班后会尽快回复。',
      resolved: '本次会话已结束，欢迎随时再次咨询。',
    },
  };

  var TOKEN_KEY = 'switchboard.visitorToken';
  var GROUP_KEY = 'switchboard.groupId';
  var MAX_LENGTH = 4096;
  var lang = /^zh\b/i.test(navigator.language || '') ? 'zh' : 'en';
  var t = TEXTS[lang];
  var params = new URLSearchParams(location.search);
  var channelId = params.get('channel') || undefined;
  var tokenKey = channelId ? TOKEN_KEY + ':' + channelId : TOKEN_KEY;
  var groupKey = channelId ? GROUP_KEY + ':' + channelId : GROUP_KEY;

  var chat = document.querySelector('.chat');
  var list = document.querySelector('.chat__messages');
  var emptyNote = document.querySelector('.chat__empty');
  var statusLine = document.querySelector('.chat__status');
  var queueLine = document.querySelector('.chat__queue');
  var queueText = queueLine.querySelector('.chat__queue-text');
  var queueGroup = queueLine.querySelector('.chat__queue-group');
  var menu = document.querySelector('.chat__menu');
  var groupList = menu.querySelector('.chat__groups');
  var form = document.querySelector('.chat__composer');
  var input = document.querySelector('.chat__input');
  var sendButton = document.querySelector('.chat__send');

  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = lang === 'zh' ? '在线客服' : 'Chat with us';
  document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t[el.getAttribute('data-i18n')]; });
  document.querySelectorAll('[data-i18n-placeholder]').forEach(function (el) {
    el.setAttribute('placeholder', t[el.getAttribute('data-i18n-placeholder')]);
  });

  var timeFormat = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { hour: '2-digit', minute: '2-digit' });
  /** Stored messages by id, and messages still on their way keyed by client id. */
  var elementsById = new Map();
  var pending = new Map();
  /** The skill groups offered in the menu, and whether the next message starts a conversation. */
  var groups = [];
  var startsConversation = false;

  function storageGet(key) {
    try { return localStorage.getItem(key) || undefined; } catch (e) { return undefined; }
  }
  function storageSet(key, value) {
    try {
      if (value) localStorage.setItem(key, value);
      else localStorage.removeItem(key);
    } catch (e) { /* private mode: the value lasts this tab */ }
  }
  function readToken() { return storageGet(tokenKey); }
  function saveToken(token) { storageSet(tokenKey, token); }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function uuid() {
    if (window.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function setStatus(state) {
    statusLine.setAttribute('data-state', state);
    statusLine.textContent = t[state] || '';
  }

  // ---- Queue status ------------------------------------------------------------------------------

  function waitText(seconds) {
    if (typeof seconds !== 'number' || !isFinite(seconds) || seconds < 0) return '';
    if (seconds < 60) return t.waitUnderMinute;
    return format(t.waitMinutes, { n: Math.max(1, Math.round(seconds / 60)) });
  }

  /** The status line for a queue update: the main text and, while waiting, the estimate. */
  function describeQueue(status) {
    if (status.state === 'queued') {
      var position = status.position;
      var place = typeof position === 'number' && position > 0
        ? format(position === 1 ? t.queuedNext : t.queued, { position: position, ahead: position - 1 })
        : t.queuedUnknown;
      return { text: place, wait: waitText(status.estimatedWaitSeconds) };
    }
    var text = '';
    if (status.state === 'offered') text = t.offered;
    else if (status.state === 'assigned') text = status.agentName ? format(t.assigned, { agentName: status.agentName }) : t.assignedUnnamed;
    else if (status.state === 'bot') text = t.botState;
    else if (status.state === 'pending') text = t.pending;
    else if (status.state === 'resolved') text = t.resolved;
    return text ? { text: text, wait: '' } : null;
  }

  function showQueue(status) {
    if (!status || typeof status.state !== 'string') return;
    var described = describeQueue(status);
    if (!described) return;
    queueLine.setAttribute('data-state', status.state);
    if (typeof status.position === 'number') queueLine.setAttribute('data-position', String(status.position));
    else queueLine.removeAttribute('data-position');
    queueText.textContent = described.wait ? described.text + t.waitSeparator : described.text;
    if (described.wait) {
      // The estimate stays on one line ("about 4 min") when the status wraps.
      var wait = document.createElement('span');
      wait.className = 'chat__queue-wait';
      wait.textContent = described.wait;
      queueText.appendChild(wait);
    }
    var showGroup = (status.state === 'queued' || status.state === 'offered' || status.state === 'pending') && status.groupName;
    queueGroup.textContent = showGroup ? status.groupName : '';
    chat.classList.add('chat--queue');
    // A closed chat means the next message starts a new one, which may pick a topic again.
    if (status.state === 'resolved') {
      startsConversation = true;
      renderMenu();
    }
  }

  // ---- Group menu --------------------------------------------------------------------------------

  function chosenGroupId() {
    var id = storageGet(groupKey);
    for (var i = 0; i < groups.length; i++) if (groups[i].id === id) return id;
    return undefined;
  }

  function chooseGroup(id) {
    storageSet(groupKey, chosenGroupId() === id ? undefined : id);
    renderMenu();
    input.focus();
  }

  function renderMenu() {
    var visible = startsConversation && groups.length > 0;
    menu.hidden = !visible;
    if (!visible) return;
    var chosen = chosenGroupId();
    groupList.textContent = '';
    groups.forEach(function (group) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'chat__group';
      button.setAttribute('data-testid', 'widget-group');
      button.setAttribute('data-group-id', group.id);
      button.setAttribute('data-open', group.open ? 'true' : 'false');
      button.setAttribute('aria-pressed', group.id === chosen ? 'true' : 'false');
      var name = document.createElement('span');
      name.className = 'chat__group-name';
      name.textContent = group.name;
      button.appendChild(name);
      if (!group.open) {
        var note = document.createElement('span');
        note.className = 'chat__group-note';
        note.textContent = t.groupClosed;
        button.appendChild(note);
      }
      button.addEventListener('click', function () { chooseGroup(group.id); });
      groupList.appendChild(button);
    });
  }

  // ---- Messages ----------------------------------------------------------------------------------

  function renderMessage(message, delivery) {
    var item = document.createElement('li');
    item.className = 'msg msg--' + message.from;
    item.setAttribute('data-testid', 'widget-message');
    item.setAttribute('data-from', message.from);
    item.setAttribute('data-delivery', delivery);
    if (message.id) item.setAttribute('data-id', message.id);
    if (message.from === 'agent' || message.from === 'bot') {
      var sender = document.createElement('span');
      sender.className = 'msg__sender';
      sender.textContent = message.senderName || (message.from === 'bot' ? t.bot : t.agent);
      item.appendChild(sender);
    }
    var bubble = document.createElement('div');
    bubble.className = 'msg__bubble';
    bubble.textContent = message.body;
    item.appendChild(bubble);
    var meta = document.createElement('time');
    meta.className = 'msg__meta';
    item.appendChild(meta);
    updateMeta(item, message, delivery);
    return item;
  }

  function updateMeta(item, message, delivery) {
    var meta = item.querySelector('.msg__meta');
    item.setAttribute('data-delivery', delivery);
    if (delivery === 'sending') meta.textContent = t.sending;
    else if (delivery === 'failed') meta.textContent = t.failed;
    else {
      meta.textContent = timeFormat.format(new Date(message.createdAt));
      meta.setAttribute('datetime', message.createdAt);
    }
  }

  function scrollToEnd() { list.scrollTop = list.scrollHeight; }

  function insertInOrder(item, seq) {
    item.setAttribute('data-seq', String(seq));
    var children = list.querySelectorAll('.msg[data-seq]');
    for (var i = 0; i < children.length; i++) {
      if (Number(children[i].getAttribute('data-seq')) > seq) { list.insertBefore(item, children[i]); return; }
    }
    // Stored messages go before the ones still being sent.
    var firstPending = list.querySelector('.msg:not([data-seq])');
    list.insertBefore(item, firstPending);
  }

  /** Shows a stored message once, replacing its pending copy when it was ours. */
  function showStored(message) {
    if (emptyNote.parentNode) emptyNote.remove();
    if (elementsById.has(message.id)) return;
    var entry = message.clientId ? pending.get(message.clientId) : undefined;
    if (entry) {
      pending.delete(message.clientId);
      entry.item.remove();
    }
    var item = renderMessage(message, 'sent');
    elementsById.set(message.id, item);
    insertInOrder(item, message.seq);
    scrollToEnd();
  }

  // ---- Connection --------------------------------------------------------------------------------

  var socket = io('/visitor', {
    // A function, so every reconnect presents the token saved most recently.
    auth: function (cb) {
      var auth = {};
      var token = readToken();
      if (token) auth.visitorToken = token;
      if (channelId) auth.channelId = channelId;
      // A signed-in shop customer: the page URL carries the phone or email the shop signed (see README).
      var signature = params.get('signature');
      if (signature) {
        auth.identity = { signature: signature };
        if (params.get('phone')) auth.identity.phone = params.get('phone');
        if (params.get('email')) auth.identity.email = params.get('email');
      }
      cb(auth);
    },
  });

  setStatus('connecting');

  socket.on('visitor:session', function (session) {
    saveToken(session.visitorToken);
    setStatus('online');
    groups = Array.isArray(session.groups) ? session.groups : [];
    socket.emit('visitor:history', {}, function (result) {
      if (result && result.ok) {
        result.data.messages.forEach(showStored);
        // No conversation yet: the first message may name a topic.
        if (result.data.messages.length === 0 && pending.size === 0) startsConversation = true;
      }
      renderMenu();
      flushPending();
    });
  });

  socket.on('message:new', showStored);
  socket.on('queue:update', showQueue);

  socket.on('disconnect', function (reason) {
    setStatus(reason === 'io client disconnect' ? 'connecting' : 'reconnecting');
  });
  socket.io.on('reconnect_attempt', function () { setStatus('reconnecting'); });
  socket.on('connect_error', function (err) {
    var code = err && err.data && err.data.code;
    if (code === 'not_found') setStatus('unavailable');
    else setStatus(socket.active ? 'reconnecting' : 'unavailable');
  });

  function sendPending(entry) {
    if (!socket.connected) return;
    entry.inFlight = true;
    var payload = { clientId: entry.clientId, body: entry.body };
    if (entry.groupId) payload.groupId = entry.groupId;
    socket.timeout(15000).emit('visitor:send', payload, function (err, result) {
      entry.inFlight = false;
      if (!err && result && result.ok) { showStored(result.data.message); return; }
      if (pending.has(entry.clientId)) updateMeta(entry.item, entry, 'failed');
    });
  }

  // Resends with the same client id: the server stores each message once.
  function flushPending() {
    pending.forEach(function (entry) { if (!entry.inFlight) sendPending(entry); });
  }

  function submit() {
    var body = input.value.trim();
    if (!body) return;
    if (body.length > MAX_LENGTH) { statusLine.textContent = t.tooLong; return; }
    if (emptyNote.parentNode) emptyNote.remove();
    var clientId = uuid();
    var entry = { clientId: clientId, body: body, from: 'me', inFlight: false };
    if (startsConversation) {
      entry.groupId = chosenGroupId();
      startsConversation = false;
      renderMenu();
    }
    entry.item = renderMessage(entry, socket.connected ? 'sending' : 'failed');
    pending.set(clientId, entry);
    list.appendChild(entry.item);
    input.value = '';
    autosize();
    scrollToEnd();
    sendPending(entry);
  }

  function autosize() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 140) + 'px';
  }

  form.addEventListener('submit', function (event) { event.preventDefault(); submit(); input.focus(); });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); submit(); }
  });
  input.addEventListener('input', autosize);
  sendButton.textContent = t.send;
})();
