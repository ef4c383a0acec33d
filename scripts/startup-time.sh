#!/usr/bin/env bash
# Start-up time of the window: from exec to the window being mapped (visible), under
# Xvfb, N runs (default 7), printing each and the median in milliseconds.
#   scripts/startup-time.sh [BINARY] [N]
# Used to choose the renderer (README, "Install"). A fresh config dir each run, so
# no saved window state changes the path; MAILCONF_DEMO=1 so nothing is tested.
set -euo pipefail
bin=${1:-target/release/mailconf}
n=${2:-7}
display=:$((90 + RANDOM % 9))
# -noreset: xdotool and xdpyinfo come and go; a reset while the app connects
# would make it fail (see tests/package.sh).
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp -noreset >/dev/null 2>&1 &
xvfb=$!
tmp=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$tmp"' EXIT
export DISPLAY=$display XDG_RUNTIME_DIR=$tmp MAILCONF_DEMO=1
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
times=()
for i in $(seq "$n"); do
    rm -rf "$tmp/config"
    start=$(date +%s%N)
    XDG_CONFIG_HOME=$tmp/config "$bin" >/dev/null 2>&1 &
    app=$!
    xdotool search --sync --onlyvisible --name '^mailconf' >/dev/null
    end=$(date +%s%N)
    kill "$app"; wait "$app" 2>/dev/null || true
    ms=$(((end - start) / 1000000))
    echo "run $i: $ms ms"
    times+=("$ms")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " ms"}'
