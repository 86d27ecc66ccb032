// The example page's own code: the calls below may run before widget.js has loaded (they are queued by the stub).
(function () {
  'use strict';
  var chat = window.DaejeonBatteryChat;
  var log = document.getElementById('ex-events');
  function record(name, detail) {
    var li = document.createElement('li');
    var text = name;
    if (detail && detail.from) text += ' · ' + detail.from + ': ' + String(detail.text || '').slice(0, 60);
    if (detail && detail.locale) text += ' · ' + detail.locale;
    var d = new Date();
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    li.textContent = two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds()) + ' ' + text;
    log.appendChild(li);
  }
  ['ready', 'open', 'close', 'message'].forEach(function (name) {
    chat('on', name, function (detail) { record(name, detail); });
  });
  // Always through the global: before the widget loads it is the queueing stub, afterwards the real API.
  function call(name, arg) { return function () { window.DaejeonBatteryChat(name, arg); }; }
  document.getElementById('ex-open').addEventListener('click', call('open'));
  document.getElementById('ex-close').addEventListener('click', call('close'));
  document.getElementById('ex-toggle').addEventListener('click', call('toggle'));
  document.getElementById('ex-ko').addEventListener('click', call('setLocale', 'ko'));
  document.getElementById('ex-en').addEventListener('click', call('setLocale', 'en'));
  document.getElementById('ex-reset').addEventListener('click', call('reset'));
})();
