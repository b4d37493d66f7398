// Search: projects or indicators by text, department, year, level and
// qualitative targets, a page at a time; the page shown downloads as CSV or
// XLSX with the same filters.
import { get, query } from '../api.js';
import { h, clear, money, card } from '../dom.js';
import { t } from '../i18n.js';
import { href, go } from '../router.js';
import { pager, resultCount, table, kindLabel } from './common.js';

const fields = ['kind', 'q', 'department', 'year', 'level1', 'qualitative', 'per_page'];

export async function searchPage(root, route, alive) {
  const p = route.params;
  const state = Object.fromEntries(fields.map((k) => [k, p.get(k) || '']));
  state.kind = state.kind === 'indicators' ? 'indicators' : 'projects';
  state.per_page = Number(state.per_page) || 50;
  const page = Number(p.get('page') || 1);
  const params = { ...state, page };
  const [facets, result] = await Promise.all([get('facets'), get('search', params)]);
  if (!alive()) return;
  clear(root);

  const input = (name, attrs = {}) => h('input', { name, value: state[name], ...attrs });
  const select = (name, options) => h('select', { name }, options.map(([v, label]) => h('option', { value: v, selected: String(state[name]) === String(v) }, label)));
  const form = h('form', { class: 'filters', 'data-testid': 'search-form' },
    h('label', {}, t('search_kind'), select('kind', [['projects', t('projects')], ['indicators', t('indicators')]])),
    h('label', {}, t('search_text'), input('q', { type: 'search', placeholder: '…' })),
    h('label', {}, t('department'), input('department', { list: 'departments' })),
    h('datalist', { id: 'departments' }, facets.departments.map((d) => h('option', { value: d }))),
    h('label', {}, t('year'), select('year', [['', t('all')], ...facets.years.map((y) => [y, y])])),
    h('label', {}, t('level1'), select('level1', [['', t('all')], ...facets.level1.map((l) => [l, l])])),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'qualitative', checked: state.qualitative === '1' }), t('qualitative_only')),
    h('label', {}, '', select('per_page', [20, 50, 100, 500].map((n) => [n, `${n}/${t('page').trim()}`]))),
    h('button', { type: 'submit' }, t('search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    go('search', {
      kind: data.get('kind'), q: data.get('q').trim(), department: data.get('department').trim(), year: data.get('year'),
      level1: data.get('level1'), qualitative: data.get('qualitative') ? '1' : '', per_page: data.get('per_page'),
    });
  });

  const exportQuery = query(params);
  const downloads = h('div', { class: 'downloads' },
    h('a', { href: `/api/search.csv${exportQuery}`, download: 'jixiao-search.csv', 'data-testid': 'download-csv', class: 'button' }, t('download_csv')),
    h('a', { href: `/api/search.xlsx${exportQuery}`, download: 'jixiao-search.xlsx', 'data-testid': 'download-xlsx', class: 'button' }, t('download_xlsx')));

  const link = (r, text) => h('a', { href: href('doc', { project: r.project_no }, r.document_id) }, text ?? '—');
  let tableEl;
  if (state.kind === 'projects') {
    tableEl = table([t('department'), t('year'), t('unit'), t('project'), t('total'), t('fiscal'), t('special'), t('other'), t('indicators'), t('quality')],
      result.items.map((r) => h('tr', {},
        h('td', {}, r.department ?? ''), h('td', {}, r.year ?? ''), h('td', {}, r.unit), h('td', {}, link(r, r.name)),
        ['total', 'fiscal', 'special', 'other'].map((k) => h('td', { class: 'num' }, money(r.amounts[k]))),
        h('td', { class: 'num' }, r.indicators), h('td', { class: 'num' }, r.quality ?? '—'))), { 'data-testid': 'results' });
  } else {
    tableEl = table([t('department'), t('year'), t('project'), t('level1'), t('level2'), t('level3'), t('period_target'), t('annual_target'), t('target_kind')],
      result.items.map((r) => h('tr', {},
        h('td', {}, r.department ?? ''), h('td', {}, r.year ?? ''), h('td', {}, link(r, r.project)),
        h('td', {}, r.level1), h('td', {}, r.level2),
        h('td', {}, h('a', { href: href('compare', { kind: 'indicator', name: r.name }) }, r.name)),
        h('td', {}, r.period_target ?? ''), h('td', {}, r.annual_target ?? ''), h('td', {}, kindLabel(r.annual_kind)))), { 'data-testid': 'results' });
  }
  root.append(h('h1', {}, t('nav_search')), card(null, form),
    card(null, h('div', { class: 'result-head' }, h('span', { 'data-testid': 'total' }, resultCount(result.total, result.more)), downloads),
      tableEl, pager(page, state.per_page, result.total, (n) => go('search', { ...state, page: n }), result.more)));
}
