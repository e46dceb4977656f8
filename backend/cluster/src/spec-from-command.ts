import { exitOnConfigError, loadConfig } from '@shop/common';
import { containerEnv } from './config/cluster.env';
import { PROCESS_SPECS, ProcessSpec, findProcessSpec } from './process-specs';

/** The container's configuration (`containerEnv`); a bad value ends the process, naming the variable. */
export function containerConfig() {
  try {
    return loadConfig(containerEnv);
  } catch (err) {
    exitOnConfigError(err);
    throw err;
  }
}

/**
 * The process spec a container entry point is asked for: the first argument or `SERVICE`. Any other name
 * ends the process with code 2 and a message that lists the known ones.
 */
export function specFromCommand(): ProcessSpec {
  const name = process.argv[2] || containerConfig().SERVICE;
  const spec = findProcessSpec(name);
  if (spec) return spec;
  const known = PROCESS_SPECS.map((s) => s.name).join(', ');
  console.error(
    `Set SERVICE (or pass it as the command) to one of: ${known}${name ? `; got "${name}"` : ''}`,
  );
  process.exit(2);
}
