import { ROLE_LABELS, isSafeguardingRole, keyStageOf, type Role, type YearGroup } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type { PersonTable } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { newId, newToken, sha256 } from '../../lib/ids.js';
import { addMinutes, iso } from '../../lib/time.js';
import { appendAudit } from '../audit/service.js';
import { hashPassword } from '../auth/passwords.js';
import { PASSWORD_RULES, assertStrongPassword, type PasswordRule } from '../auth/password-policy.js';
import { enqueueEmail } from '../outbox/service.js';
import { insertRole } from './repo.js';
import type { Caller } from './service.js';

/**
 * Accounts by invitation link (clarification 10): valid for HARBOUR_INVITATION_DAYS (7), used once. The person
 * chooses a username and a strong password; the roles come from the person's kind (pupil, parent, visitor) or,
 * for staff, from the invitation. EYFS and KS1 pupils get no account. An approved password reset is a link of
 * the same kind for an existing account, valid HARBOUR_RESET_LINK_HOURS.
 */
const STAFF_ONLY_ROLES = new Set<Role>(['pupil', 'parent', 'visitor']);
const invalid = () =>
  new AppError(
    'not_found',
    'This link is not valid: it may have expired or been used. Ask your school for a new one.',
  );

const linkFor = (ctx: AppContext, token: string) =>
  `${ctx.config.publicUrl.replace(/\/$/, '')}/invite/${token}`;

function rolesFor(person: PersonTable, requested: Role[] | undefined): Role[] {
  if (person.kind !== 'staff') {
    if (requested)
      throw new AppError(
        'validation',
        'Roles are given only to staff: pupils, parents and visitors get their own',
      );
    if (person.kind === 'pupil') {
      const ks = person.year_group ? keyStageOf(person.year_group as YearGroup) : null;
      if (ks !== 'KS2')
        throw new AppError(
          'conflict',
          'Only KS2 pupils (Years 3 to 6) get accounts: EYFS and KS1 pupils do not (policy 7.2)',
        );
    }
    return [person.kind];
  }
  if (!requested)
    throw new AppError('validation', 'Choose the roles this member of staff starts with', [
      { path: 'roles', message: 'Required for staff' },
    ]);
  for (const r of requested) {
    if (STAFF_ONLY_ROLES.has(r)) throw new AppError('validation', `${ROLE_LABELS[r]} is not a staff role`);
    if (isSafeguardingRole(r))
      throw new AppError(
        'validation',
        `${ROLE_LABELS[r]} is a safeguarding role: grant it once the account exists, with the head's or a DSL's approval`,
        [{ path: 'roles', message: 'Safeguarding roles need approval' }],
      );
  }
  return [...new Set(requested)];
}

export async function createInvitation(
  c: Caller,
  personId: string,
  body: { roles?: Role[] | undefined; email: boolean },
) {
  const { ctx, actor } = c;
  const person = await ctx.db
    .selectFrom('people')
    .selectAll()
    .where('id', '=', personId)
    .where('school_id', '=', actor.schoolId)
    .where('tombstoned_at', 'is', null)
    .executeTakeFirst();
  if (!person) throw new AppError('not_found', 'Not found');
  const now = ctx.clock.now();
  if (person.left_at || (person.access_ends_at && new Date(person.access_ends_at) <= now))
    throw new AppError('conflict', 'This person has left or their access has ended');
  const roles = rolesFor(person, body.roles);
  if (person.account_id) {
    const acc = await ctx.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('id', '=', person.account_id)
      .executeTakeFirst();
    if (acc?.password_hash)
      throw new AppError('conflict', 'This person already has an account: request a password reset instead');
  }
  if (body.email && !person.email)
    throw new AppError('validation', 'This person has no email address on the register');
  const token = newToken();
  const expiresAt = iso(addMinutes(now, ctx.config.HARBOUR_INVITATION_DAYS * 24 * 60));
  const link = linkFor(ctx, token);
  await ctx.db.transaction().execute(async (tx) => {
    await expireOpenLinks(tx, person.id, iso(now));
    const id = newId();
    await tx
      .insertInto('invitations')
      .values({
        id,
        school_id: actor.schoolId,
        person_id: person.id,
        token_hash: sha256(token),
        created_by: actor.accountId,
        created_at: iso(now),
        expires_at: expiresAt,
        used_at: null,
        purpose: 'account',
        roles: JSON.stringify(roles),
        account_id: person.account_id,
      })
      .execute();
    if (body.email && person.email)
      await enqueueEmail(ctx, tx, {
        schoolId: actor.schoolId,
        toAddress: person.email,
        subject: 'Your Harbour account',
        body: `You have been invited to Harbour, your school's online-safety system.\n\nOpen this link within ${ctx.config.HARBOUR_INVITATION_DAYS} days to choose your username and password:\n${link}\n`,
        link,
      });
    await appendAudit(
      ctx,
      {
        schoolId: actor.schoolId,
        actorAccountId: actor.accountId,
        action: 'invitation.create',
        entityType: 'person',
        entityId: person.id,
        ip: c.ip,
        details: { invitationId: id, roles, emailed: body.email },
      },
      tx,
    );
  });
  return { link, expiresAt, roles };
}

