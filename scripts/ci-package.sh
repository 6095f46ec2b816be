#!/usr/bin/env bash
# The package as users install it (run by .ci/run): pack this tree, check that the tarball
# holds no test, fixture or broker-fake file, then run examples/consumer-app against it on
# this machine's Node (20, pact-js 16.5) and on Node 24 with pact-js 17 — Node 24 from the
# npm registry's `node` package, installed into $SPECPACT_CI_WORK/node24 (CI then runs the
# test suite with its node_modules/.bin first on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
work="${SPECPACT_CI_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/specpact-ci-XXXXXX")}"
mkdir -p "$work"

npm pack --silent --pack-destination "$work" >/dev/null
tarball="$(ls "$work"/specpact-*.tgz)"
shipped="$(tar -tzf "$tarball")"
if grep -E '\.test\.|/test/|test-support|fixture|broker-fake|/testing\.|test-server' <<<"$shipped"; then
  echo "package: the tarball ships the test files above" >&2
  exit 1
fi
echo "package: $(basename "$tarball"), $(wc -l <<<"$shipped") files, $(du -k "$tarball" | cut -f1) kB, no test or fixture file"

export SPECPACT_TARBALL="$tarball"
bash examples/consumer-app/run.sh

node24="$work/node24"
npm install --prefix "$node24" --no-audit --no-fund --loglevel=error node@24
PATH="$node24/node_modules/.bin:$PATH" bash examples/consumer-app/run.sh '@pact-foundation/pact@^17'
