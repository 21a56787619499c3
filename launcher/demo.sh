# shellcheck shell=bash
# Sourced by ./hub: ./hub demo and ./hub start --demo. The demo community seeded into the running hub, one gateway
# simulator per PUSH gateway, and the scenario played with the gateway kit.

# The demo signs in as admin, so admin must get a password the demo knows: HUB_ADMIN_PASSWORD when the developer
# set one, else one generated once and kept in the data folder (owner-only), so that later starts on the same
# database still know it. Either takes effect only when the hub creates admin in an empty database.
demo_admin_password() {
  if [[ -n "${HUB_ADMIN_PASSWORD:-}" ]]; then
    DEMO_PASSWORD_SHOWN="the one in HUB_ADMIN_PASSWORD"
    DEMO_PASSWORD_FROM_FILE=0
    return 0
  fi
  mkdir -p "$DEMO_DIR"
  chmod 700 "$DEMO_DIR"
  if [[ ! -s "$DEMO_PASSWORD_FILE" ]]; then
    # 30 random bytes -> 40 base64 characters, made URL-safe so that no shell or URL needs to quote them.
    (umask 077 && head -c 30 /dev/urandom | base64 | tr '+/' '-_' >"$DEMO_PASSWORD_FILE.new" \
      && mv "$DEMO_PASSWORD_FILE.new" "$DEMO_PASSWORD_FILE") || fail "cannot write $DEMO_PASSWORD_FILE"
  fi
  chmod 600 "$DEMO_PASSWORD_FILE"
  export HUB_ADMIN_PASSWORD
  HUB_ADMIN_PASSWORD="$(tr -d '\n' <"$DEMO_PASSWORD_FILE")"
  DEMO_PASSWORD_FROM_FILE=1
  # A local development demo: showing the password saves a trip to the file.
  DEMO_PASSWORD_SHOWN="$HUB_ADMIN_PASSWORD  (stored in $DEMO_PASSWORD_FILE)"
}

# The seeding program is JDK-only and not part of the WAR; it prints what it created and a summary. It reads the
# stored password itself when there is one (and then says so), else takes HUB_ADMIN_PASSWORD.
seed_demo() {
  say "seeding the demo community (keys in $DEMO_DIR)"
  local args=(--port "$HUB_HTTP_PORT" --data-dir "$HUB_DATA_DIR" --simulator-port "$HUB_DEMO_SIMULATOR_PORT")
  if (( DEMO_PASSWORD_FROM_FILE == 1 )); then
    env -u HUB_ADMIN_PASSWORD java "$DEMO_PROGRAM" "${args[@]}"
  else
    java "$DEMO_PROGRAM" "${args[@]}"
  fi
}

print_demo_login() {
  cat <<EOF
hub: demo community ready; sign in as the secretariat administrator
  user          admin
  password      $DEMO_PASSWORD_SHOWN
  try           curl -u admin http://127.0.0.1:$HUB_HTTP_PORT/api/admin/directory
EOF
}

