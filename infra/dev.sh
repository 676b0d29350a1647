#!/usr/bin/env bash
# The local stack: moto (DynamoDB + Secrets Manager), the Litmos double with demo data,
# the table, the admin token and a demo tenant with ServiceNow enabled, then every
# Lambda under `cargo lambda watch` at http://127.0.0.1:$API_PORT with the same routes
# as API Gateway. Ctrl-C stops everything it started.
#
# Ports and names can be overridden: API_PORT (9000), MOTO_PORT (5005), DOUBLE_PORT
# (9100), DEV_ADMIN_TOKEN (random when unset), STATE_DIR (.dev). With DEV_QUIET=1 the
# banner is shorter (tests); DEV_READY_FILE, when set, is written with the stack's
# values once every route answers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

API_PORT="${API_PORT:-9000}"
MOTO_PORT="${MOTO_PORT:-5005}"
DOUBLE_PORT="${DOUBLE_PORT:-9100}"
STATE_DIR="${STATE_DIR:-$root/.dev}"
mkdir -p "$STATE_DIR"

pids=()
lambda_pid=""
cleanup() {
  trap - INT TERM EXIT
  echo "dev: stopping" >&2
  if [[ -n "$lambda_pid" ]]; then
    # SIGINT to cargo-lambda itself stops its functions too.
    pkill -INT -P "$lambda_pid" 2>/dev/null || true
    kill -INT "$lambda_pid" 2>/dev/null || true
  fi
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 1
  if [[ -n "$lambda_pid" ]]; then pkill -KILL -P "$lambda_pid" 2>/dev/null || true; kill -KILL "$lambda_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

wait_for() { # url what
  for _ in $(seq 1 100); do
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.2
  done
  echo "dev: $2 did not start ($1)" >&2
  exit 1
}

for spec in "API_PORT:$API_PORT" "MOTO_PORT:$MOTO_PORT" "DOUBLE_PORT:$DOUBLE_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/${spec#*:}") 2>/dev/null; then
    echo "dev: port ${spec#*:} is already in use (another make dev?); stop it or set ${spec%%:*}" >&2
    exit 1
  fi
done

bash infra/venv.sh
export PATH="$root/.venv/bin:$PATH"

echo "dev: building the workspace (first time: about 3 minutes)" >&2
cargo build --workspace --quiet

echo "dev: starting moto on 127.0.0.1:$MOTO_PORT" >&2
# One request at a time, so conditional writes and transactions are atomic as on DynamoDB.
python infra/moto_server.py -H 127.0.0.1 -p "$MOTO_PORT" >"$STATE_DIR/moto.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$MOTO_PORT/moto-api/" moto

echo "dev: starting the Litmos double on 127.0.0.1:$DOUBLE_PORT" >&2
DOUBLE_ADDR="127.0.0.1:$DOUBLE_PORT" DOUBLE_API_KEY="${DOUBLE_API_KEY:-demo-litmos-key}" \
  "$root/target/debug/litmos-double" >"$STATE_DIR/double.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$DOUBLE_PORT/_double/health" "the Litmos double"

export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=dev AWS_SECRET_ACCESS_KEY=dev
export AWS_ENDPOINT_URL="http://127.0.0.1:$MOTO_PORT"
export TABLE_NAME=litmos-servicenow-dev SECRET_PREFIX=litmos-servicenow-dev
export ADMIN_TOKEN_SECRET_ID=litmos-servicenow-dev/admin-token
export CURSOR_SECRET_ID=litmos-servicenow-dev/feed-cursor-secret
export AUTH_CACHE_TTL_SECONDS="${AUTH_CACHE_TTL_SECONDS:-5}" CATALOG_TTL_SECONDS="${CATALOG_TTL_SECONDS:-900}"
export LITMOS_TIMEOUT_MS="${LITMOS_TIMEOUT_MS:-8000}" RUST_LOG="${RUST_LOG:-info}"
# SPEC 3.5: the local stack lets any Litmos stand-in on 127.0.0.1 through, nothing else.
export LITMOS_ALLOWED_HOSTS="${LITMOS_ALLOWED_HOSTS:-http://127.0.0.1:*}"
# The local Litmos double has no rate limit (DOUBLE_RATE_LIMIT sets one); real Litmos
# allows about 100 calls a minute, the template's default.
export LITMOS_RATE_LIMIT_PER_MINUTE="${LITMOS_RATE_LIMIT_PER_MINUTE:-100000}"
export DEMO_LITMOS_BASE_URL="http://127.0.0.1:$DOUBLE_PORT/v1.svc"

