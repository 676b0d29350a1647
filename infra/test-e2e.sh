#!/usr/bin/env bash
# The end-to-end tests over HTTP, the ServiceNow app's stack tests and schemathesis,
# all against one local stack started as `make dev` starts it (infra/with-stack.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ "${1:-}" != "--inside" ]]; then
  exec bash infra/with-stack.sh bash infra/test-e2e.sh --inside
fi
status=0
cargo test -p e2e -- --include-ignored --test-threads=4 || status=$?
# The ServiceNow app's server code against the same stack (its script include and
# business logic with a Glide shim doing real HTTP).
if [[ "${E2E_SKIP_SERVICENOW:-}" != 1 ]]; then
  bash servicenow/ci-stack.sh || status=$?
fi
# The admin console in headless Chromium (Debian's chromium, driven by playwright-core).
if [[ "${E2E_SKIP_CONSOLE:-}" != 1 ]]; then
  bash tests/console/ci-stack.sh || status=$?
fi
# The contract as a document, checked by a fuzzer (a tenant of its own).
bash infra/schemathesis.sh || status=$?
exit $status
