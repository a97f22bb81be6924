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
      showRecords(status.journal);
    } catch (e) {
      // The server restarting is expected now and then; the next tick retries.
    }
  }
  // What an operator must know about the record: decisions kept only in memory, or a consumer that keeps failing.
  function showRecords(journal) {
    const box = document.getElementById('records-warning');
    if (!box || !journal) return;
    const lines = [];
    if (journal.notWritten > 0) {
      lines.push(journal.notWritten + ' decision(s) could not be written to disk and would not survive a restart: '
        + (journal.lastWriteError || ''));
    }
    if (journal.lost > 0) {
      lines.push(journal.lost + ' decision(s) were lost before every output had them');
    }
    for (const r of journal.readers) {
      if (r.lastError && r.behind > 0) {
        lines.push(r.name + ': ' + r.behind + ' decision(s) waiting, ' + r.lastError);
      }
    }
    box.textContent = lines.join(' · ');
    box.hidden = lines.length === 0;
  }
  setInterval(refresh, 2000);
})();

// Asks each stream for the narrowest picture that fills its grid cell (the server encodes each width once for all
// its viewers), so a wall of cameras on a phone costs a fraction of the full pictures' bandwidth. Without the script
// the page shows the full pictures.
(function () {
  const grid = document.querySelector('.cameras[data-widths]');
  if (!grid) return;
  const widths = grid.dataset.widths.split(' ').map(Number).filter(w => w > 0);
  function fit(img) {
    // At most 1.25 device pixels per CSS pixel: a camera wall on a phone's 3x screen stays light, and a picture
    // scaled up a little in the browser still shows who is at the door.
    const need = Math.ceil(img.clientWidth * Math.min(window.devicePixelRatio || 1, 1.25));
    const width = widths.find(w => w >= need);
    const base = img.getAttribute('src').split('?')[0];
    const wanted = width ? base + '?width=' + width : base;
    if (need > 0 && img.getAttribute('src') !== wanted) img.setAttribute('src', wanted);
  }
  function fitAll() {
    document.querySelectorAll('img.stream').forEach(fit);
  }
  let timer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(fitAll, 500);
  });
  fitAll();
})();
