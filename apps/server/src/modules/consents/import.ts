import { parse as parseCsv } from 'csv-parse/sync';
import { CONSENT_CHANNELS, type ConsentChannel } from '@harbour/shared';
import type { ImageConsentTable } from '../../db/schema-compliance.js';
import { auditAs, schoolToday, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { flagWithdrawal } from './notify.js';
import * as repo from './repo.js';

/**
 * Consents from a CSV file (e.g. the school's paper forms typed up, or an MIS export): one row per pupil,
 * parent and channel. Pupils are matched by UPN or MIS id and parents by email or MIS id, never by name
 * (clarification 10). Preview and commit parse the same way; commit writes nothing unless every row is good.
 */
const HEADERS: Record<string, string[]> = {
  upn: ['upn', 'pupilupn', 'uniquepupilnumber'],
  pupilMisId: ['admissionno', 'admissionnumber', 'pupilmisid', 'pupilid'],
  parentEmail: ['parentemail', 'carer email', 'email', 'contactemail'].map((h) => h.replace(/\s/g, '')),
  parentMisId: ['parentmisid', 'contactid', 'parentid', 'carerid'],
  channel: ['channel', 'media', 'use'],
  decision: ['decision', 'consent', 'given'],
  date: ['date', 'decidedon', 'signedon', 'dateofconsent'],
};
const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

const CHANNEL_WORDS: Record<string, ConsentChannel[]> = {
  website: ['website'],
  web: ['website'],
  newsletter: ['newsletter'],
  press: ['press'],
  localpress: ['press'],
  newspaper: ['press'],
  socialmedia: ['social_media'],
  social: ['social_media'],
  all: [...CONSENT_CHANNELS],
};
const DECISION_WORDS: Record<string, 'given' | 'withdrawn'> = {
  given: 'given',
  yes: 'given',
  y: 'given',
  consent: 'given',
  withdrawn: 'withdrawn',
  withdraw: 'withdrawn',
  no: 'withdrawn',
  n: 'withdrawn',
  refused: 'withdrawn',
};

export interface ImportRow {
  line: number;
  pupilId: string | null;
  parentId: string | null;
  channels: ConsentChannel[];
  decision: 'given' | 'withdrawn' | null;
  decidedOn: string | null;
  errors: string[];
}

async function plan(c: Caller, csv: string): Promise<{ rows: ImportRow[]; names: Map<string, string> }> {
  let rows: string[][];
  try {
    rows = parseCsv(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw new AppError('validation', `The file is not valid CSV: ${(err as Error).message}`);
  }
  const [header, ...data] = rows;
  if (!header || data.length === 0) throw new AppError('validation', 'The file has no rows under its header');
  if (data.length > 5000) throw new AppError('validation', 'At most 5,000 rows in one file');
  const col: Record<string, number> = {};
  header.forEach((h, i) => {
    for (const [field, names] of Object.entries(HEADERS))
      if (names.includes(norm(h)) && col[field] === undefined) col[field] = i;
  });
  const missing = [];
  if (col.upn === undefined && col.pupilMisId === undefined) missing.push('a pupil UPN or admission number');
  if (col.parentEmail === undefined && col.parentMisId === undefined)
    missing.push('a parent email or MIS id');
  for (const f of ['channel', 'decision', 'date']) if (col[f] === undefined) missing.push(f);
  if (missing.length) throw new AppError('validation', `The file needs columns for ${missing.join(', ')}`);
  const db = c.ctx.db;
  const schoolId = c.actor.schoolId;
  const people = await db
    .selectFrom('people')
    .select(['id', 'kind', 'upn', 'mis_id', 'email', 'given_name', 'family_name'])
    .where('school_id', '=', schoolId)
    .where('kind', 'in', ['pupil', 'parent'])
    .where('tombstoned_at', 'is', null)
    .execute();
  const names = new Map(people.map((p) => [p.id, `${p.given_name} ${p.family_name}`]));
  const pupilBy = new Map<string, string>();
  const parentBy = new Map<string, string>();
  for (const p of people) {
    if (p.kind === 'pupil') {
      if (p.upn) pupilBy.set(`upn:${p.upn.toUpperCase()}`, p.id);
      if (p.mis_id) pupilBy.set(`mis:${p.mis_id}`, p.id);
    } else {
      if (p.email) parentBy.set(`email:${p.email.toLowerCase()}`, p.id);
      if (p.mis_id) parentBy.set(`mis:${p.mis_id}`, p.id);
    }
  }
  const links = await db
    .selectFrom('parent_links')
    .select(['parent_id', 'pupil_id'])
    .where('school_id', '=', schoolId)
    .where('parental_responsibility', '=', 1)
    .where('no_contact', '=', 0)
    .execute();
  const linked = new Set(links.map((l) => `${l.parent_id}:${l.pupil_id}`));
  const today = await schoolToday(c.ctx, schoolId);
  const cell = (r: string[], f: string) => (col[f] === undefined ? '' : (r[col[f]] ?? '').trim());
  const planned = data.map((r, i) => {
    const errors: string[] = [];
    const upn = cell(r, 'upn').toUpperCase();
    const pupilMis = cell(r, 'pupilMisId');
    const pupilId =
      (upn && pupilBy.get(`upn:${upn}`)) || (pupilMis && pupilBy.get(`mis:${pupilMis}`)) || null;
    if (!pupilId) errors.push('no pupil in this school has that UPN or admission number');
    const email = cell(r, 'parentEmail').toLowerCase();
    const parentMis = cell(r, 'parentMisId');
    const parentId =
      (email && parentBy.get(`email:${email}`)) || (parentMis && parentBy.get(`mis:${parentMis}`)) || null;
    if (!parentId) errors.push('no parent or carer in this school has that email or MIS id');
    if (pupilId && parentId && !linked.has(`${parentId}:${pupilId}`))
      errors.push('that parent is not linked to that pupil with parental responsibility');
    const channels = CHANNEL_WORDS[norm(cell(r, 'channel'))] ?? [];
    if (channels.length === 0) errors.push('channel must be website, newsletter, press, social media or all');
    const decision = DECISION_WORDS[norm(cell(r, 'decision'))] ?? null;
    if (!decision) errors.push('decision must be given or withdrawn (yes or no)');
    const rawDate = cell(r, 'date');
    const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(rawDate);
    const date = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : rawDate;
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`));
    if (!valid) errors.push('date must be YYYY-MM-DD or DD/MM/YYYY');
    else if (date > today) errors.push('the date is in the future');
    return { line: i + 2, pupilId, parentId, channels, decision, decidedOn: valid ? date : null, errors };
  });
  return { rows: planned, names };
}

/** How many rows the preview lists one by one (the counts and the errors always cover the whole file). */
export const PREVIEW_ROWS = 500;

/** What an import would write, row by row, with each row's problems; nothing is written. */
export async function previewImport(c: Caller, csv: string) {
  const { rows, names } = await plan(c, csv);
  const bad = rows.filter((r) => r.errors.length > 0);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return {
    rows: rows.length,
    entries: rows.reduce((n, r) => n + r.channels.length, 0),
    errors: bad.map((r) => ({ line: r.line, errors: r.errors })),
    ok: bad.length === 0,
    preview: rows.slice(0, PREVIEW_ROWS).map((r) => ({
      line: r.line,
      pupil: nameOf(r.pupilId),
      parent: nameOf(r.parentId),
      channels: r.channels,
      decision: r.decision,
      decidedOn: r.decidedOn,
      errors: r.errors,
    })),
  };
}

export async function commitImport(c: Caller, csv: string) {
  const { rows } = await plan(c, csv);
  const bad = rows.filter((r) => r.errors.length > 0);
  if (bad.length > 0)
    throw new AppError(
      'validation',
      `${bad.length} row(s) have problems: nothing was imported`,
      bad.flatMap((r) => r.errors.map((message) => ({ path: `line ${r.line}`, message }))),
    );
  const now = iso(c.ctx.clock.now());
  const entries: ImageConsentTable[] = rows.flatMap((r) =>
    r.channels.map((channel) => ({
      id: newId(),
      school_id: c.actor.schoolId,
      pupil_id: r.pupilId!,
      channel,
      decision: r.decision!,
      parent_id: r.parentId!,
      decided_on: r.decidedOn!,
      recorded_at: now,
      recorded_by: c.actor.accountId,
      source: 'import' as const,
      note: null,
    })),
  );
  return c.ctx.db.transaction().execute(async (tx) => {
    await repo.insertConsents(tx, entries);
    let flagged = 0;
    for (const r of rows.filter((x) => x.decision === 'withdrawn'))
      flagged += await flagWithdrawal(c.ctx, tx, c.actor.schoolId, {
        pupilId: r.pupilId!,
        channels: r.channels,
      });
    await auditAs(
      c,
      tx,
      'consent.import',
      { type: 'image_consent' },
      { rows: rows.length, entries: entries.length },
    );
    return { imported: entries.length, flagged };
  });
}
