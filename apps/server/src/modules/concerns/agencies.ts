import { AGENCY_KINDS, type AgencyKind } from '@harbour/shared';
import { z } from 'zod';
import type { Executor } from '../../db/index.js';
import type { ConcernAgencyTable } from '../../db/schema-concerns.js';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { inheritedEntries, inheritedOf, patchColumns, presentOrg } from './agencies-trust.js';

/**
 * The agency directory (policy Appendix E). National services come filled in; local ones (the LADO, children's
 * social care, the Education Safeguarding Team) come blank for the school to complete, and no person is named
 * (clarification 16). Each school keeps and edits its own copy, and inherits the entries of its trust or local
 * authority (agencies-trust.ts), which it may override.
 */
type Entry = Pick<ConcernAgencyTable, 'kind' | 'name' | 'phone' | 'website' | 'national'>;
export const STARTER_AGENCIES: Entry[] = [
  {
    kind: 'police',
    name: 'Police: emergency (a life in danger, a crime in progress)',
    phone: '999',
    website: null,
    national: 1,
  },
  { kind: 'police', name: 'Police: non-emergency', phone: '101', website: null, national: 1 },
  {
    kind: 'ceop',
    name: 'CEOP (Child Exploitation and Online Protection)',
    phone: null,
    website: 'https://www.ceop.police.uk/safety-centre/',
    national: 1,
  },
  {
    kind: 'iwf',
    name: 'Internet Watch Foundation (IWF)',
    phone: null,
    website: 'https://www.iwf.org.uk',
    national: 1,
  },
  {
    kind: 'childline',
    name: 'ChildLine',
    phone: '0800 1111',
    website: 'https://www.childline.org.uk',
    national: 1,
  },
  {
    kind: 'nspcc',
    name: 'NSPCC helpline',
    phone: '0808 800 5000',
    website: 'https://www.nspcc.org.uk',
    national: 1,
  },
  {
    kind: 'helpline',
    name: 'Professional Online Safety Helpline (UK Safer Internet Centre)',
    phone: null,
    website: 'https://saferinternet.org.uk/professionals-online-safety-helpline',
    national: 1,
  },
  {
    kind: 'action_fraud',
    name: 'Action Fraud',
    phone: null,
    website: 'https://www.actionfraud.police.uk',
    national: 1,
  },
  {
    kind: 'lado',
    name: 'Local Authority Designated Officer (LADO)',
    phone: null,
    website: null,
    national: 0,
  },
  {
    kind: 'social_care',
    name: 'Children’s social care (front door)',
    phone: null,
    website: null,
    national: 0,
  },
  {
    kind: 'education_safeguarding',
    name: 'Education Safeguarding Team (local authority)',
    phone: null,
    website: null,
    national: 0,
  },
];

/** Fills the school's directory from the starter list the first time it is needed. */
export async function ensureDirectory(db: Executor, schoolId: string, at: string): Promise<void> {
  const any = await db
    .selectFrom('concern_agencies')
    .select('id')
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  if (any) return;
  await db
    .insertInto('concern_agencies')
    .values(
      STARTER_AGENCIES.map((e) => ({
        ...e,
        id: newId(),
        school_id: schoolId,
        email: null,
        notes: null,
        archived_at: null,
        created_at: at,
        updated_at: at,
        updated_by: null,
        inherits_id: null,
      })),
    )
    .execute();
}

/** A usable entry of the school's directory: its own, or one inherited from its trust or local authority. */
export async function agencyOf(db: Executor, schoolId: string, id: string) {
  const own = await db
    .selectFrom('concern_agencies')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (own) return own;
  const inherited = await inheritedOf(db, schoolId, id);
  return inherited && { ...inherited, school_id: schoolId, national: 0, inherits_id: null };
}

const present = (a: ConcernAgencyTable) => ({
  id: a.id,
  kind: a.kind as AgencyKind,
  name: a.name,
  phone: a.phone,
  website: a.website,
  email: a.email,
  notes: a.notes,
  national: a.national === 1,
  updatedAt: a.updated_at,
});

/**
 * The school's directory: its own entries and those of its trust or local authority it has not overridden.
 * A blank local entry the school never filled in gives way to the organisation's entry of the same kind (or the
 * school's copy of it).
 */
