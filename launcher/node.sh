# shellcheck shell=bash
# Sourced by ./hub: the hub on Payara Micro with its database: ./hub start, stop and status. One node here; several
# (--nodes N) through cluster.sh.

start_hub() {
  local log="$RUN_DIR/hub.log"
  # the previous run's log is the evidence after a crash (kill -9, out of memory): keep it as hub.log.1
  [[ -s "$log" ]] && mv -f "$log" "$log.1"
  say "starting Origin Hub on port $HUB_HTTP_PORT (log: $log)"
  # Payara Micro redeploys the copy of the WAR it kept in its root folder before deploying --deploy again: for a
  # few seconds a stale instance answers (health UP), then is replaced. Requests in that window fail (with Jakarta
  # Security, a ClassNotFoundException in the JASPIC set-up). Starting without the old copy deploys once.
  rm -rf "$HUB_DATA_DIR/payara/applications" "$HUB_DATA_DIR/payara/generated"
  # glibc gives a busy multi-threaded JVM up to 8 malloc arenas per core, each growing on its own: two keep the
  # native memory of the request threads (XML, TLS, JDBC buffers) in check (docs/performance.md, memory).
  # shellcheck disable=SC2086 # the JVM options, one word each
  MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" setsid java ${HUB_JAVA_OPTS:--Xmx512m} -Djava.io.tmpdir="$HUB_DATA_DIR/tmp" \
    -jar "$MICRO_JAR" --deploy "$WAR" --contextroot / ${EXTRA_DEPLOY[@]+"${EXTRA_DEPLOY[@]}"} \
    --port "$HUB_HTTP_PORT" --nocluster \
    --prebootcommandfile "$HUB_HOME/hub-web/src/main/payara/pre-boot-commands.txt" \
    --rootdir "$HUB_DATA_DIR/payara" --name origin-hub \
    >"$log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$RUN_DIR/hub.pid"
  echo "$HUB_HTTP_PORT" >"$RUN_DIR/hub.port"
  local waited=0
  until hub_ready "$HUB_HTTP_PORT"; do
    if ! pid_alive "$pid"; then
      tail -n 30 "$log" >&2 || true
      stop_all
      fail "Payara Micro exited during start (log: $log)"
    fi
    if (( waited++ > HUB_START_TIMEOUT * 2 )); then
      http_get "$HUB_HTTP_PORT" /health/ready >&2 || true
      stop_all
      fail "the hub did not become ready within $HUB_START_TIMEOUT s (log: $log)"
    fi
    sleep 0.5
  done
}

# Everything of the hub from this data folder: the front, the nodes, the database, and the demo's gateway simulators
# unless --keep-simulators (a start after a crash: they are not the hub's, and restarting them would make pushed
# documents wait out the retry backoff).
stop_all() {
  stop_front
  stop_nodes
  stop_pid hub 60
  [[ "${1:-}" == "--keep-simulators" ]] || stop_simulators
  stop_pid db 30
  stop_orphaned_mariadb
  stop_galera
  rm -f "$RUN_DIR/db.ready" "$RUN_DIR/hub.port" "$RUN_DIR/db.port"
}

# The log of the (first) node: the one that creates the first administrator.
hub_log() {
  if (( $(cluster_size) > 0 )); then echo "$RUN_DIR/node-1.log"; else echo "$RUN_DIR/hub.log"; fi
}

print_urls() {
  local base="http://127.0.0.1:$HUB_HTTP_PORT"
  cat <<EOF
hub: Origin Hub is ready
  home          $base/
  readiness     $base/health/ready
  SOAP services $base/services/  (hub information: $base/services/hub?wsdl, registry: $base/services/registry?wsdl)
  admin API     $base/api/admin/  (HTTP Basic as a hub user; OpenAPI: $base/openapi)
  data folder   $HUB_DATA_DIR
EOF
  local n k
  n="$(cluster_size)"
  if (( n > 0 )); then
    echo "  nodes         $n behind HAProxy on port $HUB_HTTP_PORT; ./hub status, ./hub node stop|kill|start K"
    for (( k = 1; k <= n; k++ )); do
      echo "  node $k        http://127.0.0.1:$(cat "$RUN_DIR/node-$k.port")/  (pid $(read_pid "node-$k"), log $RUN_DIR/node-$k.log)"
    done
  fi
  # The first start on an empty database creates 'admin'; a generated password is in this start's log only.
  if grep -q "FIRST ADMINISTRATOR CREATED" "$(hub_log)" 2>/dev/null; then
    grep -A 9 "FIRST ADMINISTRATOR CREATED" "$(hub_log)" | grep -E '^\*' | sed -e 's/]]$//' -e 's/^/  /'
  fi
}

