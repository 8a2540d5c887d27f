import { api } from '../api.js';
import { h, fmtNum, externalLink } from '../dom.js';
import { evidenceSentence, legend, ruleLine } from '../evidence.js';

export async function eventView(root, id) {
  const data = await api(`/events/${encodeURIComponent(id)}`);
  const e = data.event;
  const dyad = [e.source.country || e.source.code, e.target.country || e.target.code];
  root.append(
    h('h1', {}, `${e.source.code} → ${e.target.code}: ${e.cameo} ${e.label}`),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Date'), h('dd', {}, `${e.date || 'undated'} (${e.precision || '–'} precision)`),
      h('dt', {}, 'Source'), h('dd', {}, `${e.source.code} — ${e.source.name}`),
      h('dt', {}, 'Target'), h('dd', {}, `${e.target.code} — ${e.target.name}`),
      h('dt', {}, 'Modality'), h('dd', {}, e.modality),
      h('dt', {}, 'Goldstein / quad'), h('dd', {}, `${fmtNum(e.goldstein, 1)} / ${e.quad}`),
      h('dt', {}, 'Reported'), h('dd', {}, `${e.num_mentions} mention(s) in ${e.num_articles} document(s) from ${e.num_sources} source(s)`),
      h('dt', {}, 'Dyad'), h('dd', {}, dyad[0] !== dyad[1]
        ? h('a', { href: `#/dyad/${encodeURIComponent(dyad[0])}/${encodeURIComponent(dyad[1])}` }, `${dyad[0]}–${dyad[1]} barometer`)
        : '–')),
    h('h2', {}, `Evidence (${data.mentions.length}${e.num_mentions > data.mentions.length ? ` of ${e.num_mentions}` : ''})`),
    legend());
  for (const m of data.mentions) {
    root.append(h('section', { class: 'mention', dataset: { mention: m.id } },
      evidenceSentence(m),
      ruleLine(m),
      h('p', { class: 'doc' },
        h('a', { href: `#/document/${m.document.id}`, class: 'document-link' }, m.document.title || m.document.key),
        ` — ${m.document.publisher}`, m.document.story_date ? `, ${m.document.story_date}` : '',
        ` · ${m.segment}${m.lead ? ' (lead)' : ''} · `,
        externalLink(m.document.url, m.document.url ? 'original' : ''))));
  }
}
