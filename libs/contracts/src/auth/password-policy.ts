/** The password rules, shared by the auth service, the gateway's validation and the storefront's forms. */
export const PASSWORD_MIN_LENGTH = 8;
/** bcrypt ignores everything after 72 bytes, so a longer password would be silently truncated. */
export const PASSWORD_MAX_BYTES = 72;

/**
 * Returns what the password is missing, in words (empty when it satisfies the policy):
 * at least 8 characters, at most 72 bytes, a lowercase letter, an uppercase letter and a digit.
 */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`at least ${PASSWORD_MIN_LENGTH} characters`);
  if (new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES)
    problems.push(`at most ${PASSWORD_MAX_BYTES} bytes`);
  if (!/[a-z]/.test(password)) problems.push('a lowercase letter');
  if (!/[A-Z]/.test(password)) problems.push('an uppercase letter');
  if (!/[0-9]/.test(password)) problems.push('a digit');
  return problems;
}

/** One sentence naming every unmet rule, or undefined when the password is acceptable. */
export function describePasswordProblems(password: string): string | undefined {
  const problems = passwordProblems(password);
  return problems.length ? `password must contain ${problems.join(', ')}` : undefined;
}