echo "dev: creating the table, the admin token and the demo tenant" >&2
boot="$("$root/target/debug/dev-bootstrap")"
ADMIN_TOKEN="$(sed -n 's/^ADMIN_TOKEN=//p' <<<"$boot")"
DEMO_TENANT="$(sed -n 's/^DEMO_TENANT=//p' <<<"$boot")"
DEMO_KEY="$(sed -n 's/^DEMO_SERVICENOW_KEY=//p' <<<"$boot")"
export SYNC_QUEUE_URL="$(sed -n 's/^SYNC_QUEUE_URL=//p' <<<"$boot")"

env_file="$STATE_DIR/lambda.env"
{
  for v in AWS_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL TABLE_NAME SECRET_PREFIX \
           ADMIN_TOKEN_SECRET_ID CURSOR_SECRET_ID SYNC_QUEUE_URL LITMOS_RATE_LIMIT_PER_MINUTE AUTH_CACHE_TTL_SECONDS CATALOG_TTL_SECONDS LITMOS_TIMEOUT_MS LITMOS_ALLOWED_HOSTS RUST_LOG; do
    echo "$v=${!v}"
  done
  [[ -n "${PUBLIC_BASE_URL:-}" ]] && echo "PUBLIC_BASE_URL=$PUBLIC_BASE_URL"
} >"$env_file"

base="http://127.0.0.1:$API_PORT"
# `cargo lambda watch` watches every folder of the checkout (target/, node_modules and
# .venv included; --ignore-changes only drops the events), once per function: past the
# kernel's inotify limit a function's watcher fails, and a function may never start.
# Raise the limit when allowed (as root, e.g. in CI), else say how.
functions=$(ls functions | wc -l)
watches_needed() {
  # A folder cargo removes meanwhile is no reason to stop.
  folders=$( (find . -type d 2>/dev/null || true) | wc -l)
  needed=$(( (folders * (functions + 2)) * 5 / 4 ))
}
watches_needed
limit=$(cat /proc/sys/fs/inotify/max_user_watches 2>/dev/null || echo 0)
if [[ $limit -gt 0 && $limit -lt $needed ]]; then
  if [[ -w /proc/sys/fs/inotify/max_user_watches ]]; then
    echo "$needed" >/proc/sys/fs/inotify/max_user_watches
    echo "dev: raised fs.inotify.max_user_watches from $limit to $needed ($functions functions x $folders folders)" >&2
  else
    # Python's bytecode caches are a seventh of the folders and only save start-up
    # time: without them the stack may fit under the limit.
    find .venv -type d -name __pycache__ -prune -exec rm -rf {} + 2>/dev/null || true
    export PYTHONDONTWRITEBYTECODE=1
    watches_needed
    if [[ $limit -lt $needed ]]; then
      echo "dev: fs.inotify.max_user_watches is $limit; cargo lambda watch needs about $needed ($functions functions x $folders folders): run 'sudo sysctl -w fs.inotify.max_user_watches=$needed'" >&2
    else
      echo "dev: removed .venv's bytecode caches to stay under fs.inotify.max_user_watches ($limit)" >&2
    fi
  fi
fi
echo "dev: starting cargo lambda watch on $base" >&2
cargo lambda watch -A 127.0.0.1 -P "$API_PORT" --env-file "$env_file" ${DEV_WATCH_ARGS:-} >"$STATE_DIR/lambda.log" 2>&1 &
lambda_pid=$!
wait_for "$base/" "cargo lambda watch"

