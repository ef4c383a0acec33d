#!/usr/bin/env bash
# Builds the Debian package with `cargo deb` (the release build users get) and checks
# it as a distribution and a user would:
#   - lintian: no errors, and no warnings but the accepted ones (tests/lintian-accepted,
#     each with its reason);
#   - desktop-file-validate and `appstreamcli validate --no-net` on the files in the .deb;
#   - installed with dpkg -i: `mailconf --version`, `man -l` renders the page with every
#     subcommand, the bash completion completes, the zsh and fish ones parse, the icon
#     theme has the desktop entry's icon, and the desktop entry's Exec line, launched
#     under Xvfb, opens a window whose WM_CLASS is the entry's StartupWMClass and which
#     carries an icon (_NET_WM_ICON);
#   - removed again with dpkg -r.
#
# Called by tests/run (the README's test command) after the cargo tests. dpkg runs
# through sudo when not root. Refuses to run when a mailconf package is already
# installed: it would be replaced and then removed.
#
# Environment:
#   MAILCONF_DEB_REUSE=1   check the newest target/debian/*.deb instead of building
set -euo pipefail
cd "$(dirname "$0")/.."

# cargo-deb, pinned: its output is what this script checks.
CARGO_DEB_VERSION=3.8.0
ID=io.github.mailconf.mailconf
SUDO=""
if [[ $(id -u) != 0 ]]; then
    SUDO="sudo"
fi
say() { echo "package.sh: $*"; }
fail() {
    echo "package.sh: FAILED: $*" >&2
    exit 1
}

if dpkg-query -W -f='${Status}' mailconf 2>/dev/null | grep -q 'install ok installed'; then
    fail "a mailconf package is installed on this machine; remove it first (dpkg -r mailconf): this check installs and removes its own"
fi

if [[ ${MAILCONF_DEB_REUSE:-0} != 1 ]]; then
    if [[ "$(cargo deb --version 2>/dev/null)" != "cargo-deb $CARGO_DEB_VERSION" ]]; then
        say "installing cargo-deb $CARGO_DEB_VERSION"
        cargo install cargo-deb --locked --version "$CARGO_DEB_VERSION"
    fi
    start=$SECONDS
    cargo deb --locked
    say "cargo deb took $((SECONDS - start)) s"
fi
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
deb=target/debian/mailconf_${version}-1_$(dpkg --print-architecture).deb
[[ -f $deb ]] || fail "$deb was not built"
say "$deb: $(stat -c %s "$deb") bytes"

