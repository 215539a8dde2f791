import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's second recommended setting (19 MiB, 2 passes): strong, yet ~20 ms on a small server.
const OPTS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTS);

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    // Same cost as a real check, so an unknown or passwordless account does not answer faster.
    await hash(password, OPTS);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
