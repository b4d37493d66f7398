// Document: the table laid out as published (合计, units, projects with their
// amounts, goals and indicators), each finding marked on the cell it applies
// to, and the source lines of any cell or finding on click.
import { get } from '../api.js';
import { h, clear, money, put } from '../dom.js';
import { t, currentLang } from '../i18n.js';
import { kindLabel, counts } from './common.js';

const amountKeys = ['total', 'fiscal', 'special', 'other'];

// Findings keyed by where they apply: "u/p/i" with -1 for "not at this level".
function placeKey(u, p, i) {
  return `${u ?? -1}/${p ?? -1}/${i ?? -1}`;
}

export async function documentPage(root, route, alive) {
  const id = route.arg;
  const doc = await get(`documents/${encodeURIComponent(id)}`);
  if (!alive()) return;
  clear(root);
  const d = doc.document;
  const findingsAt = new Map();
  doc.findings.forEach((f, n) => {
    f.n = n;
    const k = placeKey(f.where.unit, f.where.project, f.where.indicator);
    if (!findingsAt.has(k)) findingsAt.set(k, []);
    findingsAt.get(k).push(f);
  });

  const sourcePanel = h('div', { class: 'source', 'data-testid': 'source' }, h('p', { class: 'muted' }, t('source_hint')));
  let selected = null;
  async function showSource(span, el) {
    if (selected) selected.classList.remove('selected');
    selected = el;
    if (el) el.classList.add('selected');
    clear(sourcePanel);
    if (!span || !span.first_line) {
      // Document-wide findings have no single place in the source.
      sourcePanel.append(h('p', { class: 'muted' }, t('whole_document_source')));
      return;
    }
    const from = Math.max(1, span.first_line - 2);
    const to = (span.last_line || span.first_line) + 2;
    try {
      const src = await get(`documents/${encodeURIComponent(id)}/source`, { from, to });
      put(clear(sourcePanel),
        h('h3', {}, t('source_lines'), ' · ', src.name,
          span.page ? ` · ${t('page')} ${span.page}` : '',
          ` · ${t('line')} ${span.first_line}${span.last_line > span.first_line ? `–${span.last_line}` : ''}`),
        h('pre', {}, src.lines.map((l) => h('div', {
          class: l.n >= span.first_line && l.n <= (span.last_line || span.first_line) ? 'hit' : null,
          'data-line': l.n,
        }, h('span', { class: 'ln' }, String(l.n)), l.text))));
    } catch (e) {
      put(clear(sourcePanel), h('p', { class: 'muted' }, t('source_unavailable'), ': ', e.message));
    }
  }

  // A cell that shows its source when clicked, with the findings placed on it.
  function cell(tag, attrs, span, content, place) {
    const marks = place ? findingsAt.get(place) || [] : [];
    const el = h(tag, { ...attrs, class: [attrs.class, span ? 'clickable' : null, marks.length ? `has-${worst(marks)}` : null].filter(Boolean).join(' ') },
      content, marks.map((f) => h('span', { class: `badge ${f.severity}`, title: message(f), 'data-finding': f.n }, '!')));
    if (span) el.addEventListener('click', () => showSource(span, el));
    return el;
  }

  const head = h('tr', {}, ['project', 'total', 'fiscal', 'special', 'other', 'goal'].map((k) => h('th', {}, k === 'project' ? `${t('project')}（${t('unit')}）` : t(k))),
    h('th', {}, t('indicators')));
  const rows = [];
  if (d.total) {
    rows.push(h('tr', { class: 'sum' }, h('td', {}, '合计'), amountKeys.map((k) => h('td', { class: 'num' }, money(d.total[k]))), h('td', { colspan: 2 })));
  }
  let projectNo = 0;
  d.units.forEach((u, ui) => {
    rows.push(h('tr', { class: 'unit' },
      cell('td', {}, u.source, u.name, placeKey(ui, -1, -1)),
      amountKeys.map((k) => h('td', { class: 'num' }, money(u.amounts && u.amounts[k]))), h('td', { colspan: 2 })));
    u.projects.forEach((p, pi) => {
      const no = projectNo++;
      rows.push(h('tr', { class: 'project', id: `p${no}`, 'data-project': no },
        cell('td', { class: 'indent' }, p.source, p.name ?? '—', placeKey(ui, pi, -1)),
        amountKeys.map((k) => h('td', { class: 'num' }, money(p.amounts && p.amounts[k]))),
        cell('td', { class: 'goal' }, p.source, h('div', { class: 'clamp', onclick: (e) => e.currentTarget.classList.toggle('open') }, p.goal ?? '')),
        h('td', {}, indicatorTable(p, ui, pi))));
    });
  });

  function indicatorTable(p, ui, pi) {
    if (!p.indicators.length) return '';
    return h('table', { class: 'inner' },
      h('tr', {}, ['level1', 'level2', 'level3', 'period_target', 'annual_target'].map((k) => h('th', {}, t(k)))),
      p.indicators.map((ind, ii) => h('tr', {},
        h('td', {}, ind.level1 ?? ''), h('td', {}, ind.level2 ?? ''),
        cell('td', {}, ind.source, ind.name, placeKey(ui, pi, ii)),
        h('td', {}, ind.period_target ?? ''),
        h('td', { title: kindLabel(ind.annual_target_parsed && ind.annual_target_parsed.kind) }, ind.annual_target ?? ''))));
  }

  const docFindings = findingsAt.get(placeKey(-1, -1, -1)) || [];
  put(root,
    h('h1', {}, d.title || t('nav_overview')),
    h('p', { class: 'meta' },
      `${t('department')}${t('colon')}${d.department ?? '—'}`, '　',
      d.year ? `${t('year')}${t('colon')}${d.year}　` : '',
      `${t('amount_unit')}${t('colon')}${d.amount_unit}`, '　',
      `${t('source')}${t('colon')}${doc.source.name}`, '　', counts(doc.counts),
      doc.score && doc.score.mean !== null ? `　${t('quality')}${t('colon')}${doc.score.mean}` : ''),
    docFindings.length ? h('ul', { class: 'doc-findings' }, docFindings.map((f) => h('li', { class: f.severity }, message(f)))) : null,
    h('div', { class: 'doc-layout' },
      h('div', { class: 'doc-table' }, h('table', { class: 'published', 'data-testid': 'published' }, h('thead', {}, head), h('tbody', {}, rows))),
      h('aside', { class: 'doc-side' },
        h('h2', {}, t('findings'), ` (${doc.findings.length})`),
        h('ol', { class: 'findings', 'data-testid': 'findings' }, doc.findings.map((f) => {
          const li = h('li', { class: `finding ${f.severity}`, 'data-rule': f.rule, 'data-line': f.where.first_line, tabindex: 0 },
            h('span', { class: `sev ${f.severity}` }, t(f.severity)), ' ',
            h('b', {}, place(f)), h('br'), message(f),
            f.difference ? h('span', { class: 'muted' }, ` (${t('difference')} ${f.difference})`) : null,
            f.fix ? h('div', { class: 'fix' }, `${t('fix')}：`, currentLang() === 'en' ? f.fix.en : f.fix.zh) : null);
          const span = { first_line: f.where.first_line, last_line: f.where.last_line, page: f.where.page };
          li.addEventListener('click', () => {
            showSource(span, li);
            const target = f.where.project !== null ? document.getElementById(`p${projectIndex(d, f.where.unit, f.where.project)}`) : null;
            if (target) target.scrollIntoView({ block: 'nearest' });
          });
          return li;
        })),
        sourcePanel)),
    doc.diagnostics && doc.diagnostics.length ? h('details', {}, h('summary', {}, t('diagnostics'), ` (${doc.diagnostics.length})`),
      h('ul', {}, doc.diagnostics.map((x) => h('li', {}, `${x.severity} ${x.code} ${t('line')} ${x.line}: ${x.message}`)))) : null);

  const focus = route.params.get('project');
  if (focus !== null) {
    const el = document.getElementById(`p${focus}`);
    if (el) {
      el.classList.add('selected');
      el.scrollIntoView({ block: 'center' });
    }
  }
}

function projectIndex(d, unit, project) {
  let n = 0;
  for (let u = 0; u < unit; u++) n += d.units[u].projects.length;
  return n + project;
}

function worst(fs) {
  if (fs.some((f) => f.severity === 'error')) return 'error';
  if (fs.some((f) => f.severity === 'warning')) return 'warning';
  return 'notice';
}

function message(f) {
  return currentLang() === 'en' ? f.message_en : f.message_zh;
}

function place(f) {
  const w = f.where;
  return [w.unit_name, w.project_name, w.indicator_name].filter(Boolean).join(' › ') || t('whole_document');
}
