#!/bin/sh
# Runs a provided.* function's own bootstrap and stops it when localgate goes away: this
# script's stdin is a pipe from localgate that closes when localgate exits for any reason.
"$@" </dev/null &
child=$!
( cat >/dev/null; kill -9 "$child" 2>/dev/null ) &
wait "$child"
exit $?
