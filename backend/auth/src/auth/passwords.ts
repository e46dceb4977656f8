import bcrypt from 'bcryptjs';

/** Hashes with bcrypt (bcryptjs, pure JS) at the configured cost. */
export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one password check when the email is unknown, so the response time does not tell
 * whether an account exists.
 */
export async function spendPasswordCheck(password: string, cost: number): Promise<false> {
  dummyHash ??= bcrypt.hash('not-a-real-password-0', cost);
  await bcrypt.compare(password, await dummyHash);
  return false;
}
