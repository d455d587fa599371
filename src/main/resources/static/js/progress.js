// Live progress of running ingests: every element with data-progress-url is refreshed every second from the console's
// JSON (rows done, of the total once it is known, percentage and time left) until its execution stops running.
(function () {
  var items = document.querySelectorAll('[data-progress-url]');
  items.forEach(function (item) {
    var bar = item.querySelector('progress');
    var text = item.querySelector('.progress-text');
    function poll() {
      fetch(item.getAttribute('data-progress-url'), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          // a refused or failed answer (a restart of serve, a timeout) is asked again, not given up
          if (!p) { setTimeout(poll, 2000); return; }
          text.textContent = p.text;
          item.setAttribute('data-done', p.done);
          item.setAttribute('data-status', p.status);
          if (p.percent !== null && p.percent !== undefined) {
            bar.value = p.percent;
          } else {
            bar.removeAttribute('value');
          }
          if (p.status === 'STARTED' || p.status === 'STARTING') {
            setTimeout(poll, 1000);
          } else {
            bar.value = 100;
          }
        })
        .catch(function () { setTimeout(poll, 3000); });
    }
    poll();
  });
})();
