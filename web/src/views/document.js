import { api } from '../api.js';
import { h, externalLink } from '../dom.js';
import { evidenceSentence, legend } from '../evidence.js';

const KIND_TITLE = { main: 'Main text', caption: 'Caption', teaser: 'Teaser' };

export async function documentView(root, id) {
  const data = await api(`/documents/${encodeURIComponent(id)}`);
  const d = data.document;
  root.append(
    h('h1', {}, d.title || d.key),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Id'), h('dd', {}, d.key),
      h('dt', {}, 'Publisher'), h('dd', {}, d.publisher),
      h('dt', {}, 'URL'), h('dd', {}, externalLink(d.url)),
      h('dt', {}, 'Story date'), h('dd', {}, `${d.story_date || 'none'} (${d.story_date_source || '–'})`),
      h('dt', {}, 'Read from'), h('dd', {}, `${d.input}${d.line ? `:${d.line}` : ''} (${d.kind}, ${d.bytes.toLocaleString()} bytes of text, ${d.sentences} sentence(s) with events)`)),
    h('p', { class: 'note' },
      'The store keeps the sentences that carry events, each with the segment the reader put it in (main text, a caption; events in teasers of other articles are not stored), not the whole text.'),
    legend());
  for (const seg of data.segments) {
    root.append(h('section', { class: `segment segment-${seg.kind}` },
      h('h2', {}, `${KIND_TITLE[seg.kind] || seg.kind}${seg.segment.includes(':') ? ' ' + seg.segment.split(':')[1] : ''}`),
      seg.sentences.map((s) => h('div', { class: 'sentence' },
        h('span', { class: 'muted small' }, `#${s.index}${s.lead ? ' lead' : ''} `),
        s.mentions.length
          ? s.mentions.map((m) => h('div', {}, evidenceSentence(m),
            h('p', { class: 'small' }, h('a', { href: `#/event/${m.event}` }, `event ${m.event}`), ` · rule ${m.rule}`)))
          : h('blockquote', { class: 'evidence' }, s.text)))));
  }
  root.append(h('h2', {}, 'Events in this document'), h('ul', {}, data.events.map((e) => h('li', {},
    h('a', { href: `#/event/${e.id}` }, `${e.date || 'undated'} ${e.source.code} → ${e.target.code}: ${e.cameo} ${e.label}`)))));
}
