#!/usr/bin/env bash
# Check, after `mailservers.sh start`, that the 7 listeners (8 endpoints:
# POP3 110 is probed plain and with STLS) behave as the probe tests expect,
# and that the OAuth2 authorization server issues tokens that Dovecot and
# Postfix accept with XOAUTH2 and refuse, with the error JSON, when bad.
# Uses only openssl s_client, bash /dev/tcp and curl. Prints one PASS/FAIL
# line per check and a closing "N passed, M failed" line; exits non-zero on
# any failure.
#
#   selfcheck.sh              check the servers at MAILCONF_TEST_ADDR
#   selfcheck.sh --via-relay  the same through delay-relay.py at
#                             MAILCONF_TEST_SLOW_ADDR (after relay-start)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! harness_env=$("$HERE/mailservers.sh" env); then
    echo "FAIL harness not started (run mailservers.sh start first)"
    echo "0 passed, 1 failed"
    exit 1
fi
eval "$harness_env"

H=$MAILCONF_TEST_HOST
A=$MAILCONF_TEST_ADDR
if [[ ${1:-} == --via-relay ]]; then A=$MAILCONF_TEST_SLOW_ADDR; fi
CA=$MAILCONF_TEST_CA
P110=$MAILCONF_TEST_PORT_POP3
P995=$MAILCONF_TEST_PORT_POP3S
P143=$MAILCONF_TEST_PORT_IMAP
P993=$MAILCONF_TEST_PORT_IMAPS
P25=$MAILCONF_TEST_PORT_SMTP
P587=$MAILCONF_TEST_PORT_SUBMISSION
P465=$MAILCONF_TEST_PORT_SMTPS
U=$MAILCONF_TEST_USER
PW=$MAILCONF_TEST_PASS

passed=0
failed=0
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

pass() {
    passed=$((passed + 1))
    printf 'PASS %s\n' "$1"
}
fail() {
    failed=$((failed + 1))
    printf 'FAIL %s: %s\n' "$1" "$2"
    if [[ -n ${3:-} && -s $3 ]]; then sed 's/^/    | /' "$3" | head -n 20; fi
}

# plain PORT INPUT -> server's replies (CRLF stripped) in $OUT/plain; the
# input is sent after the greeting and should end with QUIT/LOGOUT.
plain() {
    local port=$1 input=$2
    # shellcheck disable=SC2016 # the inner script gets its values as $1..$3
    timeout 10 bash -c '
        exec 3<>"/dev/tcp/$1/$2" || exit 1
        IFS= read -r greeting <&3 || exit 1
        printf "%s\n" "$greeting"
        printf "%b" "$3" >&3
        cat <&3
    ' _ "$A" "$port" "$input" | tr -d '\r' >"$OUT/plain" 2>&1
}

# tls [-starttls PROTO] PORT INPUT -> session text in $OUT/tls, handshake
# summary in $OUT/tls.err; fails unless the chain verifies against the test
# CA and the certificate matches the test host name.
tls() {
    local starttls=()
    if [[ $1 == -starttls ]]; then
        starttls=(-starttls "$2")
        shift 2
    fi
    local port=$1 input=$2
    printf '%b' "$input" | timeout 10 openssl s_client -quiet \
        "${starttls[@]}" -connect "$A:$port" -servername "$H" \
        -CAfile "$CA" -verify_hostname "$H" -verify_return_error \
        >"$OUT/tls" 2>"$OUT/tls.err"
    local rc=$?
    tr -d '\r' <"$OUT/tls" >"$OUT/tls.txt"
    mv "$OUT/tls.txt" "$OUT/tls"
    return $rc
}

check_tls() {
    local name=$1
    shift
    if tls "$@" && ! grep -q 'verify error' "$OUT/tls.err"; then
        pass "$name"
    else
        fail "$name" "TLS handshake or verification failed" "$OUT/tls.err"
        return 1
    fi
}

echo "selfcheck: $MAILCONF_TEST_MODE mode, $H at $A, CA $CA"

