# shellcheck shell=bash
# Sourced by ./hub: several hub nodes behind HAProxy (./hub start --nodes N, N >= 2), the drills on them (./hub node
# stop|kill|start K) and their lines in ./hub status. One node (the default) never comes here: node.sh runs it as
# before, without a data grid and without a balancer.
#
# Under RUN_DIR: nodes (the cluster's size), node-K.pid / .port / .grid / .log per node, node.env (the environment
# the nodes started with, owner-only: ./hub node start K gives a restarted node the same), haproxy.cfg / .pid / .port
# / .log / .sock (the front and its admin socket).

# The size of the cluster running from this data folder, 0 when none does.
cluster_size() {
  local n
  n="$(cat "$RUN_DIR/nodes" 2>/dev/null || true)"
  [[ "$n" =~ ^[1-9]$ ]] && echo "$n" || echo 0
}

# One data grid per data folder: two clusters on one machine never merge, even when their grid ports meet.
cluster_name() {
  printf 'origin-hub-%s' "$(printf '%s' "$HUB_DATA_DIR" | sha256sum | cut -c1-12)"
}

# The nodes accept X-Forwarded-For from the front only, which runs on loopback.
trusted_proxies() {
  case ",${HUB_TRUSTED_PROXIES:-}," in
    *,127.0.0.1,*) printf '%s' "$HUB_TRUSTED_PROXIES" ;;
    ,,) printf '127.0.0.1' ;;
    *) printf '%s,127.0.0.1' "$HUB_TRUSTED_PROXIES" ;;
  esac
}

# HAProxy balances, socat talks to its admin socket (./hub status, ./hub node start). Under CI as root they are
# installed (.ci/install-cluster); anywhere else the launcher says what to install rather than run apt-get itself.
require_haproxy() {
  if ! command -v haproxy >/dev/null 2>&1 || ! command -v socat >/dev/null 2>&1; then
    if [[ "$(id -u)" == "0" && "${CI:-}" == "true" ]]; then
      "$HUB_HOME/.ci/install-cluster"
    fi
  fi
  if ! command -v haproxy >/dev/null 2>&1 || ! command -v socat >/dev/null 2>&1; then
    fail "several nodes need HAProxy and socat in front of them: apt-get install -y haproxy socat (as root)"
  fi
}

# start_node K: launches node K in the background (no wait). Its HTTP and grid ports are the ones it had before when
# it ran already (node-K.port, node-K.grid), so a restarted node comes back where the front and the grid expect it.
start_node() {
  local k="$1" port grid members="" log="$RUN_DIR/node-$1.log" dir="$HUB_DATA_DIR/nodes/$1" i
  port="$(cat "$RUN_DIR/node-$k.port")"
  grid="$(cat "$RUN_DIR/node-$k.grid")"
  for (( i = 1; i <= $(cluster_size); i++ )); do
    members+="${members:+,}127.0.0.1:$(cat "$RUN_DIR/node-$i.grid")"
  done
  [[ -s "$log" ]] && mv -f "$log" "$log.1"
  # A node is reached through the front only: its HTTP listener and its data grid port listen on loopback (Payara
  # and Hazelcast otherwise bind every interface, and the grid's port would take members and clients from anywhere).
  { cat "$HUB_HOME/hub-web/src/main/payara/pre-boot-commands.txt"
    echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1"
  } >"$RUN_DIR/node-pre-boot-commands.txt"
  # as start_hub: without the copy Payara kept, the WAR is deployed once (no stale instance answering first)
  rm -rf "$dir/payara/applications" "$dir/payara/generated"
  mkdir -p "$dir/tmp"
  # shellcheck disable=SC2086 # the JVM options, one word each
  HUB_NODE_NAME="node-$k" HUB_TRUSTED_PROXIES="$(trusted_proxies)" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
    setsid java ${HUB_JAVA_OPTS:--Xmx512m} -Djava.io.tmpdir="$dir/tmp" -Dhazelcast.socket.bind.any=false \
    -jar "$MICRO_JAR" --deploy "$WAR" --contextroot / ${EXTRA_DEPLOY[@]+"${EXTRA_DEPLOY[@]}"} --port "$port" \
    --clustermode "tcpip:$members" --interfaces 127.0.0.1 --startport "$grid" --clustername "$(cluster_name)" \
    --prebootcommandfile "$RUN_DIR/node-pre-boot-commands.txt" \
    --rootdir "$dir/payara" --name "node-$k" \
    >"$log" 2>&1 </dev/null &
  echo "$!" >"$RUN_DIR/node-$k.pid"
}

