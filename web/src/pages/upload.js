// Upload: drop files; each is checked and ingested by the server and listed
// with the documents it held and their findings.
import { get, upload } from '../api.js';
import { h, clear, card, put } from '../dom.js';
import { t } from '../i18n.js';
import { href } from '../router.js';
import { counts } from './common.js';

function size(n) {
  return n >= 1048576 ? `${Math.round(n / 1048576)} MB` : `${Math.round(n / 1024)} KB`;
}

export async function uploadPage(root, route, alive) {
  const config = await get('config');
  if (!alive()) return;
  clear(root);
  root.append(h('h1', {}, t('upload_title')));
  if (!config.upload) {
    root.append(h('p', { class: 'callout', 'data-testid': 'upload-disabled' }, t('upload_disabled')));
    return;
  }
  const tokenInput = config.token_required ? h('input', { type: 'password', name: 'token', autocomplete: 'off' }) : null;
  const fileInput = h('input', { type: 'file', multiple: true, accept: config.accept.join(','), 'data-testid': 'file-input', class: 'hidden-file' });
  const drop = h('label', { class: 'drop', 'data-testid': 'drop' }, fileInput,
    h('b', {}, t('upload_hint')), h('span', { class: 'muted' }, t('upload_limit', size(config.max_upload_bytes)), ' ', config.accept.join(' ')));
  const results = h('ol', { class: 'uploads', 'data-testid': 'upload-results' });
  root.append(card(null, tokenInput ? h('label', {}, t('token'), ' ', tokenInput) : null, drop), card(null, results));

  async function send(files) {
    for (const file of files) {
      const item = h('li', {}, h('b', {}, file.name), ' ', h('span', { class: 'muted' }, t('uploading')));
      results.prepend(item);
      try {
        const r = await upload(file, tokenInput ? tokenInput.value : '');
        put(clear(item), h('b', {}, file.name), ' · ', t('uploaded'), ' ',
          h('ul', {}, r.documents.map((d) => h('li', { 'data-testid': 'uploaded-doc' },
            h('a', { href: href('doc', {}, d.id) }, d.department ?? d.title ?? `#${d.id}`), ' ',
            `${d.projects} ${t('projects')}`, ' ', counts(d.findings)))),
          r.error ? h('p', { class: 'error' }, r.error) : null);
      } catch (e) {
        clear(item).append(h('b', {}, file.name), ' · ', h('span', { class: 'error', 'data-testid': 'upload-error' }, `${t('upload_failed')}: ${e.message}`));
      }
    }
  }
  fileInput.addEventListener('change', () => send([...fileInput.files]));
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    send([...e.dataTransfer.files]);
  });
}
