#!/bin/sh
# Runs a provided.* function's own bootstrap (as this very process, so that localgate sees
# its pid and memory) beside a watchdog: this script's stdin is a pipe from localgate that
# closes when localgate exits for any reason; the watchdog then kills every process that
# carries this environment's LOCALGATE_PROCESS_TAG, detached ones included. The watchdog
# runs with the tag emptied, so that it outlives the processes it kills.
# (A background job's stdin is /dev/null unless redirected, hence fd 3.)
exec 3<&0
LOCALGATE_PROCESS_TAG= sh -c '
  cat >/dev/null
  [ -n "$1" ] || exit 0
  for f in /proc/[0-9]*/environ; do
    if grep -qzxF "LOCALGATE_PROCESS_TAG=$1" "$f" 2>/dev/null; then
      p=${f#/proc/}; kill -9 "${p%/environ}" 2>/dev/null
    fi
  done' watchdog "$LOCALGATE_PROCESS_TAG" <&3 3<&- &
exec "$@" </dev/null 3<&-
