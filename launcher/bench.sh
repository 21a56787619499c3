# shellcheck shell=bash
# Sourced by ./hub: ./hub bench, the throughput benchmark.

# The load generator runs in its own JVM beside the hub (bench/, not in the WAR). A fresh hub by default: its own
# data folder (wiped), a generated admin password, and PUSH delivery claimed 50 at a time. A committed PUSH
# submission starts a delivery run at once, which claims while its claims are full, so the poll (the default, every
# 2 s) only picks up retries; the report names the values used.
#
# --db galera: the one-node run stays on the embedded database (the reference), the run on N nodes goes to a fresh
# three-node Galera cluster, so its ratios show what the hub cluster and the database cluster cost together. With
# --nodes 1 (the default) the second run is one hub node on Galera: the database cluster's cost alone.
#
# Beside every fresh hub, on the same Payara Micro, the bare signed echo (bench/echo), with keys made for the run.
# --hub-key-bits A,B: the bench on a fresh hub with an A-bit development key, then with a B-bit one.
#
# --soak DURATION (Ns, Nm or Nh, at least 4m): instead of the throughput bench, a soak on a fresh one-node hub on the
# embedded database (bench/.../Soak.java; docs/performance.md, "Soak"). The hub writes a GC log (-Xlog:gc) where the
# soak reads the heap after each collection without forcing any, and retries a failed push first after 10 s
# (HUB_DELIVERY_RETRY_FIRST, unless set) so the 1 % of failing deliveries are retried many times over and the queue
# drains within the soak's bounded wait. Exit status 1 when the soak fails.
cmd_bench() {
  local reuse=0 nodes=1 db=embedded args=() key_bits=() soak=""
  local usage="usage: ./hub bench [--count N] [--concurrency C] [--quick] [--store M] [--members K] [--nodes N] [--db galera] [--hub-key-bits A[,B]] [--reuse] | ./hub bench --soak DURATION [--concurrency C]"
  while (( $# > 0 )); do
    case "$1" in
      --soak)
        [[ "${2:-}" =~ ^[1-9][0-9]{0,5}[smh]$ ]] || fail "--soak takes a duration: Ns, Nm or Nh, e.g. 5m or 1h ($usage)" 64
        soak="$2"; shift 2
        local seconds="${soak%?}"
        case "$soak" in
          *m) seconds=$(( seconds * 60 )) ;;
          *h) seconds=$(( seconds * 3600 )) ;;
        esac
        (( seconds >= 240 && seconds <= 86400 )) \
          || fail "--soak must be between 4m and 24h (three minute samples after the warm-up make a slope)" 64 ;;
      --db=galera) db=galera; shift ;;
      --db)
        [[ "${2:-}" == "galera" ]] || fail "--db takes one value: galera ($usage)" 64
        db=galera; shift 2 ;;
      --hub-key-bits)
        [[ "${2:-}" =~ ^(2048|3072|4096)(,(2048|3072|4096))?$ ]] \
          || fail "--hub-key-bits takes one or two of 2048, 3072, 4096, comma-separated ($usage)" 64
        IFS=, read -r -a key_bits <<<"$2"
        shift 2 ;;
      --count|--concurrency|--store|--members)
        [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || fail "$1 needs a number ($usage)" 64
        args+=("$1" "$2"); shift 2 ;;
      --nodes)
        if ! [[ "${2:-}" =~ ^[1-9]$ ]] || (( $2 > HUB_MAX_NODES )); then
          fail "--nodes takes 1 to $HUB_MAX_NODES ($usage)" 64
        fi
        nodes="$2"; shift 2 ;;
      --quick) args+=("--quick"); shift ;;
      --reuse) reuse=1; shift ;;
      *) fail "unknown option for bench: $1 ($usage)" 64 ;;
    esac
  done
  if [[ -n "$soak" ]]; then
    local a
    for a in ${args[@]+"${args[@]}"}; do
      [[ "$a" == --concurrency || "$a" =~ ^[0-9]+$ ]] \
        || fail "--soak takes --concurrency only; $a belongs to the throughput bench ($usage)" 64
    done
    if (( reuse == 1 || nodes > 1 || ${#key_bits[@]} > 0 )) || [[ "$db" != embedded ]]; then
      fail "--soak runs on a fresh one-node hub on the embedded database: no --reuse, --nodes, --db or --hub-key-bits" 64
    fi
  fi
  (( reuse == 0 || nodes == 1 )) || fail "--nodes starts hubs of its own; with --reuse the bench measures the hub that runs" 64
  [[ "$reuse" == 0 || "$db" == embedded ]] || fail "--db galera starts a database cluster of its own; with --reuse the bench measures the hub that runs" 64
  (( reuse == 0 || ${#key_bits[@]} == 0 )) || fail "--hub-key-bits starts hubs of its own; with --reuse the bench measures the hub that runs" 64
  if (( ${#key_bits[@]} == 2 )) && { (( nodes > 1 )) || [[ "$db" != embedded ]]; }; then
    fail "--hub-key-bits A,B compares two one-node runs on the embedded database: run --nodes and --db on their own" 64
  fi
  require_tools
  (( nodes == 1 )) || require_haproxy
  [[ "$db" == embedded ]] || galera_require_packages
  local out="${HUB_BENCH_OUT:-$HUB_HOME/target/bench}"
  [[ -z "$soak" || -n "${HUB_BENCH_OUT:-}" ]] || out="$HUB_HOME/target/bench/soak"
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  build_if_needed
  local jar
  jar="$(compgen -G "$BENCH_JAR_GLOB" | head -1 || true)"
  if [[ -z "$jar" || ! -f "$BENCH_CLASSPATH_FILE" || ! -f "$BENCH_ECHO_WAR" \
        || -n "$(find "$HUB_HOME/bench/src" "$HUB_HOME/bench/pom.xml" "$HUB_HOME/bench/echo/src" \
          "$HUB_HOME/bench/echo/pom.xml" -newer "$jar" -print -quit)" ]]; then
    say "building the load generator (mvn -q -pl bench -am package -DskipTests)"
    mvn -B -q -pl bench -am package -DskipTests || fail "building bench/ failed"
    jar="$(compgen -G "$BENCH_JAR_GLOB" | head -1)"
  fi
  if (( reuse == 1 )); then
    hub_running || fail "--reuse: no hub is running from $HUB_DATA_DIR (./hub start --detach first)"
    [[ -f "$RUN_DIR/db.ready" ]] || fail "--reuse needs the hub's embedded database (its JDBC URL in $RUN_DIR/db.ready)"
    [[ -n "${HUB_ADMIN_PASSWORD:-}" ]] || fail "--reuse needs HUB_ADMIN_PASSWORD (the hub's admin password)"
    HUB_HTTP_PORT="$(cat "$RUN_DIR/hub.port" 2>/dev/null || echo "$HUB_HTTP_PORT")"
    export HUB_DB_URL HUB_DB_USER=root HUB_DB_PASSWORD=""
    HUB_DB_URL="$(head -1 "$RUN_DIR/db.ready")"
    bench_load embedded "$jar" "$out" ${args[@]+"${args[@]}"} || fail "the benchmark failed (exit $?)"
    return 0
  fi
  HUB_DATA_DIR="${HUB_BENCH_DATA_DIR:-$HUB_DATA_DIR/bench}"
  RUN_DIR="$HUB_DATA_DIR/run"
  mkdir -p "$RUN_DIR"
  if hub_running; then
    fail "a bench hub is already running from $HUB_DATA_DIR (pid $(main_hub_pid)): ./hub stop with HUB_DATA_DIR=$HUB_DATA_DIR"
  fi
  trap 'stop_all; exit 130' INT TERM
  export HUB_ADMIN_PASSWORD
  HUB_ADMIN_PASSWORD="$(head -c 30 /dev/urandom | base64 | tr '+/' '-_')"
  export HUB_DELIVERY_BATCH="${HUB_DELIVERY_BATCH:-50}"
  if (( ${#key_bits[@]} == 2 )); then
    # Two hub key sizes: the same bench on a fresh hub with each, the second report giving both side by side
    # (figures.properties of out/hub-key-A).
    say "bench with a ${key_bits[0]}-bit hub key first (report: $out/hub-key-${key_bits[0]}), then with a ${key_bits[1]}-bit one (report: $out)"
    mkdir -p "$out/hub-key-${key_bits[0]}"
    export HUB_DEV_KEY_BITS="${key_bits[0]}"
    bench_fresh_hub 1 embedded "$jar" "$out/hub-key-${key_bits[0]}" ${args[@]+"${args[@]}"}
    HUB_DEV_KEY_BITS="${key_bits[1]}"
    bench_fresh_hub 1 embedded "$jar" "$out" --baseline-run "$out/hub-key-${key_bits[0]}" ${args[@]+"${args[@]}"}
    return
  fi
  if [[ -n "$soak" ]]; then
    export HUB_DELIVERY_RETRY_FIRST="${HUB_DELIVERY_RETRY_FIRST:-PT10S}" HUB_JAVA_OPTS
    HUB_JAVA_OPTS="${HUB_JAVA_OPTS:--Xmx512m} -Xlog:gc:file=$HUB_DATA_DIR/gc.log:uptime:filecount=0"
    rm -f "$HUB_DATA_DIR/gc.log"
    BENCH_ECHO=0
    say "soak of $soak on a fresh hub (report: $out/report.md, chart: $out/soak.png)"
    bench_fresh_hub 1 embedded "$jar" "$out" --soak "$soak" --gc-log "$HUB_DATA_DIR/gc.log" ${args[@]+"${args[@]}"}
    return
  fi
  (( ${#key_bits[@]} == 0 )) || export HUB_DEV_KEY_BITS="${key_bits[0]}"
  if (( nodes == 1 )) && [[ "$db" == embedded ]]; then
    bench_fresh_hub 1 embedded "$jar" "$out" ${args[@]+"${args[@]}"}
    return
  fi
  # Several nodes, or Galera: the same bench on one node over the embedded database first, then on N nodes over the
  # chosen database, each on a fresh hub and database; the second report gives the ratios to the first
  # (figures.properties of out/one-node).
  local what="$nodes node"
  (( nodes == 1 )) || what+="s"
  [[ "$db" == embedded ]] || what+=" on a fresh Galera cluster"
  say "bench on one node first (report: $out/one-node), then on $what (report: $out)"
  mkdir -p "$out/one-node"
  bench_fresh_hub 1 embedded "$jar" "$out/one-node" ${args[@]+"${args[@]}"}
  bench_fresh_hub "$nodes" "$db" "$jar" "$out" --baseline-run "$out/one-node" ${args[@]+"${args[@]}"}
}

# bench_fresh_hub NODES DB JAR OUT [BENCH OPTION]...: a wiped data folder, a fresh hub of NODES nodes on DB (embedded,
# or galera: a new three-node cluster as ./hub start --db galera makes it) with the bare signed echo beside it (fresh
# keys; not with BENCH_ECHO=0, as for the soak: the hub alone), the load generator against both, then everything
# stopped.
bench_fresh_hub() {
  local nodes="$1" db="$2" jar="$3" out="$4" echo_keys="$HUB_DATA_DIR/echo-keys" echo_args=()
  shift 4
  stop_all
  rm -rf "$HUB_DATA_DIR/db" "$HUB_DATA_DIR/galera" "$HUB_DATA_DIR/keys" "$HUB_DATA_DIR/payara" \
    "$HUB_DATA_DIR/nodes" "$HUB_DATA_DIR/tmp" "$echo_keys"
  mkdir -p "$HUB_DATA_DIR/tmp"
  if [[ "${BENCH_ECHO:-1}" == 1 ]]; then
    java -cp "$jar:$(cat "$BENCH_CLASSPATH_FILE")" org.originhub.bench.EchoKeyMaker "$echo_keys" \
      || fail "the bare echo's keys could not be made in $echo_keys"
    export BENCH_ECHO_KEYS="$echo_keys"
    # shellcheck disable=SC2034 # read by start_hub and start_node (node.sh, cluster.sh)
    EXTRA_DEPLOY=(--deploy "$BENCH_ECHO_WAR:/bench-echo")
    echo_args=(--echo-url "http://127.0.0.1:$HUB_HTTP_PORT/bench-echo/services/echo" --echo-keys "$echo_keys")
  fi
  port_in_use 127.0.0.1 "$HUB_HTTP_PORT" && fail "port $HUB_HTTP_PORT is already in use: set HUB_HTTP_PORT"
  (( nodes == 1 )) || check_cluster_ports "$nodes"
  if [[ "$db" == galera ]]; then
    start_galera
  else
    start_embedded_db
  fi
  # start to ready: from launching the hub (its database up) to its readiness; with several nodes, until the front
  # opens (node 1 first, then the others together)
  local started ready_seconds
  started="$(date +%s%N)"
  if (( nodes == 1 )); then
    start_hub
  else
    start_cluster "$nodes"
  fi
  ready_seconds="$(( ($(date +%s%N) - started) / 1000000 ))"
  ready_seconds="$(( ready_seconds / 1000 )).$(( ready_seconds % 1000 / 100 ))"
  say "bench hub ready on port $HUB_HTTP_PORT, $nodes node(s) on the $db database, $ready_seconds s after its launch (data in $HUB_DATA_DIR)"
  local status=0
  bench_load "$db" "$jar" "$out" --start-to-ready "$ready_seconds" ${echo_args[@]+"${echo_args[@]}"} "$@" \
    || status=$?
  say "stopping the bench hub"
  stop_all
  (( status == 0 )) || fail "the benchmark failed (exit $status; a soak exits 1 when its verdict is FAILED: $out/report.md)" "$status"
}

# bench_load DB JAR OUT [BENCH OPTION]...: the load generator against the hub that runs from HUB_DATA_DIR on the
# database HUB_DB_URL names (DB: embedded or galera), given every hub process so that the report gives each node's
# CPU, and with Galera each database node's server process (the embedded server the bench finds by its data folder).
# The database password reaches the bench through the environment (HUB_DB_PASSWORD), never its command line.
bench_load() {
  local db="$1" jar="$2" out="$3" pids=() pid k
  shift 3
  for pid in $(hub_pids); do pids+=(--hub-pid "$pid"); done
  if [[ "$db" == galera ]]; then
    for (( k = 1; k <= GALERA_NODES; k++ )); do
      pid="$(read_pid "galera-$k")"
      pid_alive "$pid" && pids+=(--db-pid "$pid")
    done
  fi
  HUB_DB_PASSWORD="${HUB_DB_PASSWORD:-}" java -Xmx1g -cp "$jar:$(cat "$BENCH_CLASSPATH_FILE")" org.originhub.bench.HubBench \
    --hub-url "http://127.0.0.1:$HUB_HTTP_PORT" "${pids[@]}" --database "$db" --db-url "$HUB_DB_URL" \
    --db-user "$HUB_DB_USER" --data-dir "$HUB_DATA_DIR" --out "$out" "$@"
}