export async function listAgencies(c: Caller) {
  const schoolId = c.actor.schoolId;
  const at = iso(c.ctx.clock.now());
  await c.ctx.db.transaction().execute((tx) => ensureDirectory(tx, schoolId, at));
  const rows = await c.ctx.db
    .selectFrom('concern_agencies')
    .selectAll()
    .where('school_id', '=', schoolId)
    .execute();
  const inherited = await inheritedEntries(c.ctx.db, schoolId);
  // The kinds the organisation fills in for this school (its entries, or the school's copies of them).
  const kinds = new Set([
    ...inherited.map((o) => o.kind),
    ...rows.filter((r) => r.inherits_id && !r.archived_at).map((r) => r.kind),
  ]);
  const blank = (r: ConcernAgencyTable) =>
    r.national === 0 && !r.updated_by && !r.inherits_id && !r.phone && !r.website && !r.email;
  const agencies = [
    ...rows
      .filter((r) => !r.archived_at && !(blank(r) && kinds.has(r.kind)))
      .map((r) => ({ ...present(r), level: 'school' as const, inherits: r.inherits_id })),
    ...inherited.map((o) => ({ ...presentOrg(o), level: 'organisation' as const, inherits: null })),
  ].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return { agencies };
}

const optional = (max: number) => z.string().trim().max(max).nullable().optional();
export const AgencyBody = z.strictObject({
  kind: z.enum(AGENCY_KINDS),
  name: z.string().trim().min(1).max(200),
  phone: optional(50),
  website: z.url().max(500).nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  notes: optional(2000),
});
export const AgencyPatch = AgencyBody.partial().extend({ archived: z.boolean().optional() }).strict();

export async function addAgency(c: Caller, body: z.infer<typeof AgencyBody>) {
  const at = iso(c.ctx.clock.now());
  const id = newId();
  await c.ctx.db.transaction().execute(async (tx) => {
    await ensureDirectory(tx, c.actor.schoolId, at);
    await tx
      .insertInto('concern_agencies')
      .values({
        id,
        school_id: c.actor.schoolId,
        kind: body.kind,
        name: body.name,
        phone: body.phone ?? null,
        website: body.website ?? null,
        email: body.email ?? null,
        notes: body.notes ?? null,
        national: 0,
        archived_at: null,
        created_at: at,
        updated_at: at,
        updated_by: c.actor.accountId,
        inherits_id: null,
      })
      .execute();
    await auditAs(c, tx, 'concern.agency.add', { type: 'concern_agency', id }, { kind: body.kind });
  });
  return { id };
}

/**
 * The directory is reference data, not a record: entries are edited in place (audited) or archived. Editing or
 * archiving an entry inherited from the trust or local authority makes the school's own copy, which overrides it
 * for this school only.
 */
export async function updateAgency(c: Caller, id: string, body: z.infer<typeof AgencyPatch>) {
  const at = iso(c.ctx.clock.now());
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const { archived, ...rest } = body;
    const own = await tx
      .selectFrom('concern_agencies')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!own) {
      const o = await inheritedOf(tx, schoolId, id);
      if (!o) throw new AppError('not_found', 'Not found');
      const copy = newId();
      await tx
        .insertInto('concern_agencies')
        .values({
          id: copy,
          school_id: schoolId,
          kind: rest.kind ?? o.kind,
          name: rest.name ?? o.name,
          phone: rest.phone === undefined ? o.phone : rest.phone,
          website: rest.website === undefined ? o.website : rest.website,
          email: rest.email === undefined ? o.email : rest.email,
          notes: rest.notes === undefined ? o.notes : rest.notes,
          national: 0,
          archived_at: archived ? at : null,
          created_at: at,
          updated_at: at,
          updated_by: c.actor.accountId,
          inherits_id: o.id,
        })
        .execute();
      await auditAs(
        c,
        tx,
        'concern.agency.override',
        { type: 'concern_agency', id: copy },
        { inherits: o.id, fields: Object.keys(body) },
      );
      return { id: copy };
    }
    await tx
      .updateTable('concern_agencies')
      .set(patchColumns(body, at, c.actor.accountId))
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .execute();
    await auditAs(
      c,
      tx,
      'concern.agency.update',
      { type: 'concern_agency', id },
      { fields: Object.keys(body) },
    );
    return { id };
  });
}
