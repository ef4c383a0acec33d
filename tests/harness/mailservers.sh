#!/usr/bin/env bash
# Private Dovecot + Postfix for mailconf's real-server tests.
#
#   mailservers.sh start        stop any previous instance, then start; prints
#                               the `export` lines of `env` on stdout
#                               (progress goes to stderr), so
#                               eval "$(tests/harness/mailservers.sh start)"
#   mailservers.sh stop         stop everything, remove the namespace
#   mailservers.sh env          print `export NAME='value'` lines
#   mailservers.sh status       say what is running
#   mailservers.sh relay-start DELAY_MS [DURATION_S]
#                               start delay-relay.py on MAILCONF_TEST_SLOW_ADDR
#                               (same ports as the servers, DELAY_MS added in
#                               each direction; stops by itself)
#   mailservers.sh relay-stop
#   mailservers.sh drop PORT    make PORT on both test addresses "filtered":
#                               SYNs dropped (nft rule in the namespace; in
#                               loopback mode a full-backlog listener on the
#                               slow address instead, see README.md)
#   mailservers.sh undrop       remove all drop rules
#   mailservers.sh exec CMD...  run CMD in the test namespace (netns mode)
#
# Environment:
#   MAILCONF_HARNESS_DIR   state dir (default /tmp/mailconf-harness)
#   MAILCONF_HARNESS_MODE  auto (default) | netns | loopback
#   MAILCONF_HARNESS_AUTH_FAILURE_DELAY  seconds before Dovecot answers a
#                          failed login (default 2, Dovecot's own default)
#   MAILCONF_HARNESS_ETC_HOSTS=1  also add "ADDR mail.test.mailconf" to
#                          /etc/hosts (removed again by stop), for clients
#                          without a --resolve option (fetchmail, msmtp, ...)
#
# Everything runs as root: Postfix's master must be started as root.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
D=${MAILCONF_HARNESS_DIR:-/tmp/mailconf-harness}
NS=mailconf-test
VETH_HOST=mcth0
VETH_NS=mctn0
TEST_HOST=mail.test.mailconf
TEST_DOMAIN=test.mailconf
NETNS_HOST_ADDR=198.18.0.1
NETNS_ADDR=198.18.0.2
NETNS_SLOW_ADDR=198.18.0.6
# Not 127.0.0.1: Dovecot treats a connection whose local and remote address
# are equal as "secured" and would then allow plaintext login before STLS.
# Connecting to 127.0.0.2 the kernel picks 127.0.0.1 as source.
LOOP_ADDR=127.0.0.2
LOOP_SLOW_ADDR=127.0.0.3
MAIL_UID=8 # Debian's "mail" user and group (base-passwd), owns the maildirs
MAIL_GID=8
USER1=alice@test.mailconf
PASS1='correct horse battery staple'
USER2=bob@test.mailconf
PASS2='Tr0ub4dor&3 bob'
# carol: only tests/roundtrip.rs's rejected-password export uses her, so the
# failed-login counts other tests take from the Dovecot log (bob's) stay exact.
USER3=carol@test.mailconf
PASS3='carol 7 lemon tree'
# Two OAuth2-only users with Microsoft 365's per-mailbox switches (see
# write_dovecot): dave has POP and IMAP off, erin has SMTP AUTH off. Neither
# has a password anyone knows; they sign in only with tokens.
USER4=dave@test.mailconf
USER5=erin@test.mailconf
# The seed's 163 user: the certificate also names 163's servers
# (SEED_HOSTS), so that the 2011 .fetchmailrc for pop.163.com, with those
# names resolved to the harness, can be checked, fixed and logged in with as
# written. The CA is the harness's own: nothing outside trusts it.
USER6=zhang@163.com
PASS6='Web-Pa55-163'
SEED_HOSTS=(pop.163.com imap.163.com smtp.163.com)
ETC_HOSTS_MARK='# mailconf-harness'
# The local OAuth2 authorization server (oauth2-server.py): HTTPS on the
# harness address; Dovecot's oauth2 passdb asks its introspection endpoint.
OAUTH2_PORT_NETNS=8443
OAUTH2_PORT_LOOP=18443
OAUTH2_CLIENT=mailconf-test-client
OAUTH2_DENIED_CLIENT=mailconf-test-denied