# Each function compiles (or starts) on its first request: warm them all now so the
# first real call is fast. A request without credentials is cheap and answers 401.
echo "dev: warming up every function" >&2
routes=(
  "PUT /v1/admin/tenants/warmup" "GET /v1/admin/tenants/warmup" "DELETE /v1/admin/tenants/warmup"
  "POST /v1/admin/tenants/warmup/servicenow" "GET /v1/admin/tenants/warmup/servicenow"
  "DELETE /v1/admin/tenants/warmup/servicenow" "POST /v1/admin/tenants/warmup/servicenow/rotate"
  "DELETE /v1/admin/tenants/warmup/servicenow/previous"
  "POST /v1/servicenow/activate" "GET /v1/servicenow/configuration"
  "POST /v1/servicenow/learners" "GET /v1/servicenow/learners/warmup" "GET /v1/servicenow/courses"
  "POST /v1/servicenow/assignments" "GET /v1/servicenow/incidents/warmup/training"
  "PATCH /v1/servicenow/courses"
  "POST /v1/litmos/webhooks/warmup/warmup" "POST /v1/admin/tenants/warmup/sync" "POST /v1/servicenow/incidents"
  "GET /v1/servicenow/training/updates" "GET /v1/servicenow/learners/warmup/courses" "GET /v1/servicenow/reports/effectiveness"
  "DELETE /v1/admin/tenants/warmup/callers/warmup" "GET /v1/openapi.json"
  "GET /v1/servicenow/catalog"
  "GET /v1/servicenow/courses/assignable"
  "GET /v1/servicenow/recommendations"
  "GET /v1/admin/tenants/{tenant_id}/reports/recommendations"
  "GET /v1/admin/tenants/warmup/rules"
  "PUT /v1/admin/tenants/warmup/rules/warmup"
  "DELETE /v1/admin/tenants/warmup/rules/warmup"
  "GET /v1/start/warmup"
  "GET /v1/admin/jobs/warmup"
  "GET /v1/admin/tenants" "GET /v1/admin/tenants/warmup/reports/effectiveness" "GET /admin"
)
# A few at a time: two dozen `cargo run`s at once contend for cargo's locks, and on a
# loaded machine cargo-lambda was seen leaving a function that never started. Every
# route must answer (with anything but a dropped connection) before the stack is ready.
warm_one() { # "METHOD /path"
  local code
  for _ in 1 2 3; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 300 -X "${1%% *}" "$base${1#* }" || true)"
    [[ "$code" != "000" ]] && return 0
    sleep 2
  done
  echo "dev: $1 does not answer (see $STATE_DIR/lambda.log)" >&2
  return 1
}
failed=0
for ((i = 0; i < ${#routes[@]}; i += 4)); do
  warm=()
  for r in "${routes[@]:i:4}"; do
    warm_one "$r" &
    warm+=($!)
  done
  for p in "${warm[@]}"; do wait "$p" || failed=1; done
done
if grep -q MaxFilesWatch "$STATE_DIR/lambda.log"; then
  echo "dev: cargo lambda watch ran out of inotify watches (fs.inotify.max_user_watches is $(cat /proc/sys/fs/inotify/max_user_watches)); functions may not start or may stop answering: raise it" >&2
fi
[[ $failed -eq 0 ]] || { echo "dev: some functions did not start" >&2; exit 1; }

cat >&2 <<BANNER

  Litmos Training for ServiceNow: local stack is up
  -------------------------------------------------
  API            $base
  Admin console  $base/admin (sign in with the admin token)
  Admin token    $ADMIN_TOKEN
  Demo tenant    $DEMO_TENANT (Litmos double at http://127.0.0.1:$DOUBLE_PORT/v1.svc)
  ServiceNow key $DEMO_KEY
  Sync           a round every ${DEV_SYNC_EVERY_SECONDS:-900} s through the sync queue (log: $STATE_DIR/sync.log)
  Logs           $STATE_DIR/*.log

  Try:
    curl -s -H "Authorization: Bearer $ADMIN_TOKEN" $base/v1/admin/tenants/$DEMO_TENANT
    curl -s -H "Authorization: Bearer $ADMIN_TOKEN" $base/v1/admin/tenants/$DEMO_TENANT/servicenow
    curl -s -X POST -H "Authorization: Bearer $DEMO_KEY" -H 'content-type: application/json' \\
         -d '{"instance_url":"https://acme.service-now.com"}' $base/v1/servicenow/activate
    curl -s -H "Authorization: Bearer $DEMO_KEY" $base/v1/servicenow/configuration

  Ctrl-C stops everything.
BANNER

# The schedule and the queue's trigger, as a deployment has them (sync rounds through
# the FIFO queue; DEV_SYNC_EVERY_SECONDS, 900 by default).
"$root/target/debug/dev-sync-poller" >"$STATE_DIR/sync.log" 2>&1 &
pids+=($!)

if [[ -n "${DEV_READY_FILE:-}" ]]; then
  cat >"$DEV_READY_FILE.tmp" <<READY
E2E_BASE_URL=$base
E2E_ADMIN_TOKEN=$ADMIN_TOKEN
E2E_DEMO_TENANT=$DEMO_TENANT
E2E_DEMO_KEY=$DEMO_KEY
E2E_DOUBLE_URL=http://127.0.0.1:$DOUBLE_PORT
E2E_AUTH_CACHE_TTL_SECONDS=$AUTH_CACHE_TTL_SECONDS
READY
  mv "$DEV_READY_FILE.tmp" "$DEV_READY_FILE"
fi

wait "$lambda_pid"
