#!/usr/bin/env bash
# Starts the local stack exactly as `make dev` does (on free ports of 127.0.0.1), runs
# the given command with its coordinates exported (E2E_BASE_URL, E2E_ADMIN_TOKEN,
# E2E_DEMO_TENANT, E2E_DEMO_KEY, E2E_DOUBLE_URL, E2E_AUTH_CACHE_TTL_SECONDS), and stops
# it. Logs go to a fresh folder named on stderr; the lambda log's tail is shown when
# the command fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
state="$(mktemp -d)"
ready="$state/ready.env"
API_PORT="$(free_port)" MOTO_PORT="$(free_port)" DOUBLE_PORT="$(free_port)" STATE_DIR="$state" \
  DEV_READY_FILE="$ready" DEV_WATCH_ARGS="--ignore-changes" AUTH_CACHE_TTL_SECONDS="${AUTH_CACHE_TTL_SECONDS:-2}" \
  bash infra/dev.sh >"$state/dev.out" 2>&1 &
dev=$!
stop() { kill -TERM "$dev" 2>/dev/null || true; wait "$dev" 2>/dev/null || true; }
trap stop EXIT
echo "stack: starting the local stack (logs in $state)" >&2
for _ in $(seq 1 900); do
  [[ -f "$ready" ]] && break
  if ! kill -0 "$dev" 2>/dev/null; then echo "stack: the stack failed to start:" >&2; tail -40 "$state/dev.out" >&2; tail -20 "$state"/*.log >&2 || true; exit 1; fi
  sleep 1
done
[[ -f "$ready" ]] || { echo "stack: the stack did not come up in 15 minutes" >&2; exit 1; }
set -a; source "$ready"; set +a
echo "stack: up at $E2E_BASE_URL" >&2
status=0
"$@" || status=$?
if [[ $status -ne 0 ]]; then echo "--- lambda log (tail) ---" >&2; tail -60 "$state/lambda.log" >&2 || true; fi
exit $status
