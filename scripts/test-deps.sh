#!/usr/bin/env bash
# What the test suite needs beside npm's packages, installed only where missing (root, Debian):
# python3 for the provider written in another language (test/python-provider/), Debian's
# chromium for the HTML report's browser test (test/coverage/html-browser.test.ts), and the
# real Pact Broker's gems for test/broker/ (scripts/broker.sh install). CI runs this too.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3 >/dev/null; }
# Without recommended packages (they pull in systemd, samba and printing); the one font keeps
# the screenshot legible.
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
fi
scripts/broker.sh install
