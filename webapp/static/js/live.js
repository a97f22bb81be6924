// Refreshes each camera's state and viewer count from /api/status; the page works without it.
(function () {
  const api = document.querySelector('.brand').getAttribute('href') + 'api/status';
  async function refresh() {
    try {
      const res = await fetch(api, { cache: 'no-store' });
      if (!res.ok) return;
      const status = await res.json();
      for (const cam of status.cameras) {
        const card = document.querySelector('[data-camera="' + CSS.escape(cam.id) + '"]');
        if (!card) continue;
        const state = card.querySelector('[data-field="state"]');
        state.textContent = cam.state;
        state.className = 'state state-' + cam.state;
        card.querySelector('[data-field="fps"]').textContent = cam.fps.toFixed(1);
        card.querySelector('[data-field="viewers"]').textContent = cam.viewers;
        const countIn = card.querySelector('[data-field="countIn"]');
        if (countIn) {
          countIn.textContent = cam.countIn;
          card.querySelector('[data-field="countOut"]').textContent = cam.countOut;
        }
        card.querySelector('[data-field="lastError"]').textContent = cam.lastError || '';
      }
    } catch (e) {
      // The server restarting is expected now and then; the next tick retries.
    }
  }
  setInterval(refresh, 2000);
})();
