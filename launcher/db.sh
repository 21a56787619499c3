# shellcheck shell=bash
# Sourced by ./hub: the database the hub runs on. The embedded MariaDB (development, tests, the demo and the bench)
# started and stopped on its own, or the external one that HUB_DB_URL names, checked for reachability.

embedded_db_classpath() {
  local jar="" candidate
  for candidate in "$HUB_HOME"/db/target/db-*.jar; do
    case "${candidate##*/}" in
      *sources*|*tests*) ;;
      *) [[ -f "$candidate" ]] && jar="$candidate" && break ;;
    esac
  done
  [[ -n "$jar" ]] || fail "db module not built"
  printf '%s:%s' "$jar" "$(cat "$DB_CLASSPATH_FILE")"
}

start_embedded_db() {
  local ready="$RUN_DIR/db.ready" log="$RUN_DIR/db.log"
  rm -f "$ready"
  say "starting the embedded MariaDB (data in $HUB_DATA_DIR/db)"
  mkdir -p "$HUB_DATA_DIR/tmp"
  # MariaDB keeps its temporary tables in $TMPDIR: the data folder, not the shared /tmp
  TMPDIR="$HUB_DATA_DIR/tmp" setsid java -Xmx128m -Djava.io.tmpdir="$HUB_DATA_DIR/tmp" -cp "$(embedded_db_classpath)" \
    org.originhub.db.embedded.EmbeddedDatabaseServer "$HUB_DATA_DIR/db" "${HUB_DB_EMBEDDED_PORT:-0}" "$ready" \
    >"$log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$RUN_DIR/db.pid"
  local waited=0
  until [[ -f "$ready" ]]; do
    if ! pid_alive "$pid"; then
      tail -n 20 "$log" >&2 || true
      rm -f "$RUN_DIR/db.pid"
      fail "the embedded database did not start (log: $log)"
    fi
    (( waited++ < 1200 )) || { stop_pid db 10; fail "the embedded database did not become ready in 120 s (log: $log)"; }
    sleep 0.1
  done
  export HUB_DB_URL HUB_DB_USER HUB_DB_PASSWORD
  HUB_DB_URL="$(head -1 "$ready")"
  HUB_DB_USER=root
  HUB_DB_PASSWORD=""
  # kept for ./hub db-start: the running hub's connection pool knows only this address
  local port="${HUB_DB_URL#jdbc:*://*:}"
  echo "${port%%/*}" >"$RUN_DIR/db.port"
  say "embedded database ready at ${HUB_DB_URL}"
}

# An external database, or a cluster: HUB_DB_URL may list several hosts (jdbc:mysql://h1:3306,h2:3306,h3/hub?...,
# Connector/J's failover); the database is reachable when at least one of them answers.
check_external_db() {
  local rest hosts hostport host port answering="" checked=()
  rest="${HUB_DB_URL#jdbc:*://}"
  [[ "$rest" != "$HUB_DB_URL" ]] || fail "HUB_DB_URL is not a JDBC URL like jdbc:mysql://host:3306/hub ($HUB_DB_URL)"
  hosts="${rest%%/*}"
  hosts="${hosts%%\?*}"
  local IFS=,
  for hostport in $hosts; do
    host="${hostport%:*}"
    port="${hostport##*:}"
    [[ "$host" == "$hostport" || "$hostport" == *"]" ]] && { host="$hostport"; port=3306; }
    host="${host#[}"; host="${host%]}"
    [[ -n "$host" && "$port" =~ ^[0-9]+$ ]] || fail "HUB_DB_URL is not a JDBC URL like jdbc:mysql://host:3306/hub or jdbc:mysql://h1:3306,h2:3306/hub ($HUB_DB_URL)"
    checked+=("$host:$port")
    if port_in_use "$host" "$port"; then
      answering="$host:$port"
      break
    fi
  done
  (( ${#checked[@]} > 0 )) || fail "HUB_DB_URL names no database host ($HUB_DB_URL)"
  [[ -n "$answering" ]] || fail "database unreachable at ${checked[*]} (HUB_DB_URL=$HUB_DB_URL)"
  if (( $(tr -cd , <<<"$hosts" | wc -c) > 0 )); then
    say "using the external database cluster $hosts ($answering answers)"
  else
    say "using the external database at $answering"
  fi
}

# One line for ./hub status: which database the hub runs on.
database_description() {
  if galera_running; then
    printf 'Galera cluster (a line per database node)'
  elif pid_alive "$(read_pid db)"; then
    printf 'embedded database (pid %s, %s)' "$(read_pid db)" "$(head -1 "$RUN_DIR/db.ready" 2>/dev/null)"
  else
    printf 'external database'
  fi
}

# A database server left behind by a killed launcher (mariadbd outlives a java process killed with -9).
stop_orphaned_mariadb() {
  local pids
  pids="$(pgrep -f -- "--datadir=$HUB_DATA_DIR/db( |$)" || true)"
  if [[ -n "$pids" ]]; then
    say "stopping a leftover embedded database server (pid $pids)"
    # shellcheck disable=SC2086 # one word per pid
    kill -TERM $pids 2>/dev/null || true
    local waited=0
    while pgrep -f -- "--datadir=$HUB_DATA_DIR/db( |$)" >/dev/null && (( waited++ < 300 )); do sleep 0.1; done
    pkill -KILL -f -- "--datadir=$HUB_DATA_DIR/db( |$)" 2>/dev/null || true
  fi
}

# Only the embedded database, under a hub that keeps running: its pool reconnects once the database is back, on the
# same port (HUB_DB_EMBEDDED_PORT, else the port of the last start).
cmd_db_stop() {
  [[ -z "${HUB_DB_URL:-}" ]] || fail "db-stop is for the embedded database (HUB_DB_URL is set)" 64
  pid_alive "$(read_pid db)" || { say "the embedded database is not running"; return 0; }
  stop_pid db 30
  say "embedded database stopped"
}

cmd_db_start() {
  [[ -z "${HUB_DB_URL:-}" ]] || fail "db-start is for the embedded database (HUB_DB_URL is set)" 64
  if pid_alive "$(read_pid db)" && ! pgrep -f -- "--datadir=$HUB_DATA_DIR/db( |$)" >/dev/null; then
    # mariadbd died under its wrapper (kill -9, out of memory): the wrapper waits for nothing, replace it
    say "the embedded database server is gone (its wrapper, pid $(read_pid db), is still running): restarting it"
    stop_pid db 10
  fi
  pid_alive "$(read_pid db)" && fail "the embedded database is already running (pid $(read_pid db))"
  require_tools
  build_if_needed
  mkdir -p "$RUN_DIR" "$HUB_DATA_DIR/tmp"
  if [[ -z "${HUB_DB_EMBEDDED_PORT:-}" && -s "$RUN_DIR/db.port" ]]; then
    HUB_DB_EMBEDDED_PORT="$(cat "$RUN_DIR/db.port")"
  fi
  start_embedded_db
}
