import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { SuffixKeys, nameKey } from '@harbour/shared';
import { RCODE, parseQuery, questionName, type Query } from './query.js';
import { cnameRecords, encodeName, recordsAnswer, TYPE_A } from './answer.js';
import { prepareResponse } from './response.js';
import { serveAnswer } from './serve.js';

const keys = new SuffixKeys();
const query = (name: string, extra: Partial<dnsPacket.Packet> = {}) =>
  dnsPacket.encode({
    id: 42,
    type: 'query',
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type: 'A' }],
    ...extra,
  });
const opt = (udpPayloadSize: number, flags = 0, options: unknown[] = []) =>
  ({ type: 'OPT', name: '.', udpPayloadSize, flags, options }) as never;

describe('query parser', () => {
  it('reads the question, its suffix keys and EDNS', () => {
    const q = parseQuery(
      query('WWW.Example.com', { additionals: [opt(4096, dnsPacket.DNSSEC_OK)] }),
      keys,
      false,
    ) as Query;
    expect([q.id, q.qtype, q.qclass, q.edns, q.udpSize, q.dnssecOk]).toEqual([42, 1, 1, true, 4096, true]);
    expect([keys.k1[2], keys.k2[2]]).toEqual(nameKey('www.example.com'));
    expect(questionName(query('WWW.Example.com'), q.nameEnd)).toBe('www.example.com');
    // Bytes outside letters, digits, '-' and '_' are written as zone files write them.
    const odd = Buffer.from([
      ...query('a.example').subarray(0, 12),
      3,
      0x41,
      0x20,
      0x2e,
      1,
      0x5f,
      0,
      0,
      1,
      0,
      1,
    ]);
    expect(questionName(odd, 12 + 7)).toBe('a\\032\\046._');
    expect(questionName(Buffer.from([...odd.subarray(0, 12), 0, 0, 1, 0, 1]), 13)).toBe('.');
  });

  it('reads ECS only when asked (a listed forwarder)', () => {
    const ecs = { code: 8, family: 1, sourcePrefixLength: 24, scopePrefixLength: 0, ip: '10.1.2.0' };
    const msg = query('a.example', { additionals: [opt(1232, 0, [ecs])] });
    expect((parseQuery(msg, keys, true) as Query).ecs).toEqual({ address: '10.1.2.0', prefixLength: 24 });
    expect((parseQuery(msg, keys, false) as Query).ecs).toBeNull();
  });

  it('drops what cannot be answered and answers FORMERR/NOTIMP for the rest', () => {
    const q = query('a.example');
    expect(parseQuery(q.subarray(0, 11), keys, false)).toBe(-1);
    const response = Buffer.from(q);
    response[2]! |= 0x80;
    expect(parseQuery(response, keys, false)).toBe(-1);
    const notify = Buffer.from(q);
    notify.writeUInt16BE(4 << 11, 2);
    expect(parseQuery(notify, keys, false)).toEqual({ rcode: RCODE.NOTIMP, questionEnd: 12 });
    const loop = Buffer.concat([q.subarray(0, 12), Buffer.from([0xc0, 12, 0, 1, 0, 1])]);
    expect(parseQuery(loop, keys, false)).toEqual({ rcode: RCODE.FORMERR, questionEnd: 12 });
    const counts = Buffer.from(q);
    counts.writeUInt16BE(0xffff, 10);
    expect(parseQuery(counts, keys, false)).toMatchObject({ rcode: RCODE.FORMERR });
    const two = dnsPacket.encode({
      id: 1,
      type: 'query',
      questions: [
        { name: 'a', type: 'A' },
        { name: 'b', type: 'A' },
      ],
    });
    expect(parseQuery(two, keys, false)).toMatchObject({ rcode: RCODE.FORMERR });
    expect(parseQuery(q.subarray(0, q.length - 1), keys, false)).toMatchObject({ rcode: RCODE.FORMERR });
  });

  it('answers BADVERS to an EDNS version it does not speak (RFC 6891 6.1.3)', () => {
    const msg = query('a.example', { additionals: [opt(1232)] });
    msg[msg.length - 5] = 1; // OPT TTL: extended rcode, then this version byte
    const q = parseQuery(msg, keys, false) as Query;
    expect(q.badVersion).toBe(true);
    const raw = recordsAnswer(msg, q.questionEnd, 0, q, null, 0);
    // BADVERS = 16: extended rcode 1 in the OPT, 0 in the header.
    expect([raw[3]! & 0xf, raw.readUInt16BE(6), raw[raw.length - 6]]).toEqual([0, 0, 1]);
  });
});

describe('answers', () => {
  it('builds a CNAME plus target addresses that a standard decoder reads back', () => {
    const msg = query('www.google.co.uk');
    const q = parseQuery(msg, keys, false) as Query;
    const { records, count } = cnameRecords(
      q.questionEnd,
      encodeName('forcesafesearch.google.com'),
      30,
      ['216.239.38.120'],
      TYPE_A,
    );
    const d = dnsPacket.decode(recordsAnswer(msg, q.questionEnd, 0, q, records, count)) as dnsPacket.Packet;
    expect(d.answers!.map((a) => [a.name, a.type, (a as { data: unknown }).data])).toEqual([
      ['www.google.co.uk', 'CNAME', 'forcesafesearch.google.com'],
      ['forcesafesearch.google.com', 'A', '216.239.38.120'],
    ]);
  });

  it('strips the upstream OPT, ages TTLs from the cache, and adds an OPT only for an EDNS client', () => {
    const up = dnsPacket.encode({
      id: 9,
      type: 'response',
      questions: [{ name: 'x.example', type: 'A' }],
      answers: [{ name: 'x.example', type: 'A', ttl: 100, data: '192.0.2.1' }],
      additionals: [opt(1232)],
    });
    const p = prepareResponse(up, query('x.example').subarray(12))!;
    expect([p.cacheTtl, p.bytes.readUInt16BE(10)]).toEqual([100, 0]);
    const plain = query('X.example');
    const out = dnsPacket.decode(
      serveAnswer(plain, parseQuery(plain, keys, false) as Query, p, 0, 40_500),
    ) as dnsPacket.Packet;
    expect([
      out.id,
      out.questions![0]!.name,
      (out.answers![0] as { ttl: number }).ttl,
      out.additionals,
    ]).toEqual([42, 'X.example', 60, []]);
    const withEdns = query('x.example', { additionals: [opt(1232)] });
    const e = dnsPacket.decode(serveAnswer(withEdns, parseQuery(withEdns, keys, false) as Query, p, 0, 0));
    expect(e.additionals!.map((a) => a.type)).toEqual(['OPT']);
  });

  it('refuses an upstream answer to a different question', () => {
    const up = dnsPacket.encode({
      id: 9,
      type: 'response',
      questions: [{ name: 'evil.example', type: 'A' }],
    });
    expect(prepareResponse(up, query('x.example').subarray(12))).toBeNull();
  });
});
