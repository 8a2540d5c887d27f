import { api } from '../api.js';
import { h, fmtNum, table } from '../dom.js';

function dyadLink(d) {
  return h('a', { href: `#/dyad/${encodeURIComponent(d[0])}/${encodeURIComponent(d[1])}`, class: 'dyad' }, `${d[0]}–${d[1]}`);
}

function trendTable(rows, empty) {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return table(['Dyad', 'Events', 'Recent index', 'Before', 'Change'],
    rows.map((r) => h('tr', {},
      h('td', {}, dyadLink(r.dyad)),
      h('td', { class: 'num' }, r.events),
      h('td', { class: 'num' }, fmtNum(r.recent_index)),
      h('td', { class: 'num' }, fmtNum(r.history_index)),
      h('td', { class: `num ${r.change > 0 ? 'up' : r.change < 0 ? 'down' : ''}` }, fmtNum(r.change)))));
}

function dyadForm() {
  const a = h('input', { name: 'a', placeholder: 'USA', size: 8, 'aria-label': 'first actor' });
  const b = h('input', { name: 'b', placeholder: 'CHN', size: 8, 'aria-label': 'second actor' });
  return h('form', {
    class: 'inline',
    onsubmit: (ev) => {
      ev.preventDefault();
      if (a.value && b.value) location.hash = `#/dyad/${encodeURIComponent(a.value.trim().toUpperCase())}/${encodeURIComponent(b.value.trim().toUpperCase())}`;
    },
  }, 'Open a dyad: ', a, ' – ', b, ' ', h('button', { type: 'submit' }, 'Show'));
}

export async function overviewView(root, params) {
  const by = params.get('by') || 'month';
  const data = await api('/overview', { by, recent: params.get('recent'), history: params.get('history') });
  const s = data.store;
  root.append(
    h('h1', {}, 'Relationships at a glance'),
    h('p', { class: 'muted' },
      `${s.events.toLocaleString()} events from ${s.documents.toLocaleString()} documents`,
      s.first_event_date ? `, ${s.first_event_date} to ${s.last_event_date}` : '', '. ',
      data.window
        ? `Recent: ${data.window.since} to ${data.window.until} (${data.window.recent} ${data.window.by}s), compared with the ${data.window.history} ${data.window.by}s before; ${data.window.dyads} country dyads with at least ${data.window.min_events} events.`
        : 'The store has no dated events yet.'),
    dyadForm(),
    h('div', { class: 'grid' },
      h('section', { class: 'card', id: 'most-active' }, h('h2', {}, 'Most active'),
        trendTable(data.most_active, 'No dyad has enough events in the window.')),
      h('section', { class: 'card', id: 'alerts' }, h('h2', {}, 'Current alerts'),
        data.alerts.length
          ? h('ul', { class: 'alerts' }, data.alerts.map((al) => h('li', {},
            h('span', { class: al.direction === 'worse' ? 'down' : 'up' }, al.direction === 'worse' ? '▼ ' : '▲ '),
            dyadLink(al.dyad), ` ${al.direction} from ${al.start}: ${fmtNum(al.before)} → ${fmtNum(al.after)}`,
            al.drivers.length
              ? h('ul', {}, al.drivers.slice(0, 2).map((d) => h('li', {},
                h('a', { href: `#/event/${d.id}` }, `${d.date} ${d.source}→${d.target} ${d.label}`))))
              : h('div', { class: 'muted' }, al.faded ? 'the other side faded' : ''))))
          : h('p', { class: 'muted' }, 'No shift in the recent periods.')),
      h('section', { class: 'card', id: 'warming' }, h('h2', {}, 'Warming'),
        trendTable(data.warming, 'No dyad warmed.')),
      h('section', { class: 'card', id: 'cooling' }, h('h2', {}, 'Cooling'),
        trendTable(data.cooling, 'No dyad cooled.'))),
    h('p', { class: 'muted small' }, 'Index: the cooperation–conflict index in [−1, +1] (docs/BAROMETER.md). Periods: ',
      ['week', 'month'].map((u) => [h('a', { href: `#/?by=${u}`, class: u === by ? 'current' : '' }, u), ' '])));
}
