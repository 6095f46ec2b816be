#!/usr/bin/env bash
# Runs this example as a consumer team would, against a specpact tarball (default: `npm pack`
# of the checkout two levels up), in a copy outside the checkout so that nothing resolves
# through the checkout's node_modules:
#   install the tarball → tsc --noEmit → the consumer tests, started from the parent folder
#   with --root (the configuration is found from vitest's root, not the working directory;
#   they write pacts/) → the pact must be byte-identical to `specpact generate`'s for the
#   same specs → `specpact --help`.
# Extra arguments are packages installed beside it, e.g. @pact-foundation/pact@17.
# The node and npm on PATH are the ones tested.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/specpact-example-XXXXXX")"
trap 'rm -rf "$work"' EXIT

tarball="${SPECPACT_TARBALL:-}"
if [ -z "$tarball" ]; then
  (cd "$here/../.." && npm pack --silent --pack-destination "$work" >/dev/null)
  tarball="$(ls "$work"/specpact-*.tgz)"
fi

mkdir "$work/app"
(cd "$here" && tar --exclude=node_modules --exclude=pacts --exclude=generated-pacts -cf - .) |
  (cd "$work/app" && tar -xf -)
cd "$work/app"
echo "example app: node $(node --version), npm $(npm --version), $(basename "$tarball") $*"
npm install --no-audit --no-fund --loglevel=error "$tarball" "$@"
echo "example app: pact-js $(node -p "require('@pact-foundation/pact/package.json').version"), vitest $(node -p "require('vitest/package.json').version")"
npx tsc --noEmit
(cd .. && app/node_modules/.bin/vitest run --root app)
npx specpact generate --out generated-pacts
diff -r pacts generated-pacts
echo "example app: the consumer tests' pacts equal specpact generate's ($(ls pacts | tr '\n' ' '))"
npx specpact --help >/dev/null
