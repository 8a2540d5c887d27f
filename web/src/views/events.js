import { api } from '../api.js';
import { h, table, fmtNum } from '../dom.js';

const FIELDS = ['dyad', 'undirected', 'actor', 'root', 'cameo', 'modality', 'since', 'until', 'q', 'min_mentions', 'cursor'];
const ROOTS = [['', 'any root'], ['01', '01 statement'], ['02', '02 appeal'], ['03', '03 intent to cooperate'],
  ['04', '04 consult'], ['05', '05 diplomatic cooperation'], ['06', '06 material cooperation'], ['07', '07 aid'],
  ['08', '08 yield'], ['09', '09 investigate'], ['10', '10 demand'], ['11', '11 disapprove'], ['12', '12 reject'],
  ['13', '13 threaten'], ['14', '14 protest'], ['15', '15 force posture'], ['16', '16 reduce relations'],
  ['17', '17 coerce'], ['18', '18 assault'], ['19', '19 fight'], ['20', '20 mass violence']];

function filterForm(params) {
  const input = (name, attrs = {}) => h('input', { name, value: params.get(name) || '', ...attrs });
  const undirected = h('input', { type: 'checkbox', name: 'undirected', checked: params.get('undirected') === '1' });
  const root = h('select', { name: 'root' }, ROOTS.map(([v, l]) => h('option', { value: v, selected: v === (params.get('root') || '') }, l)));
  const modality = h('select', { name: 'modality' },
    ['', 'asserted', 'negated', 'planned', 'hypothetical', 'normative'].map((m) =>
      h('option', { value: m, selected: m === (params.get('modality') || '') }, m || 'any modality')));
  const form = h('form', {
    class: 'filters',
    onsubmit: (e) => {
      e.preventDefault();
      const q = new URLSearchParams();
      for (const el of form.elements) {
        if (!el.name) continue;
        if (el.type === 'checkbox') { if (el.checked) q.set(el.name, '1'); } else if (el.value.trim()) q.set(el.name, el.value.trim());
      }
      location.hash = `#/events?${q}`;
    },
  },
  h('label', {}, 'Dyad ', input('dyad', { placeholder: 'USA:CHN', size: 10 })),
  h('label', {}, undirected, ' both directions'),
  h('label', {}, 'Actor ', input('actor', { placeholder: 'RUS', size: 7 })),
  h('label', {}, root), h('label', {}, modality),
  h('label', {}, 'From ', input('since', { type: 'date' })),
  h('label', {}, 'to ', input('until', { type: 'date' })),
  h('label', {}, 'Text ', input('q', { placeholder: 'words in the evidence', size: 18 })),
  h('button', { type: 'submit' }, 'Filter'));
  return form;
}

export async function eventsView(root, params) {
  const query = {};
  for (const f of FIELDS) if (params.get(f)) query[f] = params.get(f);
  root.append(h('h1', {}, 'Events'), filterForm(params));
  const data = await api('/events', query);
  root.append(h('p', { class: 'muted' },
    data.total === null || data.total === undefined
      ? 'Many events match (too many to count quickly).'
      : `${data.total_is_lower_bound ? 'more than ' : ''}${data.total} event${data.total === 1 ? '' : 's'} match`,
    params.get('cursor') ? ' (a later page)' : ''));
  if (!data.events.length) {
    root.append(h('p', { class: 'muted' }, 'Nothing matches these filters.'));
    return;
  }
  root.append(table(['Date', 'Source', 'Target', 'Event', 'Modality', 'Goldstein', 'Mentions'],
    data.events.map((e) => h('tr', { class: 'event-row', dataset: { id: e.id } },
      h('td', {}, h('a', { href: `#/event/${e.id}`, class: 'event-link' }, e.date || 'undated')),
      h('td', { title: e.source.name }, e.source.code),
      h('td', { title: e.target.name }, e.target.code),
      h('td', {}, h('a', { href: `#/event/${e.id}` }, `${e.cameo} ${e.label}`)),
      h('td', {}, e.modality),
      h('td', { class: 'num' }, fmtNum(e.goldstein, 1)),
      h('td', { class: 'num' }, e.num_mentions))), { id: 'event-table' }));
  const nav = h('p', { class: 'pager' });
  if (params.get('cursor')) nav.append(h('a', { href: 'javascript:history.back()' }, '← previous page'), ' ');
  if (data.next_cursor) {
    const q = new URLSearchParams(params);
    q.set('cursor', data.next_cursor);
    nav.append(h('a', { href: `#/events?${q}`, id: 'next-page' }, 'next page →'));
  }
  root.append(nav);
}
