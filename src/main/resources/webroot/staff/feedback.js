'use strict';
// Staff console: answers customers rated "not helpful" (👎), next to the unanswered questions — what was
// asked, what the assistant said, the intent, when. Self-contained: it only reads GET /staff/api/feedback
// once the console is shown, and puts every text on the page with textContent.
(function () {
  const panel = document.getElementById('feedback-panel');
  const list = document.getElementById('feedback');
  const count = document.getElementById('feedback-count');
  const view = document.getElementById('console-view');
  if (!panel || !list || !view) return;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  async function load() {
    const res = await fetch('/staff/api/feedback', { credentials: 'same-origin' }).catch(() => null);
    if (!res || !res.ok) return;
    const data = await res.json().catch(() => null);
    if (!data || !Array.isArray(data.answers)) return;
    count.textContent = '(' + data.answers.length + '건)';
    list.replaceChildren();
    for (const a of data.answers) {
      const li = el('li');
      li.append(el('strong', '질문: '), el('span', a.question || '(질문 없음)'));
      const answer = el('blockquote', a.answer);
      answer.className = 'feedback-answer';
      li.append(answer);
      li.append(el('span', a.intent + ' · ' + (a.locale || '') + ' · ' + (a.channel || '') + ' · '
        + new Date(a.at).toLocaleString('ko-KR'), 'meta'));
      list.append(li);
    }
  }

  // The console shows #console-view after login; load then, and every minute while it is shown.
  new MutationObserver(() => { if (!view.hidden) load(); }).observe(view, { attributes: true, attributeFilter: ['hidden'] });
  if (!view.hidden) load();
  setInterval(() => { if (!view.hidden) load(); }, 60000);
  panel.addEventListener('toggle', () => { if (panel.open) load(); });
})();
