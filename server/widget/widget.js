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
      sending: 'Sending…',
      failed: 'Not sent yet — will retry when connected',
      tooLong: 'This message is too long.',
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
      sending: '发送中…',
      failed: '尚未发送，连接恢复后会自动重试',
      tooLong: '消息太长了。',
    },
  };

  var TOKEN_KEY = 'switchboard.visitorToken';
  var MAX_LENGTH = 4096;
  var lang = /^zh\b/i.test(navigator.language || '') ? 'zh' : 'en';
  var t = TEXTS[lang];
  var params = new URLSearchParams(location.search);
  var channelId = params.get('channel') || undefined;
  var tokenKey = channelId ? TOKEN_KEY + ':' + channelId : TOKEN_KEY;

  var list = document.querySelector('.chat__messages');
  var emptyNote = document.querySelector('.chat__empty');
  var statusLine = document.querySelector('.chat__status');
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

  function readToken() {
    try { return localStorage.getItem(tokenKey) || undefined; } catch (e) { return undefined; }
  }
  function saveToken(token) {
    try { localStorage.setItem(tokenKey, token); } catch (e) { /* private mode: the session lasts this tab */ }
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
      sender.textContent = message.senderName || t.agent;
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

  var socket = io('/visitor', {
    // A function, so every reconnect presents the token saved most recently.
    auth: function (cb) {
      var auth = {};
      var token = readToken();
      if (token) auth.visitorToken = token;
      if (channelId) auth.channelId = channelId;
      cb(auth);
    },
  });

  setStatus('connecting');

  socket.on('visitor:session', function (session) {
    saveToken(session.visitorToken);
    setStatus('online');
    socket.emit('visitor:history', {}, function (result) {
      if (result && result.ok) result.data.messages.forEach(showStored);
      flushPending();
    });
  });

  socket.on('message:new', showStored);

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
    socket.timeout(15000).emit('visitor:send', { clientId: entry.clientId, body: entry.body }, function (err, result) {
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
