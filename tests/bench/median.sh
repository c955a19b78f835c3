# median.sh (sourced by the benchmarks): median_ms CMD... prints the median wall time of
# $RUNS runs of CMD, in milliseconds with 3 decimals (output and failures ignored).
median_ms() {
    local i s e
    for ((i = 0; i < RUNS; i++)); do
        s=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        e=$(date +%s%N)
        echo $(((e - s) / 1000))
    done | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1000}'
}