/** The link an approved password reset gives (approvals.ts), inside the approval's transaction. */
export async function createResetLink(
  ctx: AppContext,
  tx: Executor,
  opts: { schoolId: string; accountId: string; by: string },
): Promise<string> {
  const person = await tx
    .selectFrom('people')
    .select(['id', 'email'])
    .where('account_id', '=', opts.accountId)
    .where('school_id', '=', opts.schoolId)
    .executeTakeFirst();
  if (!person) throw new AppError('conflict', 'This account has no person on the register to send a link to');
  const now = ctx.clock.now();
  const token = newToken();
  await expireOpenLinks(tx, person.id, iso(now));
  await tx
    .insertInto('invitations')
    .values({
      id: newId(),
      school_id: opts.schoolId,
      person_id: person.id,
      token_hash: sha256(token),
      created_by: opts.by,
      created_at: iso(now),
      expires_at: iso(addMinutes(now, ctx.config.HARBOUR_RESET_LINK_HOURS * 60)),
      used_at: null,
      purpose: 'password_reset',
      roles: '[]',
      account_id: opts.accountId,
    })
    .execute();
  const link = linkFor(ctx, token);
  if (person.email)
    await enqueueEmail(ctx, tx, {
      schoolId: opts.schoolId,
      toAddress: person.email,
      subject: 'Choose a new Harbour password',
      body: `Your school has reset your Harbour password.\n\nOpen this link within ${ctx.config.HARBOUR_RESET_LINK_HOURS} hours to choose a new one:\n${link}\n`,
      link,
    });
  return link;
}

async function liveInvitation(ctx: AppContext, db: Executor, token: string) {
  const inv = await db
    .selectFrom('invitations')
    .innerJoin('people', 'people.id', 'invitations.person_id')
    .innerJoin('schools', 'schools.id', 'invitations.school_id')
    .select([
      'invitations.id',
      'invitations.purpose',
      'invitations.roles',
      'invitations.account_id',
      'invitations.expires_at',
      'invitations.school_id',
      'invitations.person_id',
      'people.kind',
      'people.given_name',
      'people.family_name',
      'people.left_at',
      'people.account_id as person_account_id',
      'schools.name as school_name',
    ])
    .where('invitations.token_hash', '=', sha256(token))
    .where('invitations.used_at', 'is', null)
    .executeTakeFirst();
  if (!inv || new Date(inv.expires_at) <= ctx.clock.now() || inv.left_at) throw invalid();
  return inv;
}

const ruleOf = (kind: string): PasswordRule => (kind === 'pupil' ? 'pupil' : 'adult');

function suggestUsername(given: string, family: string): string {
  const clean = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return `${clean(given)}.${clean(family)}`.replace(/^\.|\.$/g, '') || 'user';
}

/** What the invitation page shows before anything is chosen (public: the token is the credential). */
export async function viewInvitation(ctx: AppContext, token: string) {
  const inv = await liveInvitation(ctx, ctx.db, token);
  const account = inv.account_id
    ? await ctx.db
        .selectFrom('accounts')
        .select(['username'])
        .where('id', '=', inv.account_id)
        .executeTakeFirst()
    : undefined;
  const rule = ruleOf(inv.kind);
  return {
    purpose: inv.purpose,
    school: inv.school_name,
    givenName: inv.given_name,
    username: inv.purpose === 'password_reset' ? (account?.username ?? null) : null,
    suggestedUsername: suggestUsername(inv.given_name, inv.family_name),
    roles: (JSON.parse(inv.roles) as Role[]).map((r) => ({ role: r, label: ROLE_LABELS[r] })),
    passwordRule: { kind: rule, ...PASSWORD_RULES[rule] },
    expiresAt: inv.expires_at,
  };
}

