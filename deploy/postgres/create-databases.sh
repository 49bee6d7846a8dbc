#!/usr/bin/env bash
# Idempotently creates the Civic Match databases (one per service) on a PostgreSQL server.
#
#   bash deploy/postgres/create-databases.sh [EXTRA_DB ...]
#
# Always creates civic_registry, civic_experts, civic_matching, civic_reporting, civic_notifications, plus any
# database names given as arguments (e.g. per-test databases). Existing databases are left alone. The five
# local-stack databases it creates carry the mark of tools/service/own-databases.ts (OWN_DATABASE_MARK), so a later
# `npm start` may drop and recreate them (it refuses databases without the mark).
#
# Environment (libpq): PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD if needed.
#   PGDATABASE_OWNER  owner of the new databases (default: $PGUSER)
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
OWNER="${PGDATABASE_OWNER:-$PGUSER}"
LOCAL_STACK=(civic_registry civic_experts civic_matching civic_reporting civic_notifications)
DATABASES=("${LOCAL_STACK[@]}" "$@")
OWN_DATABASE_MARK='civic-match local stack: npm start may drop and recreate it'

for db in "${DATABASES[@]}"; do
  if [[ ! "$db" =~ ^[a-z_][a-z0-9_]{0,62}$ ]]; then
    echo "create-databases: invalid database name '$db' (lowercase letters, digits, _; max 63)" >&2
    exit 1
  fi
done

command -v psql >/dev/null 2>&1 || { echo "create-databases: psql not found" >&2; exit 1; }

PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d postgres)

if ! "${PSQL[@]}" -tAc 'select 1' >/dev/null; then
  echo "create-databases: cannot connect to postgres at $PGHOST:$PGPORT as $PGUSER" >&2
  exit 1
fi

for db in "${DATABASES[@]}"; do
  exists="$("${PSQL[@]}" -tAc "select 1 from pg_database where datname = '$db'")"
  if [[ "$exists" == "1" ]]; then
    echo "create-databases: $db exists"
    continue
  fi
  # A concurrent run may create it between the check and here: duplicate_database (42P04) is fine.
  if out="$("${PSQL[@]}" -c "create database \"$db\" owner \"$OWNER\" encoding 'UTF8' template template0" 2>&1)"; then
    echo "create-databases: created $db"
    if [[ " ${LOCAL_STACK[*]} " == *" $db "* ]]; then
      "${PSQL[@]}" -qc "comment on database \"$db\" is '$OWN_DATABASE_MARK'"
    fi
  elif [[ "$out" == *"already exists"* ]]; then
    echo "create-databases: $db exists"
  else
    printf '%s\n' "$out" >&2
    exit 1
  fi
done
