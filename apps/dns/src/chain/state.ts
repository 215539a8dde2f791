import {
  CompiledPolicySchema,
  PreparedPolicy,
  type CompiledPolicy,
  type SchoolPolicy,
} from '@harbour/shared';
import { TYPE_A, TYPE_AAAA, addressRecords, encodeName } from '../wire/answer.js';

export interface SchoolAnswers {
  school: SchoolPolicy;
  nxdomain: boolean;
  a: Buffer | null;
  aCount: number;
  aaaa: Buffer | null;
  aaaaCount: number;
}

/**
 * The policy in force, swapped whole when a new version arrives (copy-on-write: queries in flight finish
 * with the version they started with). Holds what each school's answers need, encoded once per version.
 */
export class PolicyState {
  prepared: PreparedPolicy | null = null;
  version = -1;
  etag: string | null = null;
  loadMs = 0;
  answers = new Map<string, SchoolAnswers>();
  targets = new Map<string, Buffer>();
  private trust = new Map<string, boolean>();
  private listeners = new Set<() => void>();
  private leaving = new Set<() => void>();

  /** Loads a policy (validating it first: a node must never run a malformed one). Throws if invalid. */
  load(policy: CompiledPolicy, validate = true): void {
    const t0 = performance.now();
    const p = validate ? CompiledPolicySchema.parse(policy) : policy;
    const prepared = new PreparedPolicy(p);
    const answers = new Map<string, SchoolAnswers>();
    for (const s of p.schools) {
      const b = s.blockAnswer;
      answers.set(s.id, {
        school: s,
        nxdomain: b.mode === 'nxdomain',
        a: b.mode === 'block-page' && b.ipv4.length ? addressRecords(b.ipv4, TYPE_A, s.answerTtl) : null,
        aCount: b.mode === 'block-page' ? b.ipv4.length : 0,
        aaaa:
          b.mode === 'block-page' && b.ipv6.length ? addressRecords(b.ipv6, TYPE_AAAA, s.answerTtl) : null,
        aaaaCount: b.mode === 'block-page' ? b.ipv6.length : 0,
      });
    }
    const targets = new Map<string, Buffer>();
    for (const t of Object.values(p.safeSearch)) targets.set(t.target, encodeName(t.target));
    for (const l of this.leaving) l();
    this.prepared = prepared;
    this.answers = answers;
    this.targets = targets;
    this.trust = new Map();
    this.version = p.version;
    this.etag = p.etag;
    this.loadMs = performance.now() - t0;
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs just before a new version replaces the current one (which `prepared` still is). */
  onLeave(listener: () => void): () => void {
    this.leaving.add(listener);
    return () => this.leaving.delete(listener);
  }

  /** Whether the ECS option of this source is believed (cached per address; parsed only then). */
  trustsEcs(source: string): boolean {
    const p = this.prepared;
    if (!p || !p.clients.hasEcsForwarders) return false;
    let t = this.trust.get(source);
    if (t === undefined) {
      t = p.clients.trustsEcs(source);
      if (this.trust.size > 100_000) this.trust.clear();
      this.trust.set(source, t);
    }
    return t;
  }
}
