# shellcheck shell=bash
# Sourced by ./hub: ./hub bench, the throughput benchmark.

# The load generator runs in its own JVM beside the hub (bench/, not in the WAR). A fresh hub by default: its own
# data folder (wiped), a generated admin password, and PUSH delivery polled often enough that the simulators are fed
# (the defaults, a batch of 20 every 2 s, cap PUSH delivery at 10 documents/s: the report names the values used).
cmd_bench() {
  local reuse=0 args=()
  while (( $# > 0 )); do
    case "$1" in
      --count|--concurrency|--store|--members)
        [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || fail "$1 needs a number (usage: ./hub bench [--count N] [--concurrency C] [--quick])" 64
        args+=("$1" "$2"); shift 2 ;;
      --quick) args+=("--quick"); shift ;;
      --reuse) reuse=1; shift ;;
      *) fail "unknown option for bench: $1 (usage: ./hub bench [--count N] [--concurrency C] [--quick] [--reuse])" 64 ;;
    esac
  done
  require_tools
  local out="${HUB_BENCH_OUT:-$HUB_HOME/target/bench}"
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  if (( reuse == 0 )); then
    HUB_DATA_DIR="${HUB_BENCH_DATA_DIR:-$HUB_DATA_DIR/bench}"
    RUN_DIR="$HUB_DATA_DIR/run"
    mkdir -p "$RUN_DIR"
    if hub_running; then
      fail "a bench hub is already running from $HUB_DATA_DIR (pid $(main_hub_pid)): ./hub stop with HUB_DATA_DIR=$HUB_DATA_DIR"
    fi
    stop_all
    rm -rf "$HUB_DATA_DIR/db" "$HUB_DATA_DIR/keys" "$HUB_DATA_DIR/payara" "$HUB_DATA_DIR/tmp"
    mkdir -p "$HUB_DATA_DIR/tmp"
    port_in_use 127.0.0.1 "$HUB_HTTP_PORT" && fail "port $HUB_HTTP_PORT is already in use: set HUB_HTTP_PORT"
  else
    hub_running || fail "--reuse: no hub is running from $HUB_DATA_DIR (./hub start --detach first)"
    [[ -f "$RUN_DIR/db.ready" ]] || fail "--reuse needs the hub's embedded database (its JDBC URL in $RUN_DIR/db.ready)"
    [[ -n "${HUB_ADMIN_PASSWORD:-}" ]] || fail "--reuse needs HUB_ADMIN_PASSWORD (the hub's admin password)"
    HUB_HTTP_PORT="$(cat "$RUN_DIR/hub.port" 2>/dev/null || echo "$HUB_HTTP_PORT")"
  fi
  build_if_needed
  local jar
  jar="$(compgen -G "$BENCH_JAR_GLOB" | head -1 || true)"
  if [[ -z "$jar" || ! -f "$BENCH_CLASSPATH_FILE" ]]; then
    say "building the load generator (mvn -q -pl bench -am package -DskipTests)"
    mvn -B -q -pl bench -am package -DskipTests || fail "building bench/ failed"
    jar="$(compgen -G "$BENCH_JAR_GLOB" | head -1)"
  fi
  if (( reuse == 0 )); then
    trap 'stop_all; exit 130' INT TERM
    export HUB_ADMIN_PASSWORD
    HUB_ADMIN_PASSWORD="$(head -c 30 /dev/urandom | base64 | tr '+/' '-_')"
    export HUB_DELIVERY_POLL="${HUB_DELIVERY_POLL:-PT0.05S}" HUB_DELIVERY_BATCH="${HUB_DELIVERY_BATCH:-50}"
    start_embedded_db
    start_hub
    say "bench hub ready on port $HUB_HTTP_PORT (data in $HUB_DATA_DIR)"
  fi
  local status=0 pids=() pid
  # every hub process, so that the report gives each node's CPU (a cluster run with --reuse: one per node)
  for pid in $(hub_pids); do pids+=(--hub-pid "$pid"); done
  java -Xmx1g -cp "$jar:$(cat "$BENCH_CLASSPATH_FILE")" org.originhub.bench.HubBench \
    --hub-url "http://127.0.0.1:$HUB_HTTP_PORT" "${pids[@]}" --db-url "$(head -1 "$RUN_DIR/db.ready")" \
    --data-dir "$HUB_DATA_DIR" --out "$out" ${args[@]+"${args[@]}"} || status=$?
  if (( reuse == 0 )); then
    say "stopping the bench hub"
    stop_all
  fi
  (( status == 0 )) || fail "the benchmark failed (exit $status)" "$status"
}