cmd_start() {
  local detach=0 demo=0 galera=0 nodes=1 usage="usage: ./hub start [--nodes N] [--db galera] [--detach] [--demo]"
  while (( $# > 0 )); do
    case "$1" in
      --detach|-d) detach=1 ;;
      --demo) demo=1 ;;
      --db=galera) galera=1 ;;
      --db) [[ "${2:-}" == "galera" ]] || fail "--db takes one value: galera ($usage)" 64; galera=1; shift ;;
      --nodes)
        if ! [[ "${2:-}" =~ ^[1-9]$ ]] || (( $2 > HUB_MAX_NODES )); then
          fail "--nodes takes 1 to $HUB_MAX_NODES ($usage)" 64
        fi
        nodes="$2"; shift ;;
      *) fail "unknown option for start: $1 ($usage)" 64 ;;
    esac
    shift
  done
  if (( galera == 1 )) && [[ -n "${HUB_DB_URL:-}" ]]; then
    fail "--db galera starts its own database cluster: unset HUB_DB_URL to use it" 64
  fi
  # The demo registers a CA whose private key lies in a developer's data folder as a trust anchor: whoever holds
  # that key could register gateways. Keep it away from real databases; the embedded one is for development only.
  if (( demo == 1 )) && [[ -n "${HUB_DB_URL:-}" ]]; then
    fail "--demo is for development on the embedded database only: unset HUB_DB_URL to use it" 64
  fi
  require_tools
  (( nodes == 1 )) || require_haproxy
  mkdir -p "$RUN_DIR" "$HUB_DATA_DIR/tmp"
  if hub_nodes_running; then
    fail "the hub is already running (pid $(main_hub_pid), port $(cat "$RUN_DIR/hub.port" 2>/dev/null || echo '?')); ./hub stop first"
  fi
  stop_all --keep-simulators # leftovers of a crashed run
  port_in_use 127.0.0.1 "$HUB_HTTP_PORT" && fail "port $HUB_HTTP_PORT is already in use: stop what uses it or set HUB_HTTP_PORT"
  (( nodes == 1 )) || check_cluster_ports "$nodes"
  build_if_needed

  if (( detach == 0 )); then
    trap 'echo; say "stopping"; stop_all; exit 0' INT TERM
  else
    trap 'stop_all; exit 1' INT TERM
  fi
  if (( galera == 1 )); then
    start_galera
  elif [[ -z "${HUB_DB_URL:-}" ]]; then
    start_embedded_db
  else
    check_external_db
    export HUB_DB_URL HUB_DB_USER="${HUB_DB_USER:-}" HUB_DB_PASSWORD="${HUB_DB_PASSWORD:-}"
  fi
  if (( demo == 1 )); then
    demo_admin_password
  fi
  if (( nodes == 1 )); then
    start_hub
  else
    start_cluster "$nodes"
  fi
  if (( demo == 1 )) && ! seed_demo; then
    stop_all
    fail "seeding the demo community failed (see above), so the hub was stopped again"
  fi
  print_urls
  if (( demo == 1 )); then
    print_demo_login
  fi
  if (( detach == 1 )); then
    say "running in the background: ./hub status, ./hub stop"
    return 0
  fi
  say "press Ctrl-C to stop the hub and its database"
  # one node: until it ends; several: until the front ends (nodes may be stopped and started meanwhile)
  local pid
  if (( nodes == 1 )); then pid="$(read_pid hub)"; else pid="$(read_pid haproxy)"; fi
  while pid_alive "$pid"; do sleep 1; done
  if (( nodes == 1 )); then
    say "the hub process ended (log: $RUN_DIR/hub.log)"
  else
    say "the front (HAProxy) ended (log: $RUN_DIR/haproxy.log)"
  fi
  stop_all
  exit 1
}

cmd_stop() {
  if ! hub_running && ! pid_alive "$(read_pid db)" && ! galera_running; then
    stop_all # simulators too, and leftovers
    say "the hub is not running"
    return 0
  fi
  say "stopping the hub"
  stop_all
  say "stopped"
}

cmd_status() {
  local hub_pid port
  if ! hub_running; then
    say "not running"
    galera_status_lines
    return 3
  fi
  if (( $(cluster_size) > 0 )); then
    cluster_status
    return
  fi
  hub_pid="$(read_pid hub)"
  port="$(cat "$RUN_DIR/hub.port" 2>/dev/null || echo "$HUB_HTTP_PORT")"
  local db
  db="$(database_description)"
  galera_status_lines
  if hub_ready "$port"; then
    say "running and ready: pid $hub_pid, http://127.0.0.1:$port/, $db"
    simulators_status
  else
    say "running but NOT ready: pid $hub_pid, port $port, $db"
    local response
    response="$(http_get "$port" /health/ready)" && printf '%s' "${response#*$'\r\n\r\n'}"
    echo
    return 1
  fi
}
