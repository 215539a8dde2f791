import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { SchoolDeviceTable } from '../../db/schema-compliance.js';
import { addDaysToDate, auditAs, schoolToday, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { displayName, findPerson } from '../people/lookup.js';
import type { NewDevice, PatchDevice } from './schema.js';

/** Anti-virus checked longer ago than this is out of date (policy 7.2: "virus protection updated regularly"). */
export const ANTIVIRUS_MAX_AGE_DAYS = 30;

/**
 * What is wrong with a device: off site without encryption (policy 7.4: devices taken off site are encrypted)
 * and anti-virus that is missing, out of date or not checked recently (7.2).
 */
export function deviceFlags(d: SchoolDeviceTable, today: string): string[] {
  const flags: string[] = [];
  if (d.off_site === 1 && d.encrypted === 0) flags.push('unencrypted_off_site');
  const needsAv = d.antivirus_status !== 'not_applicable';
  const stale =
    !d.antivirus_checked_on || d.antivirus_checked_on < addDaysToDate(today, -ANTIVIRUS_MAX_AGE_DAYS);
  if (needsAv && (d.antivirus_status !== 'up_to_date' || stale)) flags.push('antivirus');
  return flags;
}

export async function list(c: Caller, q: { flag?: string | undefined; includeRetired: string }) {
  const schoolId = c.actor.schoolId;
  const today = await schoolToday(c.ctx, schoolId);
  let query = c.ctx.db
    .selectFrom('school_devices')
    .leftJoin('people', 'people.id', 'school_devices.assignee_person_id')
    .selectAll('school_devices')
    .select(['people.given_name', 'people.family_name'])
    .where('school_devices.school_id', '=', schoolId);
  if (q.includeRetired !== 'true') query = query.where('school_devices.retired_at', 'is', null);
  const rows = await query.orderBy('school_devices.asset_tag').execute();
  const devices = rows
    .map((d) => ({
      id: d.id,
      assetTag: d.asset_tag,
      kind: d.kind,
      description: d.description,
      serial: d.serial,
      assigneePersonId: d.assignee_person_id,
      assignee: d.given_name ? `${d.given_name} ${d.family_name}` : null,
      encrypted: d.encrypted === 1,
      antivirusStatus: d.antivirus_status,
      antivirusCheckedOn: d.antivirus_checked_on,
      offSite: d.off_site === 1,
      offSiteSince: d.off_site_since,
      retiredAt: d.retired_at,
      notes: d.notes,
      flags: d.retired_at ? [] : deviceFlags(d, today),
    }))
    .filter((d) => !q.flag || (q.flag === 'any' ? d.flags.length > 0 : d.flags.includes(q.flag)));
  return { today, devices };
}

async function checkAssignee(c: Caller, db: AppContext['db'], id: string | null | undefined) {
  if (!id) return;
  const p = await findPerson(db, c.actor.schoolId, id);
  if (!p || p.kind === 'parent' || p.kind === 'visitor')
    throw new AppError('validation', 'A device is assigned to a member of staff or a pupil of this school', [
      { path: 'assigneePersonId', message: 'not staff or a pupil here' },
    ]);
  return displayName(p);
}

function columns(
  b: Partial<z.infer<typeof NewDevice>>,
  today: string,
  wasOffSite: boolean,
): Partial<SchoolDeviceTable> {
  const set: Partial<SchoolDeviceTable> = {};
  if (b.assetTag !== undefined) set.asset_tag = b.assetTag;
  if (b.kind !== undefined) set.kind = b.kind;
  if (b.description !== undefined) set.description = b.description;
  if (b.serial !== undefined) set.serial = b.serial;
  if (b.assigneePersonId !== undefined) set.assignee_person_id = b.assigneePersonId;
  if (b.encrypted !== undefined) set.encrypted = b.encrypted ? 1 : 0;
  if (b.antivirusStatus !== undefined) set.antivirus_status = b.antivirusStatus;
  if (b.antivirusCheckedOn !== undefined) set.antivirus_checked_on = b.antivirusCheckedOn;
  if (b.notes !== undefined) set.notes = b.notes;
  if (b.offSite !== undefined) {
    set.off_site = b.offSite ? 1 : 0;
    if (b.offSite && !wasOffSite) set.off_site_since = today;
    if (!b.offSite) set.off_site_since = null;
  }
  return set;
}

export async function create(c: Caller, body: z.infer<typeof NewDevice>) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    await checkAssignee(c, tx, body.assigneePersonId);
    const dup = await tx
      .selectFrom('school_devices')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('asset_tag', '=', body.assetTag)
      .executeTakeFirst();
    if (dup) throw new AppError('conflict', 'Another device has that asset tag');
    const today = await schoolToday(c.ctx, schoolId, tx);
    const now = iso(c.ctx.clock.now());
    const row: SchoolDeviceTable = {
      id: newId(),
      school_id: schoolId,
      asset_tag: body.assetTag,
      kind: body.kind,
      description: null,
      serial: null,
      assignee_person_id: null,
      encrypted: 0,
      antivirus_status: body.antivirusStatus,
      antivirus_checked_on: null,
      off_site: 0,
      off_site_since: null,
      retired_at: null,
      notes: null,
      created_at: now,
      updated_at: now,
      updated_by: c.actor.accountId,
      ...columns(body, today, false),
    };
    await tx.insertInto('school_devices').values(row).execute();
    await auditAs(
      c,
      tx,
      'device.create',
      { type: 'school_device', id: row.id },
      { flags: deviceFlags(row, today) },
    );
    return { id: row.id, flags: deviceFlags(row, today) };
  });
}

