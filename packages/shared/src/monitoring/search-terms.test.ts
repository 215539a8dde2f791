import { describe, expect, it } from 'vitest';
import { searchTermsByUrlParser, searchTermsFromUrl, urlWords } from './search-terms.js';

describe('searchTermsFromUrl', () => {
  it('reads the common engines', () => {
    const cases: [string, string, string][] = [
      ['https://www.google.co.uk/search?q=how+to+draw+a+cat&safe=active', 'google', 'how to draw a cat'],
      ['https://www.google.com/search?client=x&q=volcano%20facts', 'google', 'volcano facts'],
      ['https://www.bing.com/search?q=rainforest&form=QBLH', 'bing', 'rainforest'],
      ['https://www.youtube.com/results?search_query=minecraft+houses', 'youtube', 'minecraft houses'],
      ['https://m.youtube.com/results?search_query=lego', 'youtube', 'lego'],
      ['https://duckduckgo.com/?q=owls&ia=web', 'duckduckgo', 'owls'],
      ['https://uk.search.yahoo.com/search?p=tudors', 'yahoo', 'tudors'],
      ['https://www.ecosia.org/search?q=trees', 'ecosia', 'trees'],
      ['https://search.brave.com/search?q=space', 'brave', 'space'],
      ['https://www.startpage.com/sp/search?query=maths', 'startpage', 'maths'],
      ['https://www.kiddle.co/s.php?q=sharks', 'kiddle', 'sharks'],
      ['https://en.wikipedia.org/w/index.php?search=romans', 'wikipedia', 'romans'],
      ['https://www.tiktok.com/search?q=dance', 'tiktok', 'dance'],
      ['https://www.amazon.co.uk/s?k=pencils', 'amazon', 'pencils'],
      ['https://www.roblox.com/discover?Keyword=obby', 'roblox', 'obby'],
      ['https://open.spotify.com/search/happy%20songs', 'spotify', 'happy songs'],
      ['https://www.example.org/search?q=owls', 'www.example.org', 'owls'],
      ['www.google.com/search?q=no+scheme', 'google', 'no scheme'],
    ];
    for (const [url, engine, terms] of cases) expect(searchTermsFromUrl(url), url).toEqual({ engine, terms });
  });
  it('answers null for pages that are not searches and for junk', () => {
    for (const url of [
      'https://www.google.com/maps/place/x',
      'https://www.youtube.com/watch?v=abc',
      'ftp://x/search?q=a',
      '::',
      'https://www.bing.com/search?q=%20',
    ])
      expect(searchTermsFromUrl(url), url).toBeNull();
  });
});

