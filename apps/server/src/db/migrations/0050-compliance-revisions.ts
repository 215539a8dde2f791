import { sql, SqliteAdapter, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * A revision number per school for the compliance dashboard (issue 5), bumped by triggers on every insert,
 * update or delete in the tables its figures are counted from, whoever writes (a route, an import, the worker,
 * another process). The dashboard route keeps each school's last answer and recounts only when the revision has
 * moved, or after a short time for figures that change with the clock (modules/compliance/dashboard-cache.ts).
 */
export const COMPLIANCE_REVISION_TABLES = [
  'people',
  'parent_links',
  'settings',
  'aup_versions',
  'aup_signatures',
  'access_entries',
  'training_courses',
  'training_records',
  'image_consents',
  'phone_handins',
  'phone_confiscations',
  'school_devices',
  'risk_assessments',
  'policy_versions',
  'self_reviews',
  'review_actions',
  'concerns',
  'filter_groups',
  'filter_change_requests',
  'filter_policy_versions',
  'filter_self_tests',
] as const;

const bump = (school: string) =>
  `INSERT INTO compliance_revisions (school_id, rev) VALUES (${school}, 1)
   ON CONFLICT (school_id) DO UPDATE SET rev = compliance_revisions.rev + 1`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('compliance_revisions')
    .addColumn('school_id', 'text', (c) => c.primaryKey())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of COMPLIANCE_REVISION_TABLES) {
      // Organisation rows (a trust's policy versions) carry no school: nothing to bump.
      await sql
        .raw(
          `CREATE TRIGGER ${t}_crev_insert AFTER INSERT ON ${t} WHEN NEW.school_id IS NOT NULL BEGIN ${bump('NEW.school_id')}; END`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER ${t}_crev_update AFTER UPDATE ON ${t} WHEN NEW.school_id IS NOT NULL BEGIN ${bump('NEW.school_id')}; END`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER ${t}_crev_delete AFTER DELETE ON ${t} WHEN OLD.school_id IS NOT NULL BEGIN ${bump('OLD.school_id')}; END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION compliance_rev_bump() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'DELETE' AND NEW.school_id IS NOT NULL THEN ${bump('NEW.school_id')};
         ELSIF TG_OP = 'DELETE' AND OLD.school_id IS NOT NULL THEN ${bump('OLD.school_id')};
         END IF;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  for (const t of COMPLIANCE_REVISION_TABLES)
    await sql
      .raw(
        `CREATE TRIGGER ${t}_crev AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION compliance_rev_bump()`,
      )
      .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const t of COMPLIANCE_REVISION_TABLES) {
    if (sqlite)
      for (const op of ['insert', 'update', 'delete'])
        await sql.raw(`DROP TRIGGER IF EXISTS ${t}_crev_${op}`).execute(db);
    else await sql.raw(`DROP TRIGGER IF EXISTS ${t}_crev ON ${t}`).execute(db);
  }
  if (!sqlite) await sql.raw('DROP FUNCTION IF EXISTS compliance_rev_bump()').execute(db);
  await db.schema.dropTable('compliance_revisions').execute();
}
