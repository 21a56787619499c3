# shellcheck shell=bash
# Sourced by ./hub: ./hub start --db galera, a three-node MariaDB Galera cluster on loopback from the Debian packages
# (development, tests and failover drills), ./hub db-node stop|kill|start K, and the cluster's lines in ./hub status.
#
# Each node K (1..3) has HUB_DATA_DIR/galera/K/ (my.cnf, data/, the socket), its pid in run/galera-K.pid and its log
# in run/galera-K.log; the launcher starts mariadbd itself (no service). SQL ports from HUB_GALERA_PORT (4306) up;
# node K's group communication port is HUB_GALERA_GROUP_PORT (4567) + 10 (K - 1), its IST port one more, its SST
# port two more. The hub's database user 'hub' gets a generated password, kept owner-only in
# HUB_DATA_DIR/galera/hub-password. The hub writes through one node at a time: Connector/J's failover URL lists the
# three nodes and the pool connects to the first that answers (docs/deployment.md, "Database cluster").

GALERA_NODES=3
GALERA_PROVIDER=/usr/lib/galera/libgalera_smm.so
GALERA_INSTALL="apt-get install -y galera-4 mariadb-server mariadb-backup socat"

galera_dir() { printf '%s/galera/%s' "$HUB_DATA_DIR" "$1"; }

galera_port() { printf '%s' "$(( ${HUB_GALERA_PORT:-4306} + $1 - 1 ))"; }

galera_group_port() { printf '%s' "$(( ${HUB_GALERA_GROUP_PORT:-4567} + 10 * ($1 - 1) ))"; }

# The SQL port node K was configured with (db-node and status work with the cluster as it was started).
galera_configured_port() {
  sed -n 's/^port=//p' "$(galera_dir "$1")/my.cnf" 2>/dev/null || galera_port "$1"
}

