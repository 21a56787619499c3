# shellcheck shell=bash
# Sourced by ./hub: ./hub test, the whole test suite as CI runs it.

cmd_test() {
  require_tools
  # The console's browser tests need Debian's Chromium and ChromeDriver (installed when missing and root).
  "$HUB_HOME/.ci/install-browser"
  mvn -B verify "$@"
}
