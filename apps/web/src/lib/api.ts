/** The JSON API client: sends the CSRF token on every change and turns error bodies into ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrfToken = (t: string): void => {
  csrfToken = t;
};

type Listener = (code: string) => void;
const authListeners = new Set<Listener>();
/** The app shell listens so a locked or ended session shows the lock screen or sign-in at once. */
export const onAuthProblem = (l: Listener): (() => void) => {
  authListeners.add(l);
  return () => authListeners.delete(l);
};

/** Errors meaning the session is no longer what the page thinks: signed out, locked or mid-sign-in. */
const AUTH_CODES = new Set(['locked', 'unauthenticated', 'totp_required', 'password_change_required']);

export async function api<T>(
  method: string,
  url: string,
  body?: unknown,
  opts: { passive?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.passive) headers['x-harbour-passive'] = '1';
  const res = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = (
      data as {
        error?: { code?: string; message?: string; details?: { path: string; message: string }[] };
      } | null
    )?.error;
    const code = err?.code ?? 'error';
    // Passive calls (the session check itself) never trigger another check: no loops.
    if (!opts.passive && AUTH_CODES.has(code)) authListeners.forEach((l) => l(code));
    throw new ApiError(res.status, code, err?.message ?? `Request failed (${res.status})`, err?.details);
  }
  return data as T;
}

export const get = <T>(url: string, opts?: { passive?: boolean }) => api<T>('GET', url, undefined, opts);
export const post = <T>(url: string, body: unknown = {}) => api<T>('POST', url, body);
export const patch = <T>(url: string, body: unknown) => api<T>('PATCH', url, body);
export const put = <T>(url: string, body: unknown) => api<T>('PUT', url, body);
export const del = <T>(url: string) => api<T>('DELETE', url);