# service name, standard port, loopback-mode port
SERVICES=(
    "pop3 110 10110"
    "pop3s 995 10995"
    "imap 143 10143"
    "imaps 993 10993"
    "smtp 25 10025"
    "submission 587 10587"
    "smtps 465 10465"
)

log() { printf 'mailservers: %s\n' "$*" >&2; }
STARTING=0
die() {
    log "error: $*"
    if [[ $STARTING == 1 ]]; then
        STARTING=0
        show_logs
        log "stopping what was started"
        cmd_stop || true
    fi
    exit 1
}

need_root() {
    [[ $(id -u) -eq 0 ]] || die "must run as root (Postfix's master and the network namespace need it)"
}

mode_file() { printf '%s/mode' "$D"; }
current_mode() { cat "$(mode_file)" 2>/dev/null || true; }

# port NAME MODE -> port number
port_of() {
    local name=$1 mode=$2 s n std lo
    for s in "${SERVICES[@]}"; do
        read -r n std lo <<<"$s"
        if [[ $n == "$name" ]]; then
            if [[ $mode == netns ]]; then echo "$std"; else echo "$lo"; fi
            return 0
        fi
    done
    die "unknown service $name"
}

addr_of() { if [[ $1 == netns ]]; then echo "$NETNS_ADDR"; else echo "$LOOP_ADDR"; fi; }
oauth2_port_of() { if [[ $1 == netns ]]; then echo "$OAUTH2_PORT_NETNS"; else echo "$OAUTH2_PORT_LOOP"; fi; }
slow_addr_of() { if [[ $1 == netns ]]; then echo "$NETNS_SLOW_ADDR"; else echo "$LOOP_SLOW_ADDR"; fi; }

# run a command in the placement of MODE
in_place() {
    local mode=$1
    shift
    if [[ $mode == netns ]]; then ip netns exec "$NS" "$@"; else "$@"; fi
}

netns_usable() {
    local probe="mailconf-probe-$$"
    [[ $(id -u) -eq 0 ]] || return 1
    ip netns add "$probe" >/dev/null 2>&1 || return 1
    local ok=0
    # `ip netns exec` also needs to remount /sys (fails e.g. in a chroot
    # whose root is not a mount point)
    ip netns exec "$probe" true >/dev/null 2>&1 || ok=1
    ip link add "${probe:0:12}a" type veth peer name "${probe:0:12}b" >/dev/null 2>&1 || ok=1
    ip link del "${probe:0:12}a" >/dev/null 2>&1 || true
    ip netns del "$probe" >/dev/null 2>&1 || true
    return $ok
}

choose_mode() {
    case ${MAILCONF_HARNESS_MODE:-auto} in
    netns)
        netns_usable || die "MAILCONF_HARNESS_MODE=netns but network namespaces are not usable here"
        echo netns
        ;;
    loopback) echo loopback ;;
    auto) if netns_usable; then echo netns; else echo loopback; fi ;;
    *) die "MAILCONF_HARNESS_MODE must be auto, netns or loopback" ;;
    esac
}

show_logs() {
    local f
    for f in "$D/log/dovecot.log" "$D/log/postfix.log" "$D/log/postfix-start.log" "$D/log/dovecot-start.log"; do
        if [[ -s $f ]]; then
            log "---- last lines of $f ----"
            tail -n 20 "$f" >&2
        fi
    done
}

# ---------------------------------------------------------------- certificates
make_certs() {
    local t=$D/tls
    mkdir -p "$t"
    chmod 755 "$t"
    (
        umask 077
        openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 \
            -keyout "$t/ca.key" -out "$t/ca.pem" \
            -subj "/O=mailconf test/CN=mailconf test CA" \
            -addext "basicConstraints=critical,CA:TRUE" \
            -addext "keyUsage=critical,keyCertSign,cRLSign" \
            -addext "subjectKeyIdentifier=hash" 2>/dev/null
        openssl req -new -newkey rsa:2048 -nodes -sha256 \
            -keyout "$t/server.key" -out "$t/server.csr" \
            -subj "/O=mailconf test/CN=$TEST_HOST" 2>/dev/null
        cat >"$t/server.ext" <<EOF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
subjectAltName=DNS:$TEST_HOST,DNS:localhost,$(printf 'DNS:%s,' "${SEED_HOSTS[@]}")IP:$NETNS_ADDR,IP:$NETNS_SLOW_ADDR,IP:$LOOP_ADDR,IP:$LOOP_SLOW_ADDR,IP:127.0.0.1
EOF
        openssl x509 -req -sha256 -days 29 -in "$t/server.csr" \
            -CA "$t/ca.pem" -CAkey "$t/ca.key" -CAcreateserial \
            -extfile "$t/server.ext" -out "$t/server.pem" 2>/dev/null
    )
    chmod 644 "$t/ca.pem" "$t/server.pem"
    rm -f "$t/server.csr" "$t/ca.srl"
    openssl verify -CAfile "$t/ca.pem" "$t/server.pem" >/dev/null ||
        die "generated server certificate does not verify"
}

