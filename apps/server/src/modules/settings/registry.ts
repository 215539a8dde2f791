import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';

/**
 * Typed per-school settings (clarification 11). Each key has a zod schema and a default; other modules add
 * their own keys with defineSetting (e.g. phone rules, filtering provider) and read them with getSetting.
 */
export interface SettingDef<T> {
  key: string;
  description: string;
  schema: z.ZodType<T>;
  defaultValue: (d: { schoolName: string; ctx: AppContext }) => T;
  /** Rules the schema cannot express (e.g. ids must be this school's staff); returns problems, empty if none. */
  check?: (ctx: AppContext, db: Executor, schoolId: string, value: T) => Promise<string[]>;
}

const registry = new Map<string, SettingDef<unknown>>();

export function defineSetting<T>(def: SettingDef<T>): SettingDef<T> {
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(def.key)) throw new Error(`bad setting key ${def.key}`);
  if (registry.has(def.key)) throw new Error(`setting ${def.key} is defined twice`);
  registry.set(def.key, def as SettingDef<unknown>);
  return def;
}

export const settingDefs = (): SettingDef<unknown>[] =>
  [...registry.values()].sort((a, b) => a.key.localeCompare(b.key));
export const settingDef = (key: string): SettingDef<unknown> | undefined => registry.get(key);

const PersonId = z.uuid();

/** Staff of this school, not left: who may be named as a DSL, deputy or governor lead. */
async function notStaffOf(db: Executor, schoolId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('kind', '=', 'staff')
    .where('left_at', 'is', null)
    .where('tombstoned_at', 'is', null)
    .where('id', 'in', ids)
    .execute();
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}

export const SchoolProfile = defineSetting({
  key: 'school.profile',
  description: 'The school’s name, URN and address, as shown on policies and reports',
  schema: z.strictObject({
    name: z.string().trim().min(1).max(200),
    urn: z
      .string()
      .regex(/^\d{6}$/, 'a URN is six digits')
      .optional(),
    address: z.string().trim().max(500).optional(),
  }),
  defaultValue: ({ schoolName }) => ({ name: schoolName }),
});

export const SafeguardingContacts = defineSetting({
  key: 'safeguarding.contacts',
  description: 'Who the policy names: designated safeguarding leads, deputies and the governor lead',
  schema: z.strictObject({
    dslPersonIds: z.array(PersonId).max(10),
    deputyPersonIds: z.array(PersonId).max(20),
    governorLeadPersonId: PersonId.nullable(),
  }),
  defaultValue: () => ({ dslPersonIds: [], deputyPersonIds: [], governorLeadPersonId: null }),
  async check(_ctx, db, schoolId, v) {
    const ids = [
      ...v.dslPersonIds,
      ...v.deputyPersonIds,
      ...(v.governorLeadPersonId ? [v.governorLeadPersonId] : []),
    ];
    return (await notStaffOf(db, schoolId, [...new Set(ids)])).map(
      (id) => `${id} is not a current member of staff`,
    );
  },
});

export const IdleLock = defineSetting({
  key: 'auth.idle',
  description: 'Minutes of inactivity before the screen locks, for safeguarding roles and for everyone else',
  schema: z
    .strictObject({
      sensitiveMinutes: z.number().int().min(1).max(60),
      otherMinutes: z.number().int().min(1).max(240),
    })
    .refine((v) => v.sensitiveMinutes <= v.otherMinutes, {
      message: 'safeguarding roles cannot lock later than everyone else',
      path: ['sensitiveMinutes'],
    }),
  defaultValue: ({ ctx }) => ({
    sensitiveMinutes: ctx.config.HARBOUR_IDLE_LOCK_SENSITIVE_MINUTES,
    otherMinutes: ctx.config.HARBOUR_IDLE_LOCK_MINUTES,
  }),
});
