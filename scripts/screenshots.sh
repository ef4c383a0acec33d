#!/usr/bin/env bash
# Takes the README screenshots of the desktop app, in English and Simplified
# Chinese, from the release binary in a virtual X server (Xvfb), and measures it:
# time from process start to the first frame on screen, idle CPU, resident memory
# at start and after a full test.
#
#   eval "$(tests/harness/mailservers.sh start)"   # the test Dovecot/Postfix
#   scripts/screenshots.sh            # writes docs/screenshot-en.png, docs/screenshot-zh.png
#   MAILCONF_DEMO=1 scripts/...       # made-up demo results instead (no servers needed)
#
# With the test servers running (MAILCONF_TEST_* set), the app tests them for
# real: it is started with `--ca-file` (the test CA) and `--dns` (a private
# dnsmasq that knows only the test host), the address alice@<test domain> is
# typed, discovery guesses the host and the connection test runs against the
# real Dovecot and Postfix. Nothing on the machine (/etc/hosts, trust store) is
# changed.
#
# Needs (Debian): xvfb xauth xdotool imagemagick libxkbcommon-x11-0, Mesa
# (libegl1 libegl-mesa0 libgl1-mesa-dri mesa-vulkan-drivers) and dnsmasq;
# installed when missing if run as root. Each run starts from an empty config
# directory, so no remembered address or language leaks in.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(xvfb xauth xdotool imagemagick libxkbcommon-x11-0 libegl1 libegl-mesa0
    libgl1-mesa-dri mesa-vulkan-drivers libvulkan1 dnsmasq)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "screenshots.sh: missing packages: ${missing[*]} (run as root to install)" >&2
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

BIN=${MAILCONF_BIN:-target/release/mailconf}
if [[ -z ${MAILCONF_BIN:-} ]]; then
    cargo build --release --locked
fi
mkdir -p docs

WIDTH=1280
HEIGHT=860
tmp=$(mktemp -d)
# Xvfb picks a free display number itself (-displayfd): other jobs may use :99.
# -noreset: by default Xvfb resets when its last client leaves, and a client that
# connects during the reset (the app, right after an xdotool call) fails.
Xvfb -displayfd 3 -screen 0 "${WIDTH}x${HEIGHT}x24" -nolisten tcp -noreset 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
XVFB=$!
APP=""
DNSMASQ=""
cleanup() {
    [[ -n $APP ]] && kill "$APP" 2>/dev/null || true
    [[ -n $DNSMASQ ]] && kill "$DNSMASQ" 2>/dev/null || true
    kill "$XVFB" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
for _ in $(seq 200); do
    [[ -s $tmp/display ]] && break
    sleep 0.05
done
export DISPLAY=":$(head -1 "$tmp/display")"
for _ in $(seq 100); do
    xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.05
done
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -m 700 -p "$XDG_RUNTIME_DIR"

now_ms() { date +%s%3N; }

# Real servers when the harness is running, demo results otherwise.
APP_ARGS=()
if [[ ${MAILCONF_DEMO:-0} != 1 && -n ${MAILCONF_TEST_ADDR:-} ]]; then
    DEMO=0
    DNS_PORT=$((20000 + RANDOM % 20000))
    printf 'local=/%s/\nhost-record=%s,%s\n' "$MAILCONF_TEST_DOMAIN" "$MAILCONF_TEST_HOST" \
        "$MAILCONF_TEST_ADDR" >"$tmp/zone.conf"
    dnsmasq --no-resolv --no-hosts --port="$DNS_PORT" --listen-address=127.0.0.1 \
        --bind-interfaces --keep-in-foreground --conf-file=/dev/null \
        --conf-file="$tmp/zone.conf" --pid-file= --cache-size=0 2>"$tmp/dnsmasq.log" &
    DNSMASQ=$!
    APP_ARGS=(--ca-file "$MAILCONF_TEST_CA" --dns "127.0.0.1:$DNS_PORT")
    ADDRESS_EN="alice@$MAILCONF_TEST_DOMAIN"
    ADDRESS_ZH="alice@$MAILCONF_TEST_DOMAIN"
    WAIT_RESULTS=8
    echo "screenshots: testing the real servers at $MAILCONF_TEST_ADDR ($MAILCONF_TEST_HOST)"
else
    DEMO=1
    ADDRESS_EN=alice@163.com
    ADDRESS_ZH=zhangsan@qq.com
    WAIT_RESULTS=4
    echo "screenshots: demo results (start the test servers for real ones)"
fi

# Starts the app (APP), waits for its window (WIN) to become visible (eframe shows
# it only after the first frame is painted) and sets FIRST_FRAME_MS.
start_app() {
    local lang=$1
    local cfg="$tmp/config-$lang"
    mkdir -p "$cfg"
    local t0
    t0=$(now_ms)
    MAILCONF_CONFIG_DIR=$cfg MAILCONF_LANG=$lang MAILCONF_DEMO=$DEMO \
        "$BIN" "${APP_ARGS[@]}" >"$tmp/app-$lang.log" 2>&1 &
    APP=$!
    for _ in $(seq 2000); do
        WIN=$(xdotool search --onlyvisible --name '^mailconf$' 2>/dev/null | head -1 || true)
        if [[ -n $WIN ]]; then
            FIRST_FRAME_MS=$(($(now_ms) - t0))
            return 0
        fi
        sleep 0.005
    done
    echo "screenshots.sh: the window did not appear; log:" >&2
    cat "$tmp/app-$lang.log" >&2
    exit 1
}

# CPU time (user+system, in clock ticks) of a process.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

shoot() {
    local lang=$1 address=$2 out=$3
    start_app "$lang"
    # Xvfb has no window manager: give the window the whole screen and the focus.
    xdotool windowmove "$WIN" 0 0 windowsize "$WIN" "$WIDTH" "$HEIGHT"
    xdotool windowfocus --sync "$WIN"
    sleep 1
    # Idle: nothing typed, nothing running.
    local c0 c1
    c0=$(cpu_ticks "$APP")
    sleep 10
    c1=$(cpu_ticks "$APP")
    local idle_ticks=$((c1 - c0))
    local rss_start
    rss_start=$(rss_kb "$APP")
    # The address field has the focus at start.
    xdotool type --delay 40 "$address"
    sleep 0.5
    xdotool key Return
    # Discovery and the test (or the demo's results, one every 250 ms).
    sleep "$WAIT_RESULTS"
    xdotool mousemove "$((WIDTH - 5))" 5  # park the pointer where it hovers nothing
    sleep 0.5
    import -window "$WIN" "$out"
    local rss_after
    rss_after=$(rss_kb "$APP")
    local c2 c3
    c2=$(cpu_ticks "$APP")
    sleep 10
    c3=$(cpu_ticks "$APP")
    printf '%s: first frame %s ms after start; idle CPU %s ticks/10 s before and %s ticks/10 s after a test (%s ticks = 1 s); RSS %s MB at start, %s MB after a test\n' \
        "$lang" "$FIRST_FRAME_MS" "$idle_ticks" "$((c3 - c2))" "$(getconf CLK_TCK)" \
        "$((rss_start / 1024))" "$((rss_after / 1024))"
    kill "$APP"
    wait "$APP" 2>/dev/null || true
    APP=""
}

shoot en "$ADDRESS_EN" docs/screenshot-en.png
shoot zh-Hans "$ADDRESS_ZH" docs/screenshot-zh.png
ls -l "$BIN" | awk '{printf "binary: %.1f MB\n", $5 / 1048576}'
echo "screenshots: docs/screenshot-en.png docs/screenshot-zh.png"