# ------------------------------------------------------------------- placement
setup_netns() {
    ip netns add "$NS"
    ip link add "$VETH_HOST" type veth peer name "$VETH_NS"
    ip link set "$VETH_NS" netns "$NS"
    ip addr add "$NETNS_HOST_ADDR/30" dev "$VETH_HOST"
    ip link set "$VETH_HOST" up
    ip -n "$NS" link set lo up
    ip -n "$NS" addr add "$NETNS_ADDR/30" dev "$VETH_NS"
    ip -n "$NS" addr add "$NETNS_SLOW_ADDR/32" dev "$VETH_NS"
    ip -n "$NS" link set "$VETH_NS" up
    ip route add "$NETNS_SLOW_ADDR/32" via "$NETNS_ADDR" dev "$VETH_HOST"
    # No default route inside the namespace: nothing can leave it.
    # A table for `drop PORT`.
    if command -v nft >/dev/null; then
        ip netns exec "$NS" nft -f - <<EOF
table inet mailconf {
    chain input {
        type filter hook input priority 0; policy accept;
    }
}
EOF
    fi
}

teardown_netns() {
    if ip netns list 2>/dev/null | grep -qw "^$NS"; then
        local pids
        pids=$(ip netns pids "$NS" 2>/dev/null || true)
        if [[ -n $pids ]]; then
            # shellcheck disable=SC2086
            kill $pids 2>/dev/null || true
            sleep 0.5
            pids=$(ip netns pids "$NS" 2>/dev/null || true)
            # shellcheck disable=SC2086
            [[ -z $pids ]] || kill -9 $pids 2>/dev/null || true
        fi
        ip netns del "$NS" 2>/dev/null || true
    fi
    ip link del "$VETH_HOST" 2>/dev/null || true
}

# --------------------------------------------------------------------- dovecot
hash_pw() { printf '%s' "$1" | openssl passwd -6 -stdin; }

write_dovecot() {
    local mode=$1 addr dc=$D/dovecot
    addr=$(addr_of "$mode")
    mkdir -p "$dc/run" "$dc/state" "$D/mail"
    chmod 755 "$dc"
    local u
    for u in alice bob carol erin zhang; do
        mkdir -p "$D/mail/$TEST_DOMAIN/$u"
    done
    chown -R "$MAIL_UID:$MAIL_GID" "$D/mail"
    (
        umask 027
        {
            printf '%s:{SHA512-CRYPT}%s:%s:%s::%s::\n' "$USER1" "$(hash_pw "$PASS1")" \
                "$MAIL_UID" "$MAIL_GID" "$D/mail/$TEST_DOMAIN/alice"
            printf '%s:{SHA512-CRYPT}%s:%s:%s::%s::\n' "$USER2" "$(hash_pw "$PASS2")" \
                "$MAIL_UID" "$MAIL_GID" "$D/mail/$TEST_DOMAIN/bob"
            printf '%s:{SHA512-CRYPT}%s:%s:%s::%s::\n' "$USER3" "$(hash_pw "$PASS3")" \
                "$MAIL_UID" "$MAIL_GID" "$D/mail/$TEST_DOMAIN/carol"
            printf '%s:{SHA512-CRYPT}%s:%s:%s::%s::\n' "$USER6" "$(hash_pw "$PASS6")" \
                "$MAIL_UID" "$MAIL_GID" "$D/mail/$TEST_DOMAIN/zhang"
            # erin's mailbox (IMAP and POP work for her); a password nobody knows.
            printf '%s:{SHA512-CRYPT}%s:%s:%s::%s::\n' "$USER5" "$(hash_pw "$(openssl rand -hex 24)")" \
                "$MAIL_UID" "$MAIL_GID" "$D/mail/$TEST_DOMAIN/erin"
        } >"$dc/users"
    )
    chgrp dovecot "$dc/users"
    # Microsoft 365's switches for one mailbox, after the token was accepted:
    # the checkpassword passdb below runs only for a request the oauth2 passdb
    # authenticated (skip = unauthenticated). For a switched-off mailbox and
    # service it "succeeds" with Microsoft's reply text as the reason, and
    # its result_success = return-fail turns that into the refusal Exchange
    # Online sends: IMAP "NO [ALERT] User is authenticated but not
    # connected.", POP3 "-ERR [AUTH] …", SMTP (Postfix puts the reason after
    # "535 5.7.8 Error: authentication failed:") "5.7.139 … SmtpClient-
    # Authentication is disabled for the Mailbox". (nologin would not do:
    # Postfix ignores it.) Anyone else: exit 1, and the oauth2 passdb's
    # continue-ok success stands. Dovecot gives the username and the token
    # NUL-terminated on fd 3 and the service in SERVICE; the token is not read.
    cat >"$dc/mailbox-switches" <<EOF
#!/bin/bash
IFS= read -r -d '' user <&3 || exit 1
case "\$SERVICE:\$user" in
imap:$USER4 | pop3:$USER4)
    export reason='User is authenticated but not connected.' ;;
