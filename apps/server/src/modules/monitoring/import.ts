import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import { auditAs, schoolZone, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { sha256 } from '../../lib/ids.js';
import { schoolKey } from '../schools/keys.js';
import { prepareEvents, storeEvents, type Rejection } from './ingest.js';
import { IMPORT_FIELDS, type ImportBody, type ImportField } from './schema.js';
import { internalSource } from './sources.js';

/**
 * CSV import of search and URL logs exported by another filtering product (issue 6), for schools keeping their
 * current filter for now. The preview guesses which column is which, shows the first rows as Harbour reads
 * them and every row's problem; commit takes the confirmed mapping and writes nothing unless every row is good.
 * Rows are events like any other (same checks, classification, alerts); a row's id is its content's hash, so
 * importing a file twice stores it once.
 */
const MAX_ROWS = 50_000;
const PREVIEW_ROWS = 20;

const GUESSES: Record<ImportField, RegExp> = {
  time: /^(time|timestamp|date|datetime|date ?time|date\/time|when|logged|event time)$/,
  user: /^(user|username|user ?name|login|email|upn|account|user ?id)$/,
  client: /^(ip|client|client ?ip|source ?ip|ip ?address|address|src)$/,
  device: /^(device|computer|hostname|host ?name|machine|device ?name)$/,
  url: /^(url|uri|site|website|web ?address|link|page ?url|full ?url)$/,
  search: /^(search|query|search ?terms?|keywords?|search ?query)$/,
  title: /^(title|page ?title)$/,
};

type Mapping = Partial<Record<ImportField, string>>;

function guess(headers: string[]): Mapping {
  const out: Mapping = {};
  for (const f of IMPORT_FIELDS) {
    const h = headers.find((x) => GUESSES[f].test(x.trim().toLowerCase()));
    if (h) out[f] = h;
  }
  return out;
}

/** "2026-11-20 14:03", "20/11/2026 14:03:09" (school time) or ISO 8601 with an offset, as UTC ISO; else as given. */
export function importTime(raw: string, zone: string): string {
  const s = raw.trim();
  if (/[zZ]$|[+-]\d\d:?\d\d$/.test(s) && !Number.isNaN(Date.parse(s))) return new Date(s).toISOString();
  const m =
    /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d?):(\d\d)(?::(\d\d))?$/.exec(s) ??
    /^(\d\d?)\/(\d\d?)\/(\d{4}),? (\d\d?):(\d\d)(?::(\d\d))?$/.exec(s);
  if (!m) return s;
  const [y, mo, d] = s.includes('/') ? [m[3], m[2], m[1]] : [m[1], m[2], m[3]];
  const guessUtc = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(guessUtc));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const shown = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return new Date(guessUtc - (shown - guessUtc)).toISOString();
}

async function plan(c: Caller, body: z.infer<typeof ImportBody>) {
  let rows: string[][];
  try {
    rows = parseCsv(body.csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw new AppError('validation', `The file is not valid CSV: ${(err as Error).message.slice(0, 200)}`);
  }
  const headers = rows[0] ?? [];
  if (headers.length === 0) throw new AppError('validation', 'The file is empty');
  if (rows.length - 1 > MAX_ROWS) throw new AppError('validation', `At most ${MAX_ROWS} rows a file`);
  const mapping = body.mapping ?? guess(headers);
  const problems: string[] = [];
  for (const [f, h] of Object.entries(mapping))
    if (h && !headers.includes(h)) problems.push(`${f}: there is no column "${h}"`);
  if (!mapping.time) problems.push('time: say which column holds the time');
  if (!mapping.url && !mapping.search && !mapping.title)
    problems.push('say which column holds the URL, the search or the page title');
  if (!mapping.user && !mapping.client && !mapping.device)
    problems.push('say which column holds the user, the device or the client address');
  const zone = await schoolZone(c.ctx, c.actor.schoolId);
  const at = (row: string[], f: ImportField) => {
    const h = mapping[f];
    const v = h ? row[headers.indexOf(h)] : undefined;
    return v && v.trim() !== '' ? v.trim() : undefined;
  };
  const raw = rows.slice(1).map((row) => {
    const search = at(row, 'search');
    const url = at(row, 'url');
    const title = at(row, 'title');
    return {
      id: `csv:${sha256(JSON.stringify(row))}`,
      time: importTime(at(row, 'time') ?? '', zone),
      kind: search ? 'search' : url ? 'url' : 'title',
      ...(search || title ? { text: search ?? title } : {}),
      ...(url ? { url } : {}),
      ...(at(row, 'user') ? { user: at(row, 'user') } : {}),
      ...(at(row, 'device') ? { device: at(row, 'device') } : {}),
      ...(at(row, 'client') ? { client: at(row, 'client') } : {}),
    };
  });
  const prepared = problems.length
    ? { events: [], rejected: [] as Rejection[] }
    : await prepareEvents(c.ctx, c.actor.schoolId, raw);
  // Line numbers as a spreadsheet shows them: the header is line 1.
  const errors = [
    ...problems.map((message) => ({ line: 1, message })),
    ...prepared.rejected.map((r) => ({ line: r.index + 2, message: r.reason })),
  ];
  return { headers, mapping, raw, events: prepared.events, errors };
}

export async function previewImport(c: Caller, body: z.infer<typeof ImportBody>) {
  const p = await plan(c, body);
  return {
    headers: p.headers,
    mapping: p.mapping,
    rows: p.raw.length,
    valid: p.events.length,
    preview: p.raw.slice(0, PREVIEW_ROWS).map((r, i) => ({ line: i + 2, ...r, id: undefined })),
    errors: p.errors.slice(0, 500),
    errorCount: p.errors.length,
  };
}

export async function commitImport(c: Caller, body: z.infer<typeof ImportBody>) {
  if (!body.mapping) throw new AppError('validation', 'Confirm the column mapping from the preview first');
  const p = await plan(c, body);
  if (p.errors.length > 0)
    throw new AppError(
      'validation',
      `${p.errors.length} problem(s) in the file: nothing was imported`,
      p.errors.slice(0, 500),
    );
  const schoolId = c.actor.schoolId;
  const key = await schoolKey(c.ctx, schoolId);
  return c.ctx.db.transaction().execute(async (tx) => {
    const sourceId = await internalSource(c.ctx, tx, schoolId, 'import');
    const { stored, duplicates, alertIds } = await storeEvents(c.ctx, tx, {
      schoolId,
      sourceId,
      events: p.events,
      key,
      alerts: 'classifier',
    });
    const alerts = { ids: alertIds };
    await auditAs(
      c,
      tx,
      'monitor.import',
      { type: 'monitor_source', id: sourceId },
      {
        rows: p.raw.length,
        imported: stored.length,
        duplicates,
        alerts: alerts.ids.length,
      },
    );
    return { imported: stored.length, duplicates, alerts: alerts.ids.length };
  });
}
