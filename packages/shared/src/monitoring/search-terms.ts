/**
 * Search terms in visited URLs, so a source that sends only URLs still yields searches (issue 6).
 * Engines by host, each with the query parameter it uses; a path ending in /search on any other host is read
 * through the common parameter names.
 */
interface Engine {
  name: string;
  /** Matches the host (lower case, no port). */
  host: RegExp;
  params: string[];
  /** When set, only these paths carry searches. */
  path?: RegExp;
}

const ENGINES: Engine[] = [
  {
    name: 'google',
    host: /(^|\.)google\.[a-z.]+$/,
    params: ['q', 'as_q'],
    path: /^\/(search|webhp|complete\/search|images|$)/,
  },
  { name: 'bing', host: /(^|\.)bing\.com$/, params: ['q'] },
  { name: 'duckduckgo', host: /(^|\.)duckduckgo\.com$/, params: ['q'] },
  {
    name: 'youtube',
    host: /(^|\.)youtube\.com$/,
    params: ['search_query', 'q'],
    path: /^\/(results|search)/,
  },
  { name: 'yahoo', host: /(^|\.)search\.yahoo\.[a-z.]+$/, params: ['p', 'q'] },
  { name: 'ecosia', host: /(^|\.)ecosia\.org$/, params: ['q'] },
  { name: 'brave', host: /(^|\.)search\.brave\.com$/, params: ['q'] },
  { name: 'startpage', host: /(^|\.)startpage\.com$/, params: ['query', 'q'] },
  { name: 'qwant', host: /(^|\.)qwant\.com$/, params: ['q'] },
  { name: 'ask', host: /(^|\.)ask\.com$/, params: ['q'] },
  { name: 'aol', host: /(^|\.)search\.aol\.[a-z.]+$/, params: ['q'] },
  { name: 'yandex', host: /(^|\.)yandex\.[a-z.]+$/, params: ['text'] },
  { name: 'baidu', host: /(^|\.)baidu\.com$/, params: ['wd', 'word'] },
  { name: 'kiddle', host: /(^|\.)kiddle\.co$/, params: ['q'] },
  { name: 'swiggle', host: /(^|\.)swiggle\.org\.uk$/, params: ['q'] },
  { name: 'wikipedia', host: /(^|\.)wikipedia\.org$/, params: ['search'] },
  { name: 'tiktok', host: /(^|\.)tiktok\.com$/, params: ['q'], path: /^\/search/ },
  { name: 'x', host: /(^|\.)(twitter|x)\.com$/, params: ['q'], path: /^\/search/ },
  { name: 'reddit', host: /(^|\.)reddit\.com$/, params: ['q'], path: /search/ },
  { name: 'pinterest', host: /(^|\.)pinterest\.[a-z.]+$/, params: ['q'], path: /^\/search/ },
  { name: 'amazon', host: /(^|\.)amazon\.[a-z.]+$/, params: ['k', 'field-keywords'] },
  { name: 'ebay', host: /(^|\.)ebay\.[a-z.]+$/, params: ['_nkw'] },
  { name: 'roblox', host: /(^|\.)roblox\.com$/, params: ['Keyword', 'keyword'] },
  { name: 'twitch', host: /(^|\.)twitch\.tv$/, params: ['term'], path: /^\/search/ },
  { name: 'spotify', host: /(^|\.)open\.spotify\.com$/, params: [], path: /^\/search\// },
];

const GENERIC_PARAMS = ['q', 'query', 'search', 'search_query', 'keyword', 'keywords', 'term', 's'];

export interface SearchFromUrl {
  engine: string;
  terms: string;
}

/** Where a URL's parameters are read: its raw query and fragment (read by hand), or the URL parser's. */
type Params = { query: string; fragment: string } | { params: URLSearchParams; hash: URLSearchParams | null };

/**
 * A parameter's value (the first pair of that name; '' when it has no value), from the query and else the
 * fragment; null when absent, undefined when the reading by hand is unsure of it.
 */
function param(p: Params, name: string): string | null | undefined {
  if ('params' in p) return p.params.get(name) ?? p.hash?.get(name) ?? null;
  const v = quickGet(p.query, name);
  return v !== null || p.fragment === '' ? v : quickGet(p.fragment, name);
}

/** The first of `names` with a value that is not blank, its spaces folded. */
function read(p: Params, names: string[]): string | null | undefined {
  for (const n of names) {
    const v = param(p, n);
    if (v === undefined) return undefined;
    if (v !== null && v.trim() !== '') return v.replace(/\s+/g, ' ').trim().slice(0, 500);
  }
  return null;
}

/** The search of a parsed URL; undefined when the reading by hand was unsure of a value it needed. */
function termsOf(host: string, pathname: string, p: Params): SearchFromUrl | null | undefined {
  for (const engine of ENGINES) {
    if (!engine.host.test(host)) continue;
    if (engine.path && !engine.path.test(pathname)) return null;
    if (engine.name === 'spotify') {
      const t = decodedOr(pathname.slice('/search/'.length)).trim();
      return t ? { engine: engine.name, terms: t.slice(0, 500) } : null;
    }
    const terms = read(p, engine.params);
    return terms === undefined ? undefined : terms ? { engine: engine.name, terms } : null;
  }
  if (/\/search\/?$|\/search\.|\/results\/?$/i.test(pathname)) {
    const terms = read(p, GENERIC_PARAMS);
    return terms === undefined ? undefined : terms ? { engine: host, terms } : null;
  }
  return null;
}

/** A path segment decoded, or as written when its escapes are malformed. */
function decodedOr(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The common URL read by hand, without `new URL` and URLSearchParams (1.1-1.2 us a search URL beside 1.8-2.0,
 * most of which was URLSearchParams' decoding): printable ASCII only, http(s), a plain host name (ASCII letters, digits, '-', '_', dots
 * between labels, the last label starting with a letter, no punycode), an optional port, and a path with
 * nothing the URL parser would rewrite (dot segments, backslashes, characters it percent-encodes). For any
 * other URL it answers null and the caller asks `new URL`, so its answers are the URL parser's by construction;
 * the tests compare the two on generated URLs.
 */
const QUICK_START = /^(https?):\/\/((?:[a-z0-9_-]{1,63}\.)*[a-z][a-z0-9_-]{0,62})(?::(\d{1,5}))?(?=[/?#]|$)/i;
function quickParts(raw: string): { host: string; pathname: string; query: string; fragment: string } | null {
  const s = raw.includes('://') ? raw : `https://${raw}`;
  if (!/^[\x21-\x7e]*$/.test(s) || s.includes('\\')) return null;
  const m = QUICK_START.exec(s);
  if (!m || (m[3] !== undefined && Number(m[3]) > 65535) || m[2]!.length > 253 || /xn--/i.test(m[2]!))
    return null;
  const rest = s.slice(m[0].length);
  const hashAt = rest.indexOf('#');
  const before = hashAt < 0 ? rest : rest.slice(0, hashAt);
  const queryAt = before.indexOf('?');
  const path = queryAt < 0 ? before : before.slice(0, queryAt);
  if (path.includes('/.') || /%2e|["<>`{}^|]/i.test(path)) return null;
  return {
    host: m[2]!.toLowerCase(),
    pathname: path === '' ? '/' : path,
    query: queryAt < 0 ? '' : before.slice(queryAt + 1),
    fragment: hashAt < 0 ? '' : rest.slice(hashAt + 1),
  };
}

/** application/x-www-form-urlencoded decoding of one name or value; undefined for escapes left to URLSearchParams. */
function formDecode(text: string): string | undefined {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    // a malformed escape (kept as written) or bytes that are not UTF-8 (replaced): URLSearchParams knows how
    return undefined;
  }
}

/** URLSearchParams' `get` on a raw query, by hand: the first pair with that (decoded) name. */
function quickGet(query: string, name: string): string | null | undefined {
  for (let at = 0; at < query.length;) {
    let end = query.indexOf('&', at);
    if (end < 0) end = query.length;
    if (end > at) {
      let eq = query.indexOf('=', at);
      if (eq > end) eq = -1;
      const n = formDecode(query.slice(at, eq < 0 ? end : eq));
      if (n === undefined) return undefined;
      if (n === name) return eq < 0 ? '' : formDecode(query.slice(eq + 1, end));
    }
    at = end + 1;
  }
  return null;
}

/** The search typed into a known engine (or a /search page) as its URL shows it, or null. */
export function searchTermsFromUrl(raw: string): SearchFromUrl | null {
  const q = quickParts(raw);
  const found = q ? termsOf(q.host, q.pathname, q) : undefined;
  if (found !== undefined) return found;
  return searchTermsByUrlParser(raw);
}

/** The same through `new URL` and URLSearchParams: every URL the quick reading is unsure of. */
export function searchTermsByUrlParser(raw: string): SearchFromUrl | null {
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `https://${raw}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  // Google and others keep the query after '#' on instant-search pages.
  const hash = url.hash.length > 1 ? new URLSearchParams(url.hash.slice(1)) : null;
  return termsOf(host, url.pathname, { params: url.searchParams, hash }) ?? null;
}

/**
 * Words a URL shows without a search: host labels and path segments ("pornhub.com/view" -> "pornhub com
 * view"), for classifying visited URLs themselves.
 */
export function urlWords(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `https://${raw}`);
  } catch {
    return raw.slice(0, 500);
  }
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the encoded form
  }
  return `${url.hostname.replace(/^www\./, '')} ${path}`
    .replace(/[./_\-+=~%\s]+/g, ' ')
    .trim()
    .slice(0, 500);
}