smtp:$USER5)
    export reason='5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.' ;;
*) exit 1 ;;
esac
export EXTRA='reason'
exec "\$@"
EOF
    chmod 755 "$dc/mailbox-switches"
    cat >"$dc/dovecot-oauth2.conf.ext" <<EOF
# Tokens are valid when the local authorization server's introspection says
# active=true; the user is its "email" (RFC 7662 over HTTPS, the harness CA).
introspection_mode = post
introspection_url = https://$addr:$(oauth2_port_of "$mode")/introspect
force_introspection = yes
username_attribute = email
active_attribute = active
active_value = true
tls_ca_cert_file = $D/tls/ca.pem
EOF
    cat >"$dc/dovecot.conf" <<EOF
# Generated by tests/harness/mailservers.sh ($mode mode). Private instance:
# the system's /etc/dovecot is not read.
base_dir = $dc/run
state_dir = $dc/state
instance_name = mailconf-harness
protocols = pop3 imap lmtp
listen = $addr
hostname = $TEST_HOST
postmaster_address = postmaster@$TEST_DOMAIN

log_path = $D/log/dovecot.log
info_log_path = $D/log/dovecot.log
debug_log_path = $D/log/dovecot.log
auth_verbose = yes
auth_verbose_passwords = no
auth_debug = no
auth_debug_passwords = no
mail_debug = no
verbose_ssl = no

# No cleartext login before TLS (Dovecot 2.3 name of auth_allow_cleartext=no):
# POP3 USER/PASS refused and IMAP LOGINDISABLED until STLS/STARTTLS.
disable_plaintext_auth = yes
# XOAUTH2 and OAUTHBEARER carry tokens that the oauth2 passdb below checks
# against the local authorization server's introspection endpoint.
auth_mechanisms = plain login xoauth2 oauthbearer
login_trusted_networks =

ssl = yes
ssl_cert = <$D/tls/server.pem
ssl_key = <$D/tls/server.key
ssl_dh = </usr/share/dovecot/dh.pem
ssl_min_protocol = TLSv1.2

default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = $MAIL_UID
first_valid_gid = $MAIL_GID
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
}
pop3_uidl_format = %08Xu%08Xv

passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT username_format=%u $dc/users
  mechanisms = plain login
}
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $dc/dovecot-oauth2.conf.ext
  result_success = continue-ok
}
# Microsoft 365's per-mailbox switches (mailbox-switches above).
passdb {
  driver = checkpassword
  mechanisms = xoauth2 oauthbearer
  args = $dc/mailbox-switches
  skip = unauthenticated
  result_success = return-fail
}
userdb {
  driver = passwd-file
  args = username_format=%u $dc/users
}

service pop3-login {
  inet_listener pop3 {
    port = $(port_of pop3 "$mode")
  }
  inet_listener pop3s {
    port = $(port_of pop3s "$mode")
    ssl = yes
  }
}
service imap-login {
  inet_listener imap {
    port = $(port_of imap "$mode")
  }
  inet_listener imaps {
    port = $(port_of imaps "$mode")
    ssl = yes
  }
}
# Postfix delivers into the maildirs through LMTP ...
service lmtp {
  unix_listener lmtp {
    mode = 0600
    user = postfix
    group = postfix
  }
}
# No growing per-IP penalty after failed logins (2, 4, 8, 15 s): all tests
# come from one address. Each failed login is still answered only after
# auth_failure_delay, as on a real server.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
auth_failure_delay = ${MAILCONF_HARNESS_AUTH_FAILURE_DELAY:-2}s

