#!/usr/bin/env bash
# The documented production path, end to end, in a scratch copy of the committed tree:
# build once (here, with the dev tools), then install without dev dependencies
# (NODE_ENV=production npm ci --omit=dev), start without building (npm run start:prod)
# and expect /healthz to answer. Needs DATABASE_URL (a database it may migrate).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL the smoke test may migrate}"
copy=$(mktemp -d /tmp/pos-prod-XXXXXX)
chmod 755 "$copy"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$copy"; }
trap cleanup EXIT

git archive HEAD | tar -x -C "$copy"
npm run build --silent
cp -r dist "$copy/dist"
(cd "$copy" && NODE_ENV=production npm ci --omit=dev --no-audit --no-fund --loglevel=error)
if [ -e "$copy/node_modules/typescript" ]; then echo "dev dependencies were installed"; exit 1; fi

port=$((47000 + RANDOM % 2000))
(cd "$copy" && NODE_ENV=production PORT=$port JWT_SECRET=production-smoke-secret exec npm run start:prod --silent) >"$copy/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  if health=$(curl -sf "http://127.0.0.1:$port/healthz"); then
    echo "production start serves /healthz: $health"
    kill -TERM "$server"; wait "$server" && status=0 || status=$?
    server=""
    [ "$status" = 0 ] || { echo "start:prod exited $status on SIGTERM"; cat "$copy/server.log"; exit 1; }
    echo "stopped cleanly"
    exit 0
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 1
done
echo "start:prod did not serve /healthz"; cat "$copy/server.log"; exit 1
