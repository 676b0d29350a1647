#!/usr/bin/env bash
# Runs a command with a fresh moto server on a free port, exported as MOTO_ENDPOINT.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# infra/moto_server.py: moto answering one request at a time, so conditional writes
# and transactions are atomic as on DynamoDB.
"$root/.venv/bin/python" "$root/infra/moto_server.py" -H 127.0.0.1 -p "$port" >"${TMPDIR:-/tmp}/moto-test-$port.log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/moto-api/" && break; sleep 0.1; done
echo "moto: http://127.0.0.1:$port" >&2
MOTO_ENDPOINT="http://127.0.0.1:$port" "$@"
