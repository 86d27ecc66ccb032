/*
 * The reports screen's charts: key figures, then one chart per question the office asks (how many, how many
 * without staff, what went unanswered, how fast, how satisfied, about what). Drawn with the vendored Chart.js
 * (vendor/chart.umd.min.js, MIT, see vendor/LICENSE-chart.js.md); every chart has the same numbers as a table
 * right below it ("표로 보기"), which is what screen readers and keyboard users read: the canvas itself is an
 * image with a one-line summary.
 */
(function () {
  'use strict';
  const TEXT = {
    ko: {
      kpi: '기간 요약', conversations: '대화', contained: '직원 없이 해결', handoffs: '상담 요청', fallbacks: '답하지 못한 질문',
      ratedDown: '도움 안 됨 평가', firstResponse: '첫 응답 (평균)', resolution: '해결까지 (평균)', satisfaction: '만족도 (평균)',
      ratings: '평가 {n}건', minutes: '분', none: '–', table: '표로 보기', period: '기간',
      c1: '대화량과 자동 해결', c2: '답하지 못한 질문과 "도움 안 됨" 평가', c3: '첫 응답·해결 시간 (분)', c4: '만족도 (1–5점)',
      c5: '많이 묻는 주제', c6: '답하지 못한 질문 상위', count: '건수', question: '질문 (비슷한 질문 묶음의 예)',
      average: '평균 점수', scores: '점수별 건수', score: '{n}점', empty: '이 기간에는 기록이 없습니다.',
      summary: '{title}. 합계 — {parts}. 자세한 수치는 아래 표에 있습니다.', unanswered: '미응답 기록'
    },
    en: {
      kpi: 'Summary of the period', conversations: 'Conversations', contained: 'Answered without staff', handoffs: 'Handoffs',
      fallbacks: 'Not understood', ratedDown: 'Rated not helpful', firstResponse: 'First response (avg)',
      resolution: 'Resolution (avg)', satisfaction: 'Satisfaction (avg)', ratings: '{n} ratings', minutes: 'min', none: '–',
      table: 'Show as table', period: 'Period', c1: 'Conversations and containment', c2: 'Unanswered questions and "not helpful" ratings',
      c3: 'First-response and resolution times (minutes)', c4: 'Satisfaction (1–5)', c5: 'Top topics', c6: 'Top unanswered questions',
      count: 'Count', question: 'Question (an example of similar ones)', average: 'Average score', scores: 'Ratings by score',
      score: '{n}', empty: 'Nothing recorded in this period.',
      summary: '{title}. Totals — {parts}. The numbers are in the table below.', unanswered: 'Unanswered log'
    }
  };
  // Colour-blind-safe (Okabe-Ito) and told apart by point style and dashes too, never by colour alone.
  const COLORS = ['#0072B2', '#009E73', '#D55E00', '#CC79A7', '#E69F00', '#56B4E9'];
  const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'];
  const DASHES = [[], [6, 4], [2, 3], [8, 3, 2, 3]];
  let charts = [];

  function lang() { return document.documentElement.lang === 'en' ? 'en' : 'ko'; }
  function tr(key, vars) {
    let s = TEXT[lang()][key] || TEXT.ko[key] || key;
    if (vars) for (const k of Object.keys(vars)) s = s.split('{' + k + '}').join(String(vars[k]));
    return s;
  }
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function minutes(seconds) { return seconds === null || seconds === undefined ? null : Math.round(seconds / 6) / 10; }
  function shown(v, unit) { return v === null || v === undefined ? tr('none') : v + (unit ? ' ' + unit : ''); }
  function periodName(data, p) { return data.by === 'week' ? p.start + '~' + p.end.slice(5) : p.period.slice(5); }

  /** A table with a header row and one row per label: the chart's text alternative. */
  function table(caption, head, rows) {
    const t = el('table', null, 'chart-table');
    t.append(el('caption', caption, 'sr-only'));
    const h = el('tr');
    head.forEach((c) => { const th = el('th', c); th.scope = 'col'; h.append(th); });
    const thead = el('thead'); thead.append(h);
    const body = el('tbody');
    rows.forEach((r) => {
      const row = el('tr');
      const th = el('th', r[0]); th.scope = 'row'; row.append(th);
      r.slice(1).forEach((v) => row.append(el('td', v)));
      body.append(row);
    });
    t.append(thead, body);
    return t;
  }

  /** A figure: title, the chart (an image named by its summary) and the same numbers as a table. */
  function figure(id, title, summaryParts, config, tableNode) {
    const fig = el('figure', null, 'chart');
    fig.id = id;
    const cap = el('figcaption', title);
    const box = el('div', null, 'chart-box');
    const canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', tr('summary', { title: title, parts: summaryParts }));
    box.append(canvas);
    const details = el('details', null, 'chart-data');
    details.append(el('summary', tr('table')), tableNode);
    fig.append(cap, box, details);
    if (window.Chart) {
      config.options = Object.assign({
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { position: 'bottom', labels: { usePointStyle: true, boxHeight: 8 } } },
        interaction: { mode: 'index', intersect: false }
      }, config.options || {});
      // Drawn once the figure is in the page (Chart.js measures its box).
      requestAnimationFrame(() => charts.push(new window.Chart(canvas, config)));
    }
    return fig;
  }

  function line(label, values, i, extra) {
    return Object.assign({ label: label, data: values, borderColor: COLORS[i], backgroundColor: COLORS[i],
      pointStyle: POINTS[i], pointRadius: 4, borderDash: DASHES[i % DASHES.length], spanGaps: true, tension: 0 }, extra || {});
  }
  function bar(label, values, i) { return { label: label, data: values, backgroundColor: COLORS[i], borderColor: COLORS[i] }; }

  function kpis(totals) {
    const box = el('section', null, 'kpis');
    box.setAttribute('aria-label', tr('kpi'));
    const share = totals.conversations ? Math.round(totals.contained * 100 / totals.conversations) + '%' : tr('none');
    const tiles = [
      [tr('conversations'), totals.conversations, ''],
      [tr('contained'), share, totals.contained + ' / ' + totals.conversations],
      [tr('handoffs'), totals.handoffs, ''],
      [tr('fallbacks'), totals.fallbacks, ''],
      [tr('ratedDown'), totals.ratedDown, ''],
      [tr('firstResponse'), shown(minutes(totals.avgFirstResponseSeconds), tr('minutes')), ''],
      [tr('resolution'), shown(minutes(totals.avgResolutionSeconds), tr('minutes')), ''],
      [tr('satisfaction'), totals.satisfactionAverage === null ? tr('none') : totals.satisfactionAverage + ' / 5',
        tr('ratings', { n: totals.satisfactionRatings })]
    ];
    const list = el('dl');
    for (const [name, value, sub] of tiles) {
      const tile = el('div', null, 'kpi');
      tile.append(el('dt', name));
      const dd = el('dd', value);
      if (sub) dd.append(el('span', sub, 'kpi-sub'));
      tile.append(dd);
      list.append(tile);
    }
    box.append(list);
    return box;
  }

  /** Renders the charts for report {@code data} into {@code out}; {@code label(kind, code)} names intents. */
  function render(out, data, label) {
    charts.forEach((c) => c.destroy());
    charts = [];
    const P = data.periods;
    const names = P.map((p) => periodName(data, p));
    const T = data.totals;
    const grid = el('div', null, 'charts');

    grid.append(figure('chart-volume', tr('c1'),
      tr('conversations') + ' ' + T.conversations + ', ' + tr('contained') + ' ' + T.contained + ', ' + tr('handoffs') + ' ' + T.handoffs,
      { type: 'bar', data: { labels: names, datasets: [bar(tr('conversations'), P.map((p) => p.conversations), 0),
        bar(tr('contained'), P.map((p) => p.contained), 1), bar(tr('handoffs'), P.map((p) => p.handoffs), 2)] },
        options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } },
      table(tr('c1'), [tr('period'), tr('conversations'), tr('contained'), tr('handoffs')],
        P.map((p, i) => [names[i], p.conversations, p.contained, p.handoffs]).concat([['Σ', T.conversations, T.contained, T.handoffs]]))));

    grid.append(figure('chart-misses', tr('c2'),
      tr('fallbacks') + ' ' + T.fallbacks + ', ' + tr('ratedDown') + ' ' + T.ratedDown + ', ' + tr('unanswered') + ' ' + T.unanswered,
      { type: 'line', data: { labels: names, datasets: [line(tr('fallbacks'), P.map((p) => p.fallbacks), 2),
        line(tr('ratedDown'), P.map((p) => p.ratedDown), 3), line(tr('unanswered'), P.map((p) => p.unanswered), 4)] },
        options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } },
      table(tr('c2'), [tr('period'), tr('fallbacks'), tr('ratedDown'), tr('unanswered')],
        P.map((p, i) => [names[i], p.fallbacks, p.ratedDown, p.unanswered]).concat([['Σ', T.fallbacks, T.ratedDown, T.unanswered]]))));

    grid.append(figure('chart-times', tr('c3'),
      tr('firstResponse') + ' ' + shown(minutes(T.avgFirstResponseSeconds), tr('minutes')) + ', ' + tr('resolution') + ' '
        + shown(minutes(T.avgResolutionSeconds), tr('minutes')),
      { type: 'line', data: { labels: names, datasets: [line(tr('firstResponse'), P.map((p) => minutes(p.avgFirstResponseSeconds)), 0),
        line(tr('resolution'), P.map((p) => minutes(p.avgResolutionSeconds)), 5)] },
        options: { scales: { y: { beginAtZero: true } } } },
      table(tr('c3'), [tr('period'), tr('firstResponse'), tr('resolution')],
        P.map((p, i) => [names[i], shown(minutes(p.avgFirstResponseSeconds)), shown(minutes(p.avgResolutionSeconds))])
          .concat([['Σ', shown(minutes(T.avgFirstResponseSeconds)), shown(minutes(T.avgResolutionSeconds))]]))));

    const scores = ['1', '2', '3', '4', '5'];
    grid.append(figure('chart-satisfaction', tr('c4'),
      tr('satisfaction') + ' ' + shown(T.satisfactionAverage) + ', ' + tr('ratings', { n: T.satisfactionRatings }),
      { type: 'bar', data: { labels: scores.map((s) => tr('score', { n: s })),
        datasets: [bar(tr('scores'), scores.map((s) => (T.satisfactionScores || {})[s] || 0), 1)] },
        options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } },
      table(tr('c4'), [tr('period'), tr('average'), tr('count')],
        P.map((p, i) => [names[i], shown(p.satisfactionAverage), p.satisfactionRatings])
          .concat([['Σ', shown(T.satisfactionAverage), T.satisfactionRatings]])
          .concat(scores.map((s) => [tr('score', { n: s }), '', (T.satisfactionScores || {})[s] || 0])))));

    const intents = data.topIntents || [];
    grid.append(figure('chart-intents', tr('c5'),
      intents.length ? intents.slice(0, 3).map((x) => label('intent', x.label) + ' ' + x.count).join(', ') : tr('empty'),
      { type: 'bar', data: { labels: intents.map((x) => label('intent', x.label)),
        datasets: [bar(tr('count'), intents.map((x) => x.count), 0)] },
        options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } },
      table(tr('c5'), [tr('c5'), tr('count')], intents.map((x) => [label('intent', x.label), x.count]))));

    const misses = data.topUnanswered || [];
    const short = (s) => (s.length > 24 ? s.slice(0, 23) + '…' : s);
    grid.append(figure('chart-unanswered', tr('c6'),
      misses.length ? misses.slice(0, 3).map((x) => short(x.label) + ' ' + x.count).join(', ') : tr('empty'),
      { type: 'bar', data: { labels: misses.map((x) => short(x.label)),
        datasets: [bar(tr('count'), misses.map((x) => x.count), 2)] },
        options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } },
      table(tr('c6'), [tr('question'), tr('count')], misses.map((x) => [x.label, x.count]))));

    out.append(kpis(T), grid);
  }

  window.ReportCharts = { render: render };
})();
