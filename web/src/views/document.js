import { api } from '../api.js';
import { h, externalLink } from '../dom.js';
import { evidenceSentence, legend } from '../evidence.js';

const KIND_TITLE = { main: 'Main text', caption: 'Caption', teaser: 'Teaser of another article', boilerplate: 'Dropped as boilerplate' };

function segmentTitle(seg) {
  const n = seg.segment.includes(':') ? ` ${seg.segment.split(':')[1]}` : '';
  return `${KIND_TITLE[seg.kind] || seg.kind}${n}`;
}

// A paragraph as the reader took it, its evidence sentences marked.
function paragraph(p) {
  return h('p', { class: `para role-${p.role}`, title: p.role },
    p.parts.map((part) => (part.sentence
      ? h('a', {
        class: 'evidence-span',
        href: location.hash,
        onclick: (e) => {
          e.preventDefault(); // hash routes: scroll, do not navigate
          const el = document.getElementById(`sentence-${part.sentence}`);
          if (el) el.scrollIntoView({ behavior: 'smooth' });
        },
      }, part.text)
      : part.text)));
}

export async function documentView(root, id) {
  const data = await api(`/documents/${encodeURIComponent(id)}`);
  const d = data.document;
  root.append(
    h('h1', {}, d.title || d.key),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Id'), h('dd', {}, d.key),
      h('dt', {}, 'Publisher'), h('dd', {}, d.publisher),
      h('dt', {}, 'URL'), h('dd', {}, d.url ? externalLink(d.url) : '–'),
      h('dt', {}, 'Story date'), h('dd', {}, `${d.story_date || 'none'} (${d.story_date_source || '–'})`),
      h('dt', {}, 'Read from'), h('dd', {}, `${d.input}${d.line ? `:${d.line}` : ''} (${d.kind}, ${d.bytes.toLocaleString()} bytes of text, ${d.sentences} sentences)`)),
    data.has_text
      ? h('p', { class: 'note' }, 'The text as the reader took it, segment by segment: main text, captions, teasers of other articles (their events are not counted) and what it dropped as boilerplate. Sentences with events are underlined; their evidence follows.')
      : h('p', { class: 'note' }, 'This store keeps only the sentences with events for this document (it was ingested before detente kept the text of documents with events).'));
  const textSections = data.segments.filter((s) => s.paragraphs.length);
  if (textSections.length) {
    root.append(h('h2', {}, 'Text'));
    for (const seg of textSections) {
      root.append(h('section', { class: `segment segment-${seg.kind}` },
        h('h3', {}, segmentTitle(seg)),
        seg.paragraphs.map(paragraph)));
    }
  }
  root.append(h('h2', {}, 'Evidence'), legend());
  for (const seg of data.segments.filter((s) => s.sentences.length)) {
    root.append(h('section', { class: `evidence-segment segment-${seg.kind}` },
      h('h3', {}, segmentTitle(seg)),
      seg.sentences.map((s) => h('div', { class: 'sentence', id: `sentence-${s.id}` },
        h('span', { class: 'muted small' }, `sentence ${s.index}${s.lead ? ', lead' : ''}`),
        s.mentions.length
          ? s.mentions.map((m) => h('div', {}, evidenceSentence(m),
            h('p', { class: 'small' }, h('a', { href: `#/event/${m.event}` }, `event ${m.event}`), ` · rule ${m.rule}`)))
          : h('blockquote', { class: 'evidence' }, s.text)))));
  }
  root.append(h('h2', {}, 'Events in this document'), h('ul', {}, data.events.map((e) => h('li', {},
    h('a', { href: `#/event/${e.id}` }, `${e.date || 'undated'} ${e.source.code} → ${e.target.code}: ${e.cameo} ${e.label}`)))));
}
