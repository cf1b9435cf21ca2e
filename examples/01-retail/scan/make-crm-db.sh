#!/usr/bin/env sh
# Makes crm.sqlite from crm.sql: the stand-in for the CRM's database that
# `datacarto scan examples/01-retail` reads (the `scan:` of stores/crm.yaml).
set -eu
cd "$(dirname "$0")"
rm -f crm.sqlite
if command -v sqlite3 >/dev/null 2>&1; then
  sqlite3 crm.sqlite < crm.sql
else
  python3 -c 'import sqlite3, sys; c = sqlite3.connect("crm.sqlite"); c.executescript(open("crm.sql").read()); c.commit()'
fi
echo "wrote $(pwd)/crm.sqlite"