# await_node K: until node K is ready (its database check UP); 1 when it exited or the start timeout passed.
await_node() {
  local k="$1" pid port waited=0
  pid="$(read_pid "node-$k")"
  port="$(cat "$RUN_DIR/node-$k.port")"
  until hub_ready "$port"; do
    # (Payara may log its failure, a port taken say, and then hang instead of exiting)
    if ! pid_alive "$pid" || grep -q "Failed to start, exiting" "$RUN_DIR/node-$k.log" 2>/dev/null; then
      tail -n 30 "$RUN_DIR/node-$k.log" >&2 || true
      stop_pid "node-$k" 5
      say "node $k failed during its start (log: $RUN_DIR/node-$k.log)"
      return 1
    fi
    if (( waited++ > HUB_START_TIMEOUT * 2 )); then
      say "node $k did not become ready within $HUB_START_TIMEOUT s (log: $RUN_DIR/node-$k.log)"
      return 1
    fi
    sleep 0.5
  done
}

# The members node K's data grid counts, from the last "Data Grid Status" Payara logged (0 before the first).
grid_members_seen() {
  local size
  size="$(grep -o 'DG Size: [0-9]*' "$RUN_DIR/node-$1.log" 2>/dev/null | tail -n 1 || true)"
  echo "${size#DG Size: }" | grep -E '^[0-9]+$' || echo 0
}

# The nodes' HTTP and grid ports, checked before anything starts.
check_cluster_ports() {
  local n="$1" k first_port="${HUB_NODE_PORT:-$(( HUB_HTTP_PORT + 1 ))}" first_grid="${HUB_GRID_PORT:-6900}"
  for (( k = 1; k <= n; k++ )); do
    if port_in_use 127.0.0.1 "$(( first_port + k - 1 ))"; then
      fail "port $(( first_port + k - 1 )) (node $k) is already in use: set HUB_NODE_PORT (node 1's port; node K uses it + K - 1)"
    fi
    if port_in_use 127.0.0.1 "$(( first_grid + k - 1 ))"; then
      fail "port $(( first_grid + k - 1 )) (node $k's data grid) is already in use: set HUB_GRID_PORT"
    fi
  done
}

