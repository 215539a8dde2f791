import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushAuditHead } from '../../bootstrap.js';
import { createSchool, startTestEnv, type TestEnv } from '../../test/harness.js';
import { appendAudit, appendAudits, verifyAudit, type AuditInput } from './service.js';

/**
 * Appends without a caller's transaction (the audit of reads) are written together with the others of the moment
 * (append.ts): the chain must stay exactly verifiable, each caller's entries together and in order, each caller
 * answered only once its entries are committed, and one caller's bad entry must fail no other.
 */
describe('audit appends written together', () => {
  let env: TestEnv;
  let schoolId: string;
  beforeEach(async () => {
    env = await startTestEnv();
    schoolId = await createSchool(env.ctx, 'Together Primary');
  });
  afterEach(() => env.close());

  const entry = (action: string, entityId?: string): AuditInput => ({
    schoolId,
    actorAccountId: null,
    action,
    entityType: 'person',
    entityId,
  });
  const chain = () =>
    env.ctx.db
      .selectFrom('audit_entries')
      .select(['seq', 'action', 'entity_id'])
      .where('chain', '=', schoolId)
      .orderBy('seq')
      .execute();

  it('keeps a verifiable chain and each caller’s entries together under a burst', async () => {
    const committed: number[] = [];
    const calls = Array.from({ length: 40 }, (_, i) =>
      (i % 4 === 0
        ? appendAudits(env.ctx, [
            entry(`group.${i}`, 'a'),
            entry(`group.${i}`, 'b'),
            entry(`group.${i}`, 'c'),
          ])
        : appendAudit(env.ctx, entry(`single.${i}`))
      ).then(async () => {
        // Answered only once committed: the caller's entries are there to read.
        const rows = await chain();
        committed[i] = rows.filter((r) => r.action.endsWith(`.${i}`)).length;
      }),
    );
    // Some appends in a change's transaction meanwhile, as writes make them.
    const inTx = env.ctx.db.transaction().execute((tx) => appendAudit(env.ctx, entry('write.tx'), tx));
    await Promise.all([...calls, inTx]);
    expect(committed).toEqual(Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 3 : 1)));
    const rows = await chain();
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows).toHaveLength(10 * 3 + 30 + 1);
    for (let i = 0; i < 40; i += 4) {
      const at = rows.findIndex((r) => r.action === `group.${i}`);
      expect(rows.slice(at, at + 3).map((r) => [r.action, r.entity_id])).toEqual([
        [`group.${i}`, 'a'],
        [`group.${i}`, 'b'],
        [`group.${i}`, 'c'],
      ]);
    }
    await flushAuditHead(env.ctx);
    const v = await verifyAudit(env.ctx, env.ctx.auditHeadFile);
    expect(v.problem).toBeUndefined();
    expect(v.ok).toBe(true);
    expect(v.counts[schoolId]).toBe(rows.length);
  });

  it('follows a head moved by another transaction since this process last wrote it', async () => {
    await appendAudit(env.ctx, entry('read.1'));
    // Moved behind the batched writer's back, as another process or a change's transaction would.
    await env.ctx.db.transaction().execute((tx) => appendAudit(env.ctx, entry('write.1'), tx));
    await env.ctx.db.transaction().execute((tx) => appendAudit(env.ctx, entry('write.2'), tx));
    await appendAudit(env.ctx, entry('read.2'));
    await appendAudits(env.ctx, [entry('read.3', 'a'), entry('read.3', 'b')]);
    const rows = await chain();
    expect(rows.map((r) => [r.seq, r.action])).toEqual([
      [1, 'read.1'],
      [2, 'write.1'],
      [3, 'write.2'],
      [4, 'read.2'],
      [5, 'read.3'],
      [6, 'read.3'],
    ]);
    await flushAuditHead(env.ctx);
    expect((await verifyAudit(env.ctx, env.ctx.auditHeadFile)).ok).toBe(true);
  });

  it('fails only the caller whose entry cannot be written', async () => {
    // Details that cannot become JSON fail that entry as it is written, inside the shared transaction.
    const bad: Record<string, unknown> = {};
    bad.self = bad;
    const results = await Promise.allSettled([
      appendAudit(env.ctx, entry('before')),
      appendAudit(env.ctx, entry('fine.1')),
      appendAudit(env.ctx, { ...entry('broken'), details: bad }),
      appendAudit(env.ctx, entry('fine.2')),
      appendAudits(env.ctx, [entry('fine.3', 'x'), entry('fine.3', 'y')]),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const actions = (await chain()).map((r) => r.action);
    expect(actions.sort()).toEqual(['before', 'fine.1', 'fine.2', 'fine.3', 'fine.3']);
    await flushAuditHead(env.ctx);
    expect((await verifyAudit(env.ctx, env.ctx.auditHeadFile)).ok).toBe(true);
  });
});
