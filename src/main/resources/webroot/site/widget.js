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
      withStaff: '상담원과 대화 중', you: '나', bot: '안내 도우미', error: '전송하지 못했어요. 연결되면 자동으로 다시 보낼게요.',
      pending: '전송 대기 중', offline: '인터넷 연결이 끊겼어요. 입력하신 내용은 연결되면 보내 드릴게요.',
      renewed: '이전 대화가 만료되어 새 대화로 이어서 보내 드렸어요.', expired: '이전 대화가 만료되어 새 대화를 시작해요.',
      tooLong: '메시지가 너무 깁니다.', rejected: '이 메시지는 보낼 수 없어요. 고쳐서 다시 보내 주세요.',
      // API errors by code (the API's own message is English, for developers); others get 'error'.
      errors: { message_too_long: '메시지가 너무 깁니다.', empty_message: '내용을 입력해 주세요.', missing_text: '내용을 입력해 주세요.',
        invalid_text: '보낼 수 없는 내용이에요. 고쳐서 다시 보내 주세요.', rate_limited: '잠시 후 다시 보내 주세요. 요청이 너무 많았어요.',
        conversation_busy: '앞의 메시지를 처리하고 있어요. 잠시 후 다시 보내 주세요.', invalid_consent: '동의 내용을 확인해 주세요.',
        invalid_score: '1점에서 5점 사이로 골라 주세요.', comment_too_long: '의견이 너무 깁니다.', invalid_comment: '의견 내용을 확인해 주세요.',
        already_rated: '이미 평가하셨어요. 고맙습니다.', body_too_large: '메시지가 너무 깁니다.' },
      contactPlaceholder: '이메일 또는 전화번호 (선택)', noticeDetails: '보기',
      consentNeeded: '연락처를 남기시려면 개인정보 수집·이용 안내에 동의해 주세요. 동의하지 않으셔도 이 채팅에서 답변을 받으실 수 있어요.',
      csatLegend: '상담 만족도', csatScores: ['불만족', '조금 불만족', '보통', '만족', '매우 만족'], csatComment: '의견 (선택)',
      csatSend: '평가 보내기', csatThanks: '평가해 주셔서 감사합니다.', csatDone: '이미 평가하셨어요. 고맙습니다.', csatPick: '점수를 먼저 골라 주세요.',
      helpful: '도움이 되었나요?', rateUp: '도움이 되었어요', rateDown: '도움이 되지 않았어요', thanks: '의견 고마워요.', unread: '새 메시지', dialog: '이차전지 사업 문의 채팅' },
    en: { title: 'Battery program help', open: 'Open chat', close: 'Close', send: 'Send', placeholder: 'Type your question',
      typing: 'Preparing an answer…', fresh: 'New chat', lang: '한국어', waiting: 'Waiting for staff',
      withStaff: 'Chatting with staff', you: 'You', bot: 'Assistant', error: 'Could not send. It will be sent automatically once the connection is back.',
      pending: 'Waiting to send', offline: 'You are offline. What you typed will be sent once you are back online.',
      renewed: 'The previous chat had expired, so your message went to a new chat.', expired: 'The previous chat had expired; this is a new one.',
      tooLong: 'The message is too long.', rejected: 'This message cannot be sent. Please edit it and send again.',
      errors: { message_too_long: 'The message is too long.', empty_message: 'Please type a message.', missing_text: 'Please type a message.',
        invalid_text: 'This text cannot be sent. Please edit it and send again.', rate_limited: 'Too many messages: please wait a moment.',
        conversation_busy: 'Still working on your previous message. Please send again in a moment.', invalid_consent: 'Please check the consent.',
        invalid_score: 'Please choose a score from 1 to 5.', comment_too_long: 'The comment is too long.', invalid_comment: 'Please check the comment.',
        already_rated: 'You have rated this already. Thank you.', body_too_large: 'The message is too long.' },
      contactPlaceholder: 'E-mail or phone number (optional)', noticeDetails: '(details)',
      consentNeeded: 'To leave contact details, please agree to the privacy notice. Without them you can still get the answer in this chat.',
      csatLegend: 'Rate the conversation', csatScores: ['Poor', 'Fair', 'Good', 'Very good', 'Excellent'], csatComment: 'Comment (optional)',
      csatSend: 'Send rating', csatThanks: 'Thank you for rating our service.', csatDone: 'You have rated this already. Thank you.',
      csatPick: 'Please choose a score first.',
      helpful: 'Was it helpful?', rateUp: 'Helpful', rateDown: 'Not helpful', thanks: 'Thanks for telling us.', unread: 'new messages', dialog: 'Battery program chat' }
  };
  var STORE = 'daejeon-battery-chat:' + BASE;
  // The language the user chose with the language button wins over the page's data-locale, across reloads.
  var LOCALE = STORE + ':locale';
  var locale = (function () { try { return localStorage.getItem(LOCALE); } catch (e) { return null; } })();
  if (locale !== 'ko' && locale !== 'en') locale = ds.locale === 'en' ? 'en' : 'ko';
  // Unsent messages and the unfinished draft live in localStorage, so failures, offline periods and
  // reloads lose nothing typed.
  var OUTBOX = STORE + ':outbox';
  var DRAFT = STORE + ':draft';
  var conv = load();
  var outbox = loadList(OUTBOX);
  var flushing = false;
  var sendRetry = 1000;
  var sendTimer = null;
  var restored = false;
  var shown = {};
  var lastId = 0;
  var unread = 0;
  var stream = null;
  var retry = 1000;

  function t(key) { return TEXT[locale][key]; }
  /** An error from the API in the widget's language, by its code; a generic line for the others. */
  function errorText(e, fallback) { return (e && e.code && TEXT[locale].errors[e.code]) || t(fallback); }
  function load() { try { return JSON.parse(localStorage.getItem(STORE)) || null; } catch (e) { return null; } }
  function loadList(key) { try { var v = JSON.parse(localStorage.getItem(key)); return Array.isArray(v) ? v : []; } catch (e) { return []; } }
  function saveOutbox() { try { if (outbox.length) localStorage.setItem(OUTBOX, JSON.stringify(outbox)); else localStorage.removeItem(OUTBOX); } catch (e) { /* private mode */ } }
  function saveDraft(text) { try { if (text) localStorage.setItem(DRAFT, text); else localStorage.removeItem(DRAFT); } catch (e) { /* private mode */ } }
  function loadDraft() { try { return localStorage.getItem(DRAFT) || ''; } catch (e) { return ''; } }
  function save() { try { if (conv) localStorage.setItem(STORE, JSON.stringify(conv)); else localStorage.removeItem(STORE); } catch (e) { /* private mode */ } }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }

  var SVG = 'http://www.w3.org/2000/svg';
  /** An inline SVG icon (no icon font or emoji: those render as boxes where the font is missing). */
  function svgIcon(d, cls) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    if (cls) svg.setAttribute('class', cls);
    var p = document.createElementNS(SVG, 'path');
    p.setAttribute('d', d);
    svg.appendChild(p);
    return svg;
  }
  var ICON_CLOSE = 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12 19 6.4 17.6 5 12 10.6z';
  var ICON_UP = 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z';
  var ICON_DOWN = 'M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z';
  var ICON_CALENDAR = 'M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3V2zM5 9v10h14V9H5zm2 2h4v4H7v-4z';

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
  var closeBtn = el('button', 'icon');
  closeBtn.type = 'button';
  closeBtn.appendChild(svgIcon(ICON_CLOSE));
  head.append(title, langBtn, freshBtn, closeBtn);
  var status = el('div', 'status');
  status.hidden = true;
  status.setAttribute('role', 'status');
  // The log region scrolls; inside it the messages are a plain list (role=log on the <ol> itself would
  // take away its list semantics).
  var log = el('div', 'log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  log.tabIndex = 0;
  var list = el('ol', 'items');
  log.appendChild(list);
  // Announced politely when a reply is being prepared; empty (and not shown) otherwise.
  var typing = el('div', 'typing');
  typing.setAttribute('role', 'status');
  typing.setAttribute('aria-live', 'polite');
  var error = el('div', 'error');
  error.setAttribute('role', 'alert');
  // Shown before the input while the assistant asks for contact details (a handoff outside office hours).
  var privacy = el('section', 'privacy');
  privacy.id = 'dbw-privacy';
  privacy.hidden = true;
  var awaitingContact = false;
  // The privacy notice comes from the server (GET /api/v1/privacy-notice), so the retention it states is the
  // configured one; its version is sent with the consent and kept with the contact on the ticket.
  var notices = {};
  var consented = false;
  var noticeOpen = false;
  var form = el('form');
  var label = el('label', 'sr');
  label.htmlFor = 'dbw-input';
  var input = el('textarea');
  input.id = 'dbw-input';
  input.maxLength = 2000;
  var sendBtn = el('button');
  sendBtn.type = 'submit';
  form.append(label, input, sendBtn);
  panel.append(head, status, log, typing, error, privacy, form);
  root.append(launcher, panel);
  [launcher, panel].forEach(function (n) {
    n.style[side] = '20px';
    if (accent) n.style.setProperty('--accent', accent);
  });

  function applyText() {
    panel.lang = locale;
    // The page's own title is in the page's language; in the other language the widget's own title is used.
    title.textContent = ds.title && locale === (ds.locale === 'en' ? 'en' : 'ko') ? ds.title : t('title');
    panel.setAttribute('aria-label', t('dialog'));
    launcher.setAttribute('aria-label', t('open'));
    closeBtn.setAttribute('aria-label', t('close'));
    langBtn.textContent = t('lang');
    freshBtn.textContent = t('fresh');
    label.textContent = t('placeholder');
    input.placeholder = t('placeholder');
    sendBtn.textContent = t('send');
    renderPrivacy();
    if (typing.textContent) typing.textContent = t('typing');
    log.setAttribute('aria-label', t('dialog'));
  }

  function loadNotice() {
    var lang = locale;
    if (notices[lang]) return;
    notices[lang] = 'loading';
    fetch(BASE + '/api/v1/privacy-notice?lang=' + lang, { headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (n) { notices[lang] = n; if (lang === locale) renderPrivacy(); },
        function () { notices[lang] = null; });
  }

  function renderPrivacy() {
    privacy.textContent = '';
    privacy.hidden = !awaitingContact;
    if (awaitingContact) { input.setAttribute('aria-describedby', privacy.id); input.placeholder = t('contactPlaceholder'); }
    else { input.removeAttribute('aria-describedby'); input.placeholder = t('placeholder'); }
    if (!awaitingContact) return;
    var n = notices[locale];
    if (!n || n === 'loading') { privacy.hidden = true; loadNotice(); return; }
    var h = el('h3', null, n.title);
    h.id = 'dbw-privacy-title';
    privacy.setAttribute('aria-labelledby', h.id);
    var dl = el('dl');
    n.items.forEach(function (item) { dl.append(el('dt', null, item.term), el('dd', null, item.description)); });
    var more = el('a', null, n.moreLabel);
    more.href = /^https:/.test(n.moreUrl) ? n.moreUrl : 'https://www.djtp.or.kr/';
    more.target = '_blank';
    more.rel = 'noopener noreferrer';
    // The items are named in one line and the details fold out (the usual "[보기]" of Korean consent forms):
    // shown whole, the notice took most of a 1280 px widget and pushed the assistant's own after-hours reply
    // out of view. The consent box stays outside the fold.
    var terms = el('details', 'terms');
    terms.open = noticeOpen;
    terms.addEventListener('toggle', function () { noticeOpen = terms.open; });
    var summary = el('summary', null, n.items.map(function (item) { return item.term; }).join('·') + ' ' + t('noticeDetails'));
    terms.append(summary, dl, more);
    var agree = el('label', 'agree');
    var box = el('input');
    box.type = 'checkbox';
    box.id = 'dbw-consent';
    box.checked = consented;
    box.addEventListener('change', function () { consented = box.checked; if (consented) error.textContent = ''; });
    agree.append(box, el('span', null, n.consent));
    privacy.append(h, terms, agree);
    // The log just got shorter: keep the start of this turn's reply (the after-hours handoff text) in view.
    scrollToTurn();
  }

  function setAwaitingContact(on) {
    if (typeof on !== 'boolean' || on === awaitingContact) return;
    awaitingContact = on;
    if (!on) consented = false;
    renderPrivacy();
  }

  // ---- "Was it helpful?" on the assistant's answers (the last rating counts; remembered per conversation) ----
  var RATINGS = STORE + ':ratings';
  function ratingsOf(id) { try { return (JSON.parse(localStorage.getItem(RATINGS)) || {})[id] || {}; } catch (e) { return {}; } }
  function remember(id, messageId, rating) {
    try {
      var all = JSON.parse(localStorage.getItem(RATINGS)) || {};
      var mine = {};
      mine[messageId] = rating;
      // Only the current conversation's ratings are kept.
      var kept = {};
      kept[id] = Object.assign(all[id] || {}, mine);
      localStorage.setItem(RATINGS, JSON.stringify(kept));
    } catch (e) { /* private mode */ }
  }
  function rateable(m) {
    // Answers, not the greeting, the handoff lines or the pre-check's questions.
    return m.from === 'bot' && !m.kind && m.intent && ['greeting', 'human_handoff', 'eligibility'].indexOf(m.intent) < 0;
  }
  function ratingBar(m) {
    var bar = el('div', 'rate');
    bar.setAttribute('role', 'group');
    var ask = el('span', 'rate-ask', t('helpful'));
    ask.id = 'dbw-rate-' + m.id;
    bar.setAttribute('aria-labelledby', ask.id);
    var thanks = el('span', 'rate-thanks');
    thanks.setAttribute('role', 'status');
    // An answer belongs to the conversation it was shown in (an expired one may still be on screen).
    var owner = conv ? conv.id : null;
    var given = owner ? ratingsOf(owner)[m.id] : null;
    var buttons = [['up', ICON_UP, t('rateUp')], ['down', ICON_DOWN, t('rateDown')]].map(function (b) {
      var btn = el('button', 'rate-' + b[0]);
      btn.type = 'button';
      btn.setAttribute('aria-label', b[2]);
      btn.title = b[2];
      btn.setAttribute('aria-pressed', String(given === b[0]));
      btn.appendChild(svgIcon(b[1]));
      btn.addEventListener('click', function () {
        if (!conv || conv.id !== owner) return;
        var id = owner;
        api('POST', '/api/v1/conversations/' + encodeURIComponent(id) + '/messages/' + m.id + '/feedback', { rating: b[0] })
          .then(function () {
            remember(id, m.id, b[0]);
            buttons.forEach(function (o) { o.setAttribute('aria-pressed', String(o === btn)); });
            thanks.textContent = t('thanks');
          }, function () { thanks.textContent = t('error'); });
      });
      return btn;
    });
    bar.append(ask, buttons[0], buttons[1], thanks);
    return bar;
  }

  // ---- satisfaction when staff resolve: a rating card, one rating per ticket, changeable until sent ----
  var RATED = STORE + ':rated';
  function ratedTickets() { try { return JSON.parse(localStorage.getItem(RATED)) || {}; } catch (e) { return {}; } }
  function rememberRated(ticket, score) {
    try { var all = ratedTickets(); all[ticket] = score; localStorage.setItem(RATED, JSON.stringify(all)); } catch (e) { /* private mode */ }
  }
  function csatCard(m) {
    var card = el('div', 'csat');
    card.setAttribute('role', 'group');
    var legend = el('p', 'csat-legend', t('csatLegend'));
    legend.id = 'dbw-csat-' + m.id;
    card.setAttribute('aria-labelledby', legend.id);
    // Radio buttons: one tab stop, arrows move between the scores, the choice can change until it is sent.
    var note = el('p', 'csat-status');
    note.setAttribute('role', 'status');
    var scores = el('div', 'csat-scores');
    var radios = [];
    t('csatScores').forEach(function (name, i) {
      var opt = el('label', 'csat-score');
      var r = el('input');
      r.type = 'radio';
      r.name = 'dbw-csat-' + m.ticketId;
      r.value = String(i + 1);
      r.setAttribute('aria-label', (i + 1) + ' – ' + name);
      r.addEventListener('change', function () { if (note.textContent === t('csatPick')) note.textContent = ''; });
      opt.append(r, el('span', 'csat-n', String(i + 1)), el('span', 'csat-name', name));
      scores.appendChild(opt);
      radios.push(r);
    });
    var commentLabel = el('label', 'csat-comment-label', t('csatComment'));
    var comment = el('textarea', 'csat-comment');
    comment.id = 'dbw-csat-comment-' + m.id;
    commentLabel.htmlFor = comment.id;
    comment.maxLength = 1000;
    comment.rows = 2;
    var send = el('button', 'csat-send', t('csatSend'));
    send.type = 'button';
    function done(text, score) {
      radios.forEach(function (r) { r.disabled = true; if (score && r.value === String(score)) r.checked = true; });
      comment.disabled = true;
      // Nothing written (or not kept after a reload): no empty, disabled box.
      if (!comment.value) { comment.remove(); commentLabel.remove(); }
      send.disabled = true;
      card.classList.add('sent');
      note.textContent = text;
    }
    var owner = conv ? conv.id : null;
    send.addEventListener('click', function () {
      var chosen = radios.filter(function (r) { return r.checked; })[0];
      if (!chosen) { note.textContent = t('csatPick'); radios[0].focus(); return; }
      if (!conv || conv.id !== owner) return;
      send.disabled = true;
      var body = { score: parseInt(chosen.value, 10) };
      if (comment.value.trim()) body.comment = comment.value.trim();
      api('POST', '/api/v1/conversations/' + encodeURIComponent(owner) + '/tickets/' + encodeURIComponent(m.ticketId)
        + '/satisfaction', body).then(function () {
        rememberRated(m.ticketId, body.score);
        done(t('csatThanks'), body.score);
        emit('rated', { ticketId: m.ticketId, score: body.score });
      }, function (e) {
        if (e.status === 409) { rememberRated(m.ticketId, 0); done(t('csatDone')); return; }
        send.disabled = false;
        note.textContent = errorText(e, 'error');
      });
    });
    card.append(legend, scores, commentLabel, comment, send, note);
    var before = ratedTickets()[m.ticketId];
    if (before !== undefined) done(before ? t('csatThanks') : t('csatDone'), before);
    return card;
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

  /** A message's time as people write it: "09:00" today, "3월 4일 (수) 09:00" / "Wed, 4 Mar, 09:00" before. */
  function when(d) {
    var tag = locale === 'ko' ? 'ko-KR' : 'en-GB';
    var hm = d.toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit', hour12: false });
    if (d.toDateString() === new Date().toDateString()) return hm;
    if (locale === 'ko') return (d.getMonth() + 1) + '월 ' + d.getDate() + '일 (' + d.toLocaleDateString(tag, { weekday: 'short' }) + ') ' + hm;
    return d.toLocaleDateString(tag, { weekday: 'short', day: 'numeric', month: 'short' }) + ', ' + hm;
  }

  /** The language of a text, as the server decides it: a Hangul syllable weighs about three Latin letters. */
  function languageOf(text) {
    var hangul = (text.match(/[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]/g) || []).length;
    var latin = (text.replace(/https:\/\/\S+|\S+@\S+/g, '').match(/[A-Za-z]/g) || []).length;
    if (!hangul && !latin) return locale;
    return hangul * 3 >= latin ? 'ko' : 'en';
  }

  /**
   * The lines the server sends when a conversation is handed over (started, after hours, queue position)
   * belong together: they are shown as one bubble.
   */
  function joinsHandoffBubble(m) {
    if (m.from !== 'bot' || m.intent !== 'human_handoff' || (m.kind && m.kind !== 'queue')) return null;
    var items = list.querySelectorAll(':scope > li:not(.pending)');
    var last = items.length ? items[items.length - 1] : null;
    return last && last.dataset.group === 'handoff' ? last : null;
  }

  /** The first reply of the current turn: a long answer (a pre-check result) is read from its start. */
  var turnStart = null;

  /** To the bottom, unless that would push the start of this turn's first reply out of view. */
  function scrollToTurn() {
    var bottom = log.scrollHeight - log.clientHeight;
    if (!turnStart || !turnStart.isConnected) { log.scrollTop = log.scrollHeight; return; }
    var top = turnStart.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop - 8;
    log.scrollTop = Math.max(0, Math.min(bottom, top));
  }

  function render(m, live) {
    if (!m || !m.id || shown[m.id]) return;
    shown[m.id] = true;
    lastId = Math.max(lastId, m.id);
    var bubble = joinsHandoffBubble(m);
    if (bubble) {
      var p = el('p');
      linkify(p, m.text || '');
      bubble.insertBefore(p, bubble.querySelector('.meta'));
      updateStatus(m);
      return;
    }
    var li = el('li', 'msg ' + (m.from === 'user' ? 'user' : m.from === 'staff' ? 'staff' : 'bot'));
    li.dataset.id = m.id;
    li.lang = languageOf(m.text || '');
    if (m.kind === 'handoff') li.dataset.group = 'handoff';
    var body = el('p');
    linkify(body, m.text || '');
    li.appendChild(body);
    var links = el('ul', 'links');
    (m.links || []).forEach(function (l) {
      // Outside links, or a calendar file served by this assistant's own server.
      var own = /^\/api\/v1\/training\/sessions\/[a-z0-9-]+\.ics\?lang=(ko|en)$/.test(l.url);
      if (!own && !/^(https:|mailto:|tel:)/.test(l.url)) return;
      var item = el('li');
      // Emoji in labels ("📅 …") become an SVG icon: emoji fonts are missing on many systems.
      var a = el('a', null, null);
      if (own) a.appendChild(svgIcon(ICON_CALENDAR, 'ico'));
      a.appendChild(document.createTextNode(String(l.label || '').replace(/^[^\p{L}\p{N}]+/u, '')));
      a.href = own ? BASE + l.url : l.url;
      if (own) a.setAttribute('download', '');
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      item.appendChild(a);
      links.appendChild(item);
    });
    if (links.childNodes.length) li.appendChild(links);
    if (rateable(m)) li.appendChild(ratingBar(m));
    if (m.kind === 'csat' && m.ticketId) { li.classList.add('has-csat'); li.appendChild(csatCard(m)); }
    var who = m.from === 'user' ? t('you') : m.from === 'staff' ? (m.author || 'staff') : t('bot');
    var time = m.createdAt ? when(new Date(m.createdAt)) : '';
    li.appendChild(el('span', 'meta', who + ' · ' + time));
    var old = list.querySelector('.replies');
    // Two answers in one turn: the first one's offer ("미리 확인해 보시겠어요?") keeps its button next to the second's.
    var replies = (m.quickReplies || []).slice();
    if (old && m.from === 'bot' && old.dataset.from === 'bot') {
      var kept = Array.prototype.map.call(old.querySelectorAll('button'), function (b) { return b.textContent; });
      replies = kept.concat(replies.filter(function (q) { return kept.indexOf(q) < 0; }));
    }
    if (old) old.remove();
    var anchor = list.querySelector('.pending');
    list.insertBefore(li, anchor);
    if (m.from === 'user') turnStart = null;
    else if (!turnStart) turnStart = li;
    if (replies.length) {
      var box = el('li', 'replies');
      box.dataset.from = m.from;
      replies.forEach(function (q) {
        var b = el('button', null, q);
        b.type = 'button';
        b.addEventListener('click', function (e) {
          send(q);
          // The button goes away with the answer: a keyboard user stays in the composer (a tap does not
          // open the phone's keyboard).
          if (e.detail === 0) input.focus();
        });
        box.appendChild(b);
      });
      list.insertBefore(box, anchor);
    }
    updateStatus(m);
    scrollToTurn();
    if (isReady) emit('message', { id: m.id, from: m.from, text: m.text, kind: m.kind || null, createdAt: m.createdAt });
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
    else if (m.kind === 'resolved') { status.hidden = true; setAwaitingContact(false); }
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
            e.code = data.error && data.error.code;
            e.retryAfter = parseInt(r.headers.get('Retry-After') || '1', 10); throw e;
          }
          return data;
        });
      });
  }

  /** Starts a conversation unless there is one; {@code quiet} skips the greeting (a replaced conversation). */
  var starting = null;
  function start(quiet) {
    if (conv) return Promise.resolve();
    // One conversation even when opening the panel and a first send race.
    if (starting) return starting;
    starting = api('POST', '/api/v1/conversations', { locale: locale }).then(function (d) {
      conv = { id: d.id, token: d.token };
      restored = true;
      save();
      d.messages.forEach(function (m) { if (quiet) { shown[m.id] = true; lastId = Math.max(lastId, m.id); } else render(m, false); });
      listen();
    });
    var mine = starting;
    starting.then(function () { if (starting === mine) starting = null; }, function () { if (starting === mine) starting = null; });
    return starting;
  }

  function restore() {
    if (!conv) { restored = true; return Promise.resolve(); }
    return api('GET', '/api/v1/conversations/' + encodeURIComponent(conv.id) + '/messages').then(function (d) {
      restored = true;
      d.messages.forEach(function (m) { render(m, false); });
      setAwaitingContact(d.awaitingContact);
      listen();
    }).catch(function (e) {
      if (e.status === 401 || e.status === 404) restored = true;
      if (e.status === 401 || e.status === 404) { forgetConversation(); notice(t('expired')); }
    });
  }

  // ---- sending: an outbox that survives failures, offline periods and reloads ----
  function send(text) {
    text = (text || '').trim();
    if (!text) return;
    if (text.length > 2000) { error.textContent = t('tooLong'); input.value = text; return; }
    error.textContent = '';
    var item = { key: Date.now().toString(36) + Math.random().toString(36).slice(2, 8), text: text };
    // Consent travels with the message it was given for (and survives a reload in the outbox).
    var notice = notices[locale];
    if (awaitingContact && consented && notice && notice.version) item.consent = { noticeVersion: notice.version, items: notice.consentItems };
    outbox.push(item);
    saveOutbox();
    renderPending(item);
    flush();
  }

  function renderPending(item) {
    var li = el('li', 'msg user pending');
    li.dataset.pending = item.key;
    li.lang = languageOf(item.text);
    li.appendChild(document.createTextNode(item.text));
    li.appendChild(el('span', 'meta', t('you') + ' · ' + t('pending')));
    list.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }

  function dropPending(key) {
    var li = list.querySelector('[data-pending="' + key + '"]');
    if (li) li.remove();
  }

  /** A conversation the server no longer knows (expired, unknown): forget it; the next send starts a new one. */
  function forgetConversation() {
    if (stream) { var s = stream; stream = null; s.controller.abort(); }
    setAwaitingContact(false);
    conv = null;
    save();
    shown = {};
    lastId = 0;
    status.hidden = true;
  }

  function notice(text) {
    var li = el('li', 'notice', text);
    list.insertBefore(li, list.querySelector('.pending'));
  }

  function scheduleFlush() {
    if (sendTimer) return;
    sendTimer = setTimeout(function () { sendTimer = null; flush(); }, sendRetry);
    sendRetry = Math.min(sendRetry * 2, 15000);
  }

  function flush() {
    if (flushing || !outbox.length) return;
    if (navigator.onLine === false) { error.textContent = t('offline'); return; }
    flushing = true;
    typing.textContent = t('typing');
    var item = outbox[0];
    var renewed = false;
    function attempt() {
      var fresh = !conv;
      return start(fresh && renewed).then(function () {
        // After a reload that could not read the transcript, read it before sending (history stays in order).
        if (!restored) return restore();
      }).then(function () {
        if (!conv) return start(true);
      }).then(function () {
        // The outbox key is the message's idempotency key: a retry after a lost answer is recognised, never stored twice.
        var body = { text: item.text };
        if (item.consent) body.consent = item.consent;
        return api('POST', '/api/v1/conversations/' + encodeURIComponent(conv.id) + '/messages', body, item.key);
      }).catch(function (e) {
        // Expired or unknown: once, a new conversation takes the message (the user is told in one line).
        if ((e.status === 404 || e.status === 401) && !fresh && !renewed) {
          renewed = true;
          forgetConversation();
          notice(t('renewed'));
          return attempt();
        }
        throw e;
      });
    }
    attempt().then(function (d) {
      outbox.shift();
      saveOutbox();
      dropPending(item.key);
      sendRetry = 1000;
      error.textContent = '';
      render(d.userMessage, false);
      d.messages.forEach(function (m) { render(m, false); });
      setAwaitingContact(d.awaitingContact);
    }, function (e) {
      if (e.status === 400 || e.status === 413 || e.status === 415) {
        // The server will never take this text: give it back to the user to edit.
        outbox.shift();
        saveOutbox();
        dropPending(item.key);
        if (!input.value) { input.value = item.text; saveDraft(item.text); }
        if (e.code === 'consent_required') {
          // No consent, no storing: the text comes back, the notice's box is where to go next.
          error.textContent = t('consentNeeded');
          var box = privacy.querySelector('#dbw-consent');
          if (box) box.focus();
          return;
        }
        error.textContent = errorText(e, 'rejected');
        return;
      }
      error.textContent = navigator.onLine === false ? t('offline') : t('error');
      scheduleFlush();
    }).then(function () {
      flushing = false;
      typing.textContent = '';
      if (outbox.length && !sendTimer) flush();
    });
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
    emit('open', {});
  }
  function closePanel(keepFocus) {
    if (panel.hidden) return;
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    if (keepFocus !== true) launcher.focus();
    emit('close', {});
  }

  launcher.addEventListener('click', function () { if (panel.hidden) openPanel(); else closePanel(); });
  closeBtn.addEventListener('click', function () { closePanel(); });
  panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') closePanel(); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value;
    input.value = '';
    saveDraft('');
    send(text);
  });
  input.addEventListener('input', function () { saveDraft(input.value); });
  window.addEventListener('online', function () { sendRetry = 1000; if (sendTimer) { clearTimeout(sendTimer); sendTimer = null; } error.textContent = ''; flush(); });
  window.addEventListener('offline', function () { if (outbox.length) error.textContent = t('offline'); });
  // The language button switches the conversation itself: the server continues in that language and greets
  // in it with the top topics, so the quick replies switch too.
  langBtn.addEventListener('click', function () { setLocale(locale === 'ko' ? 'en' : 'ko'); });
  function setLocale(next) {
    if ((next !== 'ko' && next !== 'en') || next === locale) return;
    locale = next;
    try { localStorage.setItem(LOCALE, locale); } catch (e) { /* private mode */ }
    applyText();
    if (!conv) return;
    api('PATCH', '/api/v1/conversations/' + encodeURIComponent(conv.id), { locale: locale }).then(function (d) {
      d.messages.forEach(function (m) { render(m, false); });
    }, function () { /* the next message carries on; an expired conversation is replaced then */ });
  }
  freshBtn.addEventListener('click', function () {
    forgetConversation();
    list.textContent = '';
    start();
    input.focus();
  });

  applyText();
  input.value = loadDraft();
  (document.body || document.documentElement).appendChild(host);
  // ---- JavaScript API for the host page (like Chatwoot's $chatwoot): window.DaejeonBatteryChat ----
  // Calls made before this script loaded were queued by the page's two-line stub (see docs/widget.md):
  //   window.DaejeonBatteryChat = window.DaejeonBatteryChat || function () { (DaejeonBatteryChat.q = DaejeonBatteryChat.q || []).push(arguments); };
  var isReady = false;
  var handlers = { ready: [], open: [], close: [], message: [], rated: [] };
  function emit(name, detail) {
    (handlers[name] || []).slice().forEach(function (fn) {
      try { fn(detail); } catch (e) { if (window.console) console.error(e); }
    });
  }
  /** Forgets the conversation on this browser (e.g. the host page's user logged out); the next open starts anew. */
  function reset() {
    forgetConversation();
    list.textContent = '';
    outbox = [];
    saveOutbox();
    saveDraft('');
    input.value = '';
    error.textContent = '';
    try { localStorage.removeItem(RATINGS); localStorage.removeItem(RATED); } catch (e) { /* private mode */ }
    if (!panel.hidden) start();
  }
  var methods = {
    open: function () { if (panel.hidden) openPanel(); },
    close: function () { closePanel(true); },
    toggle: function () { if (panel.hidden) openPanel(); else closePanel(true); },
    setLocale: function (l) { setLocale(l); },
    reset: reset,
    isOpen: function () { return !panel.hidden; },
    on: function (name, fn) {
      if (!handlers[name] || typeof fn !== 'function') return;
      handlers[name].push(fn);
      // Late listeners for "ready" are called at once, as the event has passed.
      if (name === 'ready' && isReady) setTimeout(function () { fn({ locale: locale }); }, 0);
    },
    off: function (name, fn) {
      if (!handlers[name]) return;
      handlers[name] = fn ? handlers[name].filter(function (h) { return h !== fn; }) : [];
    }
  };
  var queued = window.DaejeonBatteryChat && window.DaejeonBatteryChat.q ? window.DaejeonBatteryChat.q : [];
  var chat = function (name) {
    if (typeof methods[name] === 'function') return methods[name].apply(null, Array.prototype.slice.call(arguments, 1));
  };
  Object.keys(methods).forEach(function (k) { chat[k] = methods[k]; });
  chat.version = 1;
  window.DaejeonBatteryChat = chat;
  // Listeners first, so a queued on('ready', …) hears the ready that follows; then the other calls in order.
  Array.prototype.slice.call(queued).forEach(function (args) { if (args[0] === 'on') chat.apply(null, args); });

  restore().then(function () {
    outbox.forEach(renderPending);
    flush();
    if (ds.open === 'true' || outbox.length) openPanel();
    Array.prototype.slice.call(queued).forEach(function (args) { if (args[0] !== 'on') chat.apply(null, args); });
    isReady = true;
    emit('ready', { locale: locale });
  });
})();