/** Accepting: a new account (or a password for the person's account that has none), or a reset's new password. */
export async function acceptInvitation(
  ctx: AppContext,
  token: string,
  body: { username?: string | undefined; password: string },
  ip: string | null,
): Promise<{ username: string }> {
  const inv = await liveInvitation(ctx, ctx.db, token);
  const rule = ruleOf(inv.kind);
  const now = iso(ctx.clock.now());
  if (inv.purpose === 'password_reset') {
    const acc = await ctx.db
      .selectFrom('accounts')
      .select(['id', 'username'])
      .where('id', '=', inv.account_id ?? '')
      .executeTakeFirst();
    if (!acc) throw invalid();
    assertStrongPassword(body.password, rule, [acc.username, inv.given_name, inv.family_name]);
    const hash = await hashPassword(body.password);
    await ctx.db.transaction().execute(async (tx) => {
      await markUsed(tx, inv.id, now);
      await tx
        .updateTable('accounts')
        .set({ password_hash: hash, password_changed_at: now, must_change_password: 0, updated_at: now })
        .where('id', '=', acc.id)
        .execute();
      await appendAudit(
        ctx,
        {
          schoolId: inv.school_id,
          actorAccountId: acc.id,
          action: 'account.password_reset.completed',
          entityType: 'account',
          entityId: acc.id,
          ip,
        },
        tx,
      );
    });
    return { username: acc.username };
  }
  if (!body.username)
    throw new AppError('validation', 'Choose a username', [{ path: 'username', message: 'Required' }]);
  const username = body.username;
  assertStrongPassword(body.password, rule, [username, inv.given_name, inv.family_name]);
  const taken = await ctx.db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  const existingId = inv.person_account_id ?? inv.account_id;
  if (taken && taken.id !== existingId)
    throw new AppError('conflict', 'That username is taken: choose another', [
      { path: 'username', message: 'Taken' },
    ]);
  const hash = await hashPassword(body.password);
  const roles = JSON.parse(inv.roles) as Role[];
  await ctx.db.transaction().execute(async (tx) => {
    await markUsed(tx, inv.id, now);
    let accountId = existingId;
    if (accountId) {
      const acc = await tx
        .selectFrom('accounts')
        .select('password_hash')
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (acc?.password_hash) throw invalid();
      await tx
        .updateTable('accounts')
        .set({
          username,
          password_hash: hash,
          password_changed_at: now,
          must_change_password: 0,
          updated_at: now,
        })
        .where('id', '=', accountId)
        .execute();
    } else {
      accountId = newId();
      await tx
        .insertInto('accounts')
        .values({
          id: accountId,
          username,
          password_hash: hash,
          password_changed_at: now,
          must_change_password: 0,
          totp_secret_enc: null,
          totp_pending_secret_enc: null,
          totp_enrolled_at: null,
          recovery_codes: null,
          disabled_at: null,
          disabled_reason: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await tx
        .updateTable('people')
        .set({ account_id: accountId, updated_at: now })
        .where('id', '=', inv.person_id)
        .execute();
    }
    const held = await tx
      .selectFrom('role_assignments')
      .select('role')
      .where('account_id', '=', accountId)
      .where('school_id', '=', inv.school_id)
      .where('revoked_at', 'is', null)
      .execute();
    for (const role of roles.filter((r) => !held.some((h) => h.role === r)))
      await insertRole(tx, inv.school_id, accountId, role, null, now);
    await appendAudit(
      ctx,
      {
        schoolId: inv.school_id,
        actorAccountId: accountId,
        action: 'invitation.accept',
        entityType: 'account',
        entityId: accountId,
        ip,
        details: { invitationId: inv.id, personId: inv.person_id, roles },
      },
      tx,
    );
  });
  return { username };
}

/** A new link replaces any earlier one still unused. */
async function expireOpenLinks(tx: Executor, personId: string, now: string): Promise<void> {
  await tx
    .updateTable('invitations')
    .set({ expires_at: now })
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

async function markUsed(tx: Executor, id: string, now: string): Promise<void> {
  const res = await tx
    .updateTable('invitations')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw invalid();
}
