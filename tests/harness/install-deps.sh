#!/usr/bin/env bash
# Install (idempotently) the Debian packages the real-server test harness needs.
#
# Works on a fresh Debian 12 base as root. Package post-install scripts are
# prevented from starting system-wide daemons (dovecot, postfix, dnsmasq):
# the harness runs its own private instances (see mailservers.sh). Services
# of packages newly installed by this script are stopped and disabled again
# in case something started them anyway.
#
# Environment:
#   MAILCONF_SKIP_APT_UPDATE=1   skip `apt-get update` (e.g. when just done)
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps.sh: must run as root (apt-get install)" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive

PACKAGES=(
    # the servers under test
    dovecot-core dovecot-pop3d dovecot-imapd dovecot-lmtpd postfix
    # certificates, namespaces, filtered-port rules, client-side checks
    openssl ca-certificates iproute2 nftables iptables curl netcat-openbsd
    procps python3
    # later export tests (issue 6) and discovery (dnsmasq)
    fetchmail msmtp neomutt getmail6 libxml2-utils dnsmasq
    # desktop app snapshot tests: wgpu renders on Mesa (lavapipe or llvmpipe), no GPU needed
    mesa-vulkan-drivers libvulkan1 libegl1 libegl-mesa0 libgl1-mesa-dri
    # the save dialog's portal check talks to a private D-Bus session bus
    dbus-daemon
    # `mailconf oauth2`: its refresh tokens in a real Secret Service (gnome-keyring on a
    # private session bus, unlocked with a test password; tests/oauth2.rs)
    gnome-keyring
    # tests/package.sh: the Debian package checked as a distribution does (lintian,
    # desktop-file-validate, appstreamcli), its man page, completions (zsh, fish
    # parse them) and the window the menu entry opens (Xvfb, xdotool, xprop)
    lintian desktop-file-utils appstream man-db binutils zsh fish
    xvfb xauth xdotool x11-utils
    libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0
    # `mailconf check --thunderbird --fix`: the real Thunderbird takes the user.js
    # fragment and logs in (tests/thunderbird.rs); certutil trusts the test CA in its
    # profile, libnss3 encrypts the password into its logins.json;
    # strace records every address Thunderbird connects to (only the harness)
    thunderbird libnss3-tools strace
)
# Packages whose install would start a system daemon we do not want.
declare -A SERVICES_OF=(
    [dovecot-core]=dovecot
    [postfix]=postfix
    [dnsmasq]=dnsmasq
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps.sh: all ${#PACKAGES[@]} packages already installed"
    exit 0
fi
echo "install-deps.sh: installing: ${missing[*]}"

# Keep maintainer scripts from starting daemons: a policy-rc.d that denies
# every action (honoured by invoke-rc.d and deb-systemd-invoke). Only put one
# in place if none exists, and remove only our own.
POLICY=/usr/sbin/policy-rc.d
own_policy=0
cleanup() {
    if [[ $own_policy -eq 1 ]]; then rm -f "$POLICY"; fi
}
trap cleanup EXIT
if [[ ! -e $POLICY ]]; then
    printf '#!/bin/sh\n# temporary, from mailconf tests/harness/install-deps.sh\nexit 101\n' >"$POLICY"
    chmod 755 "$POLICY"
    own_policy=1
fi

# Postfix asks a debconf question; answer it before installing.
if command -v debconf-set-selections >/dev/null; then
    printf '%s\n' \
        'postfix postfix/main_mailer_type select No configuration' \
        'postfix postfix/mailname string mail.test.mailconf' \
        | debconf-set-selections
fi

if [[ ${MAILCONF_SKIP_APT_UPDATE:-0} != 1 ]]; then
    apt-get update
fi
apt-get install -y --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}"

# Stop and disable the system daemons of packages this run installed.
for p in "${missing[@]}"; do
    svc=${SERVICES_OF[$p]:-}
    [[ -n $svc ]] || continue
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
        systemctl disable --now "$svc" >/dev/null 2>&1 || true
    else
        if [[ -x /etc/init.d/$svc ]]; then
            /etc/init.d/"$svc" stop >/dev/null 2>&1 || true
        fi
        if command -v update-rc.d >/dev/null; then
            update-rc.d "$svc" disable >/dev/null 2>&1 || true
        fi
    fi
done
echo "install-deps.sh: done"
