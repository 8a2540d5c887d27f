import uPlot from 'uplot';
import { api } from '../api.js';
import { h, fmtNum } from '../dom.js';

const COLORS = { ab: '#1f6feb', ba: '#d1242f', both: '#6e7781' };
const toTs = (d) => Date.parse(`${d}T00:00:00Z`) / 1000;

function controls(a, b, params, data) {
  const by = h('select', { name: 'by', 'aria-label': 'period' },
    ['day', 'week', 'month'].map((u) => h('option', { value: u, selected: u === (params.get('by') || 'month') }, u)));
  const since = h('input', { name: 'since', type: 'date', value: params.get('since') || '', 'aria-label': 'since' });
  const until = h('input', { name: 'until', type: 'date', value: params.get('until') || '', 'aria-label': 'until' });
  const go = (extra = {}) => {
    const q = new URLSearchParams({ by: by.value });
    const s = extra.since ?? since.value;
    const u = extra.until ?? until.value;
    if (s) q.set('since', s);
    if (u) q.set('until', u);
    location.hash = `#/dyad/${a}/${b}?${q}`;
  };
  const presets = [];
  if (data.until) {
    const end = new Date(`${data.until}T00:00:00Z`);
    for (const [label, months] of [['last 6 months', 6], ['last year', 12], ['last 2 years', 24]]) {
      const start = new Date(end);
      start.setUTCMonth(start.getUTCMonth() - months);
      presets.push(h('button', { type: 'button', onclick: () => go({ since: start.toISOString().slice(0, 10), until: data.until }) }, label));
    }
  }
  presets.push(h('button', { type: 'button', onclick: () => go({ since: '', until: '' }) }, 'all'));
  return h('form', { class: 'controls', onsubmit: (e) => { e.preventDefault(); go(); } },
    h('label', {}, 'Period ', by), h('label', {}, 'From ', since), h('label', {}, 'to ', until),
    h('button', { type: 'submit' }, 'Apply'), h('span', { class: 'presets' }, presets),
    h('span', { class: 'muted small' }, ' Drag across the chart to select a period.'));
}

