'use strict';
// Staff console. Every piece of customer or staff text is put on the page with textContent,
// never as HTML, so a message like <img src=x onerror=alert(1)> shows literally and runs nothing.
(function () {
  const $ = (id) => document.getElementById(id);
  let csrf = null;
  let current = null;
  let events = null;
  const tickets = new Map();

  async function api(method, path, body) {
    const headers = {};
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf || '';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (res.status === 401 && path !== '/staff/api/login') { showLogin(); }
    if (!res.ok) throw new Error((data.error && data.error.message) || ('HTTP ' + res.status));
    return data;
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function showLogin() {
    $('login-view').hidden = false; $('console-view').hidden = true; $('who').hidden = true;
    if (events) { events.close(); events = null; }
  }

  function showConsole(me) {
    csrf = me.csrfToken;
    $('who-name').textContent = me.name + ' (' + me.role + ')';
    $('login-view').hidden = true; $('console-view').hidden = false; $('who').hidden = false;
    loadQueue();
    myRole = me.role;
    loadDeadLetters();
    loadProposals().then(loadUnanswered);
    listen();
  }

  // Questions the assistant fell back on or was unsure about, grouped by similarity, biggest first:
  // what the content should learn next.
  async function loadUnanswered() {
    const data = await api('GET', '/staff/api/unanswered').catch(() => null);
    if (!data) return;
    $('unanswered-count').textContent = '(' + data.groups.length + '개 묶음 · ' + data.questions + '건)';
    const list = $('unanswered');
    list.replaceChildren();
    for (const g of data.groups.slice(0, 50)) {
      const li = el('li');
      li.append(el('strong', g.count + '회'), document.createTextNode(' '), el('span', g.example),
        el('span', g.languages.join('/') + (g.topIntent ? ' · 가까운 주제: ' + g.topIntent : '') + ' · 최근 '
          + new Date(g.lastAsked).toLocaleString('ko-KR'), 'meta'));
      if (g.wordings.length > 1) li.append(el('span', '다른 표현: ' + g.wordings.slice(1).join(' / '), 'meta'));
      li.append(proposeForm(g));
      list.append(li);
    }
  }
  setInterval(() => { if (csrf && !$('console-view').hidden) loadUnanswered(); }, 60000);

  let intents = [];
  let myRole = null;
  let currentTicket = null;

  // A form that proposes something for an intent (staff propose, an admin decides): an intent picker
  // preselected with the classifier's guess, and a button. `payload(intent)` is what is proposed.
  function proposalForm(cls, label, guess, choices, payload) {
    const form = el('form', null, cls);
    const select = el('select');
    select.setAttribute('aria-label', '의도(intent)');
    for (const i of choices) {
      const o = el('option', i);
      o.value = i;
      if (i === guess) o.selected = true;
      select.append(o);
    }
    const button = el('button', label);
    button.type = 'submit';
    form.append(select, button);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await api('POST', '/staff/api/proposals', payload(select.value));
        button.textContent = '제안됨';
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
    return proposalForm('answer-draft', 'FAQ 답변으로 제안', guess, answerable,
      (intent) => ({ kind: 'answer', intent, language: ticket.language, text }));
  }

  // "This wording means that intent", for an unanswered question.
  function proposeForm(group) {
    return proposalForm('propose', '학습 문장으로 제안', group.topIntent, intents,
      (intent) => ({ intent, language: group.languages[0], text: group.example }));
  }

  async function loadProposals() {
    const data = await api('GET', '/staff/api/proposals').catch(() => null);
    if (!data) return;
    intents = data.intents;
    const pending = data.proposals.filter((p) => p.status === 'pending').length;
    $('proposals-count').textContent = '(대기 ' + pending + ')';
    const list = $('proposals');
    list.replaceChildren();
    for (const p of data.proposals.slice(0, 100)) {
      const li = el('li');
      li.dataset.proposal = p.id;
      li.append(el('span', '[' + p.status + '] ' + (p.kind === 'answer' ? 'FAQ 답변 ' : '') + p.intent + ' (' + p.language + '): '),
        el('span', p.text),
        el('span', p.proposedBy + (p.decidedBy ? ' → ' + p.decidedBy : ''), 'meta'));
      if (p.status === 'pending' && myRole === 'admin') {
        for (const [label, action] of [['승인', 'approve'], ['거절', 'reject']]) {
          const b = el('button', label, action);
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

  // Messenger messages that never reached the customer after every retry: staff follow up by hand.
  async function loadDeadLetters() {
    const data = await api('GET', '/staff/api/dead-letters').catch(() => null);
    if (!data) return;
    $('dead-letters-panel').hidden = data.total === 0;
    $('dead-count').textContent = '(' + data.total + ')';
    const list = $('dead-letters');
    list.replaceChildren();
    for (const d of data.deadLetters) {
      const li = el('li');
      li.append(el('span', new Date(d.failedAt).toLocaleString('ko-KR') + ' · ' + d.channel + ' · ' + d.reason, 'meta'),
        el('span', d.conversationId ? '대화 ' + d.conversationId : '', 'meta'), el('p', d.text));
      list.append(li);
    }
  }
  setInterval(() => { if (csrf && !$('console-view').hidden) loadDeadLetters(); }, 30000);

  function minutes(seconds) { return seconds < 60 ? seconds + '초' : Math.floor(seconds / 60) + '분'; }

  async function loadQueue() {
    const data = await api('GET', '/staff/api/tickets');
    tickets.clear();
    data.tickets.forEach((v) => tickets.set(v.ticket.id, v));
    renderQueue();
  }

  function renderQueue() {
    const body = $('queue');
    body.replaceChildren();
    $('queue-count').textContent = '(' + tickets.size + ')';
    for (const v of tickets.values()) {
      const tr = el('tr');
      tr.dataset.ticket = v.ticket.id;
      if (current === v.ticket.id) tr.className = 'selected';
      tr.append(el('td', minutes(v.waitingSeconds)), el('td', v.ticket.language), el('td', v.ticket.reason),
        el('td', v.ticket.assignee ? v.ticket.status + ' · ' + v.ticket.assignee : v.ticket.status),
        el('td', v.lastCustomerMessage || ''));
      tr.addEventListener('click', () => openTicket(v.ticket.id));
      body.append(tr);
    }
  }

  async function openTicket(id) {
    current = id;
    renderQueue();
    const v = await api('GET', '/staff/api/tickets/' + encodeURIComponent(id));
    currentTicket = v.ticket;
    $('ticket-empty').hidden = true; $('ticket').hidden = false;
    $('ticket-title').textContent = '상담 ' + v.ticket.id + ' · ' + v.ticket.channel + ' · ' + v.ticket.language;
    $('ticket-status').textContent = v.ticket.assignee ? '담당: ' + v.ticket.assignee : '미배정';
    const ctx = $('context'); ctx.replaceChildren();
    (v.ticket.classifierContext || []).forEach((c) => ctx.append(el('li',
      c.topIntents.map((s) => s.intent + ' ' + Math.round(s.probability * 100) + '%').join(' · '))));
    const list = $('transcript'); list.replaceChildren();
    (v.transcript || []).forEach(addMessage);
    const notes = $('notes'); notes.replaceChildren();
    (v.notes || []).forEach((n) => notes.append(el('li', n.author + ': ' + n.text)));
    searchCanned();
  }

  function addMessage(m) {
    const li = el('li', null, m.from);
    li.dataset.id = m.id;
    li.append(el('span', (m.author || m.from) + ' · ' + new Date(m.createdAt).toLocaleTimeString(), 'meta'));
    li.append(document.createTextNode(m.text));
    if (m.from === 'staff' && currentTicket) li.append(answerDraftForm(m.text, currentTicket));
    $('transcript').append(li);
    li.scrollIntoView({ block: 'nearest' });
  }

  function listen() {
    if (events) events.close();
    events = new EventSource('/staff/api/events');
    // The stream opens once the server hears every event: loading the queue then (and after a reconnect)
    // leaves no gap in which a new ticket is missed.
    events.addEventListener('open', () => loadQueue());
    events.addEventListener('ticket', (e) => {
      const t = JSON.parse(e.data).ticket;
      if (t.status === 'resolved') tickets.delete(t.id);
      else tickets.set(t.id, Object.assign(tickets.get(t.id) || { waitingSeconds: 0, lastCustomerMessage: '' }, { ticket: t }));
      renderQueue();
    });
    events.addEventListener('messages', (e) => {
      const data = JSON.parse(e.data);
      for (const v of tickets.values()) {
        if (v.ticket.conversationId !== data.conversationId) continue;
        data.messages.filter((m) => m.from === 'user').forEach((m) => { v.lastCustomerMessage = m.text; });
        if (current === v.ticket.id) {
          const shown = new Set([...$('transcript').children].map((li) => li.dataset.id));
          data.messages.filter((m) => !shown.has(String(m.id))).forEach(addMessage);
        }
      }
      renderQueue();
    });
  }

  async function act(path, body) {
    try {
      await api('POST', '/staff/api/tickets/' + encodeURIComponent(current) + path, body);
      $('ticket-status').textContent = '';
      if (path !== '/resolve') await openTicket(current);
      else { current = null; $('ticket').hidden = true; $('ticket-empty').hidden = false; }
      await loadQueue();
    } catch (err) { $('ticket-status').textContent = err.message; }
  }

  async function searchCanned() {
    if (!current) return;
    const data = await api('GET', '/staff/api/tickets/' + encodeURIComponent(current) + '/canned?q=' +
      encodeURIComponent($('canned-q').value));
    const list = $('canned'); list.replaceChildren();
    data.answers.slice(0, 5).forEach((a) => {
      const li = el('li', a.title);
      const use = el('button', '넣기');
      use.type = 'button';
      use.addEventListener('click', () => { $('reply').value = a.text; $('reply').focus(); });
      li.append(use);
      list.append(li);
    });
  }

  document.addEventListener('DOMContentLoaded', async () => {
    $('login-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        showConsole(await api('POST', '/staff/api/login', { username: $('username').value, password: $('password').value }));
        $('password').value = ''; $('login-error').textContent = '';
      } catch (err) { $('login-error').textContent = err.message; }
    });
    $('logout').addEventListener('click', async () => { await api('POST', '/staff/api/logout'); showLogin(); });
    $('claim').addEventListener('click', () => act('/claim'));
    $('unassign').addEventListener('click', () => act('/unassign'));
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
    try { showConsole(await api('GET', '/staff/api/me')); } catch (err) { showLogin(); }
  });
})();