export async function update(c: Caller, id: string, body: z.infer<typeof PatchDevice>) {
  const schoolId = c.actor.schoolId;
  return c.ctx.db.transaction().execute(async (tx) => {
    const d = await tx
      .selectFrom('school_devices')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!d) throw new AppError('not_found', 'Not found');
    await checkAssignee(c, tx, body.assigneePersonId);
    if (body.assetTag && body.assetTag !== d.asset_tag) {
      const dup = await tx
        .selectFrom('school_devices')
        .select('id')
        .where('school_id', '=', schoolId)
        .where('asset_tag', '=', body.assetTag)
        .executeTakeFirst();
      if (dup) throw new AppError('conflict', 'Another device has that asset tag');
    }
    const today = await schoolToday(c.ctx, schoolId, tx);
    const set = {
      ...columns(body, today, d.off_site === 1),
      updated_at: iso(c.ctx.clock.now()),
      updated_by: c.actor.accountId,
    };
    if (body.retired !== undefined)
      set.retired_at = body.retired ? (d.retired_at ?? iso(c.ctx.clock.now())) : null;
    await tx
      .updateTable('school_devices')
      .set(set)
      .where('school_id', '=', schoolId)
      .where('id', '=', id)
      .execute();
    const next = { ...d, ...set };
    await auditAs(
      c,
      tx,
      'device.update',
      { type: 'school_device', id },
      { fields: Object.keys(body), flags: deviceFlags(next, today) },
    );
    return { id, flags: next.retired_at ? [] : deviceFlags(next, today) };
  });
}

/** For the dashboard: the same rules as deviceFlags, counted in SQL. */
export async function deviceFigures(ctx: AppContext, schoolId: string) {
  const today = await schoolToday(ctx, schoolId);
  const cutoff = addDaysToDate(today, -ANTIVIRUS_MAX_AGE_DAYS);
  const row = await ctx.db
    .selectFrom('school_devices')
    .select((eb) => {
      const count = (cond: Parameters<typeof eb.case>[0]) =>
        eb.fn.sum<number>(eb.case().when(cond).then(1).else(0).end());
      return [
        eb.fn.countAll<number>().as('devices'),
        count(eb.and([eb('off_site', '=', 1), eb('encrypted', '=', 0)])).as('unencrypted'),
        count(
          eb.and([
            eb('antivirus_status', '!=', 'not_applicable'),
            eb.or([
              eb('antivirus_status', '!=', 'up_to_date'),
              eb('antivirus_checked_on', 'is', null),
              eb('antivirus_checked_on', '<', cutoff),
            ]),
          ]),
        ).as('antivirus'),
      ];
    })
    .where('school_id', '=', schoolId)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return {
    devices: Number(row?.devices ?? 0),
    unencryptedOffSite: Number(row?.unencrypted ?? 0),
    antivirusProblems: Number(row?.antivirus ?? 0),
  };
}
