import { type Kysely, sql } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

const id = 'text';
const ts = 'text';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('schools')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('organisation_id', id, (c) => c.references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/London'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('school_keys')
    .addColumn('school_id', id, (c) => c.primaryKey().references('schools.id'))
    .addColumn('wrapped_key', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', ts)
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('totp_secret_enc', 'text')
    .addColumn('totp_pending_secret_enc', 'text')
    .addColumn('totp_enrolled_at', ts)
    .addColumn('recovery_codes', 'text')
    .addColumn('disabled_at', ts)
    .addColumn('disabled_reason', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('preferred_name', 'text')
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'text')
    .addColumn('year_group', 'text')
    .addColumn('class_name', 'text')
    .addColumn('upn', 'text')
    .addColumn('mis_id', 'text')
    .addColumn('job_title', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('start_date', 'text')
    .addColumn('leave_date', 'text')
    .addColumn('left_at', ts)
    .addColumn('access_ends_at', ts)
    .addColumn('send', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('looked_after', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('other_vulnerability', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('account_id', id, (c) => c.references('accounts.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('retain_until', 'text')
    .addColumn('tombstoned_at', ts)
    .execute();
  await db.schema
    .createIndex('people_school_kind_name')
    .on('people')
    .columns(['school_id', 'kind', 'family_name', 'given_name'])
    .execute();
  await db.schema
    .createIndex('people_school_search')
    .on('people')
    .columns(['school_id', 'search_name'])
    .execute();
  await db.schema.createIndex('people_account').on('people').column('account_id').execute();
  await db.schema
    .createIndex('people_school_upn')
    .on('people')
    .columns(['school_id', 'upn'])
    .unique()
    .where(sql.ref('upn'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('people_school_mis')
    .on('people')
    .columns(['school_id', 'kind', 'mis_id'])
    .unique()
    .where(sql.ref('mis_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('parent_links')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('parent_id', id, (c) => c.notNull().references('people.id'))
    .addColumn('pupil_id', id, (c) => c.notNull().references('people.id'))
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('parental_responsibility', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('no_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('parent_links_pair', ['parent_id', 'pupil_id'])
    .execute();
  await db.schema.createIndex('parent_links_pupil').on('parent_links').column('pupil_id').execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('account_id', id, (c) => c.notNull().references('accounts.id'))
    .addColumn('school_id', id, (c) => c.references('schools.id'))
    .addColumn('organisation_id', id, (c) => c.references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_at', ts, (c) => c.notNull())
    .addColumn('granted_by', id)
    .addColumn('revoked_at', ts)
    .addColumn('revoked_by', id)
    .execute();
  await db.schema
    .createIndex('role_assignments_account')
    .on('role_assignments')
    .columns(['account_id', 'school_id'])
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('people.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', id)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', id, (c) => c.notNull().references('accounts.id'))
    .addColumn('school_id', id, (c) => c.references('schools.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .addColumn('end_reason', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', ts, (c) => c.notNull())
    .addColumn('locked_until', ts)
    .addColumn('last_failure_at', ts, (c) => c.notNull())
    .addColumn('last_ip', 'text')
    .addColumn('account_id', id)
    .execute();

  await db.schema
    .createTable('approvals')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_account_id', id, (c) => c.notNull().references('accounts.id'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('requested_by', id, (c) => c.notNull())
    .addColumn('requested_at', ts, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', id)
    .addColumn('decided_at', ts)
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('approvals_school_status')
    .on('approvals')
    .columns(['school_id', 'status'])
    .execute();

  await db.schema
    .createTable('audit_entries')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('school_id', id)
    .addColumn('actor_account_id', id)
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_entries_chain_seq', ['chain', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_entries_school_at')
    .on('audit_entries')
    .columns(['school_id', 'at'])
    .execute();
  await db.schema
    .createIndex('audit_entries_entity')
    .on('audit_entries')
    .columns(['entity_type', 'entity_id'])
    .execute();

  await db.schema
    .createTable('audit_chain_heads')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', id)
    .addPrimaryKeyConstraint('settings_pk', ['school_id', 'key'])
    .execute();
  await db.schema
    .createTable('settings_history')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .addColumn('changed_by', id)
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('run_at', ts, (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('locked_until', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient_account_id', id)
    .addColumn('to_address', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('sent_at', ts)
    .addColumn('read_at', ts)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('outbox_pending')
    .on('outbox')
    .columns(['channel', 'sent_at', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('outbox_recipient')
    .on('outbox')
    .columns(['recipient_account_id', 'channel'])
    .execute();
}

const TABLES = [
  'outbox',
  'jobs',
  'settings_history',
  'settings',
  'audit_chain_heads',
  'audit_entries',
  'approvals',
  'sign_in_throttle',
  'sessions',
  'invitations',
  'role_assignments',
  'parent_links',
  'people',
  'accounts',
  'school_keys',
  'schools',
  'organisations',
];

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) await db.schema.dropTable(t).ifExists().execute();
}
