import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */

/**
 * Filtering (issue 4; policy 7.3, 2.4, 3.1, 9.3, 9.4): the school's filtering policy (groups, lists,
 * allow/deny entries, schedules, settings, the trust baseline), change control, emergency unblocks, the
 * compiled policy versions, resolver nodes, the query log, block-page reports and self-tests.
 * JSON columns are text; booleans are 0/1; times are ISO text in UTC.
 */
const id = 'text';
const ts = 'text';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('filter_groups')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    /** eyfs_ks1, ks2, staff, guests or custom: what the group is for (schedules and presets use it). */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('aup_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('subnets', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('resolver_address', 'text')
    /** A loopback address (127.53.x.y) the self-test queries from to be this group (clarification 3). */
    .addColumn('test_address', 'text', (c) => c.notNull().unique())
    .addColumn('blocked_categories', 'text', (c) => c.notNull())
    .addColumn('safe_search', 'text', (c) => c.notNull())
    .addColumn('allow_lists', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('filter_groups_school').on('filter_groups').column('school_id').execute();

  // Lists belong to a school, or to its organisation (the trust baseline's lists).
  await db.schema
    .createTable('filter_lists')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.references('schools.id'))
    .addColumn('organisation_id', id, (c) => c.references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('refresh_hours', 'integer')
    .addColumn('licensed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('current_version_id', id)
    .addColumn('next_refresh_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('change_request_id', id)
    .addColumn('removed_at', ts)
    .execute();
  await db.schema.createIndex('filter_lists_school').on('filter_lists').column('school_id').execute();
  await db.schema.createIndex('filter_lists_refresh').on('filter_lists').column('next_refresh_at').execute();

  // Each import of a list (proposal upload or fetch, scheduled refresh) with its counts; only keys are kept.
  await db.schema
    .createTable('filter_list_versions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('list_id', id)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', id)
    /** staged (awaiting a change request), active, superseded, failed, kept_old (shrank over 20%). */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('lines', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('entries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bad_lines', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('path_entries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added', 'integer')
    .addColumn('removed', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('keys', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('samples', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('bad_examples', 'text', (c) => c.notNull().defaultTo('[]'))
    /** What the import is (kind, category, source, url, format, licensed): a staged version becomes a list. */
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .execute();
  await db.schema
    .createIndex('filter_list_versions_list')
    .on('filter_list_versions')
    .columns(['list_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('filter_entries')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('group_id', id)
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('change_request_id', id)
    .execute();
  await db.schema.createIndex('filter_entries_school').on('filter_entries').column('school_id').execute();

  await db.schema
    .createTable('filter_schedules')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('group_id', id, (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('domains', 'text', (c) => c.notNull())
    .addColumn('windows', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('change_request_id', id)
    .execute();
  await db.schema.createIndex('filter_schedules_school').on('filter_schedules').column('school_id').execute();

  for (const [table, key, ref] of [
    ['filter_settings', 'school_id', 'schools.id'],
    ['filter_baselines', 'organisation_id', 'organisations.id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn(key, id, (c) => c.primaryKey().references(ref))
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('change_request_id', id)
      .execute();
  }

  // Change control (policy 7.3): what, why, the risk assessment, who asked, who decided, the diff applied.
  await db.schema
    .createTable('filter_change_requests')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    /** change (the normal path) or emergency (a time-limited unblock by a leadership member). */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('risk_educational', 'text', (c) => c.notNull())
    .addColumn('risk_technical', 'text', (c) => c.notNull())
    .addColumn('ops', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', id, (c) => c.notNull())
    .addColumn('requested_at', ts, (c) => c.notNull())
    .addColumn('decided_by', id)
    .addColumn('decided_at', ts)
    .addColumn('decision_note', 'text')
    .addColumn('applied_at', ts)
    .addColumn('diff', 'text')
    .addColumn('policy_version', 'integer')
    .execute();
  await db.schema
    .createIndex('filter_change_requests_school')
    .on('filter_change_requests')
    .columns(['school_id', 'number'])
    .unique()
    .execute();

  await db.schema
    .createTable('filter_unblocks')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('group_id', id)
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('created_by', id, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .addColumn('ended_by', id)
    .addColumn('change_request_id', id, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('filter_unblocks_school').on('filter_unblocks').column('school_id').execute();

  // Every compiled policy version and what caused it (a change request, a list refresh, an expiry).
  await db.schema
    .createTable('filter_policy_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('school_id', id)
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('ref_id', id)
    .execute();

  // Expiring address bindings (clarification 14: accepting the visitor AUP binds the address; issue 5).
  await db.schema
    .createTable('filter_bindings')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('group_id', id, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('filter_bindings_school').on('filter_bindings').column('school_id').execute();

  await db.schema
    .createTable('filter_nodes')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', id, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .addColumn('revoked_by', id)
    .addColumn('last_seen_at', ts)
    .addColumn('last_version', 'integer')
    .addColumn('last_agent', 'text')
    .execute();

  await db.schema
    .createTable('filter_log_batches')
    .addColumn('batch_id', id, (c) => c.primaryKey())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('dropped', 'integer', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .execute();

  // The query log: no id column (bulk inserts, one row per folded decision); purged by retention.
  await db.schema
    .createTable('filter_query_log')
    .addColumn('school_id', id, (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('group_id', id, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('qtype', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('category', 'text')
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('identified_by', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('filter_query_log_school_at')
    .on('filter_query_log')
    .columns(['school_id', 'at'])
    .execute();
  await db.schema
    .createIndex('filter_query_log_client')
    .on('filter_query_log')
    .columns(['school_id', 'client', 'at'])
    .execute();

  // "Report this" from the block page (policy 7.3: reporting breaches; clarification 15).
  await db.schema
    .createTable('filter_reports')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('group_id', id)
    .addColumn('category', 'text')
    .addColumn('reason', 'text')
    .addColumn('client', 'text', (c) => c.notNull())
    /** The reporter's words and page address, sealed with the school's key (clarification 12). */
    .addColumn('details_enc', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('handled_by', id)
    .addColumn('handled_at', ts)
    .addColumn('outcome', 'text')
    .addColumn('concern_id', id)
    .execute();
  await db.schema
    .createIndex('filter_reports_school')
    .on('filter_reports')
    .columns(['school_id', 'status', 'created_at'])
    .execute();

  // Self-tests (DfE standard 2): when, who, what was tested, every result.
  await db.schema
    .createTable('filter_self_tests')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('school_id', id, (c) => c.notNull().references('schools.id'))
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts, (c) => c.notNull())
    .addColumn('run_by', id)
    .addColumn('run_by_label', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('resolver', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer')
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('checks', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('filter_self_tests_school')
    .on('filter_self_tests')
    .columns(['school_id', 'started_at'])
    .execute();
  await db.schema
    .createTable('filter_self_test_results')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('test_id', id, (c) => c.notNull())
    .addColumn('school_id', id, (c) => c.notNull())
    .addColumn('group_id', id, (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('expected', 'text', (c) => c.notNull())
    .addColumn('observed', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('pass', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('filter_self_test_results_test')
    .on('filter_self_test_results')
    .column('test_id')
    .execute();

  // The block page's certificate authority (clarification 15), one per installation; the key is sealed.
  await db.schema
    .createTable('filter_block_ca')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cert_pem', 'text', (c) => c.notNull())
    .addColumn('key_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
}

const TABLES = [
  'filter_block_ca',
  'filter_self_test_results',
  'filter_self_tests',
  'filter_reports',
  'filter_query_log',
  'filter_log_batches',
  'filter_nodes',
  'filter_bindings',
  'filter_policy_versions',
  'filter_unblocks',
  'filter_change_requests',
  'filter_baselines',
  'filter_settings',
  'filter_schedules',
  'filter_entries',
  'filter_list_versions',
  'filter_lists',
  'filter_groups',
];

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) await db.schema.dropTable(t).ifExists().execute();
}
