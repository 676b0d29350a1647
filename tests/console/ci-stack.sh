#!/usr/bin/env bash
# The admin console (GET /admin) in the system Chromium against the running local stack:
# the `node --test` browser tests in test/. infra/with-stack.sh (or a DEV_READY_FILE of
# infra/dev.sh) provides E2E_BASE_URL, E2E_ADMIN_TOKEN, E2E_DEMO_TENANT, E2E_DEMO_KEY and
# E2E_DOUBLE_URL. Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH) and
# playwright-core from npm (installed here with npm ci when node_modules is missing; no
# browser is ever downloaded). Test files run one after another, each with its own
# tenant and a fresh browser profile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source ../../infra/require-stack.sh
require_stack tests/console/ci-stack.sh /admin
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  echo "tests/console/ci-stack.sh: no Chromium at $chromium; install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH" >&2
  exit 2
fi
# playwright-core never downloads a browser; this keeps any other tool from trying.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
[[ -d node_modules/playwright-core ]] || npm ci --no-audit --no-fund --loglevel=error
started=$SECONDS
node --test --test-concurrency=1 --test-reporter=tap test/*.test.mjs
echo "console: browser tests took $((SECONDS - started))s" >&2