# start_cluster N: node 1 first (it applies the migrations, creates the hub's identity, the first administrator and
# the development key, none of which should race), then the others together; the front opens once every node is
# ready and node 1's grid has seen them all, so no gateway meets a starting node.
start_cluster() {
  local n="$1" k first_port="${HUB_NODE_PORT:-$(( HUB_HTTP_PORT + 1 ))}" first_grid="${HUB_GRID_PORT:-6900}"
  echo "$n" >"$RUN_DIR/nodes"
  for (( k = 1; k <= n; k++ )); do
    echo "$(( first_port + k - 1 ))" >"$RUN_DIR/node-$k.port"
    echo "$(( first_grid + k - 1 ))" >"$RUN_DIR/node-$k.grid"
  done
  # what ./hub node start K gives a restarted node: the same database, settings and passwords as its peers
  (umask 077 && export -p | grep -E '^declare -x (HUB_[A-Z0-9_]+|MALLOC_ARENA_MAX)=' >"$RUN_DIR/node.env")
  say "starting node 1 of $n on port $first_port (log: $RUN_DIR/node-1.log; data grid $(cluster_name) from port $first_grid)"
  start_node 1
  await_node 1 || { stop_all; fail "node 1 did not start"; }
  if (( n > 1 )); then
    if (( n == 2 )); then
      say "starting node 2 on port $(( first_port + 1 ))"
    else
      say "starting nodes 2 to $n (ports $(( first_port + 1 )) to $(( first_port + n - 1 )))"
    fi
    for (( k = 2; k <= n; k++ )); do start_node "$k"; done
    for (( k = 2; k <= n; k++ )); do
      await_node "$k" || { stop_all; fail "node $k did not start"; }
    done
  fi
  local waited=0
  until (( $(grid_members_seen 1) >= n )); do
    if (( waited++ > 60 )); then
      say "warning: node 1's data grid reports $(grid_members_seen 1) of $n members after 30 s (log: $RUN_DIR/node-1.log)"
      break
    fi
    sleep 0.5
  done
  say "data grid $(cluster_name): $(grid_members_seen 1) members"
  start_front "$n"
}

# The front's configuration: round robin for everything but the console, whose sessions stay on one node (a cookie);
# a node is in the rotation only while its readiness says UP *with* the hub's database check (Payara answers UP with
# no checks before the WAR is deployed), probed every second, out after 2 failures, back after 1 success, and out at
# once when a live request cannot connect to it. Connection failures are retried on another node; a request that
# reached a node is never sent again (a signed request sent twice would be refused as a replay).
write_front_config() {
  local n="$1" k port
  {
    cat <<EOF
# Generated by ./hub start --nodes $n; rewritten on every start.
global
    log stderr format raw daemon notice
    stats socket $RUN_DIR/haproxy.sock mode 600 level admin
    maxconn 2000

defaults
    mode http
    log global
    option httplog
    option dontlog-normal
    timeout connect 2s
    timeout client 60s
    timeout server 90s
    timeout http-request 10s
    timeout http-keep-alive 10s
    timeout queue 30s
    timeout check 5s
    retries 3
    option redispatch 1
    default-server inter 1s fall 2 rise 1 maxconn 100

frontend hub
    bind 127.0.0.1:$HUB_HTTP_PORT
    maxconn 1000
    # the client address for the nodes (HUB_TRUSTED_PROXIES=127.0.0.1): what HAProxy saw, never what a client claims
    http-request del-header X-Forwarded-For
    option forwardfor
    # HTTP/1.1 to the nodes, request by request: a protocol switch a client offers (Java's HttpClient offers h2c on
    # each new connection) would turn its connection into a tunnel to one node, out of the round robin and the
    # health checks, on Grizzly's h2c path (docs/deployment.md, "The HTTP edge")
    http-request del-header Upgrade
    http-request del-header HTTP2-Settings
    use_backend console if { path_beg /console }
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect rstring '^\{"status":"UP".*"name":"database"'
EOF
    for (( k = 1; k <= n; k++ )); do
      port="$(cat "$RUN_DIR/node-$k.port")"
      echo "    server node-$k 127.0.0.1:$port check observe layer4 error-limit 1 on-error mark-down"
    done
    cat <<EOF

backend console
    balance roundrobin
    cookie HUB_NODE insert indirect nocache httponly
EOF
    for (( k = 1; k <= n; k++ )); do
      port="$(cat "$RUN_DIR/node-$k.port")"
      echo "    server node-$k 127.0.0.1:$port track nodes/node-$k cookie node-$k"
    done
  } >"$RUN_DIR/haproxy.cfg"
}

