# Sourced by the PostgreSQL bench scripts: a throwaway server from Debian's package (installed when
# /usr/lib/postgresql/*/bin/initdb is missing). initdb refuses root, so the server runs as a system user `lujingbench`
# (created if missing), data under /tmp, listening on 127.0.0.1 and a free port only, trust authentication, default
# settings. Sets $pguser, $bin, $data, $port and as_pg; the caller stops it with pg_stop (e.g. in its EXIT trap).
pguser=lujingbench
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get install -y postgresql >/dev/null
fi
bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
id -u "$pguser" >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin "$pguser"
as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u "$pguser" -- "$@"; else "$@"; fi; }
pg_stop() {
  as_pg "$bin/pg_ctl" -D "$data/db" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
data="$(mktemp -d /tmp/lujing-bench-pg.XXXXXX)"
chown "$pguser" "$data" 2>/dev/null || true
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_pg "$bin/initdb" -D "$data/db" -U "$pguser" --auth=trust -E UTF8 --no-locale >"$data/initdb.log"
as_pg "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data" start >/dev/null
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data $data/db, default settings)"