# One gateway simulator (the kit's `simulate`) per PUSH gateway that the seeding listed in demo/push-gateways
# (member, port, path, keystore, password file; tab-separated), in the background: pid in run/sim-<member>.pid, log
# in run/sim-<member>.log, what it receives under demo/received/<member>/. Each verifies the hub's signature with the
# pinned demo/hub.pem and acknowledges with its gateway key. Those of an earlier run are replaced: ports may differ.
start_simulators() {
  local list="$DEMO_DIR/push-gateways" jar member port path keystore password name
  [[ -s "$list" ]] || { say "the seeding wrote no list of PUSH gateways ($list)"; return 1; }
  jar="$(kit_jar)"
  stop_simulators
  while IFS=$'\t' read -r member port path keystore password; do
    [[ -n "$member" ]] || continue
    name="sim-$(tr '[:upper:]' '[:lower:]' <<<"$member")"
    if port_in_use 127.0.0.1 "$port"; then
      say "port $port, where the simulator of $member's PUSH gateway must listen, is in use: stop what uses it or choose other ports with HUB_DEMO_SIMULATOR_PORT"
      return 1
    fi
    mkdir -p "$DEMO_DIR/received/${name#sim-}"
    # Small JVMs: a simulator answers a handful of signed requests; the hub needs the cores more.
    # shellcheck disable=SC2086 # the JVM options, one word each
    setsid java ${HUB_DEMO_SIMULATOR_JAVA_OPTS:--Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
      -Djava.io.tmpdir="$HUB_DATA_DIR/tmp" -Dslf4j.internal.verbosity=ERROR -jar "$jar" simulate --host 127.0.0.1 --port "$port" --path "$path" \
      --keystore "$keystore" --password-file "$password" --hub-cert "$DEMO_DIR/hub.pem" \
      --store "$DEMO_DIR/received/${name#sim-}" >"$RUN_DIR/$name.log" 2>&1 </dev/null &
    echo "$!" >"$RUN_DIR/$name.pid"
  done <"$list"
  local file pid waited
  for file in "$RUN_DIR"/sim-*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    pid="$(cat "$file")"
    waited=0
    until grep -q "Gateway simulator listening at" "$RUN_DIR/$name.log" 2>/dev/null; do
      if ! pid_alive "$pid" || (( waited++ > 600 )); then
        tail -n 20 "$RUN_DIR/$name.log" >&2 || true
        say "the gateway simulator $name did not start (log: $RUN_DIR/$name.log)"
        return 1
      fi
      sleep 0.1
    done
    say "gateway simulator $name: $(grep -o 'listening at .*' "$RUN_DIR/$name.log" | head -1) (pid $pid)"
  done
}

# ./hub status: a line per running simulator.
simulators_status() {
  local file
  for file in "$RUN_DIR"/sim-*.pid; do
    [[ -e "$file" ]] || continue
    if pid_alive "$(cat "$file")"; then
      say "demo gateway simulator $(basename "$file" .pid) running: pid $(cat "$file") (log: ${file%.pid}.log)"
    fi
  done
}

# The gateway simulators of ./hub demo, one pid file each (run/sim-ke.pid, ...).
stop_simulators() {
  local file
  for file in "$RUN_DIR"/sim-*.pid; do
    [[ -e "$file" ]] || continue
    file="${file##*/}"
    stop_pid "${file%.pid}" 15
  done
}

# The scenario program (single-file Java, not part of the WAR) with the kit's jar on its class path.
play_scenario() {
  say "playing the demo scenario with the gateway kit (hub-web/src/demo/java/DemoScenario.java)"
  # (the kit logs through java.util.logging; slf4j, present in the jar without a binding, would only warn so)
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.io.tmpdir="$HUB_DATA_DIR/tmp" \
    -Dslf4j.internal.verbosity=ERROR -cp "$(kit_jar)" \
    "$SCENARIO_PROGRAM" --port "$HUB_HTTP_PORT" --data-dir "$HUB_DATA_DIR" --timeout "${HUB_DEMO_TIMEOUT:-90}"
}

print_demo_running() {
  local base="http://127.0.0.1:$HUB_HTTP_PORT" response file name
  echo "hub: the demo keeps running: hub, database and gateway simulators stay up until ./hub stop"
  # The secretariat console is part of the WAR only from the console release on: show it when it answers.
  response="$(http_get "$HUB_HTTP_PORT" /console/ || true)"
  if [[ -n "$response" && "$response" != "HTTP/1."?" 404"* ]]; then
    echo "  console       $base/console/  (sign in as admin, password above)"
  else
    echo "  console       none in this build ($base/console/ answers 404); the admin API is at $base/api/admin/"
  fi
  for file in "$RUN_DIR"/sim-*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    echo "  simulator     ${name#sim-}: $(grep -o 'http://[^ ]*' "$RUN_DIR/$name.log" | head -1) (log $RUN_DIR/$name.log, documents in $DEMO_DIR/received/${name#sim-}/)"
  done
  echo "  play again    ./hub demo    (new COs, the same community)"
  echo "  stop          ./hub stop    (hub, database and simulators)"
}

cmd_demo() {
  (( $# == 0 )) || fail "usage: ./hub demo  (takes no options; configured through the environment, see ./hub help)" 64
  # As for --demo: a demo CA whose key lies in a developer's folder must never become a real registry's trust anchor.
  if [[ -n "${HUB_DB_URL:-}" ]]; then
    fail "./hub demo is for development on the embedded database only: unset HUB_DB_URL to use it" 64
  fi
  if ! [[ "$HUB_DEMO_SIMULATOR_PORT" =~ ^[0-9]{1,5}$ ]] || (( HUB_DEMO_SIMULATOR_PORT < 1 || HUB_DEMO_SIMULATOR_PORT > 65000 )); then
    fail "HUB_DEMO_SIMULATOR_PORT must be a TCP port from 1 to 65000, not $HUB_DEMO_SIMULATOR_PORT" 64
  fi
  require_tools
  mkdir -p "$RUN_DIR" "$HUB_DATA_DIR/tmp"
  local started=0 hub_pid
  hub_pid="$(main_hub_pid)"
  if hub_nodes_running; then
    # Re-running the demo plays on the hub that runs: same community, new COs. Only an embedded, ready one will do.
    HUB_HTTP_PORT="$(cat "$RUN_DIR/hub.port" 2>/dev/null || echo "$HUB_HTTP_PORT")"
    pid_alive "$(read_pid db)" || galera_running || fail "the hub running on $HUB_DATA_DIR (pid $hub_pid) uses an external database; the demo runs on the embedded one only: ./hub stop first" 64
    hub_ready "$HUB_HTTP_PORT" || fail "the hub (pid $hub_pid, port $HUB_HTTP_PORT) runs but is not ready: ./hub status tells why; ./hub stop, then ./hub demo"
    # Never rebuild under a running hub (mvn would replace its WAR): only a missing kit is built.
    [[ -f "$(kit_jar)" ]] || build_if_needed kit
    say "reusing the hub already running on port $HUB_HTTP_PORT (pid $hub_pid)"
    demo_admin_password
  else
    stop_all --keep-simulators # leftovers of a crashed run (start_simulators replaces the simulators below)
    port_in_use 127.0.0.1 "$HUB_HTTP_PORT" && fail "port $HUB_HTTP_PORT is already in use: stop what uses it or set HUB_HTTP_PORT"
    build_if_needed kit
    started=1
    trap 'stop_all; exit 1' INT TERM
    # Deliveries a person watches: a push within a second, and a retry within seconds if a simulator was restarting.
    export HUB_DELIVERY_POLL="${HUB_DELIVERY_POLL:-PT1S}" HUB_DELIVERY_RETRY_FIRST="${HUB_DELIVERY_RETRY_FIRST:-PT5S}"
    start_embedded_db
    demo_admin_password
    start_hub
  fi
  local problem=""
  if ! seed_demo; then
    problem="seeding the demo community failed (see above)"
  elif ! start_simulators; then
    problem="the gateway simulators could not be started (see above)"
  fi
  if [[ -n "$problem" ]]; then
    stop_simulators
    if (( started == 1 )); then
      stop_all
      fail "$problem, so the hub was stopped again"
    fi
    fail "$problem; the hub keeps running"
  fi
  local scenario=0
  play_scenario || scenario=$?
  trap - INT TERM
  print_urls
  print_demo_login
  print_demo_running
  if (( scenario != 0 )); then
    fail "the demo scenario did not complete (exit $scenario, see above); everything is left running to look at" "$scenario"
  fi
}
