/*
 * Chat widget for the Daejeon secondary-battery program assistant.
 * Embed: <script src="https://HOST/widget.js" data-locale="ko" async></script>
 * Options: data-locale (ko|en), data-title, data-position (right|left), data-color (#rrggbb), data-open (true).
 * Host CSP: script-src HOST; connect-src HOST; style-src HOST (only for browsers without constructable
 * stylesheets). No eval, no inline script or style; everything lives in a Shadow DOM.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) {
    var all = document.querySelectorAll('script[src*="widget.js"]');
    script = all[all.length - 1];
  }
  if (!script || window.__daejeonBatteryWidget) return;
  window.__daejeonBatteryWidget = true;

  var BASE = new URL(script.src, location.href).origin;
  var ds = script.dataset;
  var TEXT = {
    ko: { title: '이차전지 사업 문의', open: '문의 채팅 열기', close: '닫기', send: '보내기', placeholder: '질문을 입력하세요',
      typing: '답변을 준비하고 있어요…', fresh: '새 대화', lang: 'English', waiting: '상담원 연결 대기 중',
      withStaff: '상담원과 대화 중', you: '나', bot: '안내 도우미', error: '전송하지 못했어요. 잠시 후 다시 시도해 주세요.',
      tooLong: '메시지가 너무 깁니다.', unread: '새 메시지', dialog: '이차전지 사업 문의 채팅' },
    en: { title: 'Battery program help', open: 'Open chat', close: 'Close', send: 'Send', placeholder: 'Type your question',
      typing: 'Preparing an answer…', fresh: 'New chat', lang: '한국어', waiting: 'Waiting for staff',
      withStaff: 'Chatting with staff', you: 'You', bot: 'Assistant', error: 'Could not send. Please try again shortly.',
      tooLong: 'The message is too long.', unread: 'new messages', dialog: 'Battery program chat' }
  };
  var locale = ds.locale === 'en' ? 'en' : 'ko';
  var STORE = 'daejeon-battery-chat:' + BASE;
  var conv = load();
  var shown = {};
  var lastId = 0;
  var unread = 0;
  var stream = null;
  var retry = 1000;

  function t(key) { return TEXT[locale][key]; }
  function load() { try { return JSON.parse(localStorage.getItem(STORE)) || null; } catch (e) { return null; } }
  function save() { try { if (conv) localStorage.setItem(STORE, JSON.stringify(conv)); else localStorage.removeItem(STORE); } catch (e) { /* private mode */ } }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }

  // ---- DOM, isolated from the host page ----
  var host = document.createElement('div');
  host.setAttribute('data-daejeon-battery-widget', '');
  var root = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    fetch(BASE + '/widget.css').then(function (r) { return r.text(); }).then(function (css) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    });
  } else {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = BASE + '/widget.css';
    root.appendChild(link);
  }
  var accent = /^#[0-9a-fA-F]{3,8}$/.test(ds.color || '') ? ds.color : null;
  var side = ds.position === 'left' ? 'left' : 'right';

  var launcher = el('button', 'launcher');
  launcher.type = 'button';
  var icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
  icon.appendChild(path);
  launcher.appendChild(icon);
  launcher.setAttribute('aria-haspopup', 'dialog');
  launcher.setAttribute('aria-expanded', 'false');
  var badge = el('span', 'badge');
  badge.hidden = true;
  launcher.appendChild(badge);

  var panel = el('div', 'panel');
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  var head = el('div', 'head');
  var title = el('h2');
  var langBtn = el('button');
  langBtn.type = 'button';
  var freshBtn = el('button');
  freshBtn.type = 'button';
  var closeBtn = el('button', null, '✕');
  closeBtn.type = 'button';
  head.append(title, langBtn, freshBtn, closeBtn);
  var status = el('div', 'status');
  status.hidden = true;
  status.setAttribute('role', 'status');
  var log = el('ol', 'log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  var typing = el('div', 'typing');
  typing.hidden = true;
  var error = el('div', 'error');
  error.setAttribute('role', 'alert');
  var form = el('form');
  var label = el('label', 'sr');
  label.htmlFor = 'dbw-input';
  var input = el('textarea');
  input.id = 'dbw-input';
  input.maxLength = 2000;
  var sendBtn = el('button');
  sendBtn.type = 'submit';
  form.append(label, input, sendBtn);
  panel.append(head, status, log, typing, error, form);
  root.append(launcher, panel);
  [launcher, panel].forEach(function (n) {
    n.style[side] = '20px';
    if (accent) n.style.setProperty('--accent', accent);
  });

  function applyText() {
    title.textContent = ds.title || t('title');
    panel.setAttribute('aria-label', t('dialog'));
    launcher.setAttribute('aria-label', t('open'));
    closeBtn.setAttribute('aria-label', t('close'));
    langBtn.textContent = t('lang');
    freshBtn.textContent = t('fresh');
    label.textContent = t('placeholder');
    input.placeholder = t('placeholder');
    sendBtn.textContent = t('send');
    typing.textContent = t('typing');
  }

  // ---- rendering ----
  var URL_RE = /(https:\/\/[^\s<>"')]+|mailto:[^\s<>"')]+)/g;
  function linkify(parent, text) {
    var last = 0;
    text.replace(URL_RE, function (m, _g, offset) {
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var a = el('a', null, m);
      a.href = m;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      parent.appendChild(a);
      last = offset + m.length;
      return m;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function render(m, live) {
    if (!m || !m.id || shown[m.id]) return;
    shown[m.id] = true;
    lastId = Math.max(lastId, m.id);
    var li = el('li', 'msg ' + (m.from === 'user' ? 'user' : m.from === 'staff' ? 'staff' : 'bot'));
    li.dataset.id = m.id;
    linkify(li, m.text || '');
    (m.links || []).forEach(function (l) {
      // Outside links, or a calendar file served by this assistant's own server.
      var own = /^\/api\/v1\/training\/sessions\/[a-z0-9-]+\.ics\?lang=(ko|en)$/.test(l.url);
      if (!own && !/^(https:|mailto:|tel:)/.test(l.url)) return;
      li.appendChild(document.createElement('br'));
      var a = el('a', null, l.label);
      a.href = own ? BASE + l.url : l.url;
      if (own) a.setAttribute('download', '');
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      li.appendChild(a);
    });
    var who = m.from === 'user' ? t('you') : m.from === 'staff' ? (m.author || 'staff') : t('bot');
    var time = m.createdAt ? new Date(m.createdAt).toLocaleTimeString(locale === 'ko' ? 'ko-KR' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) : '';
    li.appendChild(el('span', 'meta', who + ' · ' + time));
    var old = log.querySelector('.replies');
    if (old && m.from !== 'user') old.remove();
    if (old && m.from === 'user') old.remove();
    log.appendChild(li);
    if (m.quickReplies && m.quickReplies.length) {
      var box = el('li', 'replies');
      m.quickReplies.forEach(function (q) {
        var b = el('button', null, q);
        b.type = 'button';
        b.addEventListener('click', function () { send(q); });
        box.appendChild(b);
      });
      log.appendChild(box);
    }
    updateStatus(m);
    log.scrollTop = log.scrollHeight;
    if (live && m.from !== 'user' && panel.hidden) {
      unread++;
      badge.textContent = String(unread);
      badge.hidden = false;
      launcher.setAttribute('aria-label', t('open') + ' (' + unread + ' ' + t('unread') + ')');
    }
  }

  function updateStatus(m) {
    if (m.kind === 'handoff' || m.kind === 'queue') { status.textContent = t('waiting') + (m.kind === 'queue' ? ' · ' + m.text : ''); status.hidden = false; }
    else if (m.kind === 'staff_joined') { status.textContent = t('withStaff') + ' · ' + m.text; status.hidden = false; }
    else if (m.from === 'staff' && status.hidden) { status.textContent = t('withStaff') + ' · ' + (m.author || ''); status.hidden = false; }
    else if (m.kind === 'resolved') { status.hidden = true; }
  }

  // ---- API ----
  function api(method, path, body, key) {
    var headers = { 'Accept': 'application/json' };
    if (conv) headers['Authorization'] = 'Bearer ' + conv.token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (key) headers['Idempotency-Key'] = key;
    return fetch(BASE + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) {
          if (!r.ok) {
            var e = new Error((data.error && data.error.message) || r.status); e.status = r.status;
            e.retryAfter = parseInt(r.headers.get('Retry-After') || '1', 10); throw e;
          }
          return data;
        });
      });
  }

  // One key per message: a retry (after a 503 or a lost answer) is recognised by the server, never stored twice.
  function messageKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
  }

  function postMessage(text, key, retries) {
    return api('POST', '/api/v1/conversations/' + encodeURIComponent(conv.id) + '/messages', { text: text }, key)
      .catch(function (e) {
        if (retries <= 0 || (e.status !== undefined && e.status !== 503)) throw e;
        var wait = Math.min(Math.max(e.retryAfter || 1, 1), 5) * 1000;
        return new Promise(function (resolve) { setTimeout(resolve, wait); })
          .then(function () { return postMessage(text, key, retries - 1); });
      });
  }

  function start() {
    if (conv) return Promise.resolve();
    return api('POST', '/api/v1/conversations', { locale: locale }).then(function (d) {
      conv = { id: d.id, token: d.token };
      save();
      d.messages.forEach(function (m) { render(m, false); });
      listen();
    });
  }

  function restore() {
    if (!conv) return Promise.resolve();
    return api('GET', '/api/v1/conversations/' + encodeURIComponent(conv.id) + '/messages').then(function (d) {
      d.messages.forEach(function (m) { render(m, false); });
      listen();
    }).catch(function (e) {
      if (e.status === 401 || e.status === 404) { conv = null; save(); }
    });
  }

  function send(text) {
    text = (text || '').trim();
    if (!text) return;
    if (text.length > 2000) { error.textContent = t('tooLong'); return; }
    error.textContent = '';
    typing.hidden = false;
    var key = messageKey();
    start().then(function () {
      return postMessage(text, key, 2);
    }).then(function (d) {
      render(d.userMessage, false);
      d.messages.forEach(function (m) { render(m, false); });
    }).catch(function () { error.textContent = t('error'); })
      .then(function () { typing.hidden = true; });
  }

  // Live messages (staff replies) over SSE read with fetch, so the token stays in a header.
  function listen() {
    if (stream || !conv) return;
    var controller = new AbortController();
    var mine = { controller: controller };
    stream = mine;
    fetch(BASE + '/api/v1/conversations/' + encodeURIComponent(conv.id) + '/events', {
      headers: { 'Authorization': 'Bearer ' + conv.token, 'Last-Event-ID': String(lastId), 'Accept': 'text/event-stream' },
      signal: controller.signal
    }).then(function (r) {
      if (!r.ok) { var e = new Error('events ' + r.status); e.status = r.status; throw e; }
      retry = 1000;
      var reader = r.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) throw new Error('stream ended');
          buffer += decoder.decode(chunk.value, { stream: true });
          var events = buffer.split('\n\n');
          buffer = events.pop();
          events.forEach(function (ev) {
            var data = ev.split('\n').filter(function (l) { return l.indexOf('data: ') === 0; })
              .map(function (l) { return l.slice(6); }).join('\n');
            if (data) render(JSON.parse(data), true);
          });
          return pump();
        });
      }
      return pump();
    }).catch(function (e) {
      if (stream !== mine) return;
      stream = null;
      if (e.status === 401 || e.status === 404) return;
      setTimeout(listen, retry);
      retry = Math.min(retry * 2, 30000);
    });
  }

  function openPanel() {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    unread = 0;
    badge.hidden = true;
    applyText();
    (conv ? Promise.resolve() : start()).then(function () { log.scrollTop = log.scrollHeight; });
    input.focus();
  }
  function closePanel() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', function () { if (panel.hidden) openPanel(); else closePanel(); });
  closeBtn.addEventListener('click', closePanel);
  panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') closePanel(); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value;
    input.value = '';
    send(text);
  });
  langBtn.addEventListener('click', function () { locale = locale === 'ko' ? 'en' : 'ko'; applyText(); });
  freshBtn.addEventListener('click', function () {
    if (stream) { var s = stream; stream = null; s.controller.abort(); }
    conv = null;
    save();
    shown = {};
    lastId = 0;
    log.textContent = '';
    status.hidden = true;
    start();
    input.focus();
  });

  applyText();
  (document.body || document.documentElement).appendChild(host);
  restore().then(function () { if (ds.open === 'true') openPanel(); });
})();
