import { parse as parseCsv } from 'csv-parse/sync';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { PersonTable } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { mapHeaders, parseRow, type ParsedRow, type RowError } from './import-rows.js';
import type { ImportBody, ImportKind } from './import-schema.js';
import { applyLeaveDate, blankPerson, searchName, type Caller } from './service.js';

const KIND: Record<ImportKind, PersonTable['kind']> = { pupils: 'pupil', staff: 'staff', parents: 'parent' };

interface PlannedRow extends ParsedRow {
  action: 'create' | 'update' | 'unchanged';
  existing?: PersonTable;
  set: Partial<PersonTable>;
  pupilId?: string;
}

function readCsv(csv: string): string[][] {
  try {
    const rows: string[][] = parseCsv(csv, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
    return rows;
  } catch (err) {
    throw new AppError('validation', `The file is not valid CSV: ${(err as Error).message}`);
  }
}

function columnsOf(kind: ImportKind, v: ParsedRow['values']): Partial<PersonTable> {
  const set: Partial<PersonTable> = {
    given_name: v.given,
    family_name: v.family,
    search_name: searchName(v.given, v.family, v.preferred),
  };
  if (v.preferred !== null) set.preferred_name = v.preferred;
  if (v.misId !== null) set.mis_id = v.misId;
  if (v.email !== null) set.email = v.email;
  if (v.phone !== null) set.phone = v.phone;
  if (kind === 'pupils') {
    if (v.upn !== null) set.upn = v.upn;
    if (v.dob !== null) set.date_of_birth = v.dob;
    set.year_group = v.year;
    if (v.className !== null) set.class_name = v.className;
    if (v.send !== null) set.send = v.send ? 1 : 0;
    if (v.lookedAfter !== null) set.looked_after = v.lookedAfter ? 1 : 0;
  }
  if (kind === 'staff') {
    if (v.jobTitle !== null) set.job_title = v.jobTitle;
    if (v.startDate !== null) set.start_date = v.startDate;
  }
  return set;
}

/** Reads the file, checks every row and decides create/update/unchanged, matching only by UPN or MIS id. */
async function plan(
  ctx: AppContext,
  db: Executor,
  schoolId: string,
  body: ImportBody,
): Promise<PlannedRow[]> {
  const records = readCsv(body.csv);
  if (records.length < 2) throw new AppError('validation', 'The file has a header row but no people');
  const { map, missing } = mapHeaders(body.kind, records[0]!);
  if (missing.length)
    throw new AppError(
      'validation',
      `The file has no column for: ${missing.join(', ')}`,
      missing.map((m) => ({ path: m, message: 'column missing' })),
    );
  const kind = KIND[body.kind];
  const existing = await db
    .selectFrom('people')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('kind', '=', kind)
    .execute();
  const byUpn = new Map(existing.filter((p) => p.upn).map((p) => [p.upn!, p]));
  const byMis = new Map(existing.filter((p) => p.mis_id).map((p) => [p.mis_id!, p]));
  const pupils =
    body.kind === 'parents'
      ? await db
          .selectFrom('people')
          .select(['id', 'upn', 'mis_id'])
          .where('school_id', '=', schoolId)
          .where('kind', '=', 'pupil')
          .execute()
      : [];
  const pupilByUpn = new Map(pupils.filter((p) => p.upn).map((p) => [p.upn!, p.id]));
  const pupilByMis = new Map(pupils.filter((p) => p.mis_id).map((p) => [p.mis_id!, p.id]));
  const seenUpn = new Map<string, number>();
  const seenMis = new Map<string, number>();
  return records.slice(1).map((cells, i) => {
    const row = parseRow(body.kind, i + 2, cells, map);
    const v = row.values;
    const dup = (seen: Map<string, number>, key: string | null, column: string) => {
      if (!key) return;
      const first = seen.get(key);
      if (first !== undefined) row.errors.push({ column, message: `"${key}" is also on row ${first}` });
      else seen.set(key, row.row);
    };
    if (body.kind !== 'parents' || v.misId) {
      dup(seenUpn, v.upn, 'upn');
      dup(seenMis, v.misId, 'misId');
    }
    const m1 = v.upn ? byUpn.get(v.upn) : undefined;
    const m2 = v.misId ? byMis.get(v.misId) : undefined;
    if (m1 && m2 && m1.id !== m2.id)
      row.errors.push({ column: 'misId', message: 'the UPN and the MIS id belong to two different people' });
    const match = m1 ?? m2;
    let pupilId: string | undefined;
    if (body.kind === 'parents') {
      pupilId =
        (v.pupilUpn ? pupilByUpn.get(v.pupilUpn) : undefined) ??
        (v.pupilMisId ? pupilByMis.get(v.pupilMisId) : undefined);
      if (!pupilId && (v.pupilUpn || v.pupilMisId))
        row.errors.push({
          column: v.pupilUpn ? 'pupilUpn' : 'pupilMisId',
          message: `no pupil with ${v.pupilUpn ?? v.pupilMisId} in this school: import pupils first`,
        });
    }
    const set = columnsOf(body.kind, v);
    const changed = match
      ? Object.entries(set).some(([k, val]) => (match as unknown as Record<string, unknown>)[k] !== val)
      : true;
    const leaving =
      body.kind === 'staff' && v.leaveDate !== null && (!match || match.leave_date !== v.leaveDate);
    return {
      ...row,
      action: !match ? 'create' : changed || leaving ? 'update' : 'unchanged',
      ...(match ? { existing: match } : {}),
      set,
      ...(pupilId ? { pupilId } : {}),
    };
  });
}

function summarise(rows: PlannedRow[]) {
  const count = (a: PlannedRow['action']) =>
    rows.filter((r) => r.action === a && r.errors.length === 0).length;
  return {
    totals: {
      rows: rows.length,
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      errors: rows.filter((r) => r.errors.length).length,
    },
    rows: rows.map((r) => ({
      row: r.row,
      action: r.action,
      name: `${r.values.given} ${r.values.family}`.trim(),
      errors: r.errors,
    })),
  };
}

export async function previewImport(c: Caller, body: ImportBody) {
  return summarise(await plan(c.ctx, c.ctx.db, c.actor.schoolId, body));
}

/** Writes the whole file in one transaction, or nothing at all when any row has an error. */
export async function commitImport(c: Caller, body: ImportBody) {
  const started = Date.now();
  return c.ctx.db.transaction().execute(async (tx) => {
    const rows = await plan(c.ctx, tx, c.actor.schoolId, body);
    const summary = summarise(rows);
    if (summary.totals.errors > 0) {
      const errors: { row: number; errors: RowError[] }[] = summary.rows
        .filter((r) => r.errors.length)
        .map((r) => ({ row: r.row, errors: r.errors }));
      throw new AppError(
        'validation',
        `${summary.totals.errors} row(s) have errors: nothing was imported`,
        errors,
      );
    }
    const now = iso(c.ctx.clock.now());
    const kind = KIND[body.kind];
    const created: PersonTable[] = [];
    const createdByRow = new Map<number, PersonTable>();
    for (const r of rows) {
      if (r.action !== 'create') continue;
      const p = { ...blankPerson(c.actor.schoolId, kind, now), ...r.set };
      created.push(p);
      createdByRow.set(r.row, p);
    }
    for (let i = 0; i < created.length; i += 100)
      await tx
        .insertInto('people')
        .values(created.slice(i, i + 100))
        .execute();
    for (const r of rows) {
      if (r.action === 'update' && r.existing) {
        await tx
          .updateTable('people')
          .set({ ...r.set, updated_at: now })
          .where('school_id', '=', c.actor.schoolId)
          .where('id', '=', r.existing.id)
          .execute();
      }
      const person = r.existing ?? createdByRow.get(r.row);
      if (!person) continue;
      if (body.kind === 'staff' && r.values.leaveDate && r.values.leaveDate !== r.existing?.leave_date) {
        await applyLeaveDate(c.ctx, tx, {
          schoolId: c.actor.schoolId,
          person: { ...person, ...r.set },
          leaveDate: r.values.leaveDate,
          actorAccountId: c.actor.accountId,
          ip: c.ip,
        });
      }
      if (body.kind === 'parents' && r.pupilId) {
        const link = await tx
          .selectFrom('parent_links')
          .select('id')
          .where('parent_id', '=', person.id)
          .where('pupil_id', '=', r.pupilId)
          .executeTakeFirst();
        const values = {
          relationship: r.values.relationship ?? 'Parent or carer',
          parental_responsibility: r.values.parentalResponsibility ? 1 : 0,
          no_contact: r.values.noContact ? 1 : 0,
        };
        if (link) await tx.updateTable('parent_links').set(values).where('id', '=', link.id).execute();
        else
          await tx
            .insertInto('parent_links')
            .values({
              id: newId(),
              school_id: c.actor.schoolId,
              parent_id: person.id,
              pupil_id: r.pupilId,
              created_at: now,
              ...values,
            })
            .execute();
      }
    }
    // One entry for the batch, with the ids it touched (clarification 8).
    await appendAudit(
      c.ctx,
      {
        schoolId: c.actor.schoolId,
        actorAccountId: c.actor.accountId,
        action: 'people.import',
        entityType: 'person',
        ip: c.ip,
        details: {
          kind: body.kind,
          ...summary.totals,
          created: created.map((p) => p.id),
          updated: rows.filter((r) => r.action === 'update').map((r) => r.existing?.id),
        },
      },
      tx,
    );
    c.ctx.log.info(
      { kind: body.kind, rows: rows.length, ms: Date.now() - started },
      'people import committed',
    );
    return summary;
  });
}
