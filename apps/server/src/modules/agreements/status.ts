import { AUP_AUDIENCES, AUP_AUDIENCE_LABELS, type AupAudience } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { Caller } from '../../http/caller.js';
import { iso } from '../../lib/time.js';
import { findPerson } from '../people/lookup.js';
import { getSetting } from '../settings/service.js';
import { SocialMedia } from '../policy/settings.js';
import * as repo from './repo.js';
import { primaryAudience } from './audience.js';

export interface AupStatus {
  audience: AupAudience | null;
  versionId: string | null;
  signed: boolean;
  signatureId: string | null;
  signedAt: string | null;
}

/**
 * Has this person signed the current version of their agreement? The gate of policy 5.3 ("before using any
 * school resources"): the access register refuses access without it, and the filtering module calls it to move
 * a guest out of the "AUP only" group once they accept the visitor agreement (clarification 14). It never gates
 * reporting a concern or reaching CEOP (clarification 16).
 */
export async function hasSignedCurrentAup(
  ctx: AppContext,
  opts: { schoolId: string; personId: string },
  db: Executor = ctx.db,
): Promise<AupStatus> {
  const person = await findPerson(db, opts.schoolId, opts.personId);
  if (!person) return { audience: null, versionId: null, signed: false, signatureId: null, signedAt: null };
  const audience = primaryAudience(person);
  const current = await repo.currentVersion(db, opts.schoolId, audience);
  if (!current) return { audience, versionId: null, signed: false, signatureId: null, signedAt: null };
  const sig = await repo.signatureFor(db, opts.schoolId, current.id, person.id);
  return {
    audience,
    versionId: current.id,
    signed: !!sig,
    signatureId: sig?.id ?? null,
    signedAt: sig?.signed_at ?? null,
  };
}

/** Members of an audience and how many have signed its current version, for the dashboard (counts in SQL). */
export async function signedShare(
  ctx: AppContext,
  schoolId: string,
  audience: AupAudience,
  db: Executor = ctx.db,
): Promise<{ members: number; signed: number; versionId: string | null }> {
  const publisherIds = (await getSetting(ctx, SocialMedia, schoolId, db)).publisherPersonIds;
  if (audience === 'staff_social_media' && publisherIds.length === 0)
    return { members: 0, signed: 0, versionId: null };
  const current = await repo.currentVersion(db, schoolId, audience);
  const counts = await repo.audienceCounts(db, schoolId, audience, current?.id ?? null, {
    nowIso: iso(ctx.clock.now()),
    publisherIds,
  });
  return { ...counts, versionId: current?.id ?? null };
}

/** Who has not signed the current version, by audience and (for pupils) by class. */
export async function unsignedReport(
  c: Caller,
  q: { audience?: AupAudience | undefined; className?: string | undefined },
) {
  const db = c.ctx.db;
  const schoolId = c.actor.schoolId;
  const publisherIds = (await getSetting(c.ctx, SocialMedia, schoolId)).publisherPersonIds;
  const nowIso = iso(c.ctx.clock.now());
  const audiences = q.audience ? [q.audience] : [...AUP_AUDIENCES];
  const out = [];
  for (const audience of audiences) {
    const members = await repo.audienceMembers(db, schoolId, audience, {
      nowIso,
      publisherIds,
      className: q.className,
    });
    const current = await repo.currentVersion(db, schoolId, audience);
    const signed = current ? await repo.signedIds(db, schoolId, current.id) : new Set<string>();
    const unsigned = members.filter((m) => !signed.has(m.id));
    const byClass = new Map<string, { total: number; signed: number }>();
    if (audience === 'pupil_ks1' || audience === 'pupil_ks2') {
      for (const m of members) {
        const k = m.class_name ?? '(no class)';
        const e = byClass.get(k) ?? { total: 0, signed: 0 };
        e.total++;
        if (signed.has(m.id)) e.signed++;
        byClass.set(k, e);
      }
    }
    out.push({
      audience,
      label: AUP_AUDIENCE_LABELS[audience],
      version: current ? { id: current.id, version: current.version, title: current.title } : null,
      total: members.length,
      signed: members.length - unsigned.length,
      byClass: [...byClass.entries()].map(([className, v]) => ({ className, ...v })),
      unsigned: unsigned.slice(0, 500).map((m) => ({
        id: m.id,
        name: `${m.given_name} ${m.family_name}`,
        kind: m.kind,
        className: m.class_name,
        yearGroup: m.year_group,
      })),
      unsignedMore: Math.max(0, unsigned.length - 500),
    });
  }
  return { audiences: out };
}
