#!/usr/bin/env bash
# The real Pact Broker (the pact_broker gem, test/broker/server/) on this machine.
#
#   scripts/broker.sh install   bundle the pinned gems into test/broker/server/vendor/bundle
#   scripts/broker.sh start     start a broker on 127.0.0.1 (a free port), SQLite in a temp
#                               dir; prints the URL and the two users, writes .tmp/broker.env
#   scripts/broker.sh stop      stop the broker that `start` started and remove its data
#
# The test suite starts brokers of its own (test/broker/real/) and needs only `install`.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SERVER="$ROOT/test/broker/server"
STATE="$ROOT/.tmp/broker.env"
export BUNDLE_GEMFILE="$SERVER/Gemfile" BUNDLE_PATH="$SERVER/vendor/bundle" \
  BUNDLE_APP_CONFIG="$SERVER/.bundle" BUNDLE_FROZEN=true

install() {
  if ! command -v bundle >/dev/null; then
    echo "broker.sh: Ruby's bundle is missing (Debian: apt-get install ruby ruby-dev bundler)" >&2
    exit 2
  fi
  if bundle check >/dev/null 2>&1; then
    echo "broker.sh: gems already installed in $BUNDLE_PATH"
    return
  fi
  # psych 5 (a pact_broker dependency) compiles against libyaml; everything else is Ruby or a
  # small C extension, and nokogiri/sqlite3 come precompiled.
  if command -v dpkg >/dev/null && ! dpkg -s libyaml-dev >/dev/null 2>&1; then
    echo "broker.sh: installing libyaml-dev (psych's build dependency)"
    apt-get update -qq && apt-get install -y -qq libyaml-dev >/dev/null
  fi
  local started=$SECONDS
  bundle install --jobs 4 --retry 2 --quiet
  echo "broker.sh: gems installed in $((SECONDS - started)) s"
}

start() {
  if [[ -f "$STATE" ]]; then
    echo "broker.sh: a broker is already running ($STATE); run scripts/broker.sh stop first" >&2
    exit 1
  fi
  bundle check >/dev/null 2>&1 || { echo "broker.sh: run scripts/broker.sh install first" >&2; exit 1; }
  local data user password ro_password url pid
  data="$(mktemp -d "${TMPDIR:-/tmp}/specpact-broker-XXXXXX")"
  password="rw-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  ro_password="ro-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  (
    cd "$SERVER"
    SPECPACT_BROKER_DATA_DIR="$data" RACK_ENV=production \
      SPECPACT_BROKER_USERNAME=ci SPECPACT_BROKER_PASSWORD="$password" \
      SPECPACT_BROKER_READ_ONLY_USERNAME=dev SPECPACT_BROKER_READ_ONLY_PASSWORD="$ro_password" \
      nohup bundle exec puma --bind tcp://127.0.0.1:0 --threads 4:8 config.ru \
      >"$data/broker.log" 2>&1 &
    echo $! >"$data/pid"
  )
  pid="$(cat "$data/pid")"
  local started=$SECONDS
  url=""
  while ((SECONDS - started < 180)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "broker.sh: the broker exited while starting; its log:" >&2
      tail -20 "$data/broker.log" >&2
      rm -rf "$data"
      exit 1
    fi
    url="${url:-$(grep -o 'Listening on http://127\.0\.0\.1:[0-9]*' "$data/broker.log" | head -1 | cut -d' ' -f3 || true)}"
    if [[ -n "$url" ]] && curl -fsS --max-time 5 "$url/diagnostic/status/heartbeat" >/dev/null 2>&1; then
      break
    fi
    sleep 0.5
  done
  if [[ -z "$url" ]] || ! curl -fsS --max-time 5 "$url/diagnostic/status/heartbeat" >/dev/null 2>&1; then
    echo "broker.sh: no answer from the broker after 180 s; log in $data/broker.log" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  mkdir -p "$(dirname "$STATE")"
  umask 077
  cat >"$STATE" <<ENV
SPECPACT_BROKER_PID=$pid
SPECPACT_BROKER_DATA_DIR=$data
PACT_BROKER_BASE_URL=$url
PACT_BROKER_USERNAME=ci
PACT_BROKER_PASSWORD=$password
SPECPACT_BROKER_READ_ONLY_USERNAME=dev
SPECPACT_BROKER_READ_ONLY_PASSWORD=$ro_password
ENV
  echo "broker.sh: Pact Broker at $url (ready in $((SECONDS - started)) s); log $data/broker.log"
  echo "broker.sh: users and URL in $STATE — use them with: set -a; . $STATE; set +a"
}

stop() {
  if [[ ! -f "$STATE" ]]; then
    echo "broker.sh: no broker started by broker.sh is running"
    return
  fi
  local pid data
  pid="$(grep '^SPECPACT_BROKER_PID=' "$STATE" | cut -d= -f2)"
  data="$(grep '^SPECPACT_BROKER_DATA_DIR=' "$STATE" | cut -d= -f2)"
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$data" "$STATE"
  echo "broker.sh: stopped"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: scripts/broker.sh install|start|stop" >&2
    exit 2
    ;;
esac
