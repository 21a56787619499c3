# shellcheck shell=bash
# Sourced by ./hub: ./hub test, the whole test suite as CI runs it.

# ShellCheck on the launcher and the CI scripts, before Maven: the launcher is no Maven module, and a mistake in it
# should stop the run in seconds rather than after the suite. Without shellcheck (not installed, not root to install
# it) the check is skipped with a warning, and fails under CI=true.
check_launcher() {
  "$HUB_HOME/.ci/install-shellcheck"
  if ! command -v shellcheck >/dev/null 2>&1; then
    [[ "${CI:-}" != "true" ]] || fail "shellcheck is missing, and CI=true requires the launcher check"
    say "shellcheck is missing: the launcher check is skipped"
    return 0
  fi
  say "checking the launcher with shellcheck (hub, launcher/*.sh, .ci/*)"
  (cd "$HUB_HOME" && shellcheck -x hub launcher/*.sh .ci/*) || fail "shellcheck found problems in the launcher (above)"
}

cmd_test() {
  require_tools
  check_launcher
  # The console's browser tests need Debian's Chromium and ChromeDriver (installed when missing and root).
  "$HUB_HOME/.ci/install-browser"
  # The cluster tests need HAProxy and socat (and the Galera ones galera-4, mariadb-server, mariadb-backup).
  "$HUB_HOME/.ci/install-cluster"
  mvn -B verify "$@"
}
