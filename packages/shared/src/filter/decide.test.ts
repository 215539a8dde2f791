import { describe, expect, it } from 'vitest';
import { compilePolicy, type PolicySpec } from './compile.js';
import { DEMO_GROUPS, demoPolicySpec } from './demo-policy.js';
import { CompiledPolicySchema } from './policy.js';
import { PreparedPolicy } from './prepared.js';

// Wednesday 15 January 2025 (GMT) and Wednesday 16 July 2025 (BST, UTC+1).
const WED_WINTER = (hhmm: string) => Date.parse(`2025-01-15T${hhmm}:00Z`);
const WED_SUMMER_LOCAL = (hhmm: string) => Date.parse(`2025-07-16T${hhmm}:00+01:00`);

function prepare(edit: (s: PolicySpec) => void = () => {}) {
  const spec = demoPolicySpec();
  edit(spec);
  const p = new PreparedPolicy(compilePolicy(spec).policy);
  const group = (id: string) => p.groupById.get(id)!.index;
  return {
    p,
    group,
    at: (name: string, g: string, t = WED_WINTER('09:00')) => p.decideName(name, group(g), t),
  };
}

describe('decisions', () => {
  const { at } = prepare();

  it('blocks a listed domain and its subdomains with the list category', () => {
    expect(at('big-bets.example', DEMO_GROUPS.ks2)).toMatchObject({ action: 'block', category: 'gambling' });
    expect(at('www.live.big-bets.example', DEMO_GROUPS.ks2)).toMatchObject({
      action: 'block',
      category: 'gambling',
    });
    expect(at('bets.example', DEMO_GROUPS.ks2)).toMatchObject({ action: 'allow' });
    expect(at('example', DEMO_GROUPS.ks2)).toMatchObject({ action: 'allow' });
  });

  it('applies per-group categories and deny entries', () => {
    expect(at('friendbook.example', DEMO_GROUPS.ks2)).toMatchObject({
      action: 'block',
      category: 'social-media',
    });
    expect(at('video-tube.example', DEMO_GROUPS.staff)).toMatchObject({ action: 'allow' });
    expect(at('m.pupil-distraction.example', DEMO_GROUPS.ks2)).toMatchObject({
      action: 'block',
      reason: 'deny-entry',
    });
    expect(at('pupil-distraction.example', DEMO_GROUPS.staff)).toMatchObject({ action: 'allow' });
  });

  it('allow-list mode resolves approved sites and allow entries only', () => {
    expect(at('phonics-play.example', DEMO_GROUPS.eyfs)).toMatchObject({
      action: 'allow',
      reason: 'allow-list',
    });
    expect(at('www.bbc.co.uk', DEMO_GROUPS.eyfs)).toMatchObject({ action: 'allow', reason: 'allow-entry' });
    expect(at('anything-else.example', DEMO_GROUPS.eyfs)).toMatchObject({
      action: 'block',
      reason: 'not-allowed',
    });
  });

  it('the most specific allow or deny entry wins', () => {
    const { at } = prepare((s) => {
      s.groups[1]!.allow = ['ok.big-bets.example'];
      s.groups[1]!.deny = ['ads.phonics-play.example', 'pupil-distraction.example'];
    });
    expect(at('ok.big-bets.example', DEMO_GROUPS.ks2)).toMatchObject({
      action: 'allow',
      reason: 'allow-entry',
    });
    expect(at('big-bets.example', DEMO_GROUPS.ks2)).toMatchObject({ action: 'block', category: 'gambling' });
    expect(at('x.ads.phonics-play.example', DEMO_GROUPS.ks2)).toMatchObject({ reason: 'deny-entry' });
  });

  it('answers the DoH canary with NXDOMAIN for every group', () => {
    for (const g of Object.values(DEMO_GROUPS))
      expect(at('use-application-dns.net', g)).toEqual({ action: 'canary' });
  });

  it('rewrites safe search per engine and group: every Google domain, YouTube strict or moderate', () => {
    expect(at('www.google.co.uk', DEMO_GROUPS.ks2)).toMatchObject({
      action: 'rewrite',
      target: 'forcesafesearch.google.com',
      ipv4: ['216.239.38.120'],
    });
    expect(at('google.com.au', DEMO_GROUPS.ks2)).toMatchObject({ action: 'rewrite', engine: 'google' });
    expect(at('mail.google.com', DEMO_GROUPS.ks2)).toMatchObject({ action: 'allow' });
    expect(at('www.youtube.com', DEMO_GROUPS.ks2)).toMatchObject({ target: 'restrict.youtube.com' });
    expect(at('www.youtube.com', DEMO_GROUPS.staff)).toMatchObject({
      target: 'restrictmoderate.youtube.com',
    });
    expect(at('www.bing.com', DEMO_GROUPS.ks2)).toMatchObject({ target: 'strict.bing.com' });
    expect(at('duckduckgo.com', DEMO_GROUPS.ks2)).toMatchObject({ target: 'safe.duckduckgo.com', ipv4: [] });
    const { at: off } = prepare((s) => {
      s.groups[2]!.safeSearch = { google: false, youtube: 'off', bing: false, duckduckgo: false };
    });
    expect(off('www.google.com', DEMO_GROUPS.staff)).toMatchObject({ action: 'allow' });
    expect(off('www.youtube.com', DEMO_GROUPS.staff)).toMatchObject({ action: 'allow' });
  });
});

