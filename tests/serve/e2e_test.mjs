// End-to-end test of the dashboard in a real browser: Debian's chromium,
// headless, driven by playwright-core (web/node_modules), against a
// `detente serve` this test starts on a temporary store of the bundled
// sample. It loads the overview, picks the China–US dyad, checks the chart
// was drawn, opens the dyad's event list, clicks an event, checks the
// evidence sentence with its highlighted spans, and opens the document.
// Screenshots go to ARTIFACT_DIR.
//
// Usage: node e2e_test.mjs DETENTE_BINARY WEB_DIR ARTIFACT_DIR
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const [bin, webDir, artifacts] = process.argv.slice(2);
if (!bin || !webDir || !artifacts) {
  console.error('usage: node e2e_test.mjs DETENTE_BINARY WEB_DIR ARTIFACT_DIR');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const sample = path.join(here, '..', '..', 'samples', 'briefs.jsonl');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const require = createRequire(path.join(path.resolve(webDir), 'package.json'));
const { chromium } = require('playwright-core');

const failures = [];
function check(cond, what) {
  if (!cond) {
    failures.push(what);
    console.log('FAIL:', what);
  } else {
    console.log('ok:', what);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'detente-e2e-'));
const db = path.join(tmp, 'sample.db');
fs.mkdirSync(artifacts, { recursive: true });
const env = { ...process.env };
delete env.DETENTE_DB;

const ingest = spawnSync(bin, ['ingest', sample, '--db', db, '-q'], { env, encoding: 'utf8' });
if (ingest.status !== 0) {
  console.error('ingest failed:', ingest.stderr);
  process.exit(1);
}

const server = spawn(bin, ['serve', '--db', db, '--port', '0', '-q'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  const rl = readline.createInterface({ input: server.stdout });
  const timer = setTimeout(() => reject(new Error('serve did not print its address')), 20000);
  rl.once('line', (line) => {
    clearTimeout(timer);
    const m = line.match(/http:\/\/[^/\s]+/);
    if (m) resolve(m[0]);
    else reject(new Error(`unexpected first line: ${line}`));
  });
  server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
});

let browser;
try {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(20000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(msg.text()); });
  const external = [];
  page.on('request', (req) => { if (!req.url().startsWith(base)) external.push(req.url()); });
  const ready = () => page.waitForSelector('body[data-state="ready"]');

  // 1. The overview.
  await page.goto(`${base}/#/`);
  await ready();
  await page.waitForSelector('#most-active table');
  const dyadLink = page.locator('#most-active a.dyad', { hasText: 'CHN–USA' });
  check(await dyadLink.count() === 1, 'the overview lists the China–US dyad among the most active');
  await page.screenshot({ path: path.join(artifacts, 'overview.png'), fullPage: true });

  // 2. Pick the dyad: the chart is drawn.
  await dyadLink.click();
  await page.waitForFunction(() => location.hash.startsWith('#/dyad/CHN/USA'));
  await ready();
  await page.waitForSelector('#index-chart canvas');
  const chart = await page.evaluate(() => {
    const el = document.querySelector('#index-chart');
    const canvas = el.querySelector('canvas');
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const colors = { blue: 0, red: 0, any: 0 };
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      colors.any++;
      if (data[i + 2] > 200 && data[i] < 80) colors.blue++;
      if (data[i] > 180 && data[i + 1] < 80 && data[i + 2] < 90) colors.red++;
    }
    return { series: Number(el.dataset.series), points: Number(el.dataset.points), ...colors, w: canvas.width };
  });
  check(chart.series === 3, `the chart has the 3 series (A→B, B→A, both): ${chart.series}`);
  check(chart.points > 10, `the chart has a point per period: ${chart.points}`);
  check(chart.any > 2000, `the chart canvas is drawn (${chart.any} painted pixels)`);
  check(chart.blue > 50 && chart.red > 50, `both directions' lines are drawn (blue ${chart.blue}, red ${chart.red} pixels)`);
  await page.screenshot({ path: path.join(artifacts, 'dyad.png'), fullPage: false });

  // By week, the sample's China–US series has change points, listed with their events.
  await page.selectOption('select[name="by"]', 'week');
  await page.click('form.controls button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('by=week'));
  await ready();
  await page.waitForSelector('#index-chart canvas');
  const weeks = await page.evaluate(() => Number(document.querySelector('#index-chart').dataset.points));
  check(weeks > 150, `by week the chart has a point per week (${weeks})`);
  check(await page.locator('.changepoint').count() >= 1, 'change points are listed under the chart');
  check(await page.locator('.changepoint a[href^="#/event/"]').count() >= 1, 'change points link to their events');
  await page.screenshot({ path: path.join(artifacts, 'dyad-weekly.png'), fullPage: false });

  // Period selection: the form narrows the series.
  await page.selectOption('select[name="by"]', 'month');
  await page.fill('input[name="since"]', '2023-01-01');
  await page.fill('input[name="until"]', '2023-12-31');
  await page.click('form.controls button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('since=2023-01-01'));
  await ready();
  await page.waitForSelector('#index-chart canvas');
  const points = await page.evaluate(() => Number(document.querySelector('#index-chart').dataset.points));
  check(points === 12, `a 2023 selection by month has 12 periods (${points})`);

  // 3. The dyad's events, then one event's evidence.
  await page.click('#dyad-events');
  await page.waitForFunction(() => location.hash.startsWith('#/events'));
  await ready();
  await page.waitForSelector('#event-table');
  const rows = await page.locator('#event-table tr.event-row').count();
  check(rows > 5, `the event list shows the dyad's 2023 events (${rows} rows)`);
  const dyadInput = await page.inputValue('input[name="dyad"]');
  check(dyadInput === 'CHN:USA', `the filter form shows the dyad (${dyadInput})`);
  await page.screenshot({ path: path.join(artifacts, 'events.png'), fullPage: false });

  // Text search through the filter form.
  await page.fill('input[name="q"]', 'balloon');
  await page.click('form.filters button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('q=balloon'));
  await ready();
  await page.waitForSelector('#event-table');
  await page.locator('#event-table a.event-link').first().click();
  await page.waitForFunction(() => location.hash.startsWith('#/event/'));
  await ready();
  await page.waitForSelector('blockquote.evidence');
  const evidence = await page.evaluate(() => {
    const q = document.querySelector('.mention blockquote.evidence');
    const roles = [...q.querySelectorAll('mark')].map((m) => m.dataset.role);
    const box = q.getBoundingClientRect();
    return { text: q.textContent, roles, visible: box.width > 0 && box.height > 0, rule: document.querySelector('.mention .rule').textContent };
  });
  check(evidence.visible, 'the evidence sentence is visible');
  check(/balloon/i.test(evidence.text), `the evidence is about the balloon: "${evidence.text}"`);
  check(evidence.roles.includes('trigger'), `the event words are highlighted (${evidence.roles})`);
  check(evidence.roles.includes('source') || evidence.roles.includes('target'), `an actor is highlighted (${evidence.roles})`);
  const triggerBg = await page.evaluate(() => getComputedStyle(document.querySelector('mark.role-trigger')).backgroundColor);
  check(triggerBg !== 'rgba(0, 0, 0, 0)' && triggerBg !== 'transparent', `the highlight is painted (${triggerBg})`);
  check(/Rule \S+/.test(evidence.rule), `the rule that fired is shown: ${evidence.rule}`);
  await page.screenshot({ path: path.join(artifacts, 'event.png'), fullPage: false });

  // 4. The document.
  await page.locator('a.document-link').first().click();
  await page.waitForFunction(() => location.hash.startsWith('#/document/'));
  await ready();
  await page.waitForSelector('section.segment');
  const doc = await page.evaluate(() => ({
    title: document.querySelector('h1').textContent,
    segments: [...document.querySelectorAll('section.segment h3')].map((x) => x.textContent),
    paragraphs: document.querySelectorAll('section.segment p.para').length,
    underlined: [...document.querySelectorAll('section.segment a.evidence-span')].map((a) => a.textContent),
    marks: document.querySelectorAll('.evidence-segment mark').length,
  }));
  check(doc.title.length > 5, `the document page has the title: ${doc.title}`);
  check(doc.segments.length >= 1 && doc.segments[0] === 'Main text', `the document shows the reader's segments: ${doc.segments}`);
  check(doc.paragraphs >= 2, `the document shows its text paragraph by paragraph (${doc.paragraphs})`);
  check(doc.underlined.some((t) => /balloon/i.test(t)), `the evidence sentence is marked in the text: ${doc.underlined}`);
  check(doc.marks >= 1, 'the document highlights its evidence');
  await page.screenshot({ path: path.join(artifacts, 'document.png'), fullPage: false });

  // Bookmarkable: a fresh load of an event URL shows the event.
  const url = page.url();
  await page.goto(`${base}/#/dyad/USA/CHN`);
  await ready();
  await page.waitForSelector('#index-chart canvas');
  check(true, `a bookmarked dyad URL loads (${url})`);

  // 5. Escaping: a hostile hash does not inject markup.
  await page.goto(`${base}/#/event/%3Cimg%20src=x%20onerror=alert(1)%3E`);
  await ready();
  check(await page.locator('img').count() === 0, 'no markup injected from the URL');
  check(await page.locator('.error').count() === 1, 'a bad event id shows an error');

  check(pageErrors.filter((e) => !/400|404|Bad Request|Not Found/.test(e)).length === 0, `no page errors: ${pageErrors}`);
  check(external.length === 0, `no request leaves the server (CDN, fonts): ${external}`);
} catch (e) {
  failures.push(String(e && e.stack || e));
  console.log('FAIL:', e);
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (failures.length) {
  console.log(`${failures.length} check(s) failed; screenshots in ${artifacts}`);
  process.exit(1);
}
console.log(`all checks passed; screenshots in ${artifacts}`);