galera_require_packages() {
  local missing=()
  [[ -x /usr/sbin/mariadbd ]] || missing+=(mariadb-server)
  command -v mariadb-install-db >/dev/null 2>&1 || missing+=(mariadb-server)
  command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
  [[ -f "$GALERA_PROVIDER" ]] || missing+=(galera-4)
  command -v mariabackup >/dev/null 2>&1 || missing+=(mariadb-backup)
  command -v socat >/dev/null 2>&1 || missing+=(socat)
  (( ${#missing[@]} == 0 )) || fail "--db galera needs the Debian packages galera-4, mariadb-server, mariadb-backup and socat (missing: ${missing[*]}); install them with: sudo $GALERA_INSTALL  (or run .ci/install-cluster as root)"
}

galera_write_config() {
  local k="$1" dir group address="" n
  dir="$(galera_dir "$k")"
  group="$(galera_group_port "$k")"
  for (( n = 1; n <= GALERA_NODES; n++ )); do
    address+="${address:+,}127.0.0.1:$(galera_group_port "$n")"
  done
  mkdir -p "$dir"
  chmod 700 "$dir"
  {
    echo "# written by ./hub start --db galera: node $k of the development Galera cluster (loopback only)"
    echo "[mysqld]"
    echo "datadir=$dir/data"
    echo "socket=$dir/mysqld.sock"
    echo "pid-file=$dir/mysqld.pid"
    echo "tmpdir=$HUB_DATA_DIR/tmp"
    echo "port=$(galera_port "$k")"
    echo "bind-address=127.0.0.1"
    echo "skip-name-resolve"
    # mariadbd refuses to run as root unless told to; the launcher runs it as whoever runs ./hub
    [[ "$(id -u)" == "0" ]] && echo "user=root"
    echo "character-set-server=utf8mb4"
    echo "collation-server=utf8mb4_unicode_ci"
    echo "default_storage_engine=InnoDB"
    echo "binlog_format=ROW"
    echo "innodb_autoinc_lock_mode=2"
    # three servers share a development machine: small buffers; a commit is durable on the other nodes anyway
    echo "innodb_buffer_pool_size=128M"
    echo "innodb_log_file_size=48M"
    echo "innodb_flush_log_at_trx_commit=2"
    echo "max_connections=200"
    # Galera logs row events, so creating a trigger takes SUPER unless the server trusts trigger creators: the hub's
    # user has rights on its own schema only, and its migrations create triggers (audit append-only)
    echo "log_bin_trust_function_creators=1"
    echo "wsrep_on=ON"
    echo "wsrep_provider=$GALERA_PROVIDER"
    echo "wsrep_cluster_name=origin-hub"
    echo "wsrep_cluster_address=gcomm://$address"
    echo "wsrep_node_name=node-$k"
    echo "wsrep_node_address=127.0.0.1"
    echo "wsrep_provider_options=\"gmcast.listen_addr=tcp://127.0.0.1:$group;ist.recv_addr=127.0.0.1:$(( group + 1 ));base_port=$group;gcache.size=64M\""
    echo "wsrep_sst_receive_address=127.0.0.1:$(( group + 2 ))"
    # rsync SST fails here (rsync code 23, STACK.md); mariabackup copies a running donor without blocking it
    echo "wsrep_sst_method=mariabackup"
    echo "wsrep_sst_auth=root:"
  } >"$dir/my.cnf"
}

galera_initialised() { [[ -d "$(galera_dir "$1")/data/mysql" ]]; }

galera_init_node() {
  local k="$1" dir
  dir="$(galera_dir "$k")"
  local user=()
  [[ "$(id -u)" == "0" ]] && user=(--user=root)
  mariadb-install-db --defaults-file="$dir/my.cnf" "${user[@]}" --auth-root-authentication-method=normal \
    --skip-test-db >"$RUN_DIR/galera-$k.install.log" 2>&1 \
    || { tail -n 20 "$RUN_DIR/galera-$k.install.log" >&2; fail "mariadb-install-db failed for Galera node $k"; }
}

# galera_sql K SQL: the answer of node K (tab-separated, no headers), as root over its socket.
galera_sql() {
  timeout 10 mariadb --no-defaults --protocol=socket --socket="$(galera_dir "$1")/mysqld.sock" -uroot \
    --connect-timeout=2 -N -B -e "$2" 2>/dev/null
}

# galera_status K NAME: one status variable of node K (empty when it does not answer).
galera_status() {
  galera_sql "$1" "SHOW GLOBAL STATUS LIKE '$2'" | cut -f2
}

galera_running() {
  local k
  for (( k = 1; k <= GALERA_NODES; k++ )); do
    pid_alive "$(read_pid "galera-$k")" && return 0
  done
  return 1
}

# galera_start_node K [MARIADBD OPTION]...: starts node K and waits until it is Synced.
galera_start_node() {
  local k="$1" dir log pid waited=0
  shift
  dir="$(galera_dir "$k")"
  log="$RUN_DIR/galera-$k.log"
  [[ -s "$log" ]] && mv -f "$log" "$log.1"
  port_in_use 127.0.0.1 "$(galera_configured_port "$k")" \
    && fail "port $(galera_configured_port "$k") of Galera node $k is in use: stop what uses it or set HUB_GALERA_PORT"
  say "starting Galera node $k on port $(galera_configured_port "$k")${*:+ ($*)} (log: $log)"
  TMPDIR="$HUB_DATA_DIR/tmp" setsid /usr/sbin/mariadbd --defaults-file="$dir/my.cnf" "$@" >"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$RUN_DIR/galera-$k.pid"
  local limit=$(( ${HUB_GALERA_TIMEOUT:-300} * 2 ))
  until [[ "$(galera_status "$k" wsrep_local_state_comment)" == "Synced" ]]; do
    if ! pid_alive "$pid"; then
      tail -n 30 "$log" >&2 || true
      rm -f "$RUN_DIR/galera-$k.pid"
      return 1
    fi
    if (( waited++ > limit )); then
      say "Galera node $k did not become Synced within ${HUB_GALERA_TIMEOUT:-300} s (log: $log)"
      return 1
    fi
    sleep 0.5
  done
  say "Galera node $k synced (pid $pid, cluster size $(galera_status "$k" wsrep_cluster_size))"
}

# The position (uuid:seqno) a node's data holds: grastate.dat's, or for a node that crashed (seqno -1) the one InnoDB
# recovers (mariadbd --wsrep-recover, as Debian's service does before a start); empty for a node without data.
galera_position() {
  local k="$1" dir uuid seqno
  dir="$(galera_dir "$k")"
  [[ -f "$dir/data/grastate.dat" ]] || return 0
  uuid="$(sed -n 's/^uuid:[[:space:]]*//p' "$dir/data/grastate.dat")"
  seqno="$(sed -n 's/^seqno:[[:space:]]*//p' "$dir/data/grastate.dat")"
  if [[ -z "$seqno" || "$seqno" == "-1" ]]; then
    TMPDIR="$HUB_DATA_DIR/tmp" /usr/sbin/mariadbd --defaults-file="$dir/my.cnf" --wsrep-recover \
      --log-error="$RUN_DIR/galera-$k.recover.log" >/dev/null 2>&1 || true
    sed -n 's/.*WSREP: Recovered position: \([0-9a-f-]*:-\{0,1\}[0-9]*\).*/\1/p' \
      "$RUN_DIR/galera-$k.recover.log" 2>/dev/null | tail -n 1
    return 0
  fi
  printf '%s:%s' "$uuid" "$seqno"
}

# galera_join_node K [--wsrep-new-cluster]: starts node K from the position its data holds. A node killed with -9
# left seqno -1 in grastate.dat: with its recovered position a joiner catches up by IST (only what it missed, from a
# donor's gcache) instead of copying everything by SST, and a bootstrapping node continues the cluster's history
# instead of starting a new one (after which every other node would need a full SST).
galera_join_node() {
  local k="$1" position start=()
  shift
  position="$(galera_position "$k")"
  [[ "$position" == *:* && "${position##*:}" != "-1" ]] && start=(--wsrep-start-position="$position")
  galera_start_node "$k" "$@" "${start[@]}"
}

galera_seqno() {
  local position
  position="$(galera_position "$1")"
  position="${position##*:}"
  printf '%s' "${position:--1}"
}

# The node a cluster restarted after all its nodes stopped must grow from: the one grastate.dat marks
# safe_to_bootstrap (the last to stop cleanly), else the most advanced (after a crash of all), which is then marked.
galera_bootstrap_node() {
  local k best=1 best_seqno=-2 seqno
  for (( k = 1; k <= GALERA_NODES; k++ )); do
    if grep -q '^safe_to_bootstrap: 1' "$(galera_dir "$k")/data/grastate.dat" 2>/dev/null; then
      printf '%s' "$k"
      return 0
    fi
  done
  for (( k = 1; k <= GALERA_NODES; k++ )); do
    seqno="$(galera_seqno "$k")"
    if (( seqno > best_seqno )); then
      best="$k"
      best_seqno="$seqno"
    fi
  done
  say "no node stopped last cleanly: node $best holds the most transactions (seqno $best_seqno) and bootstraps" >&2
  sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$(galera_dir "$best")/data/grastate.dat"
  printf '%s' "$best"
}

galera_password_file() { printf '%s/galera/hub-password' "$HUB_DATA_DIR"; }

# The hub's database and user, created on the first start (replicated to the other nodes by Galera). The password
# is generated once and kept owner-only; it is never printed.
galera_create_hub_user() {
  local file password
  file="$(galera_password_file)"
  if [[ ! -s "$file" ]]; then
    (umask 077 && head -c 30 /dev/urandom | base64 | tr '+/' '-_' >"$file.new" && mv "$file.new" "$file") \
      || fail "cannot write $file"
  fi
  chmod 600 "$file"
  password="$(tr -d '\n' <"$file")"
  local host sql="CREATE DATABASE IF NOT EXISTS hub CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  for host in 127.0.0.1 localhost; do
    sql+="CREATE USER IF NOT EXISTS 'hub'@'$host' IDENTIFIED BY '$password';"
    sql+="ALTER USER 'hub'@'$host' IDENTIFIED BY '$password';"
    sql+="GRANT ALL PRIVILEGES ON hub.* TO 'hub'@'$host';"
  done
  # through stdin: the password never appears in a process list
  printf '%s\n' "$sql" | timeout 30 mariadb --no-defaults --protocol=socket \
    --socket="$(galera_dir 1)/mysqld.sock" -uroot >/dev/null || fail "could not create the hub's database and user on Galera node 1"
}

# Starts the whole cluster (first start: initialise and bootstrap node 1; later: bootstrap the safe node) and points
# the hub at it.
start_galera() {
  galera_require_packages
  mkdir -p "$HUB_DATA_DIR/galera" "$HUB_DATA_DIR/tmp"
  chmod 700 "$HUB_DATA_DIR/galera"
  local k first=0 bootstrap started_at=$SECONDS
  for (( k = 1; k <= GALERA_NODES; k++ )); do
    galera_write_config "$k"
  done
  if ! galera_initialised 1; then
    first=1
    say "initialising a $GALERA_NODES-node Galera cluster in $HUB_DATA_DIR/galera"
    rm -rf "$(galera_dir 1)/data"
    galera_init_node 1
    bootstrap=1
  else
    bootstrap="$(galera_bootstrap_node)"
  fi
  galera_join_node "$bootstrap" --wsrep-new-cluster || { stop_galera; fail "Galera node $bootstrap did not start (log: $RUN_DIR/galera-$bootstrap.log)"; }
  (( first == 1 )) && galera_create_hub_user
  for (( k = 1; k <= GALERA_NODES; k++ )); do
    (( k == bootstrap )) && continue
    # a joiner without data gets a full copy by SST (mariabackup); one with data catches up by IST when it can
    mkdir -p "$(galera_dir "$k")/data"
    galera_join_node "$k" || { stop_galera; fail "Galera node $k did not join (log: $RUN_DIR/galera-$k.log)"; }
  done
  [[ -s "$(galera_password_file)" ]] || fail "the hub's database password is missing ($(galera_password_file)): remove $HUB_DATA_DIR/galera to start afresh"
  local hosts=""
  for (( k = 1; k <= GALERA_NODES; k++ )); do
    hosts+="${hosts:+,}127.0.0.1:$(galera_port "$k")"
  done
  export HUB_DB_URL HUB_DB_USER HUB_DB_PASSWORD
  # Connector/J's failover: every connection goes to the first node that answers and stays there (no fall-back to
  # the first host while it is in use: one writer at a time), read-write after a failover too; when none
  # answers, two rounds over the hosts, then the request fails with ServiceUnavailable.
  HUB_DB_URL="jdbc:mysql://$hosts/hub?sslMode=DISABLED&failOverReadOnly=false&secondsBeforeRetrySource=0&queriesBeforeRetrySource=0&retriesAllDown=2"
  HUB_DB_USER=hub
  HUB_DB_PASSWORD="$(tr -d '\n' <"$(galera_password_file)")"
  say "Galera cluster ready in $(( SECONDS - started_at )) s: $hosts"
}

# Every node, the last one last: it is the one grastate.dat then marks safe to bootstrap from.
stop_galera() {
  local k
  for (( k = GALERA_NODES; k >= 1; k-- )); do
    if pid_alive "$(read_pid "galera-$k")"; then
      say "stopping Galera node $k"
    fi
    stop_pid "galera-$k" 120
  done
}

galera_status_lines() {
  local k pid state size
  for (( k = 1; k <= GALERA_NODES; k++ )); do
    [[ -f "$(galera_dir "$k")/my.cnf" ]] || continue
    pid="$(read_pid "galera-$k")"
    if pid_alive "$pid"; then
      state="$(galera_status "$k" wsrep_local_state_comment)"
      size="$(galera_status "$k" wsrep_cluster_size)"
      say "database node $k: pid $pid, port $(galera_configured_port "$k"), ${state:-not answering}, cluster size ${size:-?}"
    else
      say "database node $k: not running, port $(galera_configured_port "$k")"
    fi
  done
}

# ./hub db-node stop|kill|start K: the drills of a database node failure under a running hub.
cmd_db_node() {
  local usage="usage: ./hub db-node stop|kill|start K  (K from 1 to $GALERA_NODES)"
  local action="${1:-}" k="${2:-}"
  (( $# == 2 )) || fail "$usage" 64
  if ! [[ "$k" =~ ^[1-9]$ ]] || (( k > GALERA_NODES )); then
    fail "$usage" 64
  fi
  [[ -f "$(galera_dir "$k")/my.cnf" ]] || fail "no Galera cluster in $HUB_DATA_DIR/galera: ./hub start --db galera first" 64
  local pid
  pid="$(read_pid "galera-$k")"
  case "$action" in
    kill)
      pid_alive "$pid" || fail "Galera node $k is not running"
      kill -KILL "$pid"
      local waited=0
      while pid_alive "$pid" && (( waited++ < 100 )); do sleep 0.1; done
      rm -f "$RUN_DIR/galera-$k.pid"
      say "Galera node $k killed (kill -9, pid $pid)"
      ;;
    stop)
      pid_alive "$pid" || fail "Galera node $k is not running"
      stop_pid "galera-$k" 120
      say "Galera node $k stopped"
      ;;
    start)
      pid_alive "$pid" && fail "Galera node $k is already running (pid $pid)"
      galera_require_packages
      local n others=0
      for (( n = 1; n <= GALERA_NODES; n++ )); do
        (( n != k )) && pid_alive "$(read_pid "galera-$n")" && others=1
      done
      (( others == 1 )) || fail "no other Galera node runs for node $k to join: ./hub stop, then ./hub start --db galera restarts the whole cluster"
      mkdir -p "$RUN_DIR" "$HUB_DATA_DIR/tmp" "$(galera_dir "$k")/data"
      local started_at=$SECONDS
      galera_join_node "$k" || fail "Galera node $k did not rejoin (log: $RUN_DIR/galera-$k.log)"
      say "Galera node $k rejoined in $(( SECONDS - started_at )) s"
      ;;
    *) fail "$usage" 64 ;;
  esac
}
