import { describe, expect, it } from 'vitest';
import { detectFormat, parseList, ut1Folder } from './list-formats.js';

describe('list formats', () => {
  it('reads a hosts file, skipping localhost lines and counting bad ones', () => {
    const text = [
      '# StevenBlack-style header',
      '127.0.0.1 localhost',
      '::1 ip6-localhost',
      '0.0.0.0 big-bets.example',
      '0.0.0.0 casino-spins.example www.casino-spins.example # two names',
      '0.0.0.0 ',
      'not a hosts line at all',
      '0.0.0.0 BIG-BETS.example',
    ].join('\n');
    expect(detectFormat(text)).toBe('hosts');
    const p = parseList(text, 'auto');
    expect(p.format).toBe('hosts');
    expect(p.domains).toEqual(['big-bets.example', 'casino-spins.example', 'www.casino-spins.example']);
    expect(p.badLines).toBe(2);
    expect(p.badExamples.map((e) => e.line)).toEqual([6, 7]);
  });

  it('reads Adblock-style rules, counting paths apart and other rules as bad', () => {
    const text = [
      '[Adblock Plus 2.0]',
      '! comment',
      '||friendbook.example^',
      '||photogram.example^$important',
      '||video-tube.example/watch^',
      '@@||allowed.example^',
      'example.org##.ad',
    ].join('\n');
    expect(detectFormat(text)).toBe('adblock');
    const p = parseList(text, 'adblock');
    expect(p.domains).toEqual(['friendbook.example', 'photogram.example']);
    expect(p.pathEntries).toBe(1);
    expect(p.badLines).toBe(2);
  });

  it('reads plain and UT1 lists; never widens an entry with a path to its host', () => {
    const text = [
      '*.harm-forum.example',
      'gore-clips.example.',
      'http://bad.example/page/1',
      'bad.example/x',
      '1.2.3.4',
      'ok.example',
    ].join('\n');
    const p = parseList(text, 'plain', { licensed: true });
    expect(p.domains).toEqual(['harm-forum.example', 'gore-clips.example', 'ok.example']);
    expect(p.pathEntries).toBe(2);
    expect(p.domains).not.toContain('bad.example');
    expect(p.badLines).toBe(1);
    // Licensed lists (IWF, CTIRU) never keep examples of their lines.
    expect(p.badExamples).toEqual([]);
    expect(ut1Folder('blacklists/gambling/domains')).toBe('gambling');
    expect(ut1Folder('gambling/urls')).toBe('gambling');
    expect(ut1Folder('domains')).toBeNull();
  });

  it('survives garbage without throwing', () => {
    const junk = Array.from(
      { length: 2000 },
      (_, i) => String.fromCharCode(i % 600) + '\u0000||^$/'.repeat(i % 5),
    ).join('\n');
    for (const f of ['hosts', 'plain', 'adblock', 'ut1', 'auto'] as const) {
      const p = parseList(junk, f);
      expect(p.lines).toBeGreaterThan(0);
      expect(p.badLines + p.pathEntries + p.domains.length).toBeGreaterThan(0);
    }
  });
});
