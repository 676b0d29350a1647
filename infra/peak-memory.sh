#!/usr/bin/env bash
# Peak resident memory (VmHWM) of every function process of the running local stack,
# after whatever ran before it (make load runs it after the load): what each function
# needed at most. These are the local stack's debug builds, so an upper bound for the
# release builds Lambda runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
printf '%-26s %10s\n' function "peak MB"
for f in $(ls "$root/functions"); do
  peak=0
  for exe in /proc/[0-9]*/exe; do
    pid="${exe#/proc/}"; pid="${pid%/exe}"
    [[ "$(readlink "$exe" 2>/dev/null)" == "$root/target/debug/$f" ]] || continue
    kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    (( kb > peak )) && peak=$kb
  done
  if (( peak > 0 )); then
    printf '%-26s %10s\n' "$f" "$(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }')"
  else
    printf '%-26s %10s\n' "$f" "not started"
  fi
done
