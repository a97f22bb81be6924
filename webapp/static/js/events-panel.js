// The live page's events panel: today's counts from /api/events/counts, then new events as Server-Sent Events.
// EventSource reconnects by itself and sends Last-Event-ID, so events missed meanwhile arrive too.
(function () {
  const panel = document.getElementById('events-panel');
  if (!panel || !window.EventSource) return;
  const list = document.getElementById('live-events');
  const state = panel.querySelector('[data-field="sse-state"]');
  const counts = {};
  const MAX_SHOWN = 30;
  const today = new Date().toDateString();

  function show(name) {
    const cell = panel.querySelector('[data-count="' + name + '"]');
    if (cell) cell.textContent = counts[name];
  }

  async function loadCounts() {
    try {
      const res = await fetch(panel.dataset.counts, { cache: 'no-store' });
      if (!res.ok) return;
      const body = await res.json();
      for (const name of ['GRANTED', 'DENIED', 'PASSAGE', 'total']) {
        counts[name] = body[name];
        show(name);
      }
    } catch (e) {
      // The stream below still shows new events; the counts come back with the next page load.
    }
  }

  function add(event) {
    const item = document.createElement('li');
    item.dataset.event = event.id;
    if (event.faceUrl) {
      const img = document.createElement('img');
      img.src = event.faceUrl;
      img.alt = '';
      item.appendChild(img);
    }
    const badge = document.createElement('span');
    badge.className = 'decision decision-' + event.decision.toLowerCase();
    badge.textContent = event.decision.toLowerCase();
    const text = document.createElement('span');
    const who = event.personName ? ' · ' + event.personName : '';
    // Why a known face was turned away (inactive, schedule, liveness) is what a guard needs to see at once.
    const why = event.decision === 'DENIED' && event.rule ? ' · ' + event.rule : '';
    badge.title = event.rule || '';
    text.textContent = new Date(event.time).toLocaleTimeString() + ' ' + event.camera + who + why;
    item.appendChild(badge);
    item.appendChild(text);
    list.prepend(item);
    while (list.children.length > MAX_SHOWN) list.lastElementChild.remove();
    if (new Date(event.time).toDateString() === today && counts.total !== undefined) {
      counts[event.decision] += 1;
      counts.total += 1;
      show(event.decision);
      show('total');
    }
  }

  loadCounts().then(function () {
    const source = new EventSource(panel.dataset.stream);
    source.onopen = function () { state.textContent = '· live'; };
    source.onerror = function () { state.textContent = '· reconnecting…'; };
    source.onmessage = function (message) { add(JSON.parse(message.data)); };
  });
})();
