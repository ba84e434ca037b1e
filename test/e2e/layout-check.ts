/** Pairs of visible controls (not nested) whose boxes overlap by more than 2 px each way, as text. */
export const OVERLAPS = `(() => {
  const shown = [...document.querySelectorAll('main button, main input, main select, main label, main .hint, main .note')]
    .filter((e) => e.offsetParent !== null && e.getClientRects().length > 0);
  const found = [];
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      const a = shown[i], b = shown[j];
      if (a.contains(b) || b.contains(a)) continue;
      const r = a.getBoundingClientRect(), q = b.getBoundingClientRect();
      const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
      const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
      if (w > 2 && h > 2) found.push(a.tagName + ':' + a.textContent.trim().slice(0, 30) + ' / ' + b.tagName + ':' + b.textContent.trim().slice(0, 30));
    }
  }
  // Controls cut off: text wider than its box, or reaching out of the panel that holds it.
  for (const e of shown) {
    const panel = e.closest('.panel');
    const r = e.getBoundingClientRect();
    const cut = e.tagName !== 'INPUT' && e.tagName !== 'SELECT' && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible';
    if (cut || (panel && r.right > panel.getBoundingClientRect().right + 1)) found.push('cut: ' + e.tagName + ':' + e.textContent.trim().slice(0, 30));
  }
  return found;
})()`;
