import { envVar, instanceEnv } from '@shop/common';
import { z } from 'zod';
import { PROCESS_SPECS } from '../process-specs';
import { servingTuningEnv } from '../serving-tuning';

/** Node flags of every instance unless INSTANCE_NODE_OPTIONS says otherwise. */
export const DEFAULT_INSTANCE_NODE_OPTIONS = '--max-semi-space-size=1';

/** The name of a process kind as it appears in variable names (`smtp-sink` → `SMTP_SINK`). */
export function envKey(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

type InstanceCountVariable = `INSTANCES_${string}` | `${string}_INSTANCES`;
const count = (description: string) => envVar.optionalInt(description, { max: 32 });

/** `INSTANCES_<NAME>` and its alias `<NAME>_INSTANCES` for every process kind. */
const instanceCounts = Object.fromEntries(
  PROCESS_SPECS.flatMap((spec) => {
    const key = envKey(spec.name);
    return [
      [
        `INSTANCES_${key}`,
        count(`Instances of ${spec.name} (default ${spec.defaultInstances}; --${spec.name}=N wins)`),
      ],
      [`${key}_INSTANCES`, count(`Same as INSTANCES_${key}`)],
    ];
  }),
) as Record<InstanceCountVariable, ReturnType<typeof count>>;

/**
 * What `npm start` (the cluster supervisor) reads: where NATS and PostgreSQL are, the gateway's port, how many
 * instances of each process kind run, how the console shows their output, and the serving instances' runtime
 * settings. The instances read their own schemas; the supervisor passes them NATS, the database, the subject
 * prefix and their ids.
 */
export const clusterEnv = servingTuningEnv
  .extend({
    PORT: envVar.port(3000, 'HTTP port of the gateway: the API and both web apps'),
    BIND_HOST: envVar.text('127.0.0.1', 'Address the gateway listens on (0.0.0.0 in a container)'),
    SUBJECT_PREFIX: instanceEnv.shape.SUBJECT_PREFIX,
    NATS_URL: envVar.optionalText(
      'NATS server of the cluster, which must answer (default: the one on 127.0.0.1:4222, started with ' +
        'JetStream when none answers and nats-server is installed)',
    ),
    DATABASE_URL: envVar.optionalText(
      'PostgreSQL server of the services, which must answer (default: the one on 127.0.0.1:5432, or the ' +
        'embedded one when none answers)',
    ),
    EMBEDDED_DB: envVar.flag(false, 'Run the embedded PostgreSQL even when another answers (--embedded-db)'),
    DATA_DIR: envVar.text(
      '.data',
      'Folder, from the repository root, for the data of the NATS server and PostgreSQL that npm start runs',
    ),
    SMTP_URL: envVar.optionalText('SMTP server the notification service mails to (default: the local sink)'),
    SMTP_SINK_HOST: envVar.text('127.0.0.1', 'Address the local SMTP sink listens on'),
    SMTP_SINK_PORT: envVar.port(2525, 'Port the local SMTP sink listens on'),
    SKIP_WEB_BUILD: envVar.flag(false, 'Never build the Angular apps, even when they are stale (--no-web)'),
    INSTANCE_NODE_OPTIONS: envVar.text(
      DEFAULT_INSTANCE_NODE_OPTIONS,
      'Node flags of every instance, before the flags of its process kind',
    ),
    SHUTDOWN_GRACE_MS: envVar.ms(10_000, 'Time a stopping instance gets before it is killed', { min: 1 }),
    LOG_FORMAT: envVar.oneOf(
      ['pretty', 'json'],
      'pretty',
      "json: print the instances' JSON log lines unchanged (--raw-logs)",
    ),
    LOG_LEVEL: instanceEnv.shape.LOG_LEVEL,
    NO_COLOR: envVar.optionalText('Set to any value: no colours in the console output'),
  })
  .extend(instanceCounts);
export type ClusterEnv = z.output<typeof clusterEnv>;

/** What the container entry point (`run-service.ts`) reads besides the environment it hands to the process. */
export const containerEnv = z.object({
  SERVICE: envVar.optionalText('Process kind the container runs, when not given as its first argument'),
  INSTANCE_ID: instanceEnv.shape.INSTANCE_ID,
});
