#!/usr/bin/env bash
# Creates .venv with the pinned Python-side tools when it is missing or incomplete:
# moto (DynamoDB + Secrets Manager emulator), cargo-lambda (+ zig for cross builds)
# and cfn-lint. Everything comes from PyPI; nothing else is downloaded.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
tools=('moto[server]==5.2.5' 'cfn-lint==1.58.0' 'cargo-lambda==1.9.2' 'ziglang==0.17.1' 'schemathesis==4.32.5')
if [[ -x "$venv/bin/moto_server" && -x "$venv/bin/cargo-lambda" && -x "$venv/bin/cfn-lint" && -x "$venv/bin/schemathesis" ]]; then
  exit 0
fi
echo "venv: installing ${tools[*]} into .venv (about a minute)" >&2
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "${tools[@]}"
echo "venv: ready" >&2
