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

/** The search typed into a known engine (or a /search page) as its URL shows it, or null. */
export function searchTermsFromUrl(raw: string): SearchFromUrl | null {
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `https://${raw}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const params = url.searchParams;
  // Google and others keep the query after '#' on instant-search pages.
  const hash = url.hash.length > 1 ? new URLSearchParams(url.hash.slice(1)) : null;
  const read = (names: string[]): string | null => {
    for (const n of names) {
      const v = params.get(n) ?? hash?.get(n) ?? null;
      if (v !== null && v.trim() !== '') return v.replace(/\s+/g, ' ').trim().slice(0, 500);
    }
    return null;
  };
  for (const engine of ENGINES) {
    if (!engine.host.test(host)) continue;
    if (engine.path && !engine.path.test(url.pathname)) return null;
    if (engine.name === 'spotify') {
      const t = decodeURIComponent(url.pathname.slice('/search/'.length)).trim();
      return t ? { engine: engine.name, terms: t.slice(0, 500) } : null;
    }
    const terms = read(engine.params);
    return terms ? { engine: engine.name, terms } : null;
  }
  if (/\/search\/?$|\/search\.|\/results\/?$/i.test(url.pathname)) {
    const terms = read(GENERIC_PARAMS);
    return terms ? { engine: host, terms } : null;
  }
  return null;
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
