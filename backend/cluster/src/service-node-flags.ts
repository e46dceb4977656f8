/**
 * Prints the Node flags of one process kind (`process-specs.ts`), for `docker-entrypoint.sh`: V8's heap
 * sizes must be given when Node starts, so the container's entry point asks here first and then starts
 * `run-service.js` with them. Under `npm start` the supervisor passes the same flags itself.
 */
import { specFromCommand } from './spec-from-command';

const spec = specFromCommand();
console.log((spec.nodeFlags ?? []).join(' '));
