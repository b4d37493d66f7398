// The JSON API (README "API"). Errors come back as {error: {status, code,
// message}}; they are thrown as ApiError so pages can show the message.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(k, v === true ? '1' : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function parse(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    /* not JSON: reported below */
  }
  if (!response.ok) {
    const e = body && body.error;
    throw new ApiError(response.status, e ? e.code : 'http', e ? e.message : `HTTP ${response.status}`);
  }
  return body;
}

export async function get(path, params = {}) {
  return parse(await fetch(`/api/${path}${query(params)}`, { headers: { Accept: 'application/json' } }));
}

export async function upload(file, token) {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return parse(await fetch('/api/upload', { method: 'POST', body: form, headers }));
}
