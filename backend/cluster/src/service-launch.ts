/**
 * Prints how to start one process kind (`process-specs.ts`) for `docker-entrypoint.sh`: the spec's
 * environment as `NAME=value` words, then `node` and the spec's Node flags. Both must be given when Node
 * starts (V8's heap sizes; glibc reads MALLOC_ARENA_MAX when the process begins), so the entry point asks
 * here first and then `exec env`s the printed words with `run-service.js`. Under `npm start` the supervisor
 * passes the same environment and flags itself. Values hold no spaces (the words are split by the shell).
 */
import { specFromCommand } from './spec-from-command';

const spec = specFromCommand();
const env = Object.entries(spec.env ?? {}).map(([name, value]) => `${name}=${value}`);
console.log([...env, 'node', ...(spec.nodeFlags ?? [])].join(' '));
