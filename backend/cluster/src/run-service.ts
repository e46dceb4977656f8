/**
 * Container entry point: runs ONE process of the platform, named by `SERVICE` or the first argument
 * (`docker run shop inventory`). The instance id defaults to `<service>-<container hostname>`.
 * `docker-entrypoint.sh` starts it with the environment and Node flags of the process's spec (`service-launch.ts`).
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { containerConfig, specFromCommand } from './spec-from-command';

const ROOT = resolve(__dirname, '../../../..');
const spec = specFromCommand();
// The service reads its own configuration from the environment: its id, and its process kind's settings.
process.env.INSTANCE_ID =
  containerConfig().INSTANCE_ID ?? `${spec.name}-${hostname().replace(/[^A-Za-z0-9_-]/g, '-')}`;
Object.assign(process.env, spec.env);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry point is chosen at run time
require(resolve(ROOT, spec.script));
