#!/bin/sh
# Runs a provided.* function's own bootstrap and stops it when localgate goes away: this
# script's stdin is a pipe from localgate that closes when localgate exits for any reason.
# (A background job's stdin is /dev/null unless redirected, hence fd 3.)
exec 3<&0
"$@" </dev/null 3<&- &
child=$!
( cat <&3 >/dev/null; kill -9 "$child" 2>/dev/null ) &
exec 3<&-
wait "$child"
exit $?
