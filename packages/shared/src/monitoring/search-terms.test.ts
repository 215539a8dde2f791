import { describe, expect, it } from 'vitest';
import { searchTermsFromUrl, urlWords } from './search-terms.js';

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

describe('urlWords', () => {
  it('turns host and path into words', () => {
    expect(urlWords('https://www.example.com/how-to_draw/cats.html?x=1')).toBe(
      'example com how to draw cats html',
    );
  });
});