# ------------------------------------------------------------------- POP3 110
if plain "$P110" 'CAPA\r\nUSER '"$U"'\r\nQUIT\r\n' && grep -q '^+OK' "$OUT/plain"; then
    pass "pop3 $P110: greeting +OK"
    if grep -qx 'STLS' "$OUT/plain"; then pass "pop3 $P110: CAPA offers STLS"; else fail "pop3 $P110: CAPA offers STLS" "no STLS" "$OUT/plain"; fi
    if ! grep -qx 'USER' "$OUT/plain"; then pass "pop3 $P110: CAPA has no USER before STLS"; else fail "pop3 $P110: CAPA has no USER before STLS" "USER offered" "$OUT/plain"; fi
    if grep -q '^-ERR.*[Pp]laintext authentication disallowed' "$OUT/plain"; then
        pass "pop3 $P110: USER before STLS refused"
    else
        fail "pop3 $P110: USER before STLS refused" "no -ERR for USER" "$OUT/plain"
    fi
else
    fail "pop3 $P110: greeting +OK" "no POP3 greeting" "$OUT/plain"
fi
if check_tls "pop3 $P110: STLS, certificate verifies against test CA" -starttls pop3 "$P110" 'CAPA\r\nQUIT\r\n'; then
    if grep -qx 'USER' "$OUT/tls" && grep -q '^SASL.*PLAIN' "$OUT/tls"; then
        pass "pop3 $P110: after STLS, CAPA offers USER and SASL PLAIN"
    else
        fail "pop3 $P110: after STLS, CAPA offers USER and SASL PLAIN" "missing" "$OUT/tls"
    fi
fi

# ------------------------------------------------------------------ POP3S 995
if check_tls "pop3s $P995: implicit TLS, certificate verifies" "$P995" 'QUIT\r\n'; then
    if grep -q '^+OK' "$OUT/tls"; then pass "pop3s $P995: greeting +OK"; else fail "pop3s $P995: greeting +OK" "none" "$OUT/tls"; fi
fi
if curl -sS --max-time 10 --cacert "$CA" --resolve "$H:$P995:$A" --user "$U:$PW" \
    "pop3s://$H:$P995/" >"$OUT/curl" 2>&1; then
    pass "pop3s $P995: login as $U (curl LIST)"
else
    fail "pop3s $P995: login as $U (curl LIST)" "curl failed" "$OUT/curl"
fi
rc=0
curl -sS --max-time 15 --cacert "$CA" --resolve "$H:$P995:$A" --user "$U:wrong password" \
    "pop3s://$H:$P995/" >"$OUT/curl" 2>&1 || rc=$?
if [[ $rc -eq 67 ]]; then
    pass "pop3s $P995: wrong password rejected"
else
    fail "pop3s $P995: wrong password rejected" "curl exit $rc, expected 67 (login denied)" "$OUT/curl"
fi
rc=0
printf 'QUIT\r\n' | timeout 10 openssl s_client -quiet -connect "$A:$P995" -servername "$H" \
    -verify_hostname "$H" -verify_return_error -CApath /nonexistent \
    -CAfile /etc/ssl/certs/ca-certificates.crt >"$OUT/tls" 2>&1 || rc=$?
if [[ $rc -ne 0 ]]; then
    pass "pop3s $P995: certificate does not verify without the test CA"
else
    fail "pop3s $P995: certificate does not verify without the test CA" "it verified" "$OUT/tls"
fi

# ------------------------------------------------------------------- IMAP 143
if plain "$P143" 'a CAPABILITY\r\nb LOGOUT\r\n' && grep -q '^\* OK' "$OUT/plain"; then
    pass "imap $P143: greeting * OK"
    cap=$(grep '^\* CAPABILITY' "$OUT/plain" || true)
    if [[ $cap == *STARTTLS* && $cap == *LOGINDISABLED* ]]; then
        pass "imap $P143: CAPABILITY has STARTTLS and LOGINDISABLED"
    else
        fail "imap $P143: CAPABILITY has STARTTLS and LOGINDISABLED" "got: $cap" "$OUT/plain"
    fi
else
    fail "imap $P143: greeting * OK" "no IMAP greeting" "$OUT/plain"
