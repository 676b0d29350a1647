# Litmos Training for ServiceNow: the two commands a new user needs.
SHELL := /bin/bash
export PATH := $(CURDIR)/.venv/bin:$(PATH)

.PHONY: dev test unit e2e lint servicenow bench load scale build release screenshot sizes

## make dev: the whole local stack at http://127.0.0.1:9000 (Ctrl-C stops it)
dev:
	bash infra/dev.sh

## make test: unit, adapter (moto), Litmos client (double), handler and end-to-end tests,
## cfn-lint, and the ServiceNow app (build, type-check, unit tests, pack; its stack tests
## run inside e2e against the same local stack)
test: lint unit servicenow e2e

lint:
	@if cargo fmt --version >/dev/null 2>&1; then cargo fmt --all --check; else echo "lint: rustfmt is not installed with this toolchain: cargo fmt --check skipped" >&2; fi
	bash infra/venv.sh
	cfn-lint template.yaml infra/edge-waf.yaml
	bash infra/sam-validate.sh

unit:
	bash infra/venv.sh
	bash infra/with-moto.sh cargo test --workspace --exclude e2e

servicenow:
	bash servicenow/ci-offline.sh

e2e:
	bash infra/venv.sh
	bash infra/test-e2e.sh

bench:
	bash infra/venv.sh
	cargo build --release --workspace
	bash infra/with-moto.sh target/release/bench-cold-start
	bash infra/with-moto.sh target/release/bench-courses
	bash infra/with-moto.sh target/release/bench-report
	target/release/bench-rollups
	target/release/sim-tenant-share
	bash infra/with-moto.sh cargo test -q -p litmos-api --test round_trips -- --nocapture --test-threads=1

## make scale: N tenants' sync walked one by one vs fanned out, on moto and the double (by hand)
scale:
	bash infra/venv.sh
	cargo build --release -p e2e --bin scale
	bash infra/with-moto.sh target/release/scale

## make load: 30 concurrent ServiceNow clients for 60 s against a local stack it starts
load:
	bash infra/venv.sh
	cargo build --release -p e2e --bin load
	bash infra/with-stack.sh bash -c 'target/release/load && bash infra/peak-memory.sh'

## make screenshot: docs/admin-console.png, taken by the console's browser script on a local stack
screenshot:
	bash infra/venv.sh
	cd tests/console && npm ci --no-audit --no-fund --loglevel=error
	bash infra/with-stack.sh node tests/console/screenshot.mjs

## make sizes: every function's arm64 bootstrap size (long: release LTO builds; by hand)
sizes:
	bash infra/venv.sh
	bash infra/sizes.sh

build:
	cargo build --workspace

## make release: dist/<version>/: every function's arm64 zip, the packaged template, the
## ServiceNow app zip and the changelog entry (long: release LTO builds; by hand)
release:
	bash infra/venv.sh
	bash infra/release.sh
