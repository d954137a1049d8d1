#!/usr/bin/env bash
# A throwaway PostgreSQL for running the tests against one long-lived server (faster repeated runs, or a look at
# the databases with psql). It listens on a Unix socket only, in its own directory; nothing else on the machine is
# touched. Without it, the tests start and stop their own server per test process (tests/Belfry.Testing/Postgres).
#
#   eval "$(eng/pg-test.sh start)"      # starts it and exports BELFRY_TEST_POSTGRES
#   dotnet test tests/Belfry.AspNetCore.Tests
#   eng/pg-test.sh psql                 # a psql shell on it
#   eng/pg-test.sh stop                 # stops it and deletes its directory
#
# BELFRY_PG_DIR chooses the directory (default: $TMPDIR/belfry-pg-test). As root, the server runs as 'postgres'.
set -euo pipefail

dir="${BELFRY_PG_DIR:-${TMPDIR:-/tmp}/belfry-pg-test}"
data="$dir/data"

find_bin() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return
    fi
    local candidate
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r) /usr/local/pgsql/bin; do
        if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
            echo "$candidate"
            return
        fi
    done
    echo "pg-test: initdb/pg_ctl not found (install PostgreSQL, e.g. apt-get install postgresql)" >&2
    exit 1
}

as_owner() {
    if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

connection_string="Host=$dir;Port=5432;Username=postgres;Database=postgres"

case "${1:-}" in
    start)
        bin="$(find_bin)"
        if [[ -f "$data/postmaster.pid" ]] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
            echo "export BELFRY_TEST_POSTGRES='$connection_string'"
            exit 0
        fi
        mkdir -p "$dir"
        if [[ "$(id -u)" == 0 ]]; then chmod 0777 "$dir"; fi
        if [[ ! -f "$data/PG_VERSION" ]]; then
            as_owner "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 \
                || { cat "$dir/initdb.log" >&2; exit 1; }
        fi
        as_owner "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 \
            -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
            start >&2
        echo "export BELFRY_TEST_POSTGRES='$connection_string'"
        ;;
    stop)
        bin="$(find_bin)"
        if [[ -d "$data" ]]; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >&2 || true; fi
        rm -rf "$dir"
        ;;
    psql)
        bin="$(find_bin)"
        exec "$bin/psql" -h "$dir" -U postgres postgres
        ;;
    *)
        echo "usage: $0 start|stop|psql" >&2
        exit 2
        ;;
esac