// Vertical dashed lines at the change points.
function changePointPlugin(points) {
  return {
    hooks: {
      draw: [(u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.setLineDash([5, 4]);
        ctx.lineWidth = 2 * devicePixelRatio;
        for (const cp of points) {
          const x = u.valToPos(toTs(cp.start), 'x', true);
          ctx.strokeStyle = cp.direction === 'worse' ? '#d1242f' : '#1a7f37';
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      }],
    },
  };
}

function makeChart(el, data, a, b, params) {
  const xs = data.periods.start.map(toTs);
  const width = Math.max(480, Math.min(1100, el.clientWidth || 900));
  const opts = {
    width,
    height: 320,
    plugins: [changePointPlugin(data.change_points)],
    scales: { y: { range: [-1, 1] } },
    cursor: { drag: { x: true, y: false, setScale: false } },
    series: [
      {},
      { label: `${a} → ${b}`, stroke: COLORS.ab, width: 2, points: { show: xs.length < 80 } },
      { label: `${b} → ${a}`, stroke: COLORS.ba, width: 2, points: { show: xs.length < 80 } },
      { label: 'both', stroke: COLORS.both, width: 1, dash: [4, 4] },
    ],
    axes: [{}, { label: 'cooperation–conflict index', size: 60 }],
    hooks: {
      setSelect: [(u) => {
        if (u.select.width < 5) return;
        const from = u.posToVal(u.select.left, 'x');
        const to = u.posToVal(u.select.left + u.select.width, 'x');
        const q = new URLSearchParams({ by: params.get('by') || 'month' });
        q.set('since', new Date(from * 1000).toISOString().slice(0, 10));
        q.set('until', new Date(to * 1000).toISOString().slice(0, 10));
        location.hash = `#/dyad/${a}/${b}?${q}`;
      }],
    },
  };
  const chart = new uPlot(opts, [xs, data.periods.ab.index, data.periods.ba.index, data.periods.both.index], el);
  el.dataset.series = String(chart.series.length - 1);
  el.dataset.points = String(xs.length);
  return chart;
}

function countsChart(el, data, a, b) {
  const xs = data.periods.start.map(toTs);
  const width = Math.max(480, Math.min(1100, el.clientWidth || 900));
  return new uPlot({
    width,
    height: 160,
    series: [{}, { label: `${a} → ${b} events`, stroke: COLORS.ab, fill: 'rgba(31,111,235,0.15)', paths: uPlot.paths.stepped({ align: 1 }) },
      { label: `${b} → ${a} events`, stroke: COLORS.ba, fill: 'rgba(209,36,47,0.12)', paths: uPlot.paths.stepped({ align: 1 }) }],
    axes: [{}, { label: 'events', size: 60 }],
  }, [xs, data.periods.ab.events, data.periods.ba.events], el);
}

export async function dyadView(root, a, b, params) {
  a = a.toUpperCase();
  b = b.toUpperCase();
  const data = await api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, {
    by: params.get('by') || 'month', since: params.get('since'), until: params.get('until'),
  });
  const evq = new URLSearchParams({ dyad: `${a}:${b}`, undirected: '1', modality: 'asserted' });
  if (data.since) evq.set('since', data.since);
  if (data.until) evq.set('until', data.until);
  const chartEl = h('div', { class: 'chart', id: 'index-chart' });
  const countsEl = h('div', { class: 'chart', id: 'counts-chart' });
  root.append(
    h('h1', {}, `${a} – ${b}`),
    h('p', { class: 'muted' },
      `${data.events} events (${data.mentions} mentions), ${data.since || '–'} to ${data.until || '–'}, by ${data.by}; asserted only. `,
      data.undated_events ? `${data.undated_events} undated left out. ` : '',
      data.events_outside_range ? `${data.events_outside_range} outside the range left out. ` : '',
      h('a', { href: `#/events?${evq}`, id: 'dyad-events' }, 'List these events →')),
    controls(a, b, params, data));
  if (!data.periods.start.length) {
    root.append(h('p', { class: 'muted' }, 'No dated event of this dyad.'));
    return;
  }
  root.append(chartEl, countsEl, h('h2', {}, 'Change points'));
  if (!data.change_points.length) root.append(h('p', { class: 'muted' }, 'None found in this range.'));
  for (const cp of data.change_points) {
    root.append(h('section', { class: 'changepoint' },
      h('h3', {}, h('span', { class: cp.direction === 'worse' ? 'down' : 'up' }, cp.direction === 'worse' ? '▼ worse' : '▲ better'),
        ` from ${cp.start}: index ${fmtNum(cp.before)} → ${fmtNum(cp.after)}`),
      cp.drivers.length
        ? h('ul', {}, cp.drivers.map((d) => h('li', {},
          h('a', { href: `#/event/${d.id}` }, `${d.date} ${d.source} → ${d.target}: ${d.cameo} ${d.label}`),
          ` (${fmtNum(d.goldstein, 1)}, ${d.num_mentions} mention${d.num_mentions === 1 ? '' : 's'})`,
          d.sentence ? h('div', { class: 'quote' }, d.sentence) : null)))
        : h('p', { class: 'muted' }, 'No driving event: the other side faded.')));
  }
  const recip = data.reciprocity.filter((r) => r.significant);
  root.append(h('h2', {}, 'Reciprocity'),
    recip.length
      ? h('ul', {}, recip.map((r) => h('li', {}, `${r.responder} answers ${r.actor}'s ${r.kind} after ${r.best_lag} ${data.by}(s) (r = ${fmtNum(r.best_r)})`)))
      : h('p', { class: 'muted' }, 'No significant answer of one side to the other.'));
  root.addEventListener('mounted', () => {
    makeChart(chartEl, data, a, b, params);
    countsChart(countsEl, data, a, b);
  }, { once: true });
}
