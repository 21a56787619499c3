# shellcheck shell=bash
# Sourced by ./hub: messages, the checks of the tools, HTTP on loopback without curl, process ids under RUN_DIR, and
# the build of what the hub needs.

say() { printf 'hub: %s\n' "$*"; }

fail() { printf 'hub: error: %s\n' "$1" >&2; exit "${2:-1}"; }

require_tools() {
  command -v java >/dev/null 2>&1 || fail "java not found: install a JDK 17 or newer (for example: apt-get install openjdk-17-jdk-headless)"
  local version
  version="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  [[ "${version%%.*}" =~ ^[0-9]+$ ]] || fail "cannot tell the Java version (java -version failed)"
  (( ${version%%.*} >= 17 )) || fail "Java $version found, Origin Hub needs Java 17 or newer (set JAVA_HOME or PATH)"
  command -v mvn >/dev/null 2>&1 || fail "mvn not found: install Apache Maven 3.8 or newer (for example: apt-get install maven)"
}

# http_get PORT PATH: the response (status line, headers, body) of a plain HTTP/1.0 GET on 127.0.0.1, with bash's
# /dev/tcp only, so that a machine with nothing but a JDK and Maven can run the hub (no curl needed).
http_get() {
  local response
  # shellcheck disable=SC2016 # the inner script expands its own arguments, $1 and $2
  response="$(timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" "$2" >&3
    cat <&3' _ "$1" "$2" 2>/dev/null)" || return 1
  printf '%s' "$response"
}

# Ready = Payara's readiness is UP *and* includes the hub's own database check: before the WAR is deployed, MicroProfile
# Health answers UP with no checks at all.
hub_ready() {
  local response body
  response="$(http_get "$1" /health/ready)" || return 1
  [[ "$response" == "HTTP/1.1 200"* || "$response" == "HTTP/1.0 200"* ]] || return 1
  body="${response#*$'\r\n\r\n'}"
  [[ "$body" == *'"name":"database"'* && "$body" == '{"status":"UP"'* ]]
}

port_in_use() { (exec 3<>"/dev/tcp/$1/$2") >/dev/null 2>&1; }

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

read_pid() { cat "$RUN_DIR/$1.pid" 2>/dev/null || true; }

# stop_pid NAME SECONDS: TERM, then KILL after SECONDS.
stop_pid() {
  local name="$1" grace="$2" pid
  pid="$(read_pid "$name")"
  if pid_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0
    while pid_alive "$pid" && (( waited++ < grace * 10 )); do sleep 0.1; done
    if pid_alive "$pid"; then
      say "$name did not stop in ${grace} s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$RUN_DIR/$name.pid"
}

# Builds the WAR, the Payara Micro runtime and the embedded database class path when any is missing or older than
# the sources; `build_if_needed kit` also wants the gateway kit's runnable jar (./hub demo runs the kit).
build_if_needed() {
  local required=("$WAR" "$MICRO_JAR" "$DB_CLASSPATH_FILE")
  [[ "${1:-}" == "kit" ]] && required+=("$(kit_jar)")
  if [[ "${HUB_SKIP_BUILD:-0}" == "1" ]]; then
    for f in "${required[@]}"; do [[ -f "$f" ]] || fail "HUB_SKIP_BUILD=1 but $f is missing"; done
    return 0
  fi
  local needed=0
  for f in "${required[@]}"; do [[ -f "$f" ]] || needed=1; done
  # (the demo program under hub-web/src/demo is not part of the WAR: editing it needs no build)
  if (( needed == 0 )) && [[ -n "$(find . \( -path ./var -o -path ./hub-web/src/demo \) -prune -o \
        \( -name '*.java' -o -name '*.xml' -o -name '*.sql' -o -name '*.wsdl' -o -name '*.xsd' -o -name '*.xhtml' \
        -o -name '*.properties' -o -name '*.html' \) \
        -newer "$WAR" -not -path '*/target/*' -print -quit)" ]]; then
    needed=1
  fi
  if (( needed == 1 )); then
    say "building (mvn -DskipTests install; the first build downloads dependencies)"
    mvn -B -q -DskipTests install || fail "the build failed (see the Maven output above)"
  fi
}

# The kit's command line with all it needs (one jar), or the pattern itself when it is not built.
kit_jar() {
  local jar
  # shellcheck disable=SC2012,SC2086 # a glob on purpose, newest first; the jars' names have no blanks
  jar="$(ls -t $KIT_JAR_PATTERN 2>/dev/null | head -n 1 || true)"
  printf '%s' "${jar:-$KIT_JAR_PATTERN}"
}
