#!/usr/bin/env bash
# The ServiceNow app against the running local stack (backend + Litmos double): the
# `node --test` integration tests in test/stack/. infra/test-e2e.sh (or a DEV_READY_FILE
# of infra/dev.sh) provides E2E_BASE_URL, E2E_ADMIN_TOKEN, E2E_DEMO_TENANT,
# E2E_DEMO_KEY and E2E_DOUBLE_URL. Needs node_modules (run ci-offline.sh first, or
# npm ci). Test files run one after another: they share the stack's demo tenant.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../infra/require-stack.sh
require_stack servicenow/ci-stack.sh /v1/openapi.json
[[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error
started=$SECONDS
node --import ./test/support/register.mjs --test --test-concurrency=1 --test-reporter=tap test/stack/
echo "servicenow: stack tests took $((SECONDS - started))s" >&2
