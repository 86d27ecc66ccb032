'use strict';
// Staff console. Every piece of customer or staff text is put on the page with textContent,
// never as HTML, so a message like <img src=x onerror=alert(1)> shows literally and runs nothing.
// Logging out (or a session running out) empties every list and view: on a shared office screen
// nothing of a customer may stay behind the login form.
(function () {
  const $ = (id) => document.getElementById(id);
  const I18N = window.CONSOLE_I18N;
  let lang = (localStorage.getItem('console.lang') === 'en') ? 'en' : 'ko';
  let csrf = null;
  let me = null;
  let current = null;         // id of the ticket shown
  let currentTicket = null;
  let events = null;
  let intents = [];
  let staffDirectory = [];
  const tickets = new Map();  // open tickets: id -> {ticket, lastCustomerMessage, since (ms, client clock)}
  let historyPage = 0;
  let timers = [];

  // ---- words -------------------------------------------------------------------------------------
  function t(key, vars) {
    let s = (I18N[lang] && I18N[lang][key]) || I18N.ko[key] || key;
    if (vars) for (const k of Object.keys(vars)) s = s.split('{' + k + '}').join(String(vars[k]));
    return s;
  }
  // A code from the API (reason, status, channel, ...) in words; an unknown code shows as itself.
  function label(kind, code) {
    if (code === null || code === undefined || code === '') return '';
    const key = kind + '.' + code;
    return (I18N[lang][key] || I18N.ko[key]) ? t(key) : String(code);
  }
  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll('[data-i18n-aria]').forEach((e) => e.setAttribute('aria-label', t(e.dataset.i18nAria)));
    document.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
    $('lang-switch').textContent = t('lang.other');
    $('lang-switch').lang = lang === 'ko' ? 'en' : 'ko';
    updateNotifyButton();
    updateTitle();
  }
  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    if (seconds < 60) return t('time.s', { n: seconds });
    if (seconds < 3600) return t('time.m', { n: Math.floor(seconds / 60) });
    if (seconds < 86400) return t('time.hm', { h: Math.floor(seconds / 3600), m: Math.floor(seconds / 60) % 60 });
    return t('time.d', { n: Math.floor(seconds / 86400) });
  }
  function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    const opts = { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false };
    if (d.getFullYear() !== new Date().getFullYear()) opts.year = 'numeric';
    return d.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-GB', opts);
  }

  // ---- plumbing ----------------------------------------------------------------------------------
  async function api(method, path, body) {
    const headers = {};
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf || '';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (res.status === 401 && path !== '/staff/api/login') { showLogin(); }
    if (!res.ok) {
      const err = new Error(window.consoleErrorText(lang, data.error, res.status, res.headers.get('Retry-After')));
      err.code = data.error && data.error.code;
      err.status = res.status;
      throw err;
    }
    return data;
  }
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function badge(text, cls) { return el('span', text, 'badge ' + (cls || '')); }
  function every(ms, fn) { timers.push(setInterval(fn, ms)); }

  // ---- login / logout ------------------------------------------------------------------------------
  // Everything a customer wrote or left, in every view, is removed from the page.
  function clearConsole() {
    if (events) { events.close(); events = null; }
    timers.forEach(clearInterval); timers = [];
    csrf = null; me = null; current = null; currentTicket = null; tickets.clear();
    for (const id of ['queue', 'transcript', 'notes', 'context', 'contact', 'canned', 'other-tickets', 'unanswered',
      'proposals', 'dead-letters', 'history-results', 'reports-out', 'ticket-title', 'ticket-badges', 'ticket-status',
      'who-name', 'queue-count', 'unanswered-count', 'proposals-count', 'dead-count', 'history-summary', 'reply-mail-hint', 'consent', 'csat']) {
      $(id).replaceChildren();
    }
    for (const id of ['reply', 'note', 'canned-q', 'h-text', 'h-contact', 'password', 'faq-text']) $(id).value = '';
    $('faq-preview').replaceChildren(); $('faq-status').textContent = '';
    $('ticket').hidden = true; $('ticket-empty').hidden = false; $('history-table').hidden = true;
    $('history-prev').hidden = true; $('history-next').hidden = true;
    updateTitle();
  }
  function showLogin() {
    clearConsole();
    $('console-view').hidden = true; $('who').hidden = true; $('nav').hidden = true;
    $('login-view').hidden = false;
  }
  function showConsole(who) {
    me = who; csrf = who.csrfToken;
    $('who-name').textContent = who.name + ' (' + label('role', who.role) + ')';
    $('login-view').hidden = true; $('console-view').hidden = false; $('who').hidden = false; $('nav').hidden = false;
    showView('queue');
    loadQueue().catch(() => {});
    loadStaff();
    loadDeadLetters();
    loadProposals().then(loadUnanswered);
    loadFaq();
    listen();
    every(1000, tick);
    every(60000, () => loadUnanswered());
    every(30000, () => loadDeadLetters());
  }

  function showView(name) {
    // Every .view, including screens other scripts add (content-versions.js).
    document.querySelectorAll('#console-view > .view').forEach((v) => { v.hidden = v.id !== 'view-' + name; });
    document.querySelectorAll('.nav-btn').forEach((b) => {
      if (b.dataset.view === name) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
    });
    if (name === 'reports' && !$('reports-out').hasChildNodes()) loadReports();
    if (name === 'reports') loadAudit();
    if (name === 'history' && !$('history-results').hasChildNodes()) searchHistory(0);
  }

  // ---- notifications -------------------------------------------------------------------------------
  // Sound needs a user gesture first (browsers refuse audio before one): the context is made on login
  // or when the sound button is pressed. Desktop notifications are asked for only from the button.
  let audio = null;
  let soundOn = localStorage.getItem('console.sound') !== 'off';
  function ensureAudio() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) { try { audio = new Ctx(); } catch (e) { audio = null; } }
  }
  function beep() {
    if (!soundOn || !audio) return;
    const now = audio.currentTime;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(880, now);
    osc.frequency.setValueAtTime(660, now + 0.12);
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.3);
    osc.connect(gain).connect(audio.destination);
    osc.start(now); osc.stop(now + 0.32);
  }
  function updateNotifyButton() {
    const b = $('notify-permission');
    $('sound-toggle').setAttribute('aria-pressed', String(soundOn));
    if (!('Notification' in window)) { b.hidden = true; return; }
    b.hidden = false;
    const p = Notification.permission;
    b.textContent = t(p === 'granted' ? 'notify.on' : p === 'denied' ? 'notify.denied' : 'notify.enable');
    b.disabled = p !== 'default';
  }
  function announce(ticket) {
    beep();
    if ('Notification' in window && Notification.permission === 'granted' && (document.hidden || !document.hasFocus())) {
      // Codes only: a desktop notification may be seen by anyone passing by, so no customer text.
      const n = new Notification(t('notify.title'), { tag: 'ticket-' + ticket.id, body: t('notify.body',
        { reason: label('reason', ticket.reason), channel: label('channel', ticket.channel), language: label('language', ticket.language) }) });
      n.onclick = () => { window.focus(); openTicket(ticket.id); n.close(); };
    }
  }
  function waitingCount() { let n = 0; for (const v of tickets.values()) if (v.ticket.status === 'waiting') n++; return n; }
  function updateTitle() {
    const n = csrf ? waitingCount() : 0;
    document.title = (n > 0 ? '(' + n + ') ' : '') + t('doc.title') + ' · ' + I18N[lang === 'ko' ? 'en' : 'ko']['doc.title'];
    const pill = $('nav-waiting');
    pill.hidden = n === 0; pill.textContent = n > 0 ? String(n) : '';
  }

  // ---- queue ---------------------------------------------------------------------------------------
  async function loadQueue() {
    const data = await api('GET', '/staff/api/tickets');
    const now = Date.now();
    tickets.clear();
    data.tickets.forEach((v) => tickets.set(v.ticket.id, { ticket: v.ticket, lastCustomerMessage: v.lastCustomerMessage,
      since: now - v.waitingSeconds * 1000 }));
    renderQueue();
  }
  async function loadStaff() {
    const data = await api('GET', '/staff/api/staff').catch(() => null);
    if (data) staffDirectory = data.staff;
  }

  function renderQueue() {
    const list = $('queue');
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.ticket : null;
    list.replaceChildren();
    $('queue-count').textContent = '(' + tickets.size + ')';
    $('queue-empty').hidden = tickets.size > 0;
    for (const v of tickets.values()) {
      const tk = v.ticket;
      const li = el('li');
      const b = el('button', null, 'ticket-row status-' + tk.status);
      b.type = 'button';
      b.dataset.ticket = tk.id;
      if (current === tk.id) b.setAttribute('aria-current', 'true');
      const top = el('span', null, 'row-top');
      const wait = el('span', duration((Date.now() - v.since) / 1000), 'wait');
      wait.dataset.since = String(v.since);
      top.append(badge(label('status', tk.status), 'status-' + tk.status), el('span', label('reason', tk.reason), 'reason'), wait);
      const meta = el('span', [label('channel', tk.channel), label('language', tk.language)]
        .concat(tk.assignee ? [t('ticket.assignee', { name: tk.assignee })] : []).join(' · '), 'row-meta');
      const last = el('span', v.lastCustomerMessage || t('queue.noMessage'), 'row-last');
      b.append(top, meta, last);
      b.addEventListener('click', () => openTicket(tk.id));
      li.append(b);
      list.append(li);
    }
    if (focused && list.querySelector('[data-ticket="' + CSS.escape(focused) + '"]')) {
      list.querySelector('[data-ticket="' + CSS.escape(focused) + '"]').focus();
    }
    updateTitle();
  }

  // Arrow keys move between rows (Tab works too: every row is a button), Enter or Space opens one.
  function queueKeys(e) {
    const rows = [...$('queue').querySelectorAll('.ticket-row')];
    const i = rows.indexOf(document.activeElement);
    if (i < 0) return;
    let next = null;
    if (e.key === 'ArrowDown') next = rows[Math.min(i + 1, rows.length - 1)];
    else if (e.key === 'ArrowUp') next = rows[Math.max(i - 1, 0)];
    else if (e.key === 'Home') next = rows[0];
    else if (e.key === 'End') next = rows[rows.length - 1];
    if (next) { e.preventDefault(); next.focus(); }
  }

  // Waiting times tick every second without re-rendering (focus and scroll stay where they are).
  function tick() {
    const now = Date.now();
    document.querySelectorAll('.wait[data-since]').forEach((w) => {
      const s = duration((now - Number(w.dataset.since)) / 1000);
      const text = w.dataset.prefix ? t(w.dataset.prefix, { t: s }) : s;
      if (w.textContent !== text) w.textContent = text;
    });
  }

  // ---- one ticket ----------------------------------------------------------------------------------
  async function openTicket(id) {
    showView('queue');
    current = id;
    renderQueue();
    const v = await api('GET', '/staff/api/tickets/' + encodeURIComponent(id));
    if (current !== id) return;
    currentTicket = v.ticket;
    const tk = v.ticket;
    $('ticket-empty').hidden = true; $('ticket').hidden = false;
    $('ticket-title').textContent = t('ticket.title', { id: tk.id });
    const badges = $('ticket-badges');
    badges.replaceChildren(badge(label('status', tk.status), 'status-' + tk.status), badge(label('reason', tk.reason)),
      badge(label('channel', tk.channel)), badge(label('language', tk.language)));
    if (tk.status !== 'resolved') {
      const w = el('span', '', 'wait badge');
      w.dataset.since = String(Date.now() - v.waitingSeconds * 1000);
      w.dataset.prefix = 'ticket.waited';
      badges.append(w);
      tick();
    } else {
      badges.append(badge(when(tk.createdAt) + ' – ' + when(tk.updatedAt)));
    }
    const resolved = tk.status === 'resolved';
    $('ticket-actions').hidden = resolved;
    $('reply-form').hidden = resolved; $('canned-box').hidden = resolved; $('note-form').hidden = resolved;
    $('ticket-status').textContent = resolved ? t('ticket.readOnly')
      : (tk.assignee ? t('ticket.assignee', { name: tk.assignee }) : t('ticket.unassigned'));
    const mine = me && tk.assignee === me.username;
    $('claim').hidden = !!tk.assignee;
    $('unassign').hidden = !tk.assignee;
    $('reply').disabled = !mine;
    renderTransfer(tk);
    renderContact(tk, v.openedAfterHours);
    renderConsent(tk);
    renderSatisfaction(tk);
    const ctx = $('context'); ctx.replaceChildren();
    (tk.classifierContext || []).forEach((c) => ctx.append(el('li',
      c.topIntents.map((s) => label('intent', s.intent) + ' ' + Math.round(s.probability * 100) + '%').join(' · '))));
    if (!ctx.hasChildNodes()) ctx.append(el('li', t('ticket.noContext'), 'meta'));
    const list = $('transcript'); list.replaceChildren();
    (v.transcript || []).forEach(addMessage);
    renderNotes(v.notes || []);
    loadOtherTickets(tk);
    if (!resolved) searchCanned();
  }

  function renderTransfer(tk) {
    const select = $('transfer-to');
    select.replaceChildren();
    for (const s of staffDirectory) {
      if (s.username === tk.assignee) continue;
      const o = el('option', s.name + ' (' + s.username + ')');
      o.value = s.username;
      select.append(o);
    }
    const can = select.options.length > 0;
    select.disabled = !can; $('transfer').disabled = !can;
  }

  function renderContact(tk, openedAfterHours) {
    const box = $('contact');
    box.replaceChildren();
    $('reply-mail-hint').hidden = true;
    // Outside business hours the bot asked for a contact and none came; in them it asks for none.
    if (!tk.contact) {
      box.append(el('span', t(openedAfterHours ? 'ticket.noContactAfterHours' : 'ticket.noContact'), 'meta'));
      return;
    }
    // An e-mail address, a phone number, or both ("kim@example.co.kr, 010-1234-5678"): a link for each.
    const parts = tk.contact.split(', ');
    const email = parts.find((p) => p.includes('@'));
    parts.forEach((p, i) => {
      const link = el('a', p, 'contact-value');
      link.href = (p.includes('@') ? 'mailto:' : 'tel:') + p;
      if (i > 0) box.append(document.createTextNode(' · '));
      box.append(link);
    });
    if (tk.status !== 'resolved') box.append(el('span', t(email ? 'ticket.contactMail' : 'ticket.contactPhone'), 'meta'));
    if (email && tk.status !== 'resolved') {
      $('reply-mail-hint').textContent = t('reply.mailHint', { email });
      $('reply-mail-hint').hidden = false;
    }
  }

  /** The privacy-notice consent given with the contact: notice version, when, which items. */
  function renderConsent(tk) {
    const box = $('consent');
    box.replaceChildren();
    box.hidden = !tk.contact;
    if (!tk.contact) return;
    if (!tk.consent) { box.append(el('span', t('ticket.noConsent'), 'meta')); return; }
    const items = (tk.consent.items || []).map((i) => t('consent.item.' + i)).join(', ');
    box.append(el('span', t('ticket.consent', { version: tk.consent.noticeVersion, at: when(tk.consent.at), items: items })));
  }

  /** The customer's rating once staff resolved the ticket (the comment is customer text: shown as text). */
  function renderSatisfaction(tk) {
    const box = $('csat-box');
    const out = $('csat');
    out.replaceChildren();
    box.hidden = tk.status !== 'resolved';
    if (box.hidden) return;
    if (!tk.satisfaction) { out.append(el('span', t('ticket.csatNone'), 'meta')); return; }
    const score = el('strong', t('ticket.csatScore', { n: tk.satisfaction.score }), 'csat-score');
    out.append(score, el('span', when(tk.satisfaction.at), 'meta csat-at'));
    if (tk.satisfaction.comment) out.append(el('blockquote', tk.satisfaction.comment, 'csat-comment'));
  }

  function renderNotes(notes) {
    const list = $('notes'); list.replaceChildren();
    notes.forEach((n) => {
      const li = el('li');
      li.append(el('span', n.author + ' · ' + when(n.createdAt), 'meta'), el('span', n.text));
      list.append(li);
    });
    if (!notes.length) list.append(el('li', t('ticket.noNotes'), 'meta'));
  }

  // The other tickets of the same conversation (someone who asked for staff twice), newest first.
  async function loadOtherTickets(tk) {
    const data = await api('GET', '/staff/api/conversations/' + encodeURIComponent(tk.conversationId)).catch(() => null);
    const list = $('other-tickets'); list.replaceChildren();
    if (!data || current !== tk.id) return;
    const others = data.tickets.filter((x) => x.ticket.id !== tk.id);
    $('other-tickets-box').hidden = others.length === 0;
    for (const o of others) {
      const b = el('button', when(o.ticket.createdAt) + ' · ' + label('status', o.ticket.status) + ' · ' + label('reason', o.ticket.reason), 'link');
      b.type = 'button';
      b.addEventListener('click', () => openTicket(o.ticket.id));
      const li = el('li'); li.append(b); list.append(li);
    }
  }

  function addMessage(m) {
    const li = el('li', null, m.from);
    li.dataset.id = m.id;
    li.append(el('span', (m.author || label('from', m.from)) + ' · ' + when(m.createdAt)
      + (m.intent && m.from === 'user' ? ' · ' + label('intent', m.intent) : ''), 'meta'));
    li.append(el('span', m.text, 'text'));
    if (m.from === 'staff' && currentTicket) li.append(answerDraftForm(m.text, currentTicket));
    $('transcript').append(li);
    li.scrollIntoView({ block: 'nearest' });
  }

  async function act(path, body, done) {
    try {
      await api('POST', '/staff/api/tickets/' + encodeURIComponent(current) + path, body);
      if (path !== '/resolve') await openTicket(current);
      else { current = null; currentTicket = null; $('ticket').hidden = true; $('ticket-empty').hidden = false; }
      $('ticket-status').textContent = done || $('ticket-status').textContent;
      await loadQueue();
    } catch (err) { $('ticket-status').textContent = err.message; }
  }

  async function searchCanned() {
    if (!current) return;
    const data = await api('GET', '/staff/api/tickets/' + encodeURIComponent(current) + '/canned?q=' +
      encodeURIComponent($('canned-q').value)).catch(() => null);
    const list = $('canned'); list.replaceChildren();
    if (!data) return;
    data.answers.slice(0, 5).forEach((a) => {
      const li = el('li', a.title);
      const use = el('button', t('canned.use'));
      use.type = 'button';
      use.addEventListener('click', () => { $('reply').value = a.text; $('reply').focus(); });
      li.append(use);
      list.append(li);
    });
  }

  // ---- live ----------------------------------------------------------------------------------------
  function listen() {
    if (events) events.close();
    events = new EventSource('/staff/api/events');
    // The stream opens once the server hears every event: loading the queue then (and after a reconnect)
    // leaves no gap in which a new ticket is missed.
    events.addEventListener('open', () => loadQueue().catch(() => {}));
    events.addEventListener('ticket', (e) => {
      const tk = JSON.parse(e.data).ticket;
      if (tk.id === current && currentTicket && currentTicket.status === 'resolved') { currentTicket = tk; renderSatisfaction(tk); }
      const known = tickets.get(tk.id);
      if (tk.status === 'resolved') tickets.delete(tk.id);
      else {
        tickets.set(tk.id, Object.assign(known || { lastCustomerMessage: '', since: Date.now() }, { ticket: tk }));
        if (!known && tk.status === 'waiting') announce(tk);
      }
      renderQueue();
    });
    events.addEventListener('messages', (e) => {
      const data = JSON.parse(e.data);
      for (const v of tickets.values()) {
        if (v.ticket.conversationId !== data.conversationId) continue;
        // The request for staff ("상담원 연결") is no summary of what the company needs (as StaffDesk.lastCustomerText).
        data.messages.filter((m) => m.from === 'user' && (m.intent !== 'human_handoff' || !v.lastCustomerMessage))
          .forEach((m) => { v.lastCustomerMessage = m.text; });
        if (current === v.ticket.id) {
          const shown = new Set([...$('transcript').children].map((li) => li.dataset.id));
          data.messages.filter((m) => !shown.has(String(m.id))).forEach(addMessage);
        }
      }
      renderQueue();
    });
  }

  // ---- learning ------------------------------------------------------------------------------------
  // Questions the assistant fell back on or was unsure about, grouped by similarity, biggest first:
  // what the content should learn next.
  async function loadUnanswered() {
    const data = await api('GET', '/staff/api/unanswered').catch(() => null);
    if (!data || !csrf) return;
    $('unanswered-count').textContent = t('learning.groups', { groups: data.groups.length, n: data.questions });
    const list = $('unanswered');
    list.replaceChildren();
    for (const g of data.groups.slice(0, 50)) {
      const li = el('li');
      li.append(el('strong', t('learning.times', { n: g.count })), document.createTextNode(' '), el('span', g.example),
        el('span', g.languages.map((l) => label('language', l)).join('/')
          + (g.topIntent ? t('learning.near', { intent: label('intent', g.topIntent) }) : '')
          + t('learning.recent', { at: when(g.lastAsked) }), 'meta'));
      if (g.wordings.length > 1) li.append(el('span', t('learning.others', { list: g.wordings.slice(1).join(' / ') }), 'meta'));
      li.append(proposeForm(g));
      list.append(li);
    }
  }

  // A form that proposes something for an intent (staff propose, an admin decides): an intent picker
  // preselected with the classifier's guess, and a button. `payload(intent)` is what is proposed.
  function proposalForm(cls, text, guess, choices, payload) {
    const form = el('form', null, cls);
    const select = el('select');
    select.setAttribute('aria-label', t('learning.intentPicker'));
    for (const i of choices) {
      const o = el('option', label('intent', i) + ' (' + i + ')');
      o.value = i;
      if (i === guess) o.selected = true;
      select.append(o);
    }
    const button = el('button', text);
    button.type = 'submit';
    form.append(select, button);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await api('POST', '/staff/api/proposals', payload(select.value));
        button.textContent = t('learning.proposed');
        button.disabled = true;
        loadProposals();
      } catch (err) { button.textContent = err.message; }
    });
    return form;
  }

  // A good staff reply can become the FAQ answer for its intent, in the ticket's language.
  function answerDraftForm(text, ticket) {
    const answerable = intents.filter((x) => x !== 'fallback' && x !== 'human_handoff');
    const guess = ((ticket.classifierContext || [])[0] || { topIntents: [] }).topIntents.map((s) => s.intent)
      .find((i) => answerable.includes(i));
    return proposalForm('answer-draft', t('learning.answerDraft'), guess, answerable,
      (intent) => ({ kind: 'answer', intent, language: ticket.language, text }));
  }

  // "This wording means that intent", for an unanswered question.
  function proposeForm(group) {
    return proposalForm('propose', t('learning.propose'), group.topIntent, intents,
      (intent) => ({ intent, language: group.languages[0], text: group.example }));
  }

  async function loadProposals() {
    const data = await api('GET', '/staff/api/proposals').catch(() => null);
    if (!data || !csrf) return;
    intents = data.intents;
    fillSelect($('h-intent'), intents.map((i) => [i, label('intent', i)]));
    const pending = data.proposals.filter((p) => p.status === 'pending').length;
    $('proposals-count').textContent = t('learning.pending', { n: pending });
    const list = $('proposals');
    list.replaceChildren();
    for (const p of data.proposals.slice(0, 100)) {
      const li = el('li');
      li.dataset.proposal = p.id;
      li.dataset.status = p.status;
      li.append(badge(label('proposal', p.status), 'proposal-' + p.status),
        el('span', ' ' + (p.kind === 'answer' ? t('learning.answerPrefix') : '') + label('intent', p.intent) + ' (' + p.intent + ') · '
          + label('language', p.language) + ': '),
        el('span', p.text),
        el('span', p.proposedBy + (p.decidedBy ? ' → ' + p.decidedBy : ''), 'meta'));
      if (p.status === 'pending' && me && me.role === 'admin') {
        for (const [key, action] of [['learning.approve', 'approve'], ['learning.reject', 'reject']]) {
          const b = el('button', t(key), action);
          b.type = 'button';
          b.addEventListener('click', async () => {
            b.disabled = true;
            try {
              await api('POST', '/staff/api/proposals/' + encodeURIComponent(p.id) + '/' + action);
              loadProposals();
            } catch (err) { b.textContent = err.message; }
          });
          li.append(b);
        }
      }
      list.append(li);
    }
  }

  // The staff-access audit log, for admins: the newest 50 views, exports and erasures (the CSV has more).
  async function loadAudit() {
    if (!me || me.role !== 'admin') { $('audit-panel').hidden = true; return; }
    const data = await api('GET', '/staff/api/audit?limit=50').catch(() => null);
    if (!data) return;
    $('audit-panel').hidden = false;
    const rows = $('audit-rows');
    rows.replaceChildren();
    for (const e of data.entries) {
      const tr = el('tr');
      tr.append(el('td', when(e.at)), el('td', e.who), el('td', t('audit.' + e.action.toLowerCase())), el('td', e.target));
      rows.append(tr);
    }
  }

  // Messenger messages that never reached the customer after every retry: staff follow up by hand.
  async function loadDeadLetters() {
    const data = await api('GET', '/staff/api/dead-letters').catch(() => null);
    if (!data || !csrf) return;
    $('dead-letters-panel').hidden = data.total === 0;
    $('dead-count').textContent = '(' + data.total + ')';
    const list = $('dead-letters');
    list.replaceChildren();
    for (const d of data.deadLetters) {
      const li = el('li');
      li.append(el('span', when(d.failedAt) + ' · ' + label('channel', d.channel) + ' · ' + d.reason, 'meta'),
        el('span', d.conversationId ? t('learning.conversation', { id: d.conversationId }) : '', 'meta'), el('p', d.text));
      list.append(li);
    }
  }

  // ---- FAQ answers ---------------------------------------------------------------------------------
  // Editing goes through the same proposals as a staff reply drafted as an answer: staff propose, an
  // admin approves, and only then are the faq/ files changed (and validated, else refused).
  let faqEntries = [];
  async function loadFaq() {
    const data = await api('GET', '/staff/api/faq').catch(() => null);
    if (!data || !csrf) return;
    faqEntries = data.entries;
    const keep = $('faq-intent').value;
    $('faq-intent').replaceChildren(...faqEntries.map((e) => {
      const o = el('option', (lang === 'en' ? e.title.en : e.title.ko) + ' (' + e.intent + ')'); o.value = e.intent; return o;
    }));
    if (keep) $('faq-intent').value = keep;
    const lk = $('faq-language').value || 'ko';
    $('faq-language').replaceChildren(...['ko', 'en'].map((l) => { const o = el('option', label('language', l)); o.value = l; return o; }));
    $('faq-language').value = lk;
    fillFaqText();
  }
  function fillFaqText() {
    const e = faqEntries.find((x) => x.intent === $('faq-intent').value);
    $('faq-text').value = e ? e.answer[$('faq-language').value] || '' : '';
    $('faq-preview').hidden = true; $('faq-preview').replaceChildren(); $('faq-status').textContent = '';
  }
  async function previewFaq() {
    try {
      const r = await api('POST', '/staff/api/faq/preview', { intent: $('faq-intent').value, language: $('faq-language').value,
        text: $('faq-text').value });
      $('faq-preview').replaceChildren(el('strong', t('faq.previewTitle')), el('p', r.rendered, 'rendered'));
      $('faq-preview').hidden = false;
    } catch (err) { $('faq-status').textContent = err.message; }
  }
  async function proposeFaq(e) {
    e.preventDefault();
    try {
      await api('POST', '/staff/api/proposals', { kind: 'answer', intent: $('faq-intent').value, language: $('faq-language').value,
        text: $('faq-text').value });
      $('faq-status').textContent = t('faq.proposed');
      loadProposals();
    } catch (err) { $('faq-status').textContent = err.message; }
  }

  // ---- history -------------------------------------------------------------------------------------
  function fillSelect(select, pairs) {
    const keep = select.value;
    select.replaceChildren();
    const any = el('option', t('history.any')); any.value = ''; select.append(any);
    for (const [value, text] of pairs) { const o = el('option', text); o.value = value; select.append(o); }
    select.value = keep;
  }
  function fillFilters() {
    fillSelect($('h-channel'), ['web', 'kakao', 'telegram', 'line'].map((c) => [c, label('channel', c)]));
    fillSelect($('h-status'), ['waiting', 'assigned', 'resolved'].map((s) => [s, label('status', s)]));
    fillSelect($('h-intent'), intents.map((i) => [i, label('intent', i)]));
    const by = $('r-by'); const keep = by.value || 'day'; by.replaceChildren();
    for (const b of ['day', 'week']) { const o = el('option', t('reports.' + b)); o.value = b; by.append(o); }
    by.value = keep;
  }

  async function searchHistory(page) {
    const q = new URLSearchParams();
    const fields = { text: 'h-text', from: 'h-from', to: 'h-to', intent: 'h-intent', channel: 'h-channel', status: 'h-status', contact: 'h-contact' };
    for (const [k, id] of Object.entries(fields)) if ($(id).value) q.set(k, $(id).value);
    q.set('page', String(page)); q.set('size', '25');
    try {
      const data = await api('GET', '/staff/api/history?' + q.toString());
      historyPage = data.page;
      const body = $('history-results');
      body.replaceChildren();
      for (const r of data.results) {
        const tr = el('tr');
        const open = el('button', when(r.ticket.createdAt), 'link');
        open.type = 'button';
        open.dataset.ticket = r.ticket.id;
        open.addEventListener('click', () => openTicket(r.ticket.id));
        const first = el('td'); first.append(open);
        const st = el('td'); st.append(badge(label('status', r.ticket.status), 'status-' + r.ticket.status));
        tr.append(first, el('td', label('channel', r.ticket.channel) + ' · ' + label('language', r.ticket.language)),
          el('td', label('reason', r.ticket.reason)), st, el('td', r.ticket.contact || ''), el('td', r.snippet || '', 'snippet'));
        body.append(tr);
      }
      $('history-table').hidden = data.results.length === 0;
      $('history-summary').textContent = data.total === 0 ? t('history.none')
        : t('history.summary', { total: data.total, from: data.page * data.size + 1, to: data.page * data.size + data.results.length })
          + (data.truncated ? t('history.truncated', { n: data.scanned }) : '');
      $('history-prev').hidden = data.page === 0;
      $('history-next').hidden = (data.page + 1) * data.size >= data.total;
    } catch (err) { $('history-summary').textContent = err.message; }
  }

  // ---- reports -------------------------------------------------------------------------------------
  function reportQuery() {
    const q = new URLSearchParams();
    if ($('r-from').value) q.set('from', $('r-from').value);
    if ($('r-to').value) q.set('to', $('r-to').value);
    q.set('by', $('r-by').value || 'day');
    return q;
  }
  async function loadReports() {
    const q = reportQuery();
    const csv = new URLSearchParams(q); csv.set('format', 'csv');
    $('reports-csv').href = '/staff/api/reports?' + csv.toString();
    $('reports-note').textContent = t('reports.note');
    const out = $('reports-out');
    try {
      const data = await api('GET', '/staff/api/reports?' + q.toString());
      if (!$('r-from').value) $('r-from').value = data.from;
      if (!$('r-to').value) $('r-to').value = data.to;
      out.replaceChildren();
      // Key figures and charts (report-charts.js), then the full table and the breakdowns.
      if (window.ReportCharts) window.ReportCharts.render(out, data, label);
      out.append(reportTable(data), breakdown(t('reports.byChannel'), data.totals.byChannel, 'channel'),
        breakdown(t('reports.byIntent'), data.totals.byIntent, 'intent'));
    } catch (err) { out.replaceChildren(el('p', err.message, 'error')); }
  }
  function reportTable(data) {
    const wrap = el('div', null, 'table-wrap');
    const table = el('table', null, 'report');
    const cols = ['period', 'conversations', 'turns', 'handoffs', 'resolved', 'medianWait', 'unanswered'];
    const head = el('tr');
    cols.forEach((c) => { const th = el('th', t('reports.col.' + c)); th.scope = 'col'; head.append(th); });
    const thead = el('thead'); thead.append(head);
    const body = el('tbody');
    const row = (name, r, cls) => {
      const tr = el('tr', null, cls);
      const th = el('th', name); th.scope = 'row'; tr.append(th);
      tr.append(el('td', r.conversations), el('td', r.turns), el('td', r.handoffs), el('td', r.resolved),
        el('td', r.medianWaitSeconds === null ? '–' : duration(r.medianWaitSeconds)), el('td', r.unanswered));
      body.append(tr);
    };
    data.periods.forEach((p) => row(data.by === 'week' ? p.start + ' ~ ' + p.end : p.period, p));
    row(t('reports.total'), data.totals, 'total');
    table.append(thead, body);
    wrap.append(table);
    return wrap;
  }
  // A small bar list: counts per channel or intent, the biggest first.
  function breakdown(title, counts, kind) {
    const box = el('div', null, 'breakdown');
    box.append(el('h3', title));
    const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
    if (!entries.length) { box.append(el('p', t('reports.none'), 'meta')); return box; }
    const max = entries[0][1] || 1;
    const list = el('ul', null, 'bars');
    for (const [code, n] of entries) {
      const li = el('li');
      const bar = el('span', null, 'bar');
      bar.style.setProperty('--w', Math.max(2, Math.round(n / max * 100)) + '%');
      li.append(el('span', label(kind, code), 'bar-label'), bar, el('span', n, 'bar-n'));
      list.append(li);
    }
    box.append(list);
    return box;
  }

  // ---- wiring --------------------------------------------------------------------------------------
  document.addEventListener('DOMContentLoaded', async () => {
    applyLanguage();
    fillFilters();
    $('lang-switch').addEventListener('click', () => {
      lang = lang === 'ko' ? 'en' : 'ko';
      localStorage.setItem('console.lang', lang);
      applyLanguage(); fillFilters();
      if (csrf) {
        if (me) $('who-name').textContent = me.name + ' (' + label('role', me.role) + ')';
        renderQueue(); loadProposals().then(loadUnanswered); loadDeadLetters(); loadFaq();
        if (current) openTicket(current);
        if (!$('view-reports').hidden) loadReports();
        if (!$('view-history').hidden) searchHistory(historyPage);
      }
    });
    $('login-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      ensureAudio();
      try {
        const who = await api('POST', '/staff/api/login', { username: $('username').value, password: $('password').value });
        $('password').value = ''; $('login-error').textContent = '';
        showConsole(who);
      } catch (err) { $('login-error').textContent = err.message; }
    });
    $('logout').addEventListener('click', async () => {
      showLogin();  // the screen is cleared at once, whatever the network does
      await api('POST', '/staff/api/logout').catch(() => {});
    });
    document.querySelectorAll('.nav-btn').forEach((b) => b.addEventListener('click', () => showView(b.dataset.view)));
    $('sound-toggle').addEventListener('click', () => {
      soundOn = !soundOn;
      localStorage.setItem('console.sound', soundOn ? 'on' : 'off');
      ensureAudio();
      updateNotifyButton();
      if (soundOn) beep();
    });
    $('notify-permission').addEventListener('click', async () => {
      if (!('Notification' in window)) return;
      await Notification.requestPermission();
      updateNotifyButton();
    });
    $('queue').addEventListener('keydown', queueKeys);
    $('claim').addEventListener('click', () => act('/claim'));
    $('unassign').addEventListener('click', () => act('/unassign'));
    $('transfer').addEventListener('click', () => {
      const to = $('transfer-to').value;
      const who = staffDirectory.find((s) => s.username === to);
      act('/transfer', { to }, t('action.transferred', { name: who ? who.name : to }));
    });
    $('resolve').addEventListener('click', () => act('/resolve'));
    $('reply-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = $('reply').value;
      try {
        await api('POST', '/staff/api/tickets/' + encodeURIComponent(current) + '/reply', { text });
        $('reply').value = ''; $('ticket-status').textContent = '';
      } catch (err) { $('ticket-status').textContent = err.message; }
    });
    $('note-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      await act('/notes', { text: $('note').value });
      $('note').value = '';
    });
    $('canned-q').addEventListener('input', () => searchCanned());
    $('history-form').addEventListener('submit', (e) => { e.preventDefault(); searchHistory(0); });
    $('history-prev').addEventListener('click', () => searchHistory(Math.max(0, historyPage - 1)));
    $('history-next').addEventListener('click', () => searchHistory(historyPage + 1));
    $('faq-intent').addEventListener('change', fillFaqText);
    $('faq-language').addEventListener('change', fillFaqText);
    $('faq-preview-btn').addEventListener('click', previewFaq);
    $('faq-form').addEventListener('submit', proposeFaq);
    $('reports-form').addEventListener('submit', (e) => { e.preventDefault(); loadReports(); });
    $('r-by').addEventListener('change', () => loadReports());
    try { showConsole(await api('GET', '/staff/api/me')); } catch (err) { showLogin(); }
  });
})();
