#!/bin/sh
# The container's entry point: starts one platform process (SERVICE or the first argument) with the Node
# flags its spec asks for (backend/cluster/src/process-specs.ts), after the image's NODE_OPTIONS, so they
# win. `exec` makes Node PID 1's replacement: docker stop's SIGTERM reaches it and it shuts down gracefully.
set -e
service="${1:-$SERVICE}"
flags="$(node dist/backend/cluster/src/service-node-flags.js "$service")"
# Two malloc arenas, as the serving specs ask under npm start (process-specs.ts, SERVING_ENV).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# shellcheck disable=SC2086 # the flags are words on purpose
exec node $flags dist/backend/cluster/src/run-service.js "$service"
