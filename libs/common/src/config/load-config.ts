import { INVALID_CONFIGURATION_EXIT_CODE } from '@shop/contracts';
import { z } from 'zod';

/** One variable that is wrong, and what is wrong with it (with the value given, unless it is a secret). */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/** The environment does not fit the schema: names every offending variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
  }
}

/**
 * The configuration `schema` reads from `env` (the process environment unless given), or a ConfigError that
 * names each bad variable. A variable set to an empty or blank text counts as not set. Variables the schema
 * does not declare are left out of the result.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const given: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && value.trim() !== '') given[name] = value;
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => problemOf(issue, given)));
}

/**
 * For an entry point's `catch`: when `err` is a ConfigError, says what is wrong on stderr and ends the process
 * with INVALID_CONFIGURATION_EXIT_CODE (a supervisor then reports it instead of restarting the process).
 * Returns for any other error.
 */
export function exitOnConfigError(err: unknown): void {
  if (!(err instanceof ConfigError)) return;
  console.error(`Cannot start: ${err.message}`);
  process.exit(INVALID_CONFIGURATION_EXIT_CODE);
}

function problemOf(issue: z.core.$ZodIssue, given: Record<string, string>): ConfigProblem {
  const variable = issue.path.length > 0 ? issue.path.map(String).join('.') : '(configuration)';
  const name = String(issue.path[0] ?? '');
  const value = given[name];
  // A rule across variables may report on one that is not set: then there is no value to quote.
  const shown = value === undefined ? '' : ` (got ${quote(name, value)})`;
  return { variable, message: `${issue.message}${shown}` };
}

const SECRET_NAME = /SECRET|PASSWORD|TOKEN|CREDENTIAL|PRIVATE|_KEY$/i;

/** The value as it may be printed: never a secret's, never a URL's password, never very long. */
function quote(name: string, value: string): string {
  if (SECRET_NAME.test(name)) return 'a value (not shown)';
  let text = value;
  try {
    const parsed = new URL(value);
    if (parsed.password) {
      parsed.password = '***';
      text = parsed.toString();
    }
  } catch {
    // Not a URL: shown as it is.
  }
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}
