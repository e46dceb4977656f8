import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (the folder with package.json above libs/testing). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Path of a built entry point under dist/, failing with a hint when the build is missing. */
export function builtScript(relativeToDist: string): string {
  const path = join(REPO_ROOT, 'dist', relativeToDist);
  if (!existsSync(path)) throw new Error(`${path} does not exist: run \`npm run build:backend\` first`);
  return path;
}

/** The fixture instance: a MessagingRuntime serving SERVICE_NAME's platform methods, no Nest, no database. */
export const ECHO_INSTANCE_SCRIPT = 'libs/testing/src/fixtures/echo-instance.js';
export const GATEWAY_SCRIPT = 'backend/gateway/src/main.js';