work=$(mktemp -d)
xvfb_pid=""
app_pid=""
installed=0
cleanup() {
    [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null || true
    [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
    if [[ $installed == 1 ]]; then
        $SUDO dpkg -r mailconf >/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- The package as a distribution checks it.
# Lintian refuses nothing as root but warns; its exit code counts errors and
# warnings, except the accepted warnings (with reasons) in tests/lintian-accepted.
accepted=$(grep -v '^#' tests/lintian-accepted | awk 'NF {print $1}' | paste -sd, -)
lintian --fail-on error,warning --suppress-tags "$accepted" --display-info "$deb" \
    || fail "lintian found errors or warnings (above)"
say "lintian: no errors, no warnings but the accepted ones ($accepted)"

dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/$ID.desktop" \
    || fail "desktop-file-validate"
appstreamcli validate --no-net --pedantic "$work/root/usr/share/metainfo/$ID.metainfo.xml" \
    || fail "appstreamcli validate"
say "desktop entry and AppStream data valid"
# Stripped: no symbol table left in the binary.
if readelf -S "$work/root/usr/bin/mailconf" | grep -q '\.symtab'; then
    fail "/usr/bin/mailconf is not stripped"
fi

# --- Installed, as a user meets it.
$SUDO dpkg -i "$deb" >/dev/null
installed=1
[[ $(command -v mailconf) == /usr/bin/mailconf ]] || fail "mailconf is not /usr/bin/mailconf on PATH"
got=$(/usr/bin/mailconf --version)
[[ $got == "mailconf $version" ]] || fail "mailconf --version said '$got'"
say "mailconf --version: $got"

page=/usr/share/man/man1/mailconf.1.gz
[[ -f $page ]] || fail "$page not installed"
man_out=$(MANWIDTH=100 man --warnings -l "$page" 2>"$work/man.err")
[[ ! -s $work/man.err ]] || fail "man warns: $(cat "$work/man.err")"
for needle in "mailconf probe" "mailconf providers import-ispdb" "mailconf export" \
    "mailconf discover" "EXIT STATUS" "--allow-insecure-auth"; do
    grep -qF -- "$needle" <<<"$man_out" || fail "the man page has no '$needle'"
done
[[ $(man -w mailconf) == "$page" ]] || fail "man mailconf does not find $page"
say "man page renders ($(wc -l <<<"$man_out") lines)"

bash_completion=/usr/share/bash-completion/completions/mailconf
bash -c "source $bash_completion; complete -p mailconf" | grep -q '_mailconf' \
    || fail "bash: complete -p mailconf finds nothing"
words=$(bash -c "source $bash_completion
    COMP_WORDS=(mailconf pro); COMP_CWORD=1; COMP_LINE='mailconf pro'; COMP_POINT=12
    _mailconf mailconf pro mailconf; echo \"\${COMPREPLY[*]}\"")
[[ " $words " == *" probe "* && " $words " == *" providers "* ]] \
    || fail "bash completes 'mailconf pro' to '$words'"
zsh -n /usr/share/zsh/vendor-completions/_mailconf || fail "zsh completion does not parse"
fish --no-execute /usr/share/fish/vendor_completions.d/mailconf.fish \
    || fail "fish completion does not parse"
say "completions: bash completes 'mailconf pro' to '$words'; zsh and fish parse"

entry=/usr/share/applications/$ID.desktop
value() { sed -n "s/^$1=//p" "$entry" | head -1; }
icon=$(value Icon)
for size in 16x16 48x48 256x256 scalable; do
    ls /usr/share/icons/hicolor/$size/apps/"$icon".* >/dev/null 2>&1 \
        || fail "no $size icon named $icon in the hicolor theme"
done

# --- The menu entry opens the window (Xvfb; the app gets a home of its own).
exec_line=$(value Exec | sed 's/ %[fFuUdDnNickvm]//g')
wm_class=$(value StartupWMClass)
exec 5>"$work/display"
# -noreset: by default Xvfb resets when its last client leaves; the xdotool
# polls below come and go while the app connects, and an app connecting
# during a reset fails ("Failed to open connection to X server", seen once).
Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
exec 5>&-
for _ in $(seq 100); do
    [[ -s $work/display ]] && break
    sleep 0.1
done
[[ -s $work/display ]] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=:$(head -1 "$work/display")
mkdir -p "$work/home" "$work/run"
chmod 700 "$work/run"
# The Exec line as a launcher runs it: split into words, no shell.
read -r -a argv <<<"$exec_line"
HOME=$work/home XDG_RUNTIME_DIR=$work/run XDG_CONFIG_HOME=$work/home/.config \
    "${argv[@]}" >"$work/app.log" 2>&1 &
app_pid=$!
window=""
for _ in $(seq 300); do
    window=$(xdotool search --class "^$wm_class\$" 2>/dev/null | head -1 || true)
    [[ -n $window ]] && break
    kill -0 "$app_pid" 2>/dev/null || fail "the app exited: $(cat "$work/app.log")"
    sleep 0.1
done
[[ -n $window ]] || fail "no window with WM_CLASS $wm_class after 30 s: $(cat "$work/app.log")"
class=$(xprop -id "$window" WM_CLASS)
[[ $class == *"\"$wm_class\""* ]] || fail "WM_CLASS is $class, the desktop entry says $wm_class"
# The icon (_NET_WM_ICON: width, height, then ARGB pixels): 256 x 256 and an
# opaque centre, i.e. the app's icon and not an empty one. It can come a moment
# after the window is mapped.
icon_prop=""
for _ in $(seq 50); do
    icon_prop=$(xprop -id "$window" -f _NET_WM_ICON 32c ' $0x$1 $32898' _NET_WM_ICON || true)
    [[ $icon_prop == *" 256x256 "* ]] && break
    sleep 0.1
done
read -r _ icon_size centre <<<"$icon_prop"
[[ $icon_size == 256x256 ]] || fail "the window has no 256 px icon: $icon_prop"
(( (centre >> 24) == 0xff )) || fail "the window icon's centre is not opaque: $icon_prop"
say "the desktop entry opens window $window: $class, _NET_WM_ICON $icon_size"
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""

$SUDO dpkg -r mailconf >/dev/null
installed=0
[[ ! -e /usr/bin/mailconf && ! -e $entry ]] || fail "dpkg -r left files behind"
say "removed again; all checks passed"