describe('schedules', () => {
  const { at } = prepare();
  it('lets staff reach social media only inside the break-time windows, in the school time zone', () => {
    expect(at('friendbook.example', DEMO_GROUPS.staff, WED_WINTER('10:29'))).toMatchObject({
      action: 'block',
    });
    expect(at('friendbook.example', DEMO_GROUPS.staff, WED_WINTER('10:30'))).toMatchObject({
      action: 'allow',
    });
    expect(at('friendbook.example', DEMO_GROUPS.staff, WED_WINTER('10:45'))).toMatchObject({
      action: 'block',
    });
    expect(at('friendbook.example', DEMO_GROUPS.staff, WED_WINTER('12:59'))).toMatchObject({
      action: 'allow',
    });
    // 12:30 London time in summer is 11:30 UTC.
    expect(at('friendbook.example', DEMO_GROUPS.staff, WED_SUMMER_LOCAL('12:30'))).toMatchObject({
      action: 'allow',
    });
    expect(at('friendbook.example', DEMO_GROUPS.staff, Date.parse('2025-07-16T12:30:00Z'))).toMatchObject({
      action: 'block',
    });
    // Saturday: no window.
    expect(at('friendbook.example', DEMO_GROUPS.staff, Date.parse('2025-01-18T12:30:00Z'))).toMatchObject({
      action: 'block',
    });
    // Pupils never.
    expect(at('friendbook.example', DEMO_GROUPS.ks2, WED_WINTER('12:30'))).toMatchObject({ action: 'block' });
  });
  it('block rules add categories and domains inside their windows, across midnight too', () => {
    const { at } = prepare((s) => {
      s.groups[2]!.rules!.push({
        id: 'night',
        label: 'No streaming overnight',
        effect: 'block',
        categories: ['streaming'],
        domains: ['late-news.example'],
        windows: [{ days: [3], from: '22:00', to: '06:00' }],
      });
    });
    expect(at('video-tube.example', DEMO_GROUPS.staff, WED_WINTER('21:59'))).toMatchObject({
      action: 'allow',
    });
    expect(at('video-tube.example', DEMO_GROUPS.staff, WED_WINTER('23:00'))).toMatchObject({
      category: 'streaming',
    });
    expect(at('late-news.example', DEMO_GROUPS.staff, Date.parse('2025-01-16T05:59:00Z'))).toMatchObject({
      action: 'block',
      reason: 'rule',
      ruleId: 'night',
    });
    expect(at('late-news.example', DEMO_GROUPS.staff, Date.parse('2025-01-16T06:00:00Z'))).toMatchObject({
      action: 'allow',
    });
  });
});

describe('the illegal category', () => {
  it('cannot be allowed by an allow entry, a rule, an allow list, allow-list mode or an unblocked group', () => {
    const { at } = prepare((s) => {
      for (const g of s.groups) {
        g.blockedCategories = [];
        g.allow = ['illegal-content.example', 'example'];
        g.rules = [
          {
            id: 'open',
            label: 'all day',
            effect: 'allow',
            domains: ['illegal-content.example'],
            windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' }],
          },
        ];
      }
      s.lists.find((l) => l.id === 'demo-approved')!.domains = ['illegal-content.example'];
    });
    for (const g of Object.values(DEMO_GROUPS))
      for (const name of ['illegal-content.example', 'deep.path.illegal-content.example'])
        expect(at(name, g)).toMatchObject({ action: 'block', reason: 'illegal', category: 'illegal' });
  });
  it('rejects a policy with a rule that allows the illegal category or an illegal allow list', () => {
    const { policy } = compilePolicy(demoPolicySpec());
    const bad = structuredClone(policy);
    bad.groups[2]!.rules[0]!.categories = ['illegal'];
    expect(CompiledPolicySchema.safeParse(bad).success).toBe(false);
    const bad2 = structuredClone(policy);
    bad2.lists.find((l) => l.id === 'demo-approved')!.category = 'illegal';
    expect(CompiledPolicySchema.safeParse(bad2).success).toBe(false);
  });
});

describe('compiled policy', () => {
  it('validates references and changes its etag with any change', () => {
    const a = compilePolicy(demoPolicySpec()).policy;
    const b = compilePolicy(demoPolicySpec()).policy;
    expect(a.etag).toBe(b.etag);
    const spec = demoPolicySpec();
    spec.groups[1]!.deny = ['another.example'];
    expect(compilePolicy(spec).policy.etag).not.toBe(a.etag);
    expect(CompiledPolicySchema.safeParse(JSON.parse(JSON.stringify(a))).success).toBe(true);
    const broken = structuredClone(a);
    broken.clients.defaultGroupId = 'nope';
    expect(CompiledPolicySchema.safeParse(broken).success).toBe(false);
  });
  it('reports lines that are not domains instead of failing', () => {
    const spec = demoPolicySpec();
    spec.lists[0]!.domains = ['ok.example', 'http://iwf.example/some/page.html'];
    const { report } = compilePolicy(spec);
    expect(report.lists[0]).toMatchObject({ count: 1, rejected: 1 });
  });
});
