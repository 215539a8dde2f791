import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * Accounts and sign-in (issue 2, section 4): TOTP replay guard, invitation purposes (new account or password
 * reset) with the roles they grant, and the scope of each sign-in throttle row so locks can be listed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The last TOTP time step accepted: a code is refused if its step is not later (no replay within 30 s).
  await db.schema.alterTable('accounts').addColumn('totp_last_step', 'integer').execute();
  await db.schema
    .alterTable('invitations')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('account'))
    .execute();
  await db.schema
    .alterTable('invitations')
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('invitations').addColumn('account_id', 'text').execute();
  await db.schema
    .alterTable('sign_in_throttle')
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('pair'))
    .execute();
  await db.schema
    .createIndex('sign_in_throttle_account')
    .on('sign_in_throttle')
    .column('account_id')
    .execute();
  await db.schema.createIndex('invitations_person').on('invitations').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invitations_person').ifExists().execute();
  await db.schema.dropIndex('sign_in_throttle_account').ifExists().execute();
  await db.schema.alterTable('sign_in_throttle').dropColumn('scope').execute();
  await db.schema.alterTable('invitations').dropColumn('account_id').execute();
  await db.schema.alterTable('invitations').dropColumn('roles').execute();
  await db.schema.alterTable('invitations').dropColumn('purpose').execute();
  await db.schema.alterTable('accounts').dropColumn('totp_last_step').execute();
}