# HAProxy as the launcher's own process (never the Debian service), in the foreground of its own session.
start_front() {
  local n="$1" log="$RUN_DIR/haproxy.log" waited=0
  write_front_config "$n"
  haproxy -c -q -f "$RUN_DIR/haproxy.cfg" || { stop_all; fail "HAProxy refused its configuration ($RUN_DIR/haproxy.cfg)"; }
  rm -f "$RUN_DIR/haproxy.sock"
  setsid haproxy -f "$RUN_DIR/haproxy.cfg" -db >"$log" 2>&1 </dev/null &
  echo "$!" >"$RUN_DIR/haproxy.pid"
  echo "$HUB_HTTP_PORT" >"$RUN_DIR/haproxy.port"
  echo "$HUB_HTTP_PORT" >"$RUN_DIR/hub.port"
  until hub_ready "$HUB_HTTP_PORT"; do
    if ! pid_alive "$(read_pid haproxy)" || (( waited++ > 100 )); then
      tail -n 20 "$log" >&2 || true
      stop_all
      fail "HAProxy did not open the front on port $HUB_HTTP_PORT (log: $log)"
    fi
    sleep 0.1
  done
  say "front: HAProxy on port $HUB_HTTP_PORT (pid $(read_pid haproxy)) in front of $n nodes (config: $RUN_DIR/haproxy.cfg)"
}

stop_front() {
  stop_pid haproxy 10
  rm -f "$RUN_DIR/haproxy.sock" "$RUN_DIR/haproxy.port"
}