describe('searchTermsFromUrl read by hand', () => {
  // Each answer is checked against the URL parser's reading too (`searchTermsByUrlParser`).
  const same = (url: string, want: { engine: string; terms: string } | null) => {
    expect(searchTermsFromUrl(url), url).toEqual(want);
    expect(searchTermsByUrlParser(url), url).toEqual(want);
  };

  it('reads the engines the issue names, and others, in their usual shapes', () => {
    same('https://www.google.com/search?q=how+to+draw&oq=how&sourceid=chrome&ie=UTF-8', {
      engine: 'google',
      terms: 'how to draw',
    });
    same('https://www.google.co.uk/webhp?as_q=owls', { engine: 'google', terms: 'owls' });
    same('https://www.google.com/', null);
    same('https://www.google.com/?q=homepage', { engine: 'google', terms: 'homepage' });
    same('https://www.bing.com/search?q=rainforest+animals&qs=n&form=QBRE', {
      engine: 'bing',
      terms: 'rainforest animals',
    });
    same('https://www.youtube.com/results?search_query=minecraft%20houses&sp=EgIQAQ%253D%253D', {
      engine: 'youtube',
      terms: 'minecraft houses',
    });
    same('https://duckduckgo.com/?t=h_&q=owl+facts&ia=web', { engine: 'duckduckgo', terms: 'owl facts' });
    same('https://search.yahoo.com/search?p=tudors&fr=yfp-t', { engine: 'yahoo', terms: 'tudors' });
    same('https://yandex.ru/search/?text=%D0%BA%D0%BE%D1%82', { engine: 'yandex', terms: 'кот' });
    same('https://www.baidu.com/s?wd=%E7%8C%AB', { engine: 'baidu', terms: '猫' });
    same('https://www.ebay.co.uk/sch/i.html?_nkw=lego+set', { engine: 'ebay', terms: 'lego set' });
    same('https://www.twitch.tv/search?term=minecraft', { engine: 'twitch', terms: 'minecraft' });
    same('https://www.reddit.com/r/uk/search/?q=school', { engine: 'reddit', terms: 'school' });
  });

  it('decodes percent-escapes and + as URLSearchParams does, and keeps what it cannot decode', () => {
    same('https://www.google.com/search?q=caf%C3%A9+%C5%BC%C3%B3%C5%82w', {
      engine: 'google',
      terms: 'café żółw',
    });
    same('https://www.google.com/search?q=a%2Bb+c', { engine: 'google', terms: 'a+b c' });
    same('https://www.google.com/search?q=50%25+off', { engine: 'google', terms: '50% off' });
    same('https://www.google.com/search?q=100%+sure', { engine: 'google', terms: '100% sure' });
    same('https://www.google.com/search?q=%zz%', { engine: 'google', terms: '%zz%' });
    same('https://www.google.com/search?q=bad%FFbyte', { engine: 'google', terms: 'bad\uFFFDbyte' });
    same('https://www.google.com/search?%71=encoded+name', { engine: 'google', terms: 'encoded name' });
    same('https://www.google.com/search?q=a=b&q=second', { engine: 'google', terms: 'a=b' });
    same('https://www.google.com/search?&&q=%20%20spaced%09out%20&', {
      engine: 'google',
      terms: 'spaced out',
    });
    same('https://www.google.com/search?q=&as_q=the+second+name', {
      engine: 'google',
      terms: 'the second name',
    });
    same('https://www.google.com/search?q', null);
    same('https://www.google.com/search?q=it\'s+"quoted"+<b>', {
      engine: 'google',
      terms: 'it\'s "quoted" <b>',
    });
    same('https://www.google.com/search?q=żółw', { engine: 'google', terms: 'żółw' });
    same('https://open.spotify.com/search/%zz', { engine: 'spotify', terms: '%zz' });
  });

  it('reads the fragment only for a name the query lacks', () => {
    same('https://www.google.com/#q=instant+search', { engine: 'google', terms: 'instant search' });
    same('https://www.google.com/search?q=query#q=fragment', { engine: 'google', terms: 'query' });
    // q is in the query, empty: the fragment is not asked for q (URLSearchParams' get answers '').
    same('https://www.google.com/search?q=#q=fragment', null);
    same('https://www.google.com/search?q=%20#as_q=fragment', { engine: 'google', terms: 'fragment' });
    same('https://www.google.com/search#', null);
    same('https://www.google.com/search?x=1#q=a+b&x=1', { engine: 'google', terms: 'a b' });
  });

  it('takes hosts in any case, with ports, userinfo, a trailing dot, IDN and IP addresses', () => {
    same('HTTPS://WWW.GOOGLE.COM/search?q=Shouting', { engine: 'google', terms: 'Shouting' });
    same('https://www.google.com/search?Q=upper+name', null);
    same('https://www.bing.com:443/search?q=port', { engine: 'bing', terms: 'port' });
    same('http://www.bing.com:8080/search?q=port', { engine: 'bing', terms: 'port' });
    same('https://www.bing.com:99999/search?q=bad+port', null);
    same('https://www.bing.com:/search?q=empty+port', { engine: 'bing', terms: 'empty port' });
    same('https://user:pass@www.bing.com/search?q=userinfo', { engine: 'bing', terms: 'userinfo' });
    same('https://www.evil.com@www.bing.com/search?q=userinfo', { engine: 'bing', terms: 'userinfo' });
    same('https://www.google.com./search?q=trailing+dot', { engine: 'google', terms: 'trailing dot' });
    same('https://bücher.example/search?q=idn', { engine: 'xn--bcher-kva.example', terms: 'idn' });
    same('https://xn--bcher-kva.example/search?q=punycode', {
      engine: 'xn--bcher-kva.example',
      terms: 'punycode',
    });
    same('https://192.168.1.10/search?q=ip', { engine: '192.168.1.10', terms: 'ip' });
    same('https://0x7f.1/search?q=hex+ip', { engine: '127.0.0.1', terms: 'hex ip' });
    same('https://[::1]/search?q=v6', { engine: '[::1]', terms: 'v6' });
    same('https://www.google.com\\search?q=backslash', { engine: 'google', terms: 'backslash' });
    same('https://www.google.com/maps/../search?q=dots', { engine: 'google', terms: 'dots' });
    same('https://www.google.com/maps/%2e%2e/search?q=dots', { engine: 'google', terms: 'dots' });
    same(' https://www.google.com/search?q=spaced ', { engine: 'google', terms: 'spaced' });
    same('https://www.goo\tgle.com/search?q=tab', { engine: 'google', terms: 'tab' });
    same('www.bing.com/search?q=no+scheme', { engine: 'bing', terms: 'no scheme' });
    same('www.bing.com/search?q=http://inside', null);
    same('ftp://www.bing.com/search?q=ftp', null);
    same('https:///www.bing.com/search?q=slashes', { engine: 'bing', terms: 'slashes' });
    same('javascript:alert(1)', null);
  });

  it('answers as the URL parser does for URLs made from odd pieces', () => {
    const pick = <T>(xs: T[], r: number): T => xs[r % xs.length]!;
    const schemes = [
      'https://',
      'http://',
      'HTTPS://',
      'HtTp://',
      '',
      'ftp://',
      'https:/',
      'https:///',
      'https:\\\\',
    ];
    const users = ['', '', '', 'user@', 'a:b@', '@'];
    const hosts = [
      'www.google.co.uk',
      'WWW.Google.COM',
      'google.com.',
      'm.youtube.com',
      'www.youtube.com',
      'duckduckgo.com',
      'uk.search.yahoo.com',
      'www.bing.com',
      'example.org',
      'xn--bcher-kva.example',
      'xn--zz.example',
      'bücher.example',
      '127.0.0.1',
      '0x7f.1',
      '1.2.3',
      'a..b',
      '.google.com',
      '-a.com',
      'a-.com',
      'a_b.com',
      'open.spotify.com',
      'localhost',
      '[::1]',
      'ex%41mple.com',
      'exa mple.com',
      'x.123',
      'x.0x1f',
      'x.a1',
      'www.twitch.tv',
      'reddit.com',
      'a'.repeat(64) + '.com',
      `${'a'.repeat(60)}.`.repeat(5) + 'com',
    ];
    const ports = ['', '', '', ':443', ':8080', ':65535', ':65536', ':', ':99999', ':0', ':1x'];
    const paths = [
      '',
      '/',
      '/search',
      '/search/',
      '/results',
      '/x/../search',
      '/./search',
      '/%2e%2e/search',
      '/%2E/search',
      '/search/happy%20songs',
      '/search/%zz',
      '/sp/search',
      '/s.php',
      '/w/index.php',
      '/search\\x',
      '/se arch',
      '/search"x',
      '/search{',
      '/search^',
      '/search|',
      '/search`',
      '/Search',
      '/search.php',
      '/r/x/search',
      '/.hidden/search',
      '/search/caf\u00e9',
      '/webhp',
      '/complete/search',
      '/images',
      '/maps',
    ];
    const queries = [
      '',
      '?',
      '?q=cats',
      '?q=a+b',
      '?q=%20',
      '?q=%zz',
      '?q=%FF',
      '?q=caf%C3%A9',
      '?Q=x',
      '?%71=x',
      '?q=&q=x',
      '?as_q=owls',
      '?q',
      '?q=a=b',
      '?&&q=x',
      '?search_query=lego',
      '?p=tudors',
      '?q=a%2Bb',
      '?q=\u017c',
      '?q=a\tb',
      "?q=it's",
      '?q=<b>',
      '?q=%ED%A0%80',
      '?q=%E2%82',
      '?text=x&wd=y&k=z',
      '?query=x&term=y&s=z',
      '?q=a#b',
      '?q=\uD800',
      '?q=%2',
      '?q=+%2B+',
      '?keyword=k&Keyword=K',
      '?_nkw=n',
    ];
    const fragments = ['', '', '#', '#q=owls', '#q=a+b&x=1', '#x', '#q=%zz', '#q=\u00e9', '#q= spaced'];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      // Every other URL from the plainer pieces only (those first in each list), which the hand reading takes.
      const plain = <T>(xs: T[], n: number): T[] => (i % 2 ? xs : xs.slice(0, n));
      const url =
        pick(plain(schemes, 4), next()) +
        pick(plain(users, 1), next()) +
        pick(plain(hosts, 10), next()) +
        pick(plain(ports, 6), next()) +
        pick(plain(paths, 14), next()) +
        pick(queries, next()) +
        pick(fragments, next());
      expect(searchTermsFromUrl(url), url).toEqual(searchTermsByUrlParser(url));
    }
  });
});

describe('urlWords', () => {
  it('turns host and path into words', () => {
    expect(urlWords('https://www.example.com/how-to_draw/cats.html?x=1')).toBe(
      'example com how to draw cats html',
    );
  });
});
