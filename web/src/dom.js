// Building the page with DOM calls only: text from the store always goes in
// as text nodes (never innerHTML), so stored sentences cannot inject markup.

// h('a', {href: '#/x', class: 'c'}, 'text', child, ...)
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// A link to an external page only when it is http(s); otherwise plain text.
export function externalLink(url, text) {
  if (/^https?:\/\//i.test(url || '')) {
    return h('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, text || url);
  }
  return h('span', {}, text || url || '');
}

export function fmtNum(v, digits = 2) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return (v > 0 ? '+' : '') + v.toFixed(digits);
}

export function table(headers, rows, attrs = {}) {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows));
}
