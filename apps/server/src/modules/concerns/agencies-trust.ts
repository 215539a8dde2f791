import type { AgencyKind } from '@harbour/shared';
import type { z } from 'zod';
import type { Executor } from '../../db/index.js';
import type { ConcernOrgAgencyTable } from '../../db/schema-concerns.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import type { AgencyBody, AgencyPatch } from './agencies.js';

/**
 * Agency entries kept once for a trust or local authority (its LADO, children's social care front door, Education
 * Safeguarding Team): every school of the organisation inherits them, and a school may override one with its own
 * copy (concern_agencies.inherits_id), archived or not, which then hides the organisation's entry for it alone.
 * Kept by the organisation's officer (concerns.agencies_trust), acting in any of its schools.
 */

async function organisationOf(db: Executor, schoolId: string): Promise<string | null> {
  const s = await db
    .selectFrom('schools')
    .select('organisation_id')
    .where('id', '=', schoolId)
    .executeTakeFirst();
  return s?.organisation_id ?? null;
}

/** The organisation's live entries this school has not overridden. */
export async function inheritedEntries(db: Executor, schoolId: string): Promise<ConcernOrgAgencyTable[]> {
  const org = await organisationOf(db, schoolId);
  if (!org) return [];
  return db
    .selectFrom('concern_org_agencies as o')
    .selectAll('o')
    .where('o.organisation_id', '=', org)
    .where('o.archived_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('concern_agencies as a')
            .select('a.id')
            .where('a.school_id', '=', schoolId)
            .whereRef('a.inherits_id', '=', 'o.id'),
        ),
      ),
    )
    .execute();
}

/** One inherited entry of this school, or undefined (another organisation's, archived, or overridden). */
export async function inheritedOf(db: Executor, schoolId: string, id: string) {
  return (await inheritedEntries(db, schoolId)).find((o) => o.id === id);
}

export const presentOrg = (a: ConcernOrgAgencyTable) => ({
  id: a.id,
  kind: a.kind as AgencyKind,
  name: a.name,
  phone: a.phone,
  website: a.website,
  email: a.email,
  notes: a.notes,
  national: false,
  updatedAt: a.updated_at,
});

/** The columns a directory patch sets: its fields, the archive time when archived, who changed it and when. */
export function patchColumns(body: z.infer<typeof AgencyPatch>, at: string, by: string) {
  const { archived, ...rest } = body;
  return { ...rest, ...(archived ? { archived_at: at } : {}), updated_at: at, updated_by: by };
}

async function callerOrganisation(c: Caller): Promise<string> {
  const org = await organisationOf(c.ctx.db, c.actor.schoolId);
  if (!org) throw new AppError('not_found', 'This school belongs to no trust or local authority');
  return org;
}

export async function listTrustAgencies(c: Caller) {
  const org = await callerOrganisation(c);
  const rows = await c.ctx.db
    .selectFrom('concern_org_agencies')
    .selectAll()
    .where('organisation_id', '=', org)
    .where('archived_at', 'is', null)
    .orderBy('kind')
    .orderBy('name')
    .execute();
  return { agencies: rows.map(presentOrg) };
}

export async function addTrustAgency(c: Caller, body: z.infer<typeof AgencyBody>) {
  const org = await callerOrganisation(c);
  const at = iso(c.ctx.clock.now());
  const id = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('concern_org_agencies')
      .values({
        id,
        organisation_id: org,
        kind: body.kind,
        name: body.name,
        phone: body.phone ?? null,
        website: body.website ?? null,
        email: body.email ?? null,
        notes: body.notes ?? null,
        archived_at: null,
        created_at: at,
        updated_at: at,
        updated_by: c.actor.accountId,
      })
      .execute();
    await auditAs(c, tx, 'concern.agency.trust.add', { type: 'concern_org_agency', id }, { kind: body.kind });
  });
  return { id };
}

export async function updateTrustAgency(c: Caller, id: string, body: z.infer<typeof AgencyPatch>) {
  const org = await callerOrganisation(c);
  const at = iso(c.ctx.clock.now());
  const { archived, ...rest } = body;
  await c.ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('concern_org_agencies')
      .set({
        ...rest,
        ...(archived ? { archived_at: at } : {}),
        updated_at: at,
        updated_by: c.actor.accountId,
      })
      .where('organisation_id', '=', org)
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('not_found', 'Not found');
    await auditAs(
      c,
      tx,
      'concern.agency.trust.update',
      { type: 'concern_org_agency', id },
      { fields: Object.keys(body) },
    );
  });
  return { id };
}
