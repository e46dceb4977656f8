#!/bin/sh
# The container's entry point: starts one platform process (SERVICE or the first argument) with the
# environment and Node flags its spec asks for (backend/cluster/src/process-specs.ts), the flags after the
# image's NODE_OPTIONS, so they win. `exec env` keeps the PID: docker stop's SIGTERM reaches Node, which
# shuts down gracefully.
set -e
service="${1:-$SERVICE}"
launch="$(node dist/backend/cluster/src/service-launch.js "$service")"
# shellcheck disable=SC2086 # the environment and flags are words on purpose
exec env $launch dist/backend/cluster/src/run-service.js "$service"