# Every node together: each takes a few seconds to stop, and nothing orders them. (Waits for those stops only: the
# shell that started the database has it as a background job too.)
stop_nodes() {
  local file name stopping=()
  for file in "$RUN_DIR"/node-*.pid; do
    [[ -e "$file" ]] || continue
    name="${file##*/}"
    stop_pid "${name%.pid}" 60 &
    stopping+=("$!")
  done
  (( ${#stopping[@]} == 0 )) || wait "${stopping[@]}" || true
  rm -f "$RUN_DIR/nodes" "$RUN_DIR/node.env"
}

# One command on the front's admin socket; its answer on stdout.
front_command() {
  [[ -S "$RUN_DIR/haproxy.sock" ]] || return 1
  printf '%s\n' "$1" | socat -t 2 - "UNIX-CONNECT:$RUN_DIR/haproxy.sock" 2>/dev/null
}

# The nodes the front sends requests to now (UP in its rotation), by name.
front_nodes_up() {
  front_command "show stat" | awk -F, '$1 == "nodes" && $2 ~ /^node-/ && $18 ~ /^UP/ { printf "%s%s", sep, $2; sep = " " }'
}

# The pid of the hub running from this data folder: the single node, else node 1 (CPU figures, messages).
main_hub_pid() {
  local pid
  pid="$(read_pid hub)"
  pid_alive "$pid" || pid="$(read_pid node-1)"
  printf '%s' "$pid"
}

# The pids of the running hub processes: the single node, or each node of a cluster that runs.
hub_pids() {
  local k pid
  pid="$(read_pid hub)"
  if pid_alive "$pid"; then
    echo "$pid"
    return 0
  fi
  for (( k = 1; k <= $(cluster_size); k++ )); do
    pid="$(read_pid "node-$k")"
    if pid_alive "$pid"; then echo "$pid"; fi
  done
  return 0
}

# Whether a hub node runs from this data folder: the single node or any node of a cluster. (A front left alone is a
# leftover of a crash, which ./hub start cleans up.)
hub_nodes_running() {
  local file
  pid_alive "$(read_pid hub)" && return 0
  for file in "$RUN_DIR"/node-*.pid; do
    [[ -e "$file" ]] && pid_alive "$(cat "$file")" && return 0
  done
  return 1
}

# Whether anything of a hub runs from this data folder: a node or the front.
hub_running() {
  hub_nodes_running || pid_alive "$(read_pid haproxy)"
}

# ./hub status of a cluster: a line per node, the front, the database, the simulators. 0 all ready, 1 not.
cluster_status() {
  local n k pid port ready=1 up line
  n="$(cluster_size)"
  for (( k = 1; k <= n; k++ )); do
    pid="$(read_pid "node-$k")"
    port="$(cat "$RUN_DIR/node-$k.port" 2>/dev/null || echo '?')"
    if ! pid_alive "$pid"; then
      say "node $k: not running (port $port, log: $RUN_DIR/node-$k.log)"
      ready=0
    elif hub_ready "$port"; then
      say "node $k: pid $pid, port $port, ready"
    else
      say "node $k: pid $pid, port $port, NOT ready"
      ready=0
    fi
  done
  pid="$(read_pid haproxy)"
  port="$(cat "$RUN_DIR/haproxy.port" 2>/dev/null || echo "$HUB_HTTP_PORT")"
  if pid_alive "$pid"; then
    up="$(front_nodes_up || true)"
    line="front: HAProxy pid $pid, http://127.0.0.1:$port/, nodes UP: ${up:-none}"
    say "$line"
    [[ "$(wc -w <<<"$up")" -eq "$n" ]] || ready=0
  else
    say "front: not running (port $port)"
    ready=0
  fi
  say "database: $(database_description)"
  galera_status_lines
  simulators_status
  if (( ready == 1 )); then
    say "running and ready: $n nodes behind http://127.0.0.1:$port/"
    return 0
  fi
  say "running but NOT ready (see above)"
  return 1
}

# ./hub node stop|kill|start K: the drills an operator rehearses on a running cluster.
cmd_node() {
  local usage="usage: ./hub node stop|kill|start K  (K from 1 to the cluster's size)"
  (( $# == 2 )) || fail "$usage" 64
  local action="$1" k="$2" n pid
  n="$(cluster_size)"
  (( n > 0 )) || fail "no cluster runs from $HUB_DATA_DIR (./hub start --nodes N first)" 3
  if ! [[ "$k" =~ ^[1-9]$ ]] || (( k > n )); then fail "$usage; this cluster has $n nodes" 64; fi
  pid="$(read_pid "node-$k")"
  case "$action" in
    stop)
      pid_alive "$pid" || { say "node $k is not running"; return 0; }
      stop_pid "node-$k" 60
      say "node $k stopped"
      ;;
    kill)
      pid_alive "$pid" || { say "node $k is not running"; return 0; }
      kill -KILL "$pid" 2>/dev/null || true
      # (bounded: a foreground ./hub start that launched the node may reap it a moment later)
      local waited=0
      while pid_alive "$pid" && (( waited++ < 100 )); do sleep 0.05; done
      rm -f "$RUN_DIR/node-$k.pid"
      say "node $k killed (kill -9 of pid $pid); the front takes it out of the rotation within about 2 s"
      ;;
    start)
      pid_alive "$pid" && fail "node $k is already running (pid $pid)"
      pid_alive "$(read_pid haproxy)" || fail "the front (HAProxy) is not running: ./hub stop, then ./hub start --nodes $n"
      require_haproxy
      # the environment the cluster started with, so the node joins the same database with the same settings
      # shellcheck disable=SC1091 # written by start_cluster
      source "$RUN_DIR/node.env"
      # out of the rotation until ready, also if the front has not yet seen the previous process die
      front_command "disable server nodes/node-$k" >/dev/null || true
      say "starting node $k on port $(cat "$RUN_DIR/node-$k.port") (log: $RUN_DIR/node-$k.log)"
      start_node "$k"
      await_node "$k" || fail "node $k did not start (log: $RUN_DIR/node-$k.log)"
      front_command "enable server nodes/node-$k" >/dev/null || true
      local waited=0
      until [[ " $(front_nodes_up) " == *" node-$k "* ]]; do
        (( waited++ < 100 )) || { say "warning: the front does not see node $k UP yet"; break; }
        sleep 0.1
      done
      say "node $k ready and back in the front's rotation (nodes UP: $(front_nodes_up))"
      ;;
    *) fail "$usage" 64 ;;
  esac
}