fi
if check_tls "imap $P143: STARTTLS, certificate verifies" -starttls imap "$P143" 'a CAPABILITY\r\nb LOGOUT\r\n'; then
    cap=$(grep '^\* CAPABILITY' "$OUT/tls" || true)
    if [[ $cap == *AUTH=PLAIN* && $cap != *LOGINDISABLED* ]]; then
        pass "imap $P143: after STARTTLS, AUTH=PLAIN and no LOGINDISABLED"
    else
        fail "imap $P143: after STARTTLS, AUTH=PLAIN and no LOGINDISABLED" "got: $cap" "$OUT/tls"
    fi
fi
if curl -sS --max-time 10 --ssl-reqd --cacert "$CA" --resolve "$H:$P143:$A" --user "$U:$PW" \
    "imap://$H:$P143/" >"$OUT/curl" 2>&1 && grep -q INBOX "$OUT/curl"; then
    pass "imap $P143: login as $U after STARTTLS (curl LIST)"
else
    fail "imap $P143: login as $U after STARTTLS (curl LIST)" "curl failed" "$OUT/curl"
fi

# ------------------------------------------------------------------ IMAPS 993
if check_tls "imaps $P993: implicit TLS, certificate verifies" "$P993" 'b LOGOUT\r\n'; then
    if grep -q '^\* OK' "$OUT/tls"; then pass "imaps $P993: greeting * OK"; else fail "imaps $P993: greeting * OK" "none" "$OUT/tls"; fi
fi
if curl -sS --max-time 10 --cacert "$CA" --resolve "$H:$P993:$A" --user "$U:$PW" \
    "imaps://$H:$P993/" >"$OUT/curl" 2>&1 && grep -q INBOX "$OUT/curl"; then
    pass "imaps $P993: login as $U (curl LIST)"
else
    fail "imaps $P993: login as $U (curl LIST)" "curl failed" "$OUT/curl"
fi

# ------------------------------------------------------------------- SMTP 25
if plain "$P25" 'EHLO selfcheck.test\r\nQUIT\r\n' && grep -q '^220 ' "$OUT/plain"; then
    pass "smtp $P25: greeting 220"
    if grep -q '^250[- ]STARTTLS' "$OUT/plain"; then pass "smtp $P25: EHLO offers STARTTLS"; else fail "smtp $P25: EHLO offers STARTTLS" "no STARTTLS" "$OUT/plain"; fi
else
    fail "smtp $P25: greeting 220" "no SMTP greeting" "$OUT/plain"
fi
check_tls "smtp $P25: STARTTLS, certificate verifies" -starttls smtp "$P25" 'QUIT\r\n' || true

# ------------------------------------------------------------ submission 587
if plain "$P587" 'EHLO selfcheck.test\r\nMAIL FROM:<'"$U"'>\r\nQUIT\r\n' && grep -q '^220 ' "$OUT/plain"; then
    pass "submission $P587: greeting 220"
    if grep -q '^250[- ]STARTTLS' "$OUT/plain" && ! grep -q '^250[- ]AUTH' "$OUT/plain"; then
        pass "submission $P587: EHLO before STARTTLS offers STARTTLS, no AUTH"
    else
        fail "submission $P587: EHLO before STARTTLS offers STARTTLS, no AUTH" "wrong EHLO" "$OUT/plain"
    fi
    if grep -q '^530 ' "$OUT/plain"; then
        pass "submission $P587: MAIL before STARTTLS refused (530)"
    else
        fail "submission $P587: MAIL before STARTTLS refused (530)" "not refused" "$OUT/plain"
    fi
else
    fail "submission $P587: greeting 220" "no SMTP greeting" "$OUT/plain"
fi
if check_tls "submission $P587: STARTTLS, certificate verifies" -starttls smtp "$P587" 'EHLO selfcheck.test\r\nQUIT\r\n'; then
    if grep -q '^250[- ]AUTH PLAIN LOGIN' "$OUT/tls"; then
        pass "submission $P587: EHLO after STARTTLS offers AUTH PLAIN LOGIN"
    else
        fail "submission $P587: EHLO after STARTTLS offers AUTH PLAIN LOGIN" "no AUTH" "$OUT/tls"
    fi
