import { canonicalIp, parseCidr, parseIp, prefixContains, type Prefix } from './addresses.js';
import type { ClientMatching } from './policy.js';

export type IdentifiedBy = 'binding' | 'resolver-address' | 'ecs' | 'subnet' | 'default';

export interface ClientQuery {
  /** The packet's source address. */
  source: string;
  /** The local address the query arrived at (the resolver binds one socket per resolver address). */
  local?: string | null;
  /** EDNS Client Subnet (RFC 7871) address and source prefix length, when the query carried one. */
  ecs?: { address: string; prefixLength: number } | null;
}

export interface Identified {
  groupIndex: number;
  by: IdentifiedBy;
  /** The address the decision is about: the ECS address for a listed forwarder, else the source. */
  client: string;
  /**
   * The result may be reused until this instant (a binding's expiry); Infinity otherwise, since bindings
   * only appear with a new policy version, which starts a new cache.
   */
  validUntil: number;
}

/**
 * Identifies the client's group, in the order of clarification 14: an expiring address binding, the
 * resolver address queried (one per group), ECS from listed forwarders, the source subnet (longest prefix),
 * the default group. DNS signals name an address, never a guessed pupil.
 */
export class ClientIndex {
  private readonly bindings = new Map<string, { group: number; expires: number }>();
  private readonly resolverAddresses = new Map<string, number>();
  private readonly forwarders: Prefix[];
  private readonly subnets: { prefix: Prefix; group: number }[];
  private readonly defaultGroup: number;

  constructor(m: ClientMatching, groupIndex: (id: string) => number) {
    for (const b of m.bindings) {
      const key = canonicalIp(b.address);
      if (key) this.bindings.set(key, { group: groupIndex(b.groupId), expires: Date.parse(b.expiresAt) });
    }
    for (const r of m.resolverAddresses) {
      const key = canonicalIp(r.address);
      if (key) this.resolverAddresses.set(key, groupIndex(r.groupId));
    }
    this.forwarders = m.ecsForwarders.map((c) => parseCidr(c)).filter((p): p is Prefix => p !== null);
    this.subnets = m.subnets
      .map((s) => ({ prefix: parseCidr(s.cidr), group: groupIndex(s.groupId) }))
      .filter((s): s is { prefix: Prefix; group: number } => s.prefix !== null)
      .sort((a, b) => b.prefix.bits - a.prefix.bits);
    this.defaultGroup = groupIndex(m.defaultGroupId);
  }

  /** Whether ECS from this source is believed (the resolver parses ECS only then). */
  /** Whether any forwarder's ECS is believed at all (if not, a resolver need not look at the option). */
  get hasEcsForwarders(): boolean {
    return this.forwarders.length > 0;
  }

  trustsEcs(source: string): boolean {
    if (this.forwarders.length === 0) return false;
    const a = parseIp(source);
    return a !== null && this.forwarders.some((p) => prefixContains(p, a));
  }

  identify(q: ClientQuery, nowMs: number): Identified {
    const source = canonicalIp(q.source) ?? q.source;
    const binding = this.binding(source, nowMs);
    if (binding) return binding;
    if (q.local) {
      const g = this.resolverAddresses.get(canonicalIp(q.local) ?? q.local);
      if (g !== undefined)
        return { groupIndex: g, by: 'resolver-address', client: source, validUntil: Infinity };
    }
    if (q.ecs && this.trustsEcs(source)) {
      const ecsAddr = canonicalIp(q.ecs.address);
      const bytes = ecsAddr ? parseIp(ecsAddr) : null;
      if (ecsAddr && bytes) {
        const v4 = !ecsAddr.includes(':');
        const bits = (v4 ? 96 : 0) + q.ecs.prefixLength;
        const full = bits === 128;
        const bound = full ? this.binding(ecsAddr, nowMs) : null;
        if (bound) return { ...bound, by: 'ecs' };
        const s = this.subnet(bytes, bits);
        if (s !== null) return { groupIndex: s, by: 'ecs', client: ecsAddr, validUntil: Infinity };
      }
    }
    const bytes = parseIp(source);
    const s = bytes ? this.subnet(bytes, 128) : null;
    if (s !== null) return { groupIndex: s, by: 'subnet', client: source, validUntil: Infinity };
    return { groupIndex: this.defaultGroup, by: 'default', client: source, validUntil: Infinity };
  }

  private binding(addr: string, nowMs: number): Identified | null {
    const b = this.bindings.get(addr);
    if (!b || b.expires <= nowMs) return null;
    return { groupIndex: b.group, by: 'binding', client: addr, validUntil: b.expires };
  }

  private subnet(bytes: Uint8Array, bits: number): number | null {
    for (const s of this.subnets) if (prefixContains(s.prefix, bytes, bits)) return s.group;
    return null;
  }
}
