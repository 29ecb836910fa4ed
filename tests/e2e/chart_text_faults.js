// Text a reader cannot read inside the page's plotly charts: a label outside its chart's box, or two labels on
// top of each other (slanted tick labels are measured along and across their slant). Returns one line per fault.
() => {
  const faults = [];
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
  const angleOf = n => { const m = /rotate\((-?[\d.]+)/.exec(n.getAttribute('transform') || ''); return m ? parseFloat(m[1]) : 0; };
  plots.forEach((plot, p) => {
    const box = plot.getBoundingClientRect();
    if (box.width === 0) return;
    const title = (plot.querySelector('.gtitle') || {}).textContent || `chart ${p}`;
    const texts = Array.from(plot.querySelectorAll('svg text')).filter(n => {
      const s = getComputedStyle(n); const r = n.getBoundingClientRect();
      return s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0' && r.width > 0 && n.textContent.trim();
    }).map(n => ({n, r: n.getBoundingClientRect(), t: n.textContent.trim(), a: angleOf(n),
                  len: n.getComputedTextLength ? n.getComputedTextLength() : 0, fs: parseFloat(getComputedStyle(n).fontSize)}));
    for (const {r, t} of texts) {
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        faults.push(`${title.slice(0,40)}: "${t.slice(0,40)}" outside its chart`);
    }
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i], b = texts[j];
      if (a.n.contains(b.n) || b.n.contains(a.n)) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (!(w > 2 && h > 2)) continue;
      if (a.a !== 0 && a.a === b.a) {  // two slanted labels: measure across and along their direction
        const u = [Math.cos(a.a * Math.PI / 180), Math.sin(a.a * Math.PI / 180)];
        const d = [(b.r.left + b.r.right - a.r.left - a.r.right) / 2, (b.r.top + b.r.bottom - a.r.top - a.r.bottom) / 2];
        const across = Math.abs(d[0] * u[1] - d[1] * u[0]), along = Math.abs(d[0] * u[0] + d[1] * u[1]);
        if (across >= 0.8 * Math.min(a.fs, b.fs) || along >= (a.len + b.len) / 2) continue;
      }
      faults.push(`${title.slice(0,40)}: "${a.t.slice(0,30)}" on "${b.t.slice(0,30)}"`);
    }
  });
  return faults;
}
