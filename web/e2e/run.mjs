// End-to-end test of the workbench in a real browser: Debian's chromium
// driven by playwright-core (no browser download). Starts `jixiao serve` on a
// fresh database on loopback, loads the seed tables through the upload API,
// then walks the pages as a reviewer would and checks what they show.
//
//   node web/e2e/run.mjs --jixiao build/jixiao --seeds tests/corpus/seeds --out build/screenshots
//
// Exit status 0 when every step passed; 1 (with the failing step named) else.
// Screenshots of each page go to --out as web-*.png.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const jixiao = resolve(arg('jixiao', 'build/jixiao'));
const seedsDir = resolve(arg('seeds', 'tests/corpus/seeds'));
const outDir = resolve(arg('out', 'build/screenshots'));
const browserPath = arg('chromium', process.env.JIXIAO_CHROMIUM || '/usr/bin/chromium');

function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
}

async function startServer(db) {
  const child = spawn(jixiao, ['serve', '--db', db, '--port', '0', '--allow-upload'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const base = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`jixiao serve did not start in 20 s: ${stderr}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.on('exit', (code) => fail(new Error(`jixiao serve exited (${code}): ${stderr}`)));
  });
  return { child, base };
}

async function uploadFile(base, path) {
  const form = new FormData();
  form.append('file', new Blob([await readFile(path)]), basename(path));
  const res = await fetch(`${base}/api/upload`, { method: 'POST', body: form });
  const body = await res.json();
  check(res.status === 201, `upload of ${basename(path)} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

const steps = [];
function step(name, fn) {
  steps.push({ name, fn });
}

const work = await mkdtemp(join(tmpdir(), 'jixiao-e2e-'));
await mkdir(outDir, { recursive: true });
const seeds = (await readdir(seedsDir)).filter((f) => f.endsWith('.txt')).sort().map((f) => join(seedsDir, f));
check(seeds.length >= 2, `at least two seed tables in ${seedsDir}`);
const preloaded = seeds.slice(0, -1);
const uploadedByBrowser = seeds[seeds.length - 1];

const { child, base } = await startServer(join(work, 'e2e.db'));
const browser = await chromium.launch({
  executablePath: browserPath,
  // Containers (CI) often run as root with a small /dev/shm and no GPU.
  args: [...(process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []), '--disable-dev-shm-usage', '--disable-gpu'],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, acceptDownloads: true, locale: 'zh-CN' });
const page = await context.newPage();
const consoleErrors = [];
page.on('pageerror', (e) => consoleErrors.push(String(e)));
// The refused upload's 415 is expected; any other console error fails the run.
page.on('console', (m) => { if (m.type() === 'error' && !/status of 415/.test(m.text())) consoleErrors.push(m.text()); });
const shot = (name) => page.screenshot({ path: join(outDir, `web-${name}.png`), fullPage: true });

let firstDepartment = '';
step('seed tables load through the upload API', async () => {
  for (const f of preloaded) {
    const r = await uploadFile(base, f);
    check(r.documents.length >= 1, `${basename(f)} gave a document`);
    if (!firstDepartment) firstDepartment = r.documents[0].department;
  }
});

step('overview shows the documents, totals and charts', async () => {
  await page.goto(`${base}/`);
  await page.waitForSelector('[data-testid=stats]');
  const stats = await page.textContent('[data-testid=stats]');
  check(stats.includes(String(preloaded.length)) && stats.includes('文档'), `stats name ${preloaded.length} documents: ${stats}`);
  check(await page.locator('canvas').count() >= 3, 'three charts drawn');
  check(await page.locator('[data-testid=doc-link]').count() === preloaded.length, 'every document listed');
  await page.waitForTimeout(300);
  await shot('overview');
});

step('a seed document opens as its published table', async () => {
  await page.locator('[data-testid=doc-link]', { hasText: firstDepartment }).first().click();
  await page.waitForSelector('[data-testid=published]');
  const head = await page.textContent('[data-testid=published] thead');
  for (const label of ['总计', '财政拨款', '其他资金', '绩效目标']) check(head.includes(label), `column ${label}`);
  check((await page.textContent('.meta')).includes(firstDepartment), 'department shown');
  check(await page.locator('tr.project').count() > 0, 'projects shown');
  await shot('document');
});

step('clicking a finding shows its source lines', async () => {
  const finding = page.locator('[data-testid=findings] li.finding[data-line]').first();
  check(await finding.count() === 1, 'the document has findings');
  await finding.click();
  await page.waitForSelector('[data-testid=source] pre div.hit');
  const hit = await page.locator('[data-testid=source] pre div.hit').allTextContents();
  check(hit.join('').replace(/\d/g, '').trim().length > 0, `highlighted source text: ${hit}`);
  const heading = await page.textContent('[data-testid=source] h3');
  check(/行|line/.test(heading), `source heading names lines: ${heading}`);
  await shot('document-source');
});

let shownRows = 0;
step('search finds projects by text', async () => {
  await page.goto(`${base}/#/search`);
  await page.waitForSelector('[data-testid=search-form]');
  await page.fill('input[name=q]', '物业');
  await page.click('[data-testid=search-form] button[type=submit]');
  await page.waitForFunction(() => location.hash.includes('q='));
  await page.waitForSelector('[data-testid=results] tbody tr td a');
  shownRows = await page.locator('[data-testid=results] tbody tr').count();
  const names = await page.locator('[data-testid=results] tbody tr td:nth-child(4)').allTextContents();
  check(shownRows > 0 && names.every((n) => n.includes('物业')), `every project found names 物业: ${names}`);
  await shot('search');
});

step('the CSV download holds what is shown', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-csv]')]);
  const bytes = await readFile(await download.path());
  check(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, 'CSV starts with a UTF-8 BOM');
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
  check(lines[0].startsWith('部门名称,年度,资金使用单位,项目名称'), `CSV header: ${lines[0]}`);
  check(lines.length - 1 === shownRows, `CSV rows ${lines.length - 1} = rows shown ${shownRows}`);
  check(lines.slice(1).every((l) => l.includes('物业')), 'every CSV row is a match');
});

step('indicator search with the qualitative filter', async () => {
  await page.goto(`${base}/#/search?kind=indicators&qualitative=1`);
  await page.waitForSelector('[data-testid=results] tbody tr');
  const kinds = await page.locator('[data-testid=results] tbody tr td:nth-child(9)').allTextContents();
  check(kinds.length > 0 && kinds.every((k) => k !== '定量'), `only non-figure targets: ${kinds.slice(0, 5)}`);
});

step('compare draws one indicator across departments', async () => {
  await page.goto(`${base}/#/compare`);
  await page.waitForSelector('[data-testid=compare-form]');
  const name = (await page.locator('table.grid tbody tr td a').first().textContent()).trim();
  await page.fill('input[name=name]', name);
  await page.click('[data-testid=compare-form] button[type=submit]');
  await page.waitForSelector('[data-testid=compare-chart] canvas');
  const rows = await page.locator('table.grid tbody tr td:nth-child(4)').allTextContents();
  check(rows.length > 1 && rows.every((r) => r.replace(/\s/g, '') === name.replace(/\s/g, '')), `rows are ${name}`);
  await page.waitForTimeout(300);
  await shot('compare');
});

step('an uploaded file appears with its findings', async () => {
  await page.goto(`${base}/#/upload`);
  await page.waitForSelector('[data-testid=file-input]', { state: 'attached' });
  await page.setInputFiles('[data-testid=file-input]', uploadedByBrowser);
  await page.waitForSelector('[data-testid=uploaded-doc] a');
  const text = await page.textContent('[data-testid=uploaded-doc]');
  check(/项目/.test(text), `upload result lists projects: ${text}`);
  await shot('upload');
  await page.click('[data-testid=uploaded-doc] a');
  await page.waitForSelector('[data-testid=published]');
  await page.goto(`${base}/#/overview`);
  await page.waitForSelector('[data-testid=stats]');
  check(await page.locator('[data-testid=doc-link]').count() === seeds.length, 'the upload is listed on the overview');
});

step('a file that is not a table is refused with a message', async () => {
  await page.goto(`${base}/#/upload`);
  await page.waitForSelector('[data-testid=file-input]', { state: 'attached' });
  await page.setInputFiles('[data-testid=file-input]', { name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
  await page.waitForSelector('[data-testid=upload-error]');
  const message = await page.textContent('[data-testid=upload-error]');
  check(message.includes('fake.pdf') && /does not start like one/.test(message), `the refusal says why: ${message}`);
});

step('English labels are available', async () => {
  await page.goto(`${base}/#/overview`);
  await page.waitForSelector('[data-testid=stats]');
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('#nav').textContent.includes('Overview'));
  await page.waitForSelector('[data-testid=stats]');
  check((await page.textContent('[data-testid=stats]')).includes('Documents'), 'stats in English');
  await page.waitForTimeout(300);
  await shot('overview-en');
  await page.click('#lang');
});

let failed = 0;
try {
  for (const s of steps) {
    const started = Date.now();
    try {
      await s.fn();
      console.log(`ok    ${s.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL  ${s.name}: ${e.message}`);
      await shot(`failed-${steps.indexOf(s)}`).catch(() => {});
      break; // later steps build on earlier ones
    }
  }
  if (consoleErrors.length) {
    failed++;
    console.log(`FAIL  the page logged errors:\n  ${consoleErrors.join('\n  ')}`);
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
  await rm(work, { recursive: true, force: true });
}
console.log(failed ? `web e2e: ${failed} failure(s)` : `web e2e: all ${steps.length} steps passed; screenshots in ${outDir}`);
process.exit(failed ? 1 : 0);
