#!/usr/bin/env bash
# The ServiceNow app, offline: install (npm ci, skipped when node_modules matches
# package-lock.json), build with the committed record keys (now-sdk build --frozenKeys),
# type-check the server code (tsc), lint it with the ServiceNow ESLint plugins, run the unit tests (node --test, real HTTP to a
# local stand-in backend) and the browser tests (the client scripts in headless Debian
# Chromium, /usr/bin/chromium or CHROMIUM_PATH), and pack the installable app
# (now-sdk pack -> target/*.zip).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
started=$SECONDS
step() { printf '\nservicenow: %s (%ss)\n' "$1" "$((SECONDS - started))" >&2; }

command -v node >/dev/null || { echo "servicenow: node (20 or newer) is required" >&2; exit 1; }
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ "$(cat node_modules/.ci-lock-sha256 2>/dev/null || true)" != "$lock_sum" ]]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.ci-lock-sha256
else
  step "node_modules matches package-lock.json: npm ci skipped"
fi

export NO_UPDATE_NOTIFIER=1
step "now-sdk build --frozenKeys"
npx --no-install now-sdk build --frozenKeys

step "tsc --noEmit (server modules, then classic script includes)"
npx --no-install tsc --noEmit -p tsconfig.json
npx --no-install tsc --noEmit -p tsconfig.scripts.json

step "lint: @admc.com/eslint-plugin-sn (snLint) and @servicenow/eslint-plugin-sdk-app-plugin"
# snLint reads lint/sneslintrc.json and lint/snglobals/ from its working folder; errors
# fail the build, the plugin's style warnings do not.
(
  cd lint
  [[ -d snglobals ]] || npx --no-install snLint -g >/dev/null
  npx --no-install snLint -t sys_script_include -a scoped-es12 -L '(--quiet)' ../src/script-includes/
  npx --no-install snLint -t sys_ui_action.script -a noniso_scoped-es12 -L '(--quiet)' ../src/ui/
)
# APIs the platform's engine lacks (Web and Node APIs), in every server script. Inline
# directives are snLint's (its rules are not loaded here), so this run ignores them.
npx --no-install eslint --no-eslintrc --no-inline-config -c lint/sdk-app.eslintrc.json --max-warnings 0 src/server src/script-includes src/flow

step "unit and browser tests"
node --import ./test/support/register.mjs --test --test-reporter=tap test/unit/ test/browser/

step "now-sdk pack"
npx --no-install now-sdk pack
ls -l target/*.zip >&2
step "done"