# ... and authenticates SMTP AUTH through Dovecot.
service auth {
  unix_listener auth-postfix {
    mode = 0660
    user = postfix
    group = postfix
  }
}
EOF
}

oauth2_pidfile() { printf '%s/oauth2.pid' "$D"; }

start_oauth2() {
    local mode=$1 addr port i
    addr=$(addr_of "$mode")
    port=$(oauth2_port_of "$mode")
    rm -f "$D/oauth2.ready"
    # 9>&-: tests/run's harness lock must not stay held by the server.
    in_place "$mode" python3 "$HERE/oauth2-server.py" --listen "$addr:$port" \
        --cert "$D/tls/server.pem" --key "$D/tls/server.key" --duration 7200 \
        --ready-file "$D/oauth2.ready" </dev/null >"$D/log/oauth2.log" 2>&1 9>&- &
    for i in $(seq 1 100); do
        [[ -s $D/oauth2.ready ]] && break
        sleep 0.05
    done
    [[ -s $D/oauth2.ready ]] || die "oauth2 server did not start: $(cat "$D/log/oauth2.log")"
    mv "$D/oauth2.ready" "$(oauth2_pidfile)"
}

start_dovecot() {
    local mode=$1
    in_place "$mode" dovecot -c "$D/dovecot/dovecot.conf" >"$D/log/dovecot-start.log" 2>&1 ||
        die "dovecot failed to start"
}

