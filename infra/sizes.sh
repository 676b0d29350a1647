#!/usr/bin/env bash
# `make sizes`: the arm64 `bootstrap` of every function (or of the functions named), as
# `sam build` makes them (cargo lambda, release profile), with their sizes against the
# 8 MB target (issue 8). Release LTO builds of every function take a long time on 2
# cores (about a minute each): this is run by hand, never by CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.venv/bin:$PATH"
if [[ $# -gt 0 ]]; then names=("$@"); else mapfile -t names < <(ls functions); fi
args=()
for n in "${names[@]}"; do
  [[ -d "functions/$n" ]] || { echo "sizes: no function '$n'" >&2; exit 2; }
  args+=(-p "$n")
done
echo "sizes: building ${#names[@]} arm64 bootstraps (cargo lambda build --release --arm64)" >&2
started=$SECONDS
cargo lambda build --release --arm64 "${args[@]}" >&2
echo "sizes: built in $((SECONDS - started)) s" >&2
printf '%-26s %8s  %s\n' function "MB" "target 8 MB"
over=0
for n in "${names[@]}"; do
  bytes=$(stat -c %s "target/lambda/$n/bootstrap")
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  verdict=$(awk -v b="$bytes" 'BEGIN { print (b <= 8e6) ? "ok" : "over" }')
  [[ $verdict == over ]] && over=$((over + 1))
  printf '%-26s %8s  %s\n' "$n" "$mb" "$verdict"
done
echo "sizes: $over of ${#names[@]} over 8 MB" >&2
