// The detente dashboard: hash routes, one view per page.
//   #/                      overview of dyads
//   #/dyad/USA/CHN?by=week  a dyad's series
//   #/events?dyad=USA:CHN   event list with filters
//   #/event/12              an event and its evidence
//   #/document/3            a document as stored
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { h } from './dom.js';
import { overviewView } from './views/overview.js';
import { dyadView } from './views/dyad.js';
import { eventsView } from './views/events.js';
import { eventView } from './views/event.js';
import { documentView } from './views/document.js';

const app = document.getElementById('app');
const status = document.getElementById('status');
let generation = 0;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query) };
}

async function render() {
  const my = ++generation;
  const { parts, params } = parseHash();
  const root = h('div', { class: 'view' });
  status.textContent = 'loading…';
  document.body.dataset.state = 'loading';
  try {
    if (parts.length === 0) await overviewView(root, params);
    else if (parts[0] === 'dyad' && parts.length === 3) await dyadView(root, parts[1], parts[2], params);
    else if (parts[0] === 'events' && parts.length === 1) await eventsView(root, params);
    else if (parts[0] === 'event' && parts.length === 2) await eventView(root, parts[1], params);
    else if (parts[0] === 'document' && parts.length === 2) await documentView(root, parts[1]);
    else root.append(h('p', { class: 'error' }, 'No such page. ', h('a', { href: '#/' }, 'Back to the overview')));
  } catch (e) {
    root.append(h('p', { class: 'error' }, `Could not load this page: ${e.message}`));
  }
  if (my !== generation) return; // a newer navigation won
  app.replaceChildren(root);
  status.textContent = '';
  document.body.dataset.state = 'ready';
  root.dispatchEvent(new Event('mounted'));
}

window.addEventListener('hashchange', render);
render();
