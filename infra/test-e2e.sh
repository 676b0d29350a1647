#!/usr/bin/env bash
# Starts the local stack exactly as `make dev` does (on its own ports), runs the
# end-to-end tests over HTTP against it, and stops it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
state="$(mktemp -d)"
ready="$state/ready.env"
API_PORT="$(free_port)" MOTO_PORT="$(free_port)" DOUBLE_PORT="$(free_port)" STATE_DIR="$state" \
  DEV_READY_FILE="$ready" DEV_WATCH_ARGS="--ignore-changes" AUTH_CACHE_TTL_SECONDS=2 \
  bash infra/dev.sh >"$state/dev.out" 2>&1 &
dev=$!
stop() { kill -TERM "$dev" 2>/dev/null || true; wait "$dev" 2>/dev/null || true; }
trap stop EXIT
echo "e2e: starting the local stack (logs in $state)" >&2
for _ in $(seq 1 900); do
  [[ -f "$ready" ]] && break
  if ! kill -0 "$dev" 2>/dev/null; then echo "e2e: the stack failed to start:" >&2; tail -40 "$state/dev.out" >&2; tail -20 "$state"/*.log >&2 || true; exit 1; fi
  sleep 1
done
[[ -f "$ready" ]] || { echo "e2e: the stack did not come up in 15 minutes" >&2; exit 1; }
set -a; source "$ready"; set +a
echo "e2e: stack up at $E2E_BASE_URL" >&2
status=0
cargo test -p e2e -- --include-ignored --test-threads=4 || status=$?
# The ServiceNow app's server code against the same stack (its script include and
# business logic with a Glide shim doing real HTTP).
if [[ "${E2E_SKIP_SERVICENOW:-}" != 1 ]]; then
  bash servicenow/ci-stack.sh || status=$?
fi
# The contract as a document, checked by a fuzzer (a tenant of its own).
bash infra/schemathesis.sh || status=$?
if [[ $status -ne 0 ]]; then echo "--- lambda log (tail) ---" >&2; tail -60 "$state/lambda.log" >&2 || true; fi
exit $status
