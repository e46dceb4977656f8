import { PROCESS_SPECS, ProcessSpec, findProcessSpec } from './process-specs';

/**
 * The process spec a container entry point is asked for: the first argument or `SERVICE`. Any other name
 * ends the process with code 2 and a message that lists the known ones.
 */
export function specFromCommand(): ProcessSpec {
  const name = process.argv[2] || process.env.SERVICE;
  const spec = findProcessSpec(name);
  if (spec) return spec;
  const known = PROCESS_SPECS.map((s) => s.name).join(', ');
  console.error(
    `Set SERVICE (or pass it as the command) to one of: ${known}${name ? `; got "${name}"` : ''}`,
  );
  process.exit(2);
}
