// Overview: what the database holds, where the money goes, how serious the
// findings are, and which departments set the best and worst targets.
import { get } from '../api.js';
import { h, clear, money, card } from '../dom.js';
import { t } from '../i18n.js';
import { chart, severityColours } from '../charts.js';
import { href, go } from '../router.js';
import { pager, table, counts } from './common.js';

export async function overviewPage(root, route, alive) {
  const page = Number(route.params.get('page') || 1);
  const [o, docs] = await Promise.all([get('overview'), get('documents', { page, per_page: 20 })]);
  if (!alive()) return;
  clear(root);
  root.append(h('h1', {}, t('nav_overview')));
  if (!o.documents) {
    root.append(h('p', { class: 'muted', 'data-testid': 'empty' }, t('empty_db')));
    return;
  }
  const stat = (label, value) => h('div', { class: 'stat' }, h('b', {}, String(value)), h('span', {}, label));
  root.append(h('div', { class: 'stats', 'data-testid': 'stats' },
    stat(t('documents'), o.documents), stat(t('departments'), o.departments), stat(t('years'), o.years.map((y) => y.year ?? t('year_unknown')).join(t('list_sep')) || '—'),
    stat(t('projects'), o.projects), stat(t('indicators'), o.indicators)));

  const sources = ['fiscal', 'special', 'other'];
  const unit = `${t('amount_unit')}${t('colon')}${o.amount_unit || '万元'}`;
  const totalsTable = table([t('totals_by_source'), unit],
    ['total', ...sources].map((k) => h('tr', {}, h('td', {}, t(k)), h('td', { class: 'num' }, money(o.totals[k] || '0.00')))));
  const byYearEl = h('div', { class: 'chart' });
  const sevEl = h('div', { class: 'chart' });
  root.append(h('div', { class: 'row' },
    card(t('totals_by_source'), totalsTable, byYearEl),
    card(t('findings_by_severity'), sevEl)));

  chart(byYearEl, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 10, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: o.totals_by_year.map((r) => String(r.year ?? t('year_unknown'))) },
    yAxis: { type: 'value', name: o.amount_unit || '万元' },
    series: sources.map((k) => ({ name: t(k), type: 'bar', stack: 'y', data: o.totals_by_year.map((r) => Number(r[k] || 0)) })),
  });
  chart(sevEl, {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['35%', '65%'],
      label: { formatter: '{b}: {c}' },
      data: ['error', 'warning', 'notice'].map((s) => ({ name: t(s), value: o.findings[s] || 0, itemStyle: { color: severityColours[s] } })),
    }],
  });

  const rankEl = h('div', { class: 'chart tall' });
  root.append(h('div', { class: 'row' },
    card(t('quality_ranking'), rankEl),
    card(t('worst_projects'), table([t('department'), t('project'), t('quality')],
      o.worst_projects.map((p) => h('tr', {},
        h('td', {}, p.department ?? '', p.year ? ` (${p.year})` : ''),
        h('td', {}, h('a', { href: href('doc', { project: p.project_no }, p.document_id) }, p.name ?? '—')),
        h('td', { class: 'num' }, p.quality ?? '—')))))));
  const ranking = [...o.quality_ranking].reverse();
  chart(rankEl, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 200, right: 30, top: 10, bottom: 30 },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', data: ranking.map((r) => `${r.department}${r.year ? ` ${r.year}` : ''}`), axisLabel: { width: 190, overflow: 'truncate' } },
    series: [{ type: 'bar', name: t('quality'), data: ranking.map((r) => r.quality), label: { show: true, position: 'right' } }],
  });

  root.append(card(t('recent_documents'),
    table([t('department'), t('year'), t('title'), t('total'), t('projects'), t('findings'), t('quality')],
      docs.items.map((d) => h('tr', {},
        h('td', {}, h('a', { href: href('doc', {}, d.id), 'data-testid': 'doc-link' }, d.department ?? d.source_name)),
        h('td', {}, d.year ?? ''),
        h('td', {}, d.title ?? ''),
        h('td', { class: 'num' }, money(d.total)),
        h('td', { class: 'num' }, d.projects),
        h('td', {}, counts(d.findings)),
        h('td', { class: 'num' }, d.quality ?? '—')))),
    pager(page, 20, docs.total, (p) => go('overview', { page: p }))));
}
