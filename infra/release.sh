#!/usr/bin/env bash
# `make release`: an installable release in dist/<version>/, by hand (release LTO builds
# of every function take a long time on 2 cores; never in CI):
#   functions/<name>.zip  each function's arm64 `bootstrap` (cargo lambda build --release
#                         --arm64, what `sam build` runs for BuildMethod rust-cargolambda)
#   template.yaml         template.yaml with every CodeUri pointing at its zip, ready for
#                         `sam deploy --template-file dist/<version>/template.yaml --guided
#                         --resolve-s3` (SAM uploads the local zips) or `sam publish`
#   litmos-training-servicenow-<version>.zip   the ServiceNow app (now-sdk pack)
#   CHANGELOG.md          the version's entry
# The version is the one the workspace, the ServiceNow app, the OpenAPI document and the
# template's Serverless Application Repository metadata share (tests/e2e/tests/release.rs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/.venv/bin:$PATH"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)"
grep -q "^## $version " CHANGELOG.md || { echo "release: CHANGELOG.md has no entry for $version" >&2; exit 1; }
out="dist/$version"
rm -rf "$out" && mkdir -p "$out/functions"
mapfile -t names < <(ls functions)
echo "release: $version, ${#names[@]} functions (cargo lambda build --release --arm64)" >&2
started=$SECONDS
args=(); for n in "${names[@]}"; do args+=(-p "$n"); done
cargo lambda build --release --arm64 "${args[@]}" >&2
for n in "${names[@]}"; do
  python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    i = zipfile.ZipInfo("bootstrap", (2026, 1, 1, 0, 0, 0)); i.external_attr = 0o755 << 16
    z.writestr(i, open(sys.argv[1], "rb").read(), zipfile.ZIP_DEFLATED)' "target/lambda/$n/bootstrap" "$out/functions/$n.zip"
done
echo "release: functions built and zipped in $((SECONDS - started)) s" >&2
# The packaged template: CodeUri of each function is its zip (relative to the template).
python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
text = open("template.yaml").read()
text = re.sub(r"CodeUri: functions/(\S+)", r"CodeUri: functions/\1.zip", text)
text = re.sub(r"ReadmeUrl: README.md", "ReadmeUrl: ../../README.md", text)
open(f"{out}/template.yaml", "w").write(text)
PY
bash servicenow/ci-offline.sh >&2
cp servicenow/target/*.zip "$out/litmos-training-servicenow-$version.zip"
awk -v v="$version" '$0 ~ "^## " v " " {p=1; print; next} /^## / {p=0} p' CHANGELOG.md >"$out/CHANGELOG.md"
# The SAM CLI lives in target/venv-sam (infra/sam-validate.sh installs it and checks the
# source template); then the packaged template.
bash infra/sam-validate.sh >&2
AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" SAM_CLI_TELEMETRY=0 target/venv-sam/bin/sam validate --lint --template "$out/template.yaml" >&2
ls -l "$out" "$out/functions" | head -50 >&2
echo "release: $out" >&2
