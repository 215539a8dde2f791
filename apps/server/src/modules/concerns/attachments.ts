import { CONCERN_ATTACHMENT_MAX_BYTES, isImageryCategory, type ConcernCategory } from '@harbour/shared';
import type { z } from 'zod';
import { auditAs, type Caller } from '../../http/caller.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { iso } from '../../lib/time.js';
import { imageryRefusal, writable } from './additions.js';
import { access } from './read.js';
import * as repo from './repo.js';
import type { Attachment } from './schema.js';
import { opener, sealer } from './seal.js';

/** The file's first bytes must match its declared type. */
function looksLike(contentType: string, b: Buffer): boolean {
  const starts = (hex: string) => b.subarray(0, hex.length / 2).equals(Buffer.from(hex, 'hex'));
  switch (contentType) {
    case 'image/png':
      return starts('89504e470d0a1a0a');
    case 'image/jpeg':
      return starts('ffd8ff');
    case 'image/gif':
      return starts('474946383761') || starts('474946383961');
    case 'image/webp':
      return starts('52494646') && b.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'application/pdf':
      return starts('255044462d');
    case 'text/plain':
      return !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b);
    default:
      return false;
  }
}

/**
 * A file for a concern (screenshots of bullying messages...), sealed in the database. Refused in the imagery
 * categories, with the reason: Harbour never stores suspected indecent imagery (policy 9.1, 9.3).
 */
export async function upload(c: Caller, id: string, body: z.infer<typeof Attachment>) {
  const a = await writable(c, id);
  if (isImageryCategory(a.row.category as ConcernCategory)) throw imageryRefusal();
  const bytes = Buffer.from(body.dataBase64, 'base64');
  if (bytes.length === 0)
    throw new AppError('validation', 'The file is empty', [{ path: 'dataBase64', message: 'empty' }]);
  if (bytes.length > CONCERN_ATTACHMENT_MAX_BYTES)
    throw new AppError('payload_too_large', 'A file can be at most 10 MB');
  if (!looksLike(body.contentType, bytes))
    throw new AppError('validation', `The file is not a ${body.contentType} file`, [
      { path: 'dataBase64', message: 'content does not match contentType' },
    ]);
  const attachmentId = newId();
  const seal = await sealer(c.ctx, c.actor.schoolId);
  await c.ctx.db.transaction().execute(async (tx) => {
    await repo.insertAttachment(tx, {
      id: attachmentId,
      school_id: c.actor.schoolId,
      concern_id: id,
      filename_enc: seal.text(attachmentId, 'filename', body.filename),
      content_type: body.contentType,
      size: bytes.length,
      data_enc: seal.bytes(attachmentId, 'data', bytes),
      uploaded_at: iso(c.ctx.clock.now()),
      uploaded_by: c.actor.accountId,
    });
    await auditAs(
      c,
      tx,
      'concern.attachment.add',
      { type: 'concern', id },
      { attachmentId, contentType: body.contentType, size: bytes.length },
    );
  });
  return { id: attachmentId, size: bytes.length };
}

/** A file, to whoever may see it on the concern (the team, or the reporter who uploaded it); audited. */
export async function download(c: Caller, attachmentId: string) {
  const row = await repo.attachment(c.ctx.db, c.actor.schoolId, attachmentId);
  if (!row) throw new AppError('not_found', 'Not found');
  const a = await access(c, row.concern_id).catch(() => {
    throw new AppError('not_found', 'Not found');
  });
  if (a.level !== 'team' && row.uploaded_by !== c.actor.accountId)
    throw new AppError('not_found', 'Not found');
  // A concern moved into an imagery category keeps its files, but they are never handed out again.
  if (isImageryCategory(a.row.category as ConcernCategory)) throw imageryRefusal();
  const o = await opener(c.ctx, c.actor.schoolId);
  const data = o.bytes(row.id, 'data', row.data_enc);
  const filename = o.text(row.id, 'filename', row.filename_enc);
  await c.ctx.db
    .transaction()
    .execute((tx) =>
      auditAs(c, tx, 'concern.attachment.read', { type: 'concern', id: row.concern_id }, { attachmentId }),
    );
  return { data, filename, contentType: row.content_type };
}
