# shellcheck shell=bash
# Sourced by ./hub: ./hub audit verify, against the running hub or an export.

# Needs only a JDK: no build, no database. The program prints the result; its exit status is the command's.
cmd_audit() {
  local usage="usage: ./hub audit verify [--signer FINGERPRINT]... [EXPORT.jsonl]"
  local sub="${1:-}"
  [[ "$sub" == "verify" ]] || fail "$usage" 64
  shift
  local signers=() export=""
  while (( $# > 0 )); do
    case "$1" in
      --signer) (( $# >= 2 )) || fail "$usage" 64; signers+=(--signer "$2"); shift 2 ;;
      -*) fail "$usage" 64 ;;
      *) [[ -z "$export" ]] || fail "$usage" 64; export="$1"; shift ;;
    esac
  done
  command -v java >/dev/null 2>&1 || fail "java not found: install a JDK 17 or newer" 2
  if [[ -n "$export" ]]; then
    [[ -r "$export" ]] || fail "cannot read the export $export" 2
    exec java "$AUDIT_PROGRAM" "${signers[@]}" "$export"
  fi
  (( ${#signers[@]} == 0 )) \
    || fail "--signer applies to an export; the running hub checks checkpoints against its own certificates" 64
  if [[ -z "${HUB_AUDIT_USER:-}" && -z "${HUB_AUDIT_PASSWORD:-}" && -z "${HUB_URL:-}" && -s "$DEMO_PASSWORD_FILE" ]]; then
    # the local demo's administrator (development only: that file exists only where --demo or ./hub demo ran)
    say "verifying as the demo's admin (password from $DEMO_PASSWORD_FILE; set HUB_AUDIT_USER and HUB_AUDIT_PASSWORD to sign in as someone else)"
    export HUB_AUDIT_USER=admin HUB_AUDIT_PASSWORD
    HUB_AUDIT_PASSWORD="$(tr -d '\n' <"$DEMO_PASSWORD_FILE")"
  fi
  [[ -n "${HUB_AUDIT_USER:-}" && -n "${HUB_AUDIT_PASSWORD:-}" ]] \
    || fail "set HUB_AUDIT_USER and HUB_AUDIT_PASSWORD (an auditor's or the secretariat's credentials) to verify the running hub" 2
  local port
  port="$(cat "$RUN_DIR/hub.port" 2>/dev/null || echo "$HUB_HTTP_PORT")"
  exec java "$AUDIT_PROGRAM" --url "${HUB_URL:-http://127.0.0.1:$port/}"
}
