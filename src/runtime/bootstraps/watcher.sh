#!/bin/sh
# localgate's watcher (see src/runtime/watcher.ts): one per localgate process. Its stdin is a
# pipe from localgate, which writes there the pid (= process group id) of every execution
# environment it starts, and -pid once that environment has ended and its group is empty;
# the kernel closes the pipe when localgate exits, however it stopped.
# Then every process whose environment carries $1 (an extended regex for this localgate's
# LOCALGATE_PROCESS_TAG entry; grep -z reads /proc/PID/environ's NUL-separated entries) is
# killed, and every environment's process group that is still ours: its leader is gone or a
# zombie (its state, after the command name in /proc/PID/stat, is Z; Linux reuses no pid
# still in use as a group id), or still carries the tag. Rounds repeat the sweep for
# processes forked while it ran (bounded, so that it always exits).
# $2, for tests only, stands for /proc.
proc=${2:-/proc}
groups=
while read -r line; do
  case $line in
    -*)
      kept=
      for g in $groups; do [ "$g" = "${line#-}" ] || kept="$kept $g"; done
      groups=$kept
      ;;
    *) groups="$groups $line" ;;
  esac
done
# Without /proc (not Linux) no tag can be read: kill the groups of the environments that
# were still running or still had processes (localgate had the others forgotten).
if [ ! -r "$proc/self/stat" ]; then
  for g in $groups; do kill -9 "-$g" 2>/dev/null; done
  exit 0
fi
round=0
while [ $round -lt 10 ]; do
  round=$((round + 1))
  found=
  for g in $groups; do
    state=Z
    read -r stat <"$proc/$g/stat" 2>/dev/null && state=${stat##*) } && state=${state%% *}
    if [ "$state" = Z ] || grep -qsz -E "$1" "$proc/$g/environ"; then
      kill -9 "-$g" 2>/dev/null && found=1
    fi
  done
  for f in $(grep -lsz -E "$1" "$proc"/[0-9]*/environ); do
    p=${f#"$proc"/}
    kill -9 "${p%/environ}" 2>/dev/null && found=1
  done
  [ -n "$found" ] || break
done
