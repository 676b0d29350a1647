# Sourced by the stack test runners (servicenow/ci-stack.sh, tests/console/ci-stack.sh):
# `require_stack NAME PATH` exits 2 with a clear line unless the coordinates
# infra/with-stack.sh exports are set and something answers at $E2E_BASE_URL$PATH.
require_stack() {
  local name="$1" probe="$2" missing=() v
  for v in E2E_BASE_URL E2E_ADMIN_TOKEN E2E_DEMO_TENANT E2E_DEMO_KEY E2E_DOUBLE_URL; do
    [[ -n "${!v:-}" ]] || missing+=("$v")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "$name: ${missing[*]} not set; start the stack first (bash infra/with-stack.sh bash $name; or source a DEV_READY_FILE with set -a)" >&2
    exit 2
  fi
  if ! curl -s -o /dev/null --max-time 5 "$E2E_BASE_URL$probe"; then
    echo "$name: nothing answers at E2E_BASE_URL=$E2E_BASE_URL" >&2
    exit 2
  fi
}
