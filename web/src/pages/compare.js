// Compare: one indicator (or project) across departments and years — how
// targets such as 设备维护响应率 vary — as a chart and the rows behind it.
import { get } from '../api.js';
import { h, clear, money, card } from '../dom.js';
import { t } from '../i18n.js';
import { chart } from '../charts.js';
import { href, go } from '../router.js';
import { table, kindLabel } from './common.js';

export async function comparePage(root, route, alive) {
  const kind = route.params.get('kind') === 'project' ? 'project' : 'indicator';
  const name = (route.params.get('name') || '').trim();
  const department = (route.params.get('department') || '').trim();
  const [names, result] = await Promise.all([
    get('compare/names', { kind, limit: 30 }),
    name ? get('compare', { kind, name, department }) : Promise.resolve(null),
  ]);
  if (!alive()) return;
  clear(root);
  const form = h('form', { class: 'filters', 'data-testid': 'compare-form' },
    h('label', {}, t('compare_kind'), h('select', { name: 'kind' },
      h('option', { value: 'indicator', selected: kind === 'indicator' }, t('level3')),
      h('option', { value: 'project', selected: kind === 'project' }, t('project')))),
    h('label', { class: 'wide' }, t('compare_name'), h('input', { name: 'name', value: name, list: 'names', placeholder: t('compare_hint') })),
    h('datalist', { id: 'names' }, names.items.map((n) => h('option', { value: n.name }))),
    kind === 'indicator' ? h('label', {}, t('department'), h('input', { name: 'department', value: department })) : null,
    h('button', { type: 'submit' }, t('nav_compare')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    go('compare', { kind: data.get('kind'), name: data.get('name').trim(), department: (data.get('department') || '').trim() });
  });
  root.append(h('h1', {}, t('nav_compare')), card(null, form));

  if (!result) {
    root.append(card(t('common_names'), table([t('compare_name'), t('occurrences')],
      names.items.map((n) => h('tr', {}, h('td', {}, h('a', { href: href('compare', { kind, name: n.name }) }, n.name)), h('td', { class: 'num' }, n.count))))));
    return;
  }
  const chartEl = h('div', { class: 'chart tall', 'data-testid': 'compare-chart' });
  root.append(card(kind === 'indicator' ? t('compare_chart') : t('compare_amounts'), chartEl));
  drawChart(chartEl, kind, result.rows);
  const rows = kind === 'indicator'
    ? table([t('department'), t('year'), t('project'), t('level3'), t('period_target'), t('annual_target'), t('target_kind')],
      result.rows.map((r) => h('tr', {}, h('td', {}, r.department ?? ''), h('td', {}, r.year ?? ''),
        h('td', {}, h('a', { href: href('doc', { project: r.project_no }, r.document_id) }, r.project ?? '—')),
        h('td', {}, r.name), h('td', {}, r.period_target ?? ''), h('td', {}, r.annual_target ?? ''), h('td', {}, kindLabel(r.annual_kind)))))
    : table([t('department'), t('year'), t('unit'), t('project'), t('total'), t('quality')],
      result.rows.map((r) => h('tr', {}, h('td', {}, r.department ?? ''), h('td', {}, r.year ?? ''), h('td', {}, r.unit),
        h('td', {}, h('a', { href: href('doc', { project: r.project_no }, r.document_id) }, r.name ?? '—')),
        h('td', { class: 'num' }, money(r.amounts.total)), h('td', { class: 'num' }, r.quality ?? '—'))));
  root.append(card(`${result.rows.length} ${t('results')}${result.truncated ? ' +' : ''}`, rows));
}

// ECharts renders a tooltip formatter's string as HTML: document text in it is escaped.
function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// One series per year, departments along the axis: the annual target figure
// for indicators (qualitative targets have no figure and are left out of the
// chart, not drawn as zero), the sum of the totals for projects.
function drawChart(el, kind, rows) {
  const value = (r) => (kind === 'indicator' ? r.annual_number : r.amounts.total);
  const plotted = rows.filter((r) => value(r) !== null && value(r) !== undefined);
  const departments = [...new Set(plotted.map((r) => r.department ?? '—'))];
  const years = [...new Set(plotted.map((r) => r.year ?? '—'))].sort();
  const unit = kind === 'indicator' ? [...new Set(plotted.map((r) => r.annual_unit).filter(Boolean))].join('/') : '万元';
  chart(el, {
    // Points name their department on hover; the axis names them only while
    // they can be read (a few dozen), else the labels would be a smear.
    tooltip: kind === 'indicator'
      ? { trigger: 'item', formatter: (p) => `${escapeHtml(departments[p.value[0]])}<br>${escapeHtml(p.seriesName)}: ${p.value[1]}${escapeHtml(unit)}` }
      : { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 90 },
    xAxis: {
      type: 'category', data: departments,
      name: departments.length > 40 ? `${departments.length} ${t('departments')}` : '',
      axisLabel: { show: departments.length <= 40, rotate: 30, width: 140, overflow: 'truncate', interval: 0 },
    },
    yAxis: { type: 'value', name: unit, scale: kind === 'indicator' },
    // Several projects of one department may set the same indicator: every
    // target is a point (scatter), so none hides behind another's bar.
    series: years.map((y) => (kind === 'indicator'
      ? {
        name: y === '—' ? t('year_unknown') : String(y), type: 'scatter', symbolSize: 12,
        data: plotted.filter((r) => (r.year ?? '—') === y).map((r) => [departments.indexOf(r.department ?? '—'), Number(value(r))]),
      }
      : {
        name: y === '—' ? t('year_unknown') : String(y), type: 'bar',
        data: departments.map((d) => plotted.filter((x) => (x.department ?? '—') === d && (x.year ?? '—') === y)
          .reduce((sum, x) => (sum ?? 0) + Number(value(x)), null)),
      })),
  });
}
