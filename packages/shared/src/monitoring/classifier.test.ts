import { describe, expect, it } from 'vitest';
import { MonitorClassifier } from './classifier.js';
import { parseLibrary } from './library-dsl.js';
import { builtInLibrary } from './library/index.js';

const lib = parseLibrary(
  'en',
  String.raw`
$how = how to | how do i
@self-harm 5 staff=5
kill myself | want to die
@self-harm 4
suicid*
@self-harm 2
suicide prevention
@pornography 4 eyfs-ks1=5 staff=0
ass | porn*
@weapons 1
kill
@weapons 4
zombie knife
@bullying 4
kill yourself
@bullying 4
you're better off dead
@self-harm 5
better off dead
@rule self-harm 5
$how + die | overdose
@exclude
kill the process | killer whale
@exclude pornography
scunthorpe united
@context self-harm 5 rules
minecraft | zombie
`,
);
const c = new MonitorClassifier(lib);
const ids = (text: string, profile?: 'eyfs-ks1' | 'ks2' | 'staff') =>
  c.classify(text, profile).matches.map((m) => m.id);

describe('MonitorClassifier', () => {
  it('matches whole words only: "class" is not "ass", prefixes match word starts', () => {
    expect(c.classify('my class').severity).toBe(0);
    expect(c.classify('grass and glass').severity).toBe(0);
    expect(c.classify('kick ass').category).toBe('pornography');
    expect(ids('suicidal thoughts')).toEqual(['en:suicid*']);
    expect(ids('pornography')).toEqual(['en:porn*']);
  });
  it('sees through tricks: spacing, leetspeak, stretched letters, look-alikes', () => {
    for (const t of [
      'k i l l myself',
      'k1ll mys3lf',
      'kiiiill myselllf',
      'KILL MYSELF',
      'ķíłł myself',
      'kіll myself',
    ])
      expect(c.classify(t).severity, t).toBe(5);
  });
  it('drops matches overlapping an innocent phrase, for its categories only', () => {
    expect(c.classify('how to kill the process').matches).toEqual([]);
    expect(c.classify('killer whale facts').severity).toBe(0);
    expect(c.classify('kill the process and i want to kill myself').severity).toBe(5);
  });
  it('fires co-occurrence rules when every group has a term', () => {
    expect(ids('how to die')).toEqual(['en:rule:how to+die']);
    expect(ids('how do i overdose')).toEqual(['en:rule:how to+die']);
    expect(c.classify('how to tie a knot').severity).toBe(0);
  });
  it('lets a context silence rule matches but not explicit phrases, nor the words of the match itself', () => {
    expect(c.classify('how to die in minecraft').severity).toBe(0);
    expect(c.classify('i want to die minecraft').severity).toBe(5);
    expect(c.classify('zombie knife').category).toBe('weapons');
  });
  it('prefers the more specific phrase when one lies inside another', () => {
    expect(c.classify("you're better off dead").category).toBe('bullying');
    expect(c.classify('better off dead').category).toBe('self-harm');
    expect(c.classify('suicide prevention').severity).toBe(2);
  });
  it('ranks by age profile', () => {
    expect(c.classify('porn', 'ks2').severity).toBe(4);
    expect(c.classify('porn', 'eyfs-ks1').severity).toBe(5);
    expect(c.classify('porn', 'staff').severity).toBe(0);
    expect(c.classify('want to die', 'staff').severity).toBe(5);
  });
  it('takes a school’s own phrases and exclusions, and switches built-in phrases off', () => {
    const custom = new MonitorClassifier(lib, {
      phrases: [
        { id: 'school:1', text: 'blue whale', category: 'self-harm', severity: 4, lang: 'en', mode: 'word' },
      ],
      exclusions: [{ id: 'school:2', text: 'porn hub of ideas', lang: 'en', mode: 'word', categories: null }],
      disabled: ['en:ass'],
    });
    expect(custom.classify('blue whale').severity).toBe(4);
    expect(custom.classify('porn hub of ideas').severity).toBe(0);
    expect(custom.classify('kick ass').severity).toBe(0);
    expect(c.classify('blue whale').severity).toBe(0);
  });
  it('reports the highest severity first, ties in category priority order', () => {
    const r = c.classify('suicidal and want to die');
    expect(r.severity).toBe(5);
    expect(r.matches.map((m) => m.severity)).toEqual([5, 4]);
  });
});

describe('built-in library', () => {
  const built = new MonitorClassifier(builtInLibrary());
  it('handles each language, with and without diacritics', () => {
    const cases: [string, string][] = [
      ['how to kill myself', 'self-harm'],
      ['chcę umrzeć', 'self-harm'],
      ['chce umrzec', 'self-harm'],
      ['vreau să mor', 'self-harm'],
      ['khudkushi kaise karen', 'self-harm'],
      ['خودکشی کیسے کریں', 'self-harm'],
      ['كيف انتحر', 'self-harm'],
      ['dw i eisiau marw', 'self-harm'],
      ['send me nudes', 'grooming'],
      ['how to make a bomb', 'weapons'],
      ['join isis', 'extremism'],
    ];
    for (const [text, category] of cases) {
      const r = built.classify(text);
      expect([r.category, r.severity >= 4], text).toEqual([category, true]);
    }
  });
  it('raises nothing on innocent look-alikes', () => {
    for (const t of [
      'kill the process in linux',
      'killer whale facts',
      'shoot a film',
      'scunthorpe united',
      'bath bombs',
      'class assembly',
      'isis egyptian goddess',
      'cum să tai ceapa',
      'zabić czas',
      'lladd amser',
      'اموت من الضحك',
      'hans hans ke mar gaya',
    ])
      expect(built.classify(t).severity, t).toBeLessThan(2);
  });
});
