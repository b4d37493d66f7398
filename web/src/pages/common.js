// Pieces shared by the pages: the pager and a paged table.
import { h } from '../dom.js';
import { t } from '../i18n.js';

// "N results", or with `more` (the server stopped counting at N) "more than N results".
export function resultCount(total, more = false) {
  return more ? t('more_results', total) : `${total} ${t('results')}`;
}

// With `more` the last page is not known: the pager names no page count and always offers the next page.
export function pager(page, perPage, total, onPage, more = false) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return h('div', { class: 'pager' },
    h('button', { type: 'button', disabled: page <= 1, onclick: () => onPage(page - 1), 'data-testid': 'prev' }, t('prev')),
    h('span', {}, more ? t('page_n', page) : t('page_of', page, pages), ` · ${resultCount(total, more)}`),
    h('button', { type: 'button', disabled: !more && page >= pages, onclick: () => onPage(page + 1), 'data-testid': 'next' }, t('next')));
}

export function table(headers, rows, attrs = {}) {
  return h('table', { class: 'grid', ...attrs },
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, class: 'muted' }, t('no_data')))));
}

export function kindLabel(kind) {
  return kind ? t(`kind_${kind}`) : '';
}

export function counts(f) {
  if (!f) return '';
  return h('span', { class: 'counts' },
    f.error ? h('span', { class: 'sev error' }, `${t('error')} ${f.error}`) : null,
    f.warning ? h('span', { class: 'sev warning' }, `${t('warning')} ${f.warning}`) : null,
    f.notice ? h('span', { class: 'sev notice' }, `${t('notice')} ${f.notice}`) : null);
}
