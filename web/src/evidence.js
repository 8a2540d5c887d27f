import { h } from './dom.js';

const ROLE_TITLE = { source: 'source actor', target: 'target actor', trigger: 'event words (trigger)' };

// The evidence sentence with its source, target and trigger highlighted, from
// the API's `parts` (text runs with a role). Text nodes only.
export function evidenceSentence(mention) {
  return h('blockquote', { class: 'evidence' },
    mention.parts.map((p) => (p.role
      ? h('mark', { class: `role-${p.role}`, title: ROLE_TITLE[p.role] || p.role, dataset: { role: p.role } }, p.text)
      : p.text)));
}

export function legend() {
  return h('p', { class: 'legend' }, 'Highlighted: ',
    h('mark', { class: 'role-source' }, 'source actor'), ' ',
    h('mark', { class: 'role-trigger' }, 'event words'), ' ',
    h('mark', { class: 'role-target' }, 'target actor'));
}

export function ruleLine(m) {
  return h('p', { class: 'rule' },
    'Rule ', h('code', {}, m.rule || '–'),
    m.pattern ? [' · pattern ', h('code', {}, m.pattern)] : null,
    m.modality_cue ? [' · modality cue ', h('code', {}, m.modality_cue)] : null,
    m.date_source ? [' · date from ', m.date_source] : null);
}
