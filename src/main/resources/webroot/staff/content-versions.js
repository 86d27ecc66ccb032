'use strict';
// Staff console: the content's version history ("버전 기록": who changed what and when, a diff of each
// changed file, "restore this version" for admins) and staff accounts ("계정 관리", admins only).
// Self-contained next to console.js: it adds its words to CONSOLE_I18N, reads the session from
// /staff/api/me, and puts every text on the page with textContent. Its screens are emptied when the
// console is hidden (logout), like the rest of the console.
(function () {
  const $ = (id) => document.getElementById(id);
  const view = $('console-view');
  const I18N = window.CONSOLE_I18N;
  if (!view || !I18N || !$('view-versions')) return;

  Object.assign(I18N.ko, {
    'nav.versions': '버전 기록', 'nav.accounts': '계정 관리',
    'versions.title': '콘텐츠 버전 기록', 'versions.pick': '왼쪽 목록에서 버전을 선택하면 바뀐 내용을 볼 수 있습니다.',
    'versions.status': '이 서버: {state} · 최신 버전 {latest}', 'versions.current': '현재',
    'versions.files': '파일 {n}개', 'versions.by': '{who}', 'versions.restore': '이 버전으로 되돌리기',
    'versions.confirm': '버전 {n}의 내용으로 되돌릴까요? 되돌리기도 새 버전으로 기록됩니다.',
    'versions.restored': '버전 {n}(으)로 되돌렸습니다: 새 버전 {v}.', 'versions.onlyAdmin': '되돌리기는 관리자만 할 수 있습니다.',
    'versions.added': '새 파일', 'versions.removed': '삭제된 파일', 'versions.changed': '바뀐 파일', 'versions.truncated': '(일부만 표시)',
    'versions.export': '현재 버전 내보내기 (JSON)', 'versions.detailTitle': '버전 {n} · {who} · {when}',
    'versions.noChanges': '바뀐 파일이 없습니다.',
    'summary.answer': '답변 수정: {intent} ({language}) · 제안 {by}', 'summary.wording': '문장 학습: {intent} ({language}) · 제안 {by}',
    'summary.restored': '버전 {n}(으)로 되돌림', 'summary.bootstrap': '저장소 파일(intents/, faq/)에서 처음 만든 버전',
    'summary.imported': '서버의 파일 수정을 가져옴',
    'state.serving': '버전 {n} 제공 중', 'state.training': '버전 {n} 학습 중', 'state.waiting': '다른 서버가 버전 {n} 학습 중',
    'state.loading': '버전 {n} 불러오는 중',
    'accounts.title': '계정 관리', 'accounts.username': '아이디', 'accounts.name': '이름', 'accounts.role': '역할',
    'accounts.state': '상태', 'accounts.actions': '관리', 'accounts.add': '계정 추가', 'accounts.addButton': '추가',
    'accounts.password': '임시 비밀번호 (10자 이상)', 'accounts.log': '변경 기록', 'accounts.active': '사용 중',
    'accounts.disabled': '사용 중지', 'accounts.disable': '사용 중지', 'accounts.enable': '다시 사용',
    'accounts.makeAdmin': '관리자로 변경', 'accounts.makeAgent': '상담원으로 변경', 'accounts.reset': '비밀번호 재설정',
    'accounts.newPassword': '새 비밀번호 ({n}자 이상)', 'accounts.save': '저장', 'accounts.cancel': '취소',
    'accounts.you': '(나)', 'accounts.done': '저장했습니다.', 'accounts.addedDone': '{user} 계정을 추가했습니다.',
    'accounts.logLine': '{when} · {by} → {user}: {action}',
    'action.add': '추가', 'action.disable': '사용 중지', 'action.enable': '다시 사용', 'action.change': '변경',
    'action.reset_password': '비밀번호 재설정', 'action.bootstrap': '계정 파일에서 불러옴',
    'action.rehash': '로그인 시 비밀번호 해시 강화',
  });
  Object.assign(I18N.en, {
    'nav.versions': 'Versions', 'nav.accounts': 'Accounts',
    'versions.title': 'Content versions', 'versions.pick': 'Pick a version on the left to see what it changed.',
    'versions.status': 'This server: {state} · latest version {latest}', 'versions.current': 'current',
    'versions.files': '{n} file(s)', 'versions.by': '{who}', 'versions.restore': 'Restore this version',
    'versions.confirm': 'Restore the content of version {n}? The restore is recorded as a new version.',
    'versions.restored': 'Restored version {n}: new version {v}.', 'versions.onlyAdmin': 'Only an admin can restore.',
    'versions.added': 'New file', 'versions.removed': 'Removed file', 'versions.changed': 'Changed file', 'versions.truncated': '(shortened)',
    'versions.export': 'Export the current version (JSON)', 'versions.detailTitle': 'Version {n} · {who} · {when}',
    'versions.noChanges': 'No file changed.',
    'summary.answer': 'Answer edited: {intent} ({language}) · proposed by {by}',
    'summary.wording': 'Wording taught: {intent} ({language}) · proposed by {by}',
    'summary.restored': 'Restored version {n}', 'summary.bootstrap': 'First version, from the repository files (intents/, faq/)',
    'summary.imported': 'Imported file edits on a server',
    'state.serving': 'serving version {n}', 'state.training': 'training version {n}', 'state.waiting': 'another server trains version {n}',
    'state.loading': 'loading version {n}',
    'accounts.title': 'Staff accounts', 'accounts.username': 'Username', 'accounts.name': 'Name', 'accounts.role': 'Role',
    'accounts.state': 'State', 'accounts.actions': 'Manage', 'accounts.add': 'Add an account', 'accounts.addButton': 'Add',
    'accounts.password': 'Temporary password (10+ characters)', 'accounts.log': 'Change log', 'accounts.active': 'Active',
    'accounts.disabled': 'Disabled', 'accounts.disable': 'Disable', 'accounts.enable': 'Enable',
    'accounts.makeAdmin': 'Make admin', 'accounts.makeAgent': 'Make agent', 'accounts.reset': 'Reset password',
    'accounts.newPassword': 'New password ({n}+ characters)', 'accounts.save': 'Save', 'accounts.cancel': 'Cancel',
    'accounts.you': '(you)', 'accounts.done': 'Saved.', 'accounts.addedDone': 'Account {user} added.',
    'accounts.logLine': '{when} · {by} → {user}: {action}',
    'action.add': 'added', 'action.disable': 'disabled', 'action.enable': 'enabled', 'action.change': 'changed',
    'action.reset_password': 'password reset', 'action.bootstrap': 'loaded from the accounts file',
    'action.rehash': 'password hash strengthened at login',
  });

  let me = null;
  let selected = null;
  let latest = 0;
  let minPassword = 10;

  const lang = () => (document.documentElement.lang === 'en' ? 'en' : 'ko');
  function t(key, vars) {
    let s = (I18N[lang()] && I18N[lang()][key]) || I18N.ko[key] || key;
    if (vars) for (const k of Object.keys(vars)) s = s.split('{' + k + '}').join(String(vars[k]));
    return s;
  }
  function known(key, fallback) { return (I18N[lang()][key] || I18N.ko[key]) ? t(key) : fallback; }
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function when(iso) {
    if (!iso) return '';
    return new Date(iso).toLocaleString(lang() === 'ko' ? 'ko-KR' : 'en-GB',
      { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  }
  async function api(method, path, body) {
    const headers = {};
    if (method !== 'GET') headers['X-CSRF-Token'] = (me && me.csrfToken) || '';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = new Error(window.consoleErrorText(lang(), data.error, res.status, res.headers.get('Retry-After')));
      err.code = data.error && data.error.code;
      err.status = res.status;
      throw err;
    }
    return data;
  }
  const isAdmin = () => me && me.role === 'admin';

  // The server writes summaries in English; staff read them in their language.
  function summary(s) {
    let m = /^(answer of|wording for) ([a-z_]+) \((ko|en)\), proposal \S+ by (\S+)$/.exec(s || '');
    if (m) {
      return t(m[1] === 'answer of' ? 'summary.answer' : 'summary.wording',
        { intent: known('intent.' + m[2], m[2]), language: known('language.' + m[3], m[3]), by: m[4] });
    }
    if ((m = /^restored version (\d+)$/.exec(s || ''))) return t('summary.restored', { n: m[1] });
    if (/^bootstrap/.test(s || '')) return t('summary.bootstrap');
    if (/^imported from the files/.test(s || '')) return t('summary.imported');
    return s || '';
  }
  function stateText(st) {
    const n = st.trainingVersion || st.latest;
    if (/^training/.test(st.state)) return t('state.training', { n });
    if (/^waiting/.test(st.state)) return t('state.waiting', { n: st.latest });
    if (/^loading/.test(st.state)) return t('state.loading', { n: st.latest });
    return t('state.serving', { n: st.version });
  }

  // ---- versions --------------------------------------------------------------------------------
  async function loadVersions() {
    const [data, st] = await Promise.all([api('GET', '/staff/api/content/versions?limit=100'),
      api('GET', '/staff/api/content/status')]).catch(() => [null, null]);
    if (!data || view.hidden) return;
    latest = data.current;
    $('versions-status').textContent = t('versions.status', { state: stateText(st), latest: st.latest });
    const list = $('versions-list');
    list.replaceChildren();
    for (const v of data.versions) {
      const li = el('li');
      const b = el('button', null, 'version-row');
      b.type = 'button';
      b.dataset.version = v.number;
      if (v.number === selected) b.setAttribute('aria-current', 'true');
      const top = el('span', null, 'row-top');
      top.append(el('strong', 'v' + v.number));
      if (v.number === data.current) top.append(el('span', t('versions.current'), 'badge status-assigned'));
      top.append(el('span', when(v.at), 'when'));
      b.append(top, el('span', summary(v.summary), 'row-last'),
        el('span', v.author + ' · ' + t('versions.files', { n: v.changes.length }), 'row-meta'));
      b.addEventListener('click', () => showVersion(v.number));
      li.append(b);
      list.append(li);
    }
  }

  async function showVersion(n) {
    selected = n;
    document.querySelectorAll('.version-row').forEach((b) => {
      if (Number(b.dataset.version) === n) b.setAttribute('aria-current', 'true'); else b.removeAttribute('aria-current');
    });
    const box = $('version-detail');
    let data;
    try { data = await api('GET', '/staff/api/content/versions/' + n); } catch (err) { box.replaceChildren(el('p', err.message, 'error')); return; }
    const v = data.version;
    const head = el('div', null, 'version-head');
    head.append(el('h3', t('versions.detailTitle', { n: v.number, who: v.author, when: when(v.at) })), el('p', summary(v.summary)));
    const actions = el('div', null, 'actions');
    const status = el('p', '', 'hint');
    status.setAttribute('role', 'status');
    if (isAdmin() && v.number !== latest) {
      const restore = el('button', t('versions.restore'), 'danger');
      restore.type = 'button';
      restore.addEventListener('click', async () => {
        if (!window.confirm(t('versions.confirm', { n: v.number }))) return;
        restore.disabled = true;
        try {
          const r = await api('POST', '/staff/api/content/versions/' + v.number + '/restore', { baseVersion: latest });
          status.textContent = t('versions.restored', { n: v.number, v: r.version.number });
          await loadVersions();
        } catch (err) { status.textContent = err.message; restore.disabled = false; }
      });
      actions.append(restore);
    }
    if (isAdmin()) {
      const exp = el('a', t('versions.export'), 'button');
      exp.href = '/staff/api/content/export';
      exp.setAttribute('download', '');
      actions.append(exp);
    }
    head.append(actions, status);
    const changes = el('div', null, 'changes');
    if (!data.changes.length) changes.append(el('p', t('versions.noChanges'), 'meta'));
    for (const c of data.changes) {
      const fig = el('figure', null, 'diff');
      const cap = el('figcaption');
      cap.append(el('code', c.path), el('span', ' · ' + t('versions.' + c.kind) + (c.truncated ? ' ' + t('versions.truncated') : ''), 'meta'));
      fig.append(cap);
      for (const h of c.hunks) {
        const pre = el('pre', null, 'hunk');
        for (const line of h.lines) {
          const cls = line.op === '+' ? 'add' : line.op === '-' ? 'del' : 'ctx';
          const row = el(line.op === '+' ? 'ins' : line.op === '-' ? 'del' : 'span', null, 'line ' + cls);
          row.append(el('span', line.op === ' ' ? ' ' : line.op, 'op'), el('span', line.text));
          pre.append(row);
        }
        fig.append(pre);
      }
      changes.append(fig);
    }
    box.replaceChildren(head, changes);
  }

  // ---- accounts (admins) -----------------------------------------------------------------------
  async function loadAccounts() {
    if (!isAdmin()) return;
    let data;
    try { data = await api('GET', '/staff/api/accounts'); } catch (err) { $('accounts-status').textContent = err.message; return; }
    if (view.hidden) return;
    minPassword = data.minPasswordLength || 10;
    const rows = $('accounts-rows');
    rows.replaceChildren();
    for (const a of data.accounts) {
      const tr = el('tr');
      if (a.disabled) tr.className = 'disabled';
      const self = a.username === me.username;
      tr.append(el('td', a.username + (self ? ' ' + t('accounts.you') : '')), el('td', a.name),
        el('td', known('role.' + a.role, a.role)), el('td', t(a.disabled ? 'accounts.disabled' : 'accounts.active')));
      const td = el('td', null, 'account-actions');
      if (!self) {
        td.append(button(t(a.role === 'admin' ? 'accounts.makeAgent' : 'accounts.makeAdmin'),
          () => change(a.username, { role: a.role === 'admin' ? 'agent' : 'admin' })));
        td.append(button(t(a.disabled ? 'accounts.enable' : 'accounts.disable'),
          () => change(a.username, { disabled: !a.disabled }), a.disabled ? '' : 'danger'));
      }
      td.append(button(t('accounts.reset'), () => resetForm(td, a.username)));
      tr.append(td);
      rows.append(tr);
    }
    const log = $('accounts-log');
    log.replaceChildren();
    for (const c of data.log) {
      const li = el('li', t('accounts.logLine', { when: when(c.at), by: c.by, user: c.username,
        action: known('action.' + c.action, c.action) }));
      const detail = accountDetail(c.detail);
      if (detail) li.append(el('span', ' (' + detail + ')', 'meta-inline'));
      log.append(li);
    }
  }
  // The server records details in English ("role agent", "role agent → admin", "accounts from FILE").
  function accountDetail(d) {
    if (!d) return '';
    return d.replace(/role (agent|admin)( → (agent|admin))?/, (m, from, arrow, to) => t('accounts.role') + ' '
        + known('role.' + from, from) + (to ? ' → ' + known('role.' + to, to) : ''))
      .replace(/^accounts from (.+)$/, (m, f) => f).replace(/^name$/, t('accounts.name'));
  }

  function button(text, onClick, cls) {
    const b = el('button', text, cls);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }
  async function change(username, body) {
    try {
      await api('POST', '/staff/api/accounts/' + encodeURIComponent(username), body);
      $('accounts-status').textContent = t('accounts.done');
    } catch (err) { $('accounts-status').textContent = err.message; }
    loadAccounts();
  }
  function resetForm(td, username) {
    if (td.querySelector('form')) return;
    const form = el('form', null, 'reset-form');
    const label = el('label');
    const input = el('input');
    input.type = 'password'; input.autocomplete = 'new-password'; input.minLength = minPassword; input.required = true;
    label.append(el('span', t('accounts.newPassword', { n: minPassword })), input);
    const save = el('button', t('accounts.save'), 'primary');
    save.type = 'submit';
    form.append(label, save, button(t('accounts.cancel'), () => form.remove()));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      save.disabled = true;
      try {
        await api('POST', '/staff/api/accounts/' + encodeURIComponent(username) + '/password', { password: input.value });
        input.value = '';
        $('accounts-status').textContent = t('accounts.done');
        loadAccounts();
      } catch (err) { $('accounts-status').textContent = err.message; save.disabled = false; }
    });
    td.append(form);
    input.focus();
  }
  function fillRoles() {
    const sel = $('a-role');
    const keep = sel.value || 'agent';
    sel.replaceChildren();
    for (const r of ['agent', 'admin']) {
      const o = el('option', known('role.' + r, r));
      o.value = r;
      sel.append(o);
    }
    sel.value = keep;
  }

  // ---- wiring ----------------------------------------------------------------------------------
  function clear() {
    me = null; selected = null;
    for (const id of ['versions-list', 'accounts-rows', 'accounts-log']) $(id).replaceChildren();
    $('version-detail').replaceChildren(el('p', t('versions.pick'), 'empty'));
    for (const id of ['versions-status', 'accounts-status']) $(id).textContent = '';
    for (const id of ['a-username', 'a-name', 'a-password']) $(id).value = '';
    document.querySelector('.nav-btn[data-view="accounts"]').hidden = true;
  }
  async function started() {
    try { me = await api('GET', '/staff/api/me'); } catch (err) { return; }
    document.querySelector('.nav-btn[data-view="accounts"]').hidden = !isAdmin();
    if (!$('view-versions').hidden) loadVersions();
    if (!$('view-accounts').hidden) loadAccounts();
  }
  new MutationObserver(() => { if (view.hidden) clear(); else started(); })
    .observe(view, { attributes: true, attributeFilter: ['hidden'] });
  new MutationObserver(() => {
    fillRoles();
    if (view.hidden || !me) return;
    if (!$('view-versions').hidden) { loadVersions(); if (selected) showVersion(selected); }
    if (!$('view-accounts').hidden) loadAccounts();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  document.querySelector('.nav-btn[data-view="versions"]').addEventListener('click', () => loadVersions());
  document.querySelector('.nav-btn[data-view="accounts"]').addEventListener('click', () => loadAccounts());
  $('account-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const user = $('a-username').value.trim();
    try {
      await api('POST', '/staff/api/accounts', { username: user, name: $('a-name').value, role: $('a-role').value,
        password: $('a-password').value });
      $('a-username').value = ''; $('a-name').value = ''; $('a-password').value = '';
      $('accounts-status').textContent = t('accounts.addedDone', { user });
    } catch (err) { $('accounts-status').textContent = err.message; }
    loadAccounts();
  });
  fillRoles();
  // Whatever this server serves changes while the screen is open (another admin, another node).
  setInterval(() => { if (!view.hidden && me && !$('view-versions').hidden) loadVersions(); }, 15000);
  if (!view.hidden) started();
})();
