#!/usr/bin/env bash
# `sam validate --lint` on template.yaml, offline: the SAM transform and SAM's own
# linting, beside cfn-lint. The SAM CLI lives in target/venv-sam: apart from .venv,
# because it pins boto and cfn-lint versions of its own, and under target/, which
# `cargo lambda watch` does not watch (each of its thousands of folders would cost one
# inotify watch per function).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/target/venv-sam"
if [[ ! -x "$venv/bin/sam" ]]; then
  echo "sam: installing aws-sam-cli==1.170.0 into target/venv-sam (about 40 s)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'aws-sam-cli==1.170.0'
fi
# No credentials are needed; a region is.
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" SAM_CLI_TELEMETRY=0
"$venv/bin/sam" validate --lint --template "$root/template.yaml"
# The transform itself, on the template and its Managed Instances variant.
"$venv/bin/python" "$root/infra/sam_transform_check.py"
