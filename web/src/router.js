// Routes live in the address hash: #/search?q=x, #/doc/12?f=3.
// "#/search?q=x" → {name: 'search', arg: undefined, params: URLSearchParams}
export function parseRoute(hash = location.hash) {
  const raw = hash.replace(/^#\/?/, '');
  const [path, qs] = raw.split('?');
  const [name, arg] = path.split('/');
  return { name: name || '', arg: arg ? decodeURIComponent(arg) : undefined, params: new URLSearchParams(qs || '') };
}

export function href(name, params = {}, arg) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, v === true ? '1' : v);
  }
  const s = q.toString();
  return `#/${name}${arg !== undefined ? `/${encodeURIComponent(arg)}` : ''}${s ? `?${s}` : ''}`;
}

export function go(name, params = {}, arg) {
  location.hash = href(name, params, arg);
}
