import { randomBytes } from 'node:crypto';
import { createContext } from '../../bootstrap.js';
import { loadConfig } from '../../config.js';
import { hashPassword } from '../../modules/auth/passwords.js';
import { seedDemoSchool } from '../../modules/demo/seed.js';
import { seedDemoConcerns } from '../../modules/concerns/demo.js';
import { main } from '../../main.js';
import { iso } from '../../lib/time.js';

/** A readable one-time password: four groups of random letters and digits (about 80 bits). */
export const oneTimePassword = (): string =>
  Array.from({ length: 4 }, () =>
    randomBytes(4).toString('base64url').replace(/[-_]/g, 'x').slice(0, 5),
  ).join('-');

/**
 * Creates the fictional demo school on first run, then starts Harbour. While the administrator has not yet
 * chosen a password, every start prints a fresh one-time password (the old one stops working).
 */
export async function run(): Promise<number> {
  const config = loadConfig();
  const ctx = await createContext({ config });
  const existing = await ctx.db.selectFrom('schools').select('id').executeTakeFirst();
  let password: string | null = null;
  if (!existing) {
    password = oneTimePassword();
    const seeded = await seedDemoSchool(ctx, { adminPassword: password });
    await seedDemoConcerns(ctx, seeded.schoolId, seeded.accounts);
    console.log(
      `Created the demo school with ${seeded.pupils} pupils and ${seeded.parents} parents (all fictional).`,
    );
  } else {
    const admin = await ctx.db
      .selectFrom('accounts')
      .select(['id', 'must_change_password'])
      .where('username', '=', 'admin')
      .executeTakeFirst();
    if (admin && admin.must_change_password === 1) {
      password = oneTimePassword();
      await ctx.db
        .updateTable('accounts')
        .set({ password_hash: await hashPassword(password), updated_at: iso(ctx.clock.now()) })
        .where('id', '=', admin.id)
        .execute();
    }
  }
  await ctx.database.close();
  console.log('');
  console.log(`  Harbour: ${config.publicUrl}`);
  if (password)
    console.log(`  Sign in as "admin" with the one-time password ${password} (you will choose your own).`);
  else console.log('  Sign in as "admin" with the password you chose.');
  console.log('');
  await main();
  return 0;
}