# --------------------------------------------------------------------- postfix
write_postfix() {
    local mode=$1 addr pc=$D/postfix pf_interfaces
    addr=$(addr_of "$mode")
    pf_interfaces=$addr
    [[ $mode == netns ]] || pf_interfaces=127.0.0.1
    # queue and data outside the config dir: postfix-script warns about
    # everything below config_directory that root does not own
    mkdir -p "$pc" "$D/postfix-spool"
    chmod 755 "$pc" "$D/postfix-spool"
    cat >"$pc/main.cf" <<EOF
# Generated by tests/harness/mailservers.sh ($mode mode). Private instance
# (postfix -c $pc): the system's /etc/postfix/main.cf is not read.
compatibility_level = 3.6
config_directory = $pc
queue_directory = $D/postfix-spool
data_directory = $D/postfix-data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
maillog_file = $D/log/postfix.log
maillog_file_prefixes = $D/log
syslog_name = postfix-harness

myhostname = $TEST_HOST
mydomain = $TEST_DOMAIN
myorigin = \$mydomain
mydestination =
inet_interfaces = $pf_interfaces
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
biff = no
append_dot_mydomain = no
alias_maps =
alias_database =

# Nothing leaves this instance: no DNS, no outbound SMTP.
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
default_transport = error:mailconf harness delivers to $TEST_DOMAIN only
relay_transport = error:mailconf harness delivers to $TEST_DOMAIN only

# Local delivery for $TEST_DOMAIN into Dovecot's maildirs over LMTP.
virtual_mailbox_domains = $TEST_DOMAIN
virtual_transport = lmtp:unix:$D/dovecot/run/lmtp

# TLS: offered on 25 (may), required on 587 (see master.cf), implicit on 465.
smtpd_tls_cert_file = $D/tls/server.pem
smtpd_tls_key_file = $D/tls/server.key
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_tls_loglevel = 1
smtpd_tls_session_cache_database =
smtp_tls_security_level = none

# SMTP AUTH via Dovecot (PLAIN LOGIN), enabled on 587 and 465 only.
smtpd_sasl_type = dovecot
smtpd_sasl_path = $D/dovecot/run/auth-postfix
smtpd_sasl_auth_enable = no
smtpd_sasl_security_options = noanonymous
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
EOF

    local p25 p587 p465 l25 l587 l465
    p25=$(port_of smtp "$mode")
    p587=$(port_of submission "$mode")
    p465=$(port_of smtps "$mode")
    if [[ $mode == netns ]]; then
        l25=smtp l587=submission l465=smtps
    else
        # $LOOP_ADDR is routed to lo but not an interface address, which
        # inet_interfaces insists on: name it on each listener instead.
        l25=$addr:$p25 l587=$addr:$p587 l465=$addr:$p465
    fi
    cat >"$pc/master.cf" <<EOF
# Generated by tests/harness/mailservers.sh. No chroot anywhere.
# service type  private unpriv  chroot  wakeup  maxproc command + args
$l25      inet  n       -       n       -       -       smtpd
$l587     inet  n       -       n       -       -       smtpd
  -o syslog_name=postfix-harness/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
$l465     inet  n       -       n       -       -       smtpd
  -o syslog_name=postfix-harness/smtps
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

start_postfix() {
    local mode=$1
    if ! in_place "$mode" postfix -c "$D/postfix" start >"$D/log/postfix-start.log" 2>&1; then
        # postfix(1) prints its fatal errors on stderr only when that is a
        # terminal: run its configuration check again under script(1).
        in_place "$mode" script -qec "postfix -c '$D/postfix' check" /dev/null \
            >>"$D/log/postfix-start.log" 2>&1 || true
        die "postfix failed to start"
    fi
}

# ------------------------------------------------------------------- helpers
wait_gone() {
    local pid=${1:-}
    [[ -n $pid ]] || return 0
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
}

# wait until ADDR:PORT accepts connections (from the host side)
wait_port() {
    local addr=$1 port=$2
    for _ in $(seq 1 100); do
        if timeout 1 bash -c "exec 3<>/dev/tcp/$addr/$port" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

relay_pidfile() { printf '%s/relay.pid' "$D"; }

stop_relay() {
    local pf pid
    pf=$(relay_pidfile)
    [[ -f $pf ]] || return 0
    pid=$(cat "$pf" 2>/dev/null || true)
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        wait_gone "$pid"
    fi
    rm -f "$pf"
}

etc_hosts_remove() {
    if grep -q "$ETC_HOSTS_MARK" /etc/hosts 2>/dev/null; then
        local tmp
        tmp=$(grep -v "$ETC_HOSTS_MARK" /etc/hosts)
        printf '%s\n' "$tmp" >/etc/hosts # in place: /etc/hosts may be a bind mount
    fi
}

etc_hosts_add() {
    etc_hosts_remove
    printf '%s %s %s\n' "$1" "$TEST_HOST" "$ETC_HOSTS_MARK" >>/etc/hosts
}

# ------------------------------------------------------------------ commands
cmd_stop() {
    need_root
    local mode pids=() pf pid
    mode=$(current_mode)
    # SIGTERM the Dovecot and Postfix masters and the relay at once (each
    # master stops its children), then wait for all of them.
    for pf in "$D/dovecot/run/master.pid" "$D/postfix-spool/pid/master.pid" "$(relay_pidfile)" "$(oauth2_pidfile)"; do
        [[ -f $pf ]] || continue
        pid=$(tr -d ' \n' <"$pf" 2>/dev/null || true)
        if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            pids+=("$pid")
        fi
        rm -f "$pf"
    done
    for pid in "${pids[@]}"; do wait_gone "$pid"; done
    teardown_netns
    etc_hosts_remove
    rm -f "$(mode_file)" "$D/drop-ports"
    [[ -z $mode ]] || log "stopped ($mode mode)"
}

cmd_start() {
    need_root
    if ! command -v dovecot >/dev/null || ! command -v postfix >/dev/null; then
        die "dovecot/postfix not installed: run tests/harness/install-deps.sh"
    fi
    cmd_stop
    local mode addr t0
    t0=$(date +%s.%N)
    mode=$(choose_mode)
    log "starting in $mode mode, state dir $D"
    # A fresh instance every time: no mail, queue or log from a previous run.
    [[ -n $D && $D != / ]] || die "bad MAILCONF_HARNESS_DIR"
    rm -rf "${D:?}/mail" "${D:?}/postfix" "${D:?}/postfix-spool" "${D:?}/postfix-data" \
        "${D:?}/dovecot" "${D:?}/tls" "${D:?}/log"
    mkdir -p "$D/log"
    chmod 755 "$D"
    # the mail user must be able to reach the maildirs, postfix the sockets
    if ! runuser -u mail -- test -x "$D"; then
        die "$D is not reachable by the 'mail' user: use a MAILCONF_HARNESS_DIR whose parents are world-searchable"
    fi
    : >"$D/log/dovecot.log"
    : >"$D/log/postfix.log"
    STARTING=1
    trap 'die "start failed (line $LINENO)"' ERR
    make_certs
    if [[ $mode == netns ]]; then setup_netns; fi
    addr=$(addr_of "$mode")
    write_dovecot "$mode"
    write_postfix "$mode"
    echo "$mode" >"$(mode_file)"
    start_oauth2 "$mode"
    start_dovecot "$mode"
    start_postfix "$mode"
    local s n std lo p
    for s in "${SERVICES[@]}"; do
        read -r n std lo <<<"$s"
        p=$(port_of "$n" "$mode")
        wait_port "$addr" "$p" || die "$n ($addr:$p) does not accept connections"
    done
    p=$(oauth2_port_of "$mode")
    wait_port "$addr" "$p" || die "oauth2 server ($addr:$p) does not accept connections"
    if [[ ${MAILCONF_HARNESS_ETC_HOSTS:-0} == 1 ]]; then
        etc_hosts_add "$addr"
    fi
    trap - ERR
    STARTING=0
    log "all 8 listeners up on $addr in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}') s"
    cmd_env
}

q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

cmd_env() {
    local mode addr slow portmap="" s n std lo
    mode=$(current_mode)
    [[ -n $mode ]] || die "not started (no $(mode_file)); run: $0 start"
    addr=$(addr_of "$mode")
    slow=$(slow_addr_of "$mode")
    if [[ $mode == loopback ]]; then
        for s in "${SERVICES[@]}"; do
            read -r n std lo <<<"$s"
            portmap+="${portmap:+,}$std=$lo"
        done
    fi
    echo "export MAILCONF_HARNESS_DIR=$(q "$D")"
    echo "export MAILCONF_TEST_MODE=$(q "$mode")"
    echo "export MAILCONF_TEST_HOST=$(q "$TEST_HOST")"
    echo "export MAILCONF_TEST_DOMAIN=$(q "$TEST_DOMAIN")"
    echo "export MAILCONF_TEST_ADDR=$(q "$addr")"
    echo "export MAILCONF_TEST_RESOLVE=$(q "$TEST_HOST:$addr")"
    echo "export MAILCONF_TEST_SLOW_ADDR=$(q "$slow")"
    echo "export MAILCONF_TEST_CA=$(q "$D/tls/ca.pem")"
    echo "export MAILCONF_TEST_PORTMAP=$(q "$portmap")"
    for s in "${SERVICES[@]}"; do
        read -r n std lo <<<"$s"
        echo "export MAILCONF_TEST_PORT_${n^^}=$(q "$(port_of "$n" "$mode")")"
    done
    echo "export MAILCONF_TEST_USER=$(q "$USER1")"
    echo "export MAILCONF_TEST_PASS=$(q "$PASS1")"
    echo "export MAILCONF_TEST_USER2=$(q "$USER2")"
    echo "export MAILCONF_TEST_PASS2=$(q "$PASS2")"
    echo "export MAILCONF_TEST_USER3=$(q "$USER3")"
    echo "export MAILCONF_TEST_PASS3=$(q "$PASS3")"
    echo "export MAILCONF_TEST_SEED_USER=$(q "$USER6")"
    echo "export MAILCONF_TEST_SEED_PASS=$(q "$PASS6")"
    echo "export MAILCONF_TEST_OAUTH2_IMAP_OFF_USER=$(q "$USER4")"
    echo "export MAILCONF_TEST_OAUTH2_SMTP_OFF_USER=$(q "$USER5")"
    echo "export MAILCONF_TEST_MAILDIR=$(q "$D/mail/$TEST_DOMAIN/alice/Maildir")"
    echo "export MAILCONF_TEST_DOVECOT_LOG=$(q "$D/log/dovecot.log")"
    echo "export MAILCONF_TEST_POSTFIX_LOG=$(q "$D/log/postfix.log")"
    echo "export MAILCONF_TEST_OAUTH2_URL=$(q "https://$TEST_HOST:$(oauth2_port_of "$mode")")"
    echo "export MAILCONF_TEST_OAUTH2_CLIENT=$(q "$OAUTH2_CLIENT")"
    echo "export MAILCONF_TEST_OAUTH2_DENIED_CLIENT=$(q "$OAUTH2_DENIED_CLIENT")"
    if [[ $mode == netns ]]; then
        echo "export MAILCONF_TEST_NETNS=$(q "$NS")"
    else
        echo "export MAILCONF_TEST_NETNS=''"
    fi
}

cmd_status() {
    local mode
    mode=$(current_mode)
    if [[ -z $mode ]]; then
        echo "not started"
        return 1
    fi
    echo "mode: $mode, state dir: $D"
    if [[ -f $D/dovecot/run/master.pid ]] && kill -0 "$(cat "$D/dovecot/run/master.pid")" 2>/dev/null; then
        echo "dovecot: running (pid $(cat "$D/dovecot/run/master.pid"))"
    else
        echo "dovecot: not running"
    fi
    if in_place "$mode" postfix -c "$D/postfix" status >/dev/null 2>&1; then
        echo "postfix: running (pid $(tr -d ' ' <"$D/postfix-spool/pid/master.pid"))"
    else
        echo "postfix: not running"
    fi
    if [[ -f $(relay_pidfile) ]] && kill -0 "$(cat "$(relay_pidfile)")" 2>/dev/null; then
        echo "relay: running (pid $(cat "$(relay_pidfile)"))"
    fi
    if [[ -s $D/drop-ports ]]; then
        echo "dropped ports: $(tr '\n' ' ' <"$D/drop-ports")"
    fi
}

cmd_relay_start() {
    need_root
    local delay=${1:?usage: relay-start DELAY_MS [DURATION_S]} duration=${2:-600}
    local mode addr slow ports="" s n std lo blackhole=()
    mode=$(current_mode)
    [[ -n $mode ]] || die "not started"
    stop_relay
    addr=$(addr_of "$mode")
    slow=$(slow_addr_of "$mode")
    for s in "${SERVICES[@]}"; do
        read -r n std lo <<<"$s"
        ports+="${ports:+,}$(port_of "$n" "$mode")"
    done
    if [[ $mode == loopback && -s $D/drop-ports ]]; then
        local p
        while read -r p; do blackhole+=(--blackhole "$p"); done <"$D/drop-ports"
    fi
    rm -f "$D/relay.ready"
    in_place "$mode" python3 "$HERE/delay-relay.py" \
        --listen "$slow" --target "$addr" --source "$slow" --ports "$ports" \
        --delay-ms "$delay" --duration "$duration" "${blackhole[@]}" \
        --ready-file "$D/relay.ready" \
        </dev/null >"$D/log/relay.log" 2>&1 &
    local launcher=$!
    # the relay writes its own pid into the ready file once it listens
    for _ in $(seq 1 50); do
        [[ -s $D/relay.ready ]] && break
        kill -0 "$launcher" 2>/dev/null || {
            cat "$D/log/relay.log" >&2
            die "relay exited"
        }
        sleep 0.1
    done
    [[ -s $D/relay.ready ]] || die "relay did not start: $(cat "$D/log/relay.log")"
    mv "$D/relay.ready" "$(relay_pidfile)"
    log "relay on $slow -> $addr, +${delay} ms each way, stops after ${duration} s"
}

cmd_drop() {
    need_root
    local port=${1:?usage: drop PORT} mode
    [[ $port =~ ^[0-9]+$ ]] || die "PORT must be a number"
    mode=$(current_mode)
    [[ -n $mode ]] || die "not started"
    if [[ $mode == netns ]]; then
        ip netns exec "$NS" nft add rule inet mailconf input \
            tcp dport "$port" "tcp flags & (syn | ack) == syn" drop
        log "port $port now drops SYNs in namespace $NS ($NETNS_ADDR and $NETNS_SLOW_ADDR)"
    else
        log "loopback mode: no firewall; port $port will be a full-backlog listener on $LOOP_SLOW_ADDR when the relay starts (relay-start)"
    fi
    echo "$port" >>"$D/drop-ports"
}

cmd_undrop() {
    need_root
    local mode
    mode=$(current_mode)
    if [[ $mode == netns ]]; then
        ip netns exec "$NS" nft flush chain inet mailconf input
    fi
    rm -f "$D/drop-ports"
}

case ${1:-} in
start) cmd_start ;;
stop) cmd_stop ;;
env) cmd_env ;;
status) cmd_status ;;
relay-start)
    shift
    cmd_relay_start "$@"
    ;;
relay-stop) stop_relay ;;
drop) cmd_drop "${2:-}" ;;
undrop) cmd_undrop ;;
exec)
    shift
    [[ $(current_mode) == netns ]] || die "exec: only in netns mode"
    exec ip netns exec "$NS" "$@"
    ;;
*)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
