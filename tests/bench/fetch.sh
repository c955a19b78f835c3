#!/usr/bin/env bash
# fetch.sh: the download and Python-provisioning benchmarks, against a loopback HTTPS
# server (openssl s_server with a test CA), each figure a median of RUNS, all in one run on
# one machine. Prints ratios; never fails on a number.
#   tests/bench/fetch.sh BUILD_DIR [SIZE_MIB] [RUNS]
set -euo pipefail
BUILD="$(cd "${1:?build dir}" && pwd)"
SIZE_MIB="${2:-1024}"
RUNS="${3:-3}"
HERE="$(cd "$(dirname "$0")" && pwd)"
FIX="$HERE/../fixtures"
T=$(mktemp -d)
trap 'kill $SRV 2>/dev/null || true; rm -rf "$T"' EXIT
mkdir -p "$T/files"
bash "$FIX/gen_certs.sh" "$T/certs"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$T/files/big.bin"
SHA=$(sha256sum "$T/files/big.bin" | cut -d' ' -f1)
SIZE=$(stat -c %s "$T/files/big.bin")
# The server is OpenSSL's own (`s_server -WWW`, C): the Python test server spends a whole
# core on TLS, and on 2 cores that core is what the client's hashing would compete for.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$T/files" && exec openssl s_server -WWW -quiet -accept "127.0.0.1:$PORT" \
    -cert "$T/certs/good.crt" -key "$T/certs/good.key") >/dev/null 2>&1 &
SRV=$!
for _ in $(seq 1 100); do curl -s -o /dev/null --cacert "$T/certs/ca.crt" "https://127.0.0.1:$PORT/" && break; sleep 0.05; done
URL="https://127.0.0.1:$PORT"
CA="$T/certs/ca.crt"

# median_s CMD: median wall seconds of RUNS runs; each command first removes what the
# previous run wrote, and a sync before each run keeps that writeback out of the timing.
median_s() {
    local i s e
    for ((i = 0; i < RUNS; i++)); do
        sync # the previous run's writeback is not this run's cost
        s=$(date +%s%N)
        "$@" >/dev/null 2>&1
        e=$(date +%s%N)
        echo $(((e - s) / 1000000))
    done | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1000}'
}
ours() { rm -rf "$T/cache" && "$BUILD/tests/bs_fetch" --cacert "$CA" "$T/cache" "$SHA" "$SIZE" "$URL/big.bin"; }
curl_only() { rm -f "$T/c.bin" && curl -sS --cacert "$CA" -o "$T/c.bin" "$URL/big.bin"; }
curl_sha() { curl_only && sha256sum "$T/c.bin" >/dev/null; }
peak_kib() { python3 -c 'import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"; }

t_ours=$(median_s ours)
t_curl=$(median_s curl_only)
t_curlsha=$(median_s curl_sha)
rm -rf "$T/cache"
mem_ours=$(peak_kib "$BUILD/tests/bs_fetch" --cacert "$CA" "$T/cache" "$SHA" "$SIZE" "$URL/big.bin")
rm -f "$T/c.bin"
mem_curl=$(peak_kib curl -sS --cacert "$CA" -o "$T/c.bin" "$URL/big.bin")
rm -f "$T/c.bin" "$T/files/big.bin"
rm -rf "$T/cache"

# Provisioning the Python fixture: ours (download, verify, extract, run it) vs the three
# tools in sequence.
bash "$FIX/make_python_fixture.sh" "$T/files/py.tar.gz" >"$T/pyver"
PYSHA=$(sha256sum "$T/files/py.tar.gz" | cut -d' ' -f1)
cat >"$T/m.json" <<JSON
{"entries": [{"python_version": "$(cat "$T/pyver")", "os": "linux", "arch": "$(uname -m)", "libc": "gnu",
  "url": "$URL/py.tar.gz", "sha256": "$PYSHA", "executable_relpath": "python/bin/python3.11"}]}
JSON
provision_ours() { rm -rf "$T/root" && "$BUILD/invokeai-bootstrap" -q python install --root "$T/root" --python-manifest "$T/m.json" --cacert "$CA"; }
provision_tools() {
    rm -rf "$T/x" && mkdir -p "$T/x" && curl -sS --cacert "$CA" -o "$T/x/py.tar.gz" "$URL/py.tar.gz" &&
        sha256sum "$T/x/py.tar.gz" >/dev/null && tar xzf "$T/x/py.tar.gz" -C "$T/x"
}
provision_ours >"$T/prov.log" 2>&1 || { echo "python install failed:"; cat "$T/prov.log"; exit 1; }
t_prov=$(median_s provision_ours)
t_tools=$(median_s provision_tools)

ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }
echo "loopback HTTPS (openssl s_server -WWW), $SIZE_MIB MiB file, median of $RUNS runs each"
printf '%-52s %8s s\n' "curl -o" "$t_curl"
printf '%-52s %8s s\n' "curl -o, then sha256sum" "$t_curlsha"
printf '%-52s %8s s   %sx curl -o (goal <= 1.05), %sx curl+sha256sum (goal <= 0.6)\n' \
    "ours (download + SHA-256 + write)" "$t_ours" "$(ratio "$t_ours" "$t_curl")" "$(ratio "$t_ours" "$t_curlsha")"
printf '%-52s %8s MiB (curl -o: %s MiB; goal <= 20)\n' "ours, peak memory (max RSS)" \
    "$(echo "$mem_ours / 1024" | bc -l | xargs printf '%.1f')" "$(echo "$mem_curl / 1024" | bc -l | xargs printf '%.1f')"
printf '%-52s %8s s\n' "Python fixture: curl -o, sha256sum, tar xzf" "$t_tools"
printf '%-52s %8s s   %sx the three tools (goal <= 0.8)\n' "Python fixture: ours (python install)" "$t_prov" "$(ratio "$t_prov" "$t_tools")"
