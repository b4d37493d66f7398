// The workbench: a hash router over five pages. Each page is a function
// (root, params) that fills `root`; a page left before its data arrives
// must not draw into the next one, so each render gets a fresh token.
import { t, setLang, currentLang } from './i18n.js';
import { h, clear } from './dom.js';
import { disposeCharts } from './charts.js';
import { overviewPage } from './pages/overview.js';
import { documentPage } from './pages/document.js';
import { searchPage } from './pages/search.js';
import { comparePage } from './pages/compare.js';
import { uploadPage } from './pages/upload.js';
import { parseRoute } from './router.js';

const routes = {
  '': overviewPage,
  overview: overviewPage,
  doc: documentPage,
  search: searchPage,
  compare: comparePage,
  upload: uploadPage,
};

const navItems = [
  ['overview', 'nav_overview'],
  ['search', 'nav_search'],
  ['compare', 'nav_compare'],
  ['upload', 'nav_upload'],
];

let renderToken = 0;

function drawNav(active) {
  const nav = clear(document.getElementById('nav'));
  for (const [name, label] of navItems) {
    const on = active === name || (name === 'overview' && (active === '' || active === 'doc'));
    nav.append(h('a', { href: `#/${name}`, class: on ? 'on' : null }, t(label)));
  }
  document.getElementById('lang').textContent = t('switch_lang');
}

async function render() {
  const token = ++renderToken;
  disposeCharts();
  const route = parseRoute();
  drawNav(route.name);
  const root = clear(document.getElementById('page'));
  const page = routes[route.name];
  if (!page) {
    root.append(h('p', { class: 'error' }, t('not_found')));
    return;
  }
  root.append(h('p', { class: 'muted' }, t('loading')));
  try {
    await page(root, route, () => token === renderToken);
  } catch (e) {
    if (token !== renderToken) return;
    clear(root).append(h('p', { class: 'error', role: 'alert' }, t('error_prefix'), e.message || String(e)));
  }
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(currentLang() === 'en' ? 'zh' : 'en');
  render();
});
window.addEventListener('hashchange', render);
setLang(currentLang());
render();
