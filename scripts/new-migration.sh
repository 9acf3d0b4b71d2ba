#!/usr/bin/env bash
# Generates a migration for what the entities add beyond the committed migrations:
# migrates a scratch database to head, diffs the entities against it, registers
# the new file in migrations/index.ts. Review the file before committing it.
# One line it always proposes is wrong: dropping offline_sales_id_foreign (offline_sales.id is the
# sale's id, a foreign key MikroORM cannot declare on a primary key that is not a relation): delete it.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${MIGRATION_BASE_URL:-postgres://postgres@127.0.0.1:5432}
db="pos_migration_$$"
psql "$base/postgres" -qc "create database $db" >/dev/null
trap 'psql "$base/postgres" -qc "drop database if exists $db" >/dev/null' EXIT
export DATABASE_URL="$base/$db" TS_NODE_TRANSPILE_ONLY=1
exec 9>/tmp/pos-new-migration.lock; flock 9
npx mikro-orm migration:up >/dev/null
out=$(npx mikro-orm migration:create 2>&1 | grep -v nodedir)
echo "$out"
name=$(echo "$out" | grep -o 'Migration[0-9]*' | head -1)
[ -n "$name" ] || { echo "no migration created (nothing changed?)"; exit 0; }
python3 - "$name" <<'PY'
import sys, re
name = sys.argv[1]
p = 'migrations/index.ts'
s = open(p).read()
s = s.replace("import type { MigrationObject } from '@mikro-orm/core';\n",
              "import type { MigrationObject } from '@mikro-orm/core';\n" + f"import {{ {name} }} from './{name}';\n", 1)
s = s.rstrip().rstrip('];').rstrip() + f"\n  {{ name: '{name}', class: {name} }},\n];\n"
open(p, 'w').write(s)
PY
echo "registered $name in migrations/index.ts"
