/**
 * Container entry point: runs ONE process of the platform, named by `SERVICE` or the first argument
 * (`docker run shop inventory`). The instance id defaults to `<service>-<container hostname>`.
 * `docker-entrypoint.sh` starts it with the environment and Node flags of the process's spec (`service-launch.ts`).
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { specFromCommand } from './spec-from-command';

const ROOT = resolve(__dirname, '../../../..');
const spec = specFromCommand();
process.env.INSTANCE_ID ||= `${spec.name}-${hostname().replace(/[^A-Za-z0-9_-]/g, '-')}`;
for (const [key, value] of Object.entries(spec.env ?? {})) process.env[key] ??= value;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry point is chosen at run time
require(resolve(ROOT, spec.script));
