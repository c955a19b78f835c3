# fetch_lib.sh: helpers for the fetch cases (sourced after lib.sh): test certificates,
# the fault-injecting HTTPS server on 127.0.0.1, pinned test files, and the fetch driver.
: "${BS_FETCH:?BS_FETCH must name the bs_fetch test driver}"
SERVER_PY="$BS_FIXTURES/https_server.py"
CERTS="$T/certs"
FILES="$T/files"
CACHE="$T/cache"
LOG="$T/server.log"
SERVER_PID=""
mkdir -p "$FILES"
bash "$BS_FIXTURES/gen_certs.sh" "$CERTS"

stop_server() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    SERVER_PID=""
}
trap 'stop_server; cleanup' EXIT

# start_server [CERT]: serves $FILES with certs/CERT.{crt,key} (default good); sets PORT.
start_server() {
    stop_server
    local cert="${1:-good}"
    rm -f "$T/port" "$T/proxy.port"
    python3 "$SERVER_PY" --root "$FILES" --cert "$CERTS/$cert.crt" --key "$CERTS/$cert.key" \
        --log "$LOG" --port-file "$T/port" --proxy407-port-file "$T/proxy.port" &
    SERVER_PID=$!
    for _ in $(seq 1 100); do [ -s "$T/port" ] && [ -s "$T/proxy.port" ] && break; sleep 0.05; done
    PORT=$(cat "$T/port")
    PROXY_PORT=$(cat "$T/proxy.port")
    BASE="https://127.0.0.1:$PORT"
}

# make_file NAME BYTES: random content; sets SHA and SIZE.
make_file() {
    head -c "$2" /dev/urandom >"$FILES/$1"
    SHA=$(sha256sum "$FILES/$1" | cut -d' ' -f1)
    SIZE=$2
}

# fetch URL...: the driver with the test CA, fast backoff; rc in $RC_FILE.
fetch() {
    set +e
    "$BS_FETCH" --cacert "$CERTS/ca.crt" --backoff-ms 50 ${FETCH_OPTS:-} "$CACHE" "$SHA" "$SIZE" "$@" \
        >"$OUT" 2>"$ERR"
    echo $? >"$RC_FILE"
    set -e
}

expect_out() { grep -qF -- "$1" "$OUT" || fail "stdout lacks '$1'"; }
expect_err() { grep -qF -- "$1" "$ERR" || fail "stderr lacks '$1'"; }

# logq EXPR: a Python expression over the server log (r = list of requests).
logq() {
    python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])] if __import__("os").path.exists(sys.argv[1]) else []; print(eval(sys.argv[2]))' "$LOG" "$1"
}
expect_log() {
    local got
    got=$(logq "$1")
    [ "$got" = "$2" ] || fail "server log: $1 = '$got', expected '$2'"
}

expect_cached() {
    [ -f "$CACHE/$SHA" ] || fail "no verified file in the cache"
    [ "$(sha256sum "$CACHE/$SHA" | cut -d' ' -f1)" = "$SHA" ] || fail "cached file has the wrong hash"
    [ ! -e "$CACHE/$SHA.part" ] || fail ".part left behind"
}
expect_not_cached() {
    [ ! -e "$CACHE/$SHA" ] || fail "an unverified file was put in the cache"
}
