#!/usr/bin/env bash
# Fuzzes the RUNNING local stack against its OpenAPI document with schemathesis (PyPI):
# every response must match the documented status, content type and body schema, and
# no route may answer 5xx except the documented 502/503 of the routes that call Litmos.
#
# The stack comes from the environment (as infra/dev.sh's DEV_READY_FILE writes it):
#   E2E_BASE_URL    http://127.0.0.1:<port>  the API
#   E2E_ADMIN_TOKEN                          its admin token
#   E2E_DOUBLE_URL  http://127.0.0.1:<port>  the Litmos double (API key demo-litmos-key)
# Only 127.0.0.1 is ever a target. The run creates a tenant of its own (st-<time>-<pid>)
# with seeded data (infra/schemathesis/seed.py); every admin path and the webhook are
# pinned to it (hooks.py), so nothing it changes or deletes is shared. The destructive
# operations (forget a caller, rotate, disable, delete the tenant) run last, one by one,
# after everything else.
#
# Optional: ST_MAX_EXAMPLES (25 per operation), ST_SEED (random), ST_REPORT_DIR (where
# the JUnit and HAR reports go), ST_SCHEMA (another document file), ST_WORKERS (1: with
# more, Python 3.11's ast.parse can crash schemathesis' generator threads).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
SCHEMATHESIS_VERSION=4.32.5

for v in E2E_BASE_URL E2E_ADMIN_TOKEN E2E_DOUBLE_URL; do
  [[ -n "${!v:-}" ]] || { echo "schemathesis: $v is not set (start the stack with infra/dev.sh and source its ready file)" >&2; exit 2; }
done
for v in E2E_BASE_URL E2E_DOUBLE_URL; do
  [[ "${!v}" =~ ^http://127\.0\.0\.1:[0-9]+/?$ ]] || { echo "schemathesis: $v must be http://127.0.0.1:<port>, not ${!v}" >&2; exit 2; }
done
base="${E2E_BASE_URL%/}"

# The pinned schemathesis, in the repository's venv, installed only when missing.
[[ -x .venv/bin/python ]] || bash infra/venv.sh
if [[ "$(.venv/bin/schemathesis --version 2>/dev/null || true)" != *"version $SCHEMATHESIS_VERSION" ]]; then
  echo "schemathesis: installing schemathesis==$SCHEMATHESIS_VERSION into .venv" >&2
  .venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# The document: the one the stack serves (which must be the repository's), else the
# repository's with GET /v1/openapi.json left out. It is run from a file either way:
# loaded from a URL, schemathesis skips the operation that serves it.
doc="$root/shared/api/openapi.json"
skip=()
if [[ -n "${ST_SCHEMA:-}" ]]; then
  doc="$ST_SCHEMA"
else
  served="$(mktemp)"
  if curl -sf -o "$served" --max-time 30 "$base/v1/openapi.json"; then
    .venv/bin/python -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' "$served" "$doc" ||
      { echo "schemathesis: $base/v1/openapi.json is not shared/api/openapi.json (rebuild the stack)" >&2; exit 1; }
    doc="$served"
  else
    echo "schemathesis: $base/v1/openapi.json is not served; using shared/api/openapi.json without GET /v1/openapi.json" >&2
    skip=(get-openapi)
  fi
fi

export ST_TENANT="st-$(date +%s)-$$"
export ST_SEED="${ST_SEED:-$RANDOM$RANDOM}"
echo "schemathesis: seeding tenant $ST_TENANT" >&2
seeded="$(.venv/bin/python infra/schemathesis/seed.py)"
while IFS='=' read -r k v; do [[ -n "$k" ]] && export "$k=$v"; done <<<"$seeded"

report_dir="${ST_REPORT_DIR:-$(mktemp -d)}"
mkdir -p "$report_dir"
export SCHEMATHESIS_HOOKS=hooks
# Hypothesis' own caches (Unicode tables) live with the tool, not in the work tree.
export HYPOTHESIS_STORAGE_DIRECTORY="$root/.venv/.hypothesis"
export PYTHONPATH="$root/infra/schemathesis${PYTHONPATH:+:$PYTHONPATH}"
common=(
  --url "$base"
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
  --max-examples "${ST_MAX_EXAMPLES:-25}"
  --seed "$ST_SEED"
  --phases examples,coverage,fuzzing
  --suppress-health-check all
  --no-color
)
# Everything else first, then each destructive operation on its own, in
# the order that keeps the most to test: forget the seeded caller, rotate the key,
# revoke the rotated-out key,
# disable ServiceNow, delete the tenant.
destructive=(forget-caller rotate-servicenow-key revoke-previous-keys disable-servicenow delete-tenant)
passes=(all "${destructive[@]}")
started=$SECONDS
status=0
for pass in "${passes[@]}"; do
  select=()
  if [[ $pass == all ]]; then
    for op in "${destructive[@]}" "${skip[@]}"; do select+=(--exclude-operation-id "$op"); done
    select+=(--workers "${ST_WORKERS:-1}")
    echo "schemathesis: every operation but ${destructive[*]} (seed $ST_SEED)" >&2
  else
    select=(--include-operation-id "$pass" --workers 1)
    echo "schemathesis: $pass, on $ST_TENANT only" >&2
  fi
  .venv/bin/schemathesis --config-file infra/schemathesis/schemathesis.toml run "$doc" "${common[@]}" "${select[@]}" \
    --report junit,har --report-junit-path "$report_dir/$pass.xml" --report-har-path "$report_dir/$pass.har" || status=$?
done

# Whatever the last pass left of the tenant goes (404 when it already has).
curl -s -o /dev/null --max-time 30 -X DELETE -H "Authorization: Bearer $E2E_ADMIN_TOKEN" "$base/v1/admin/tenants/$ST_TENANT" || true

elapsed=$((SECONDS - started))
.venv/bin/python infra/schemathesis/summary.py "$root/shared/api/openapi.json" "$report_dir" "${passes[@]}" || status=$?
if [[ $status -eq 0 ]]; then
  echo "schemathesis: OK in ${elapsed}s (tenant $ST_TENANT, seed $ST_SEED)" >&2
else
  echo "schemathesis: FAILED in ${elapsed}s (tenant $ST_TENANT, seed $ST_SEED; reports in $report_dir; rerun with ST_SEED=$ST_SEED)" >&2
fi
exit $status
