// The two-line stub a host page puts before widget.js (inline or, under a strict CSP like this server's, as a file).
window.DaejeonBatteryChat = window.DaejeonBatteryChat || function () {
  (window.DaejeonBatteryChat.q = window.DaejeonBatteryChat.q || []).push(arguments);
};
