/**
 * Container entry point: runs ONE process of the platform, named by `SERVICE` or the first argument
 * (`docker run shop inventory`). The instance id defaults to `<service>-<container hostname>`.
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { PROCESS_SPECS } from './process-specs';

const ROOT = resolve(__dirname, '../../../..');
const name = process.argv[2] || process.env.SERVICE;
const spec = PROCESS_SPECS.find((s) => s.name === name);
if (!spec) {
  const known = PROCESS_SPECS.map((s) => s.name).join(', ');
  console.error(
    `Set SERVICE (or pass it as the command) to one of: ${known}${name ? `; got "${name}"` : ''}`,
  );
  process.exit(2);
}
process.env.INSTANCE_ID ||= `${spec.name}-${hostname().replace(/[^A-Za-z0-9_-]/g, '-')}`;
for (const [key, value] of Object.entries(spec.env ?? {})) process.env[key] ??= value;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry point is chosen at run time
require(resolve(ROOT, spec.script));