fi

# ----------------------------------------------------------------- smtps 465
if check_tls "smtps $P465: implicit TLS, certificate verifies" "$P465" 'EHLO selfcheck.test\r\nQUIT\r\n'; then
    if grep -q '^220 ' "$OUT/tls" && grep -q '^250[- ]AUTH PLAIN LOGIN' "$OUT/tls"; then
        pass "smtps $P465: greeting 220, EHLO offers AUTH PLAIN LOGIN"
    else
        fail "smtps $P465: greeting 220, EHLO offers AUTH PLAIN LOGIN" "wrong" "$OUT/tls"
    fi
fi

# ------------------------------------ submit on 587, arrives, fetch over 995
token="selfcheck-$(date +%s)-$$-$RANDOM"
printf 'From: <%s>\r\nTo: <%s>\r\nSubject: %s\r\nMessage-ID: <%s@%s>\r\n\r\nmailconf harness self-check %s\r\n' \
    "$U" "$U" "$token" "$token" "$H" "$token" >"$OUT/msg"
if curl -sS --max-time 15 --ssl-reqd --cacert "$CA" --resolve "$H:$P587:$A" --user "$U:$PW" \
    --mail-from "$U" --mail-rcpt "$U" --upload-file "$OUT/msg" \
    "smtp://$H:$P587/" >"$OUT/curl" 2>&1; then
    pass "submission $P587: alice sends to alice (STARTTLS + AUTH)"
    arrived=""
    for _ in $(seq 1 50); do
        if arrived=$(grep -l -- "$token" "$MAILCONF_TEST_MAILDIR"/new/* 2>/dev/null | head -n 1) && [[ -n $arrived ]]; then
            break
        fi
        sleep 0.1
    done
    if [[ -n $arrived ]]; then
        pass "delivery: message in alice's maildir ($arrived)"
    else
        fail "delivery: message in alice's maildir" "not there after 5 s" "$MAILCONF_TEST_POSTFIX_LOG"
    fi
    fetched=0
    if curl -sS --max-time 10 --cacert "$CA" --resolve "$H:$P995:$A" --user "$U:$PW" \
        "pop3s://$H:$P995/" >"$OUT/list" 2>&1; then
        # newest first: the message is normally the last one
        while read -r n; do
            if curl -sS --max-time 10 --cacert "$CA" --resolve "$H:$P995:$A" --user "$U:$PW" \
                "pop3s://$H:$P995/$n" 2>/dev/null | grep -q -- "$token"; then
                fetched=1
                break
            fi
        done < <(awk '{print $1}' "$OUT/list" | sort -rn)
    fi
    if [[ $fetched -eq 1 ]]; then
        pass "pop3s $P995: message fetched by RETR"
    else
        fail "pop3s $P995: message fetched by RETR" "not found in LIST/RETR" "$OUT/list"
    fi
else
    fail "submission $P587: alice sends to alice (STARTTLS + AUTH)" "curl failed" "$OUT/curl"
fi

# ------------------------------------------------- oauth2: server, XOAUTH2, OAUTHBEARER
O=$MAILCONF_TEST_OAUTH2_URL
OPORT=${O##*:}
OCURL=(curl -sS --max-time 10 --cacert "$CA" --resolve "$H:$OPORT:$MAILCONF_TEST_ADDR")
access=""
if "${OCURL[@]}" -d "user=$U" "$O/test/mint" >"$OUT/mint" 2>&1 &&
    access=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$OUT/mint" 2>/dev/null) &&
    [[ -n $access ]]; then
    pass "oauth2 $OPORT: HTTPS verifies against the test CA, a token is issued"
else
    fail "oauth2 $OPORT: HTTPS verifies against the test CA, a token is issued" "no token" "$OUT/mint"
fi
challenge=$(printf '%s' "selfcheck-verifier-0123456789-0123456789-0123456789" | openssl dgst -sha256 -binary | base64 -w0 | tr '+/' '-_' | tr -d '=')
redir=$("${OCURL[@]}" -o /dev/null -w '%{redirect_url}' \
    "$O/authorize?response_type=code&client_id=$MAILCONF_TEST_OAUTH2_CLIENT&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&scope=mail&state=st4te&code_challenge=$challenge&code_challenge_method=S256" 2>&1 || true)
if [[ $redir == http://127.0.0.1:9/cb\?code=ac-*\&state=st4te ]]; then
    pass "oauth2 $OPORT: authorization code + PKCE redirects to the loopback URI with code and state"
else
    fail "oauth2 $OPORT: authorization code + PKCE redirects to the loopback URI with code and state" "got: $redir" ""
fi
if "${OCURL[@]}" -d "client_id=$MAILCONF_TEST_OAUTH2_CLIENT&scope=mail" "$O/devicecode" 2>&1 | grep -q '"user_code"'; then
    pass "oauth2 $OPORT: device authorization gives a user code"
else
    fail "oauth2 $OPORT: device authorization gives a user code" "no user_code" ""
fi
xo=$(printf 'user=%s\001auth=Bearer %s\001\001' "$U" "$access" | base64 -w0)
if check_tls "imaps $P993: AUTHENTICATE XOAUTH2 with a valid token" "$P993" "a AUTHENTICATE XOAUTH2 $xo\r\nb LOGOUT\r\n"; then
    if grep -q '^a OK' "$OUT/tls"; then
        pass "imaps $P993: XOAUTH2 token accepted (Dovecot oauth2 passdb, introspection)"
    else
        fail "imaps $P993: XOAUTH2 token accepted (Dovecot oauth2 passdb, introspection)" "not OK" "$OUT/tls"
    fi
fi
if check_tls "smtps $P465: AUTH XOAUTH2 with a valid token" "$P465" "EHLO selfcheck.test\r\nAUTH XOAUTH2 $xo\r\nQUIT\r\n"; then
    if grep -q '^235 ' "$OUT/tls"; then
        pass "smtps $P465: XOAUTH2 accepted through Dovecot's SASL"
    else
        fail "smtps $P465: XOAUTH2 accepted through Dovecot's SASL" "no 235" "$OUT/tls"
    fi
fi
ob=$(printf 'n,a=%s,\001auth=Bearer not-a-token\001\001' "$U" | base64 -w0)
if check_tls "imaps $P993: OAUTHBEARER with a bad token" "$P993" "a AUTHENTICATE OAUTHBEARER $ob\r\nAQ==\r\nb LOGOUT\r\n"; then
    err_json=$(sed -n 's/^+ //p' "$OUT/tls" | head -n 1 | base64 -d 2>/dev/null || true)
    if [[ $err_json == *'"status":"invalid_token"'* ]] && grep -q '^a NO' "$OUT/tls"; then
        pass "imaps $P993: bad OAUTHBEARER token gets the error JSON, then NO"
    else
        fail "imaps $P993: bad OAUTHBEARER token gets the error JSON, then NO" "got: $err_json" "$OUT/tls"
    fi
fi
if [[ -n $access ]] && grep -rsqF -e "$access" -e "$xo" \
    "$MAILCONF_HARNESS_DIR/log" "$MAILCONF_HARNESS_DIR/dovecot" "$MAILCONF_HARNESS_DIR/postfix"; then
    fail "logs and config: no access token" "found" ""
else
    pass "logs and config: no access token"
fi

# ----------------------------------------------------- no password in the logs
plain_b64=$(printf '\0%s\0%s' "$U" "$PW" | base64 -w0)
pw_b64=$(printf '%s' "$PW" | base64 -w0)
if grep -rsqF -e "$PW" -e "$plain_b64" -e "$pw_b64" \
    "$MAILCONF_HARNESS_DIR/log" "$MAILCONF_HARNESS_DIR/dovecot" "$MAILCONF_HARNESS_DIR/postfix"; then
    fail "logs and config: no cleartext password" "found" ""
else
    pass "logs and config: no cleartext password"
fi

echo "selfcheck: $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
