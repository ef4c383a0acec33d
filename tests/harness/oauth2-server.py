#!/usr/bin/env python3
"""Local OAuth2 authorization server for mailconf's real-server tests.

Stands in for Microsoft's and Google's sign-in: authorization code with PKCE
(RFC 6749, RFC 7636; S256 only, loopback redirect URIs only, RFC 8252), the
device flow (RFC 8628), refresh, and token introspection (RFC 7662) that the
harness's Dovecot uses to validate the tokens clients send with XOAUTH2 and
OAUTHBEARER. Standard library only. Everything is kept in memory and is bounded
(tokens, body sizes, run time); the server stops by itself after --duration.

Clients: `mailconf-test-client` (allowed), `mailconf-test-denied` (the user
refuses consent: access_denied), `mailconf-test-secret` (allowed with its
client secret, as a Google desktop client). Users: the harness's passwd-file
users, and dave and erin (tokens only).

The test acts as the browser: GET /authorize answers with the redirect to the
loopback URI at once (the user "consents" as `login_hint`, alice by default),
and GET /device?user_code=...&user=... approves a device code. Test hooks
(only for the test suite, never in a real provider): POST /test/mint gives an
access token for a user (expires_in may be negative: an expired token), and
POST /test/revoke revokes an access or refresh token.
"""

import argparse
import base64
import hashlib
import json
import os
import secrets
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CLIENTS = {"mailconf-test-client": "ok", "mailconf-test-denied": "denied", "mailconf-test-secret": "ok"}
# A "desktop" client with a secret, as Google issues them: the token endpoint
# refuses it (invalid_client) without this secret.
SECRETS = {"mailconf-test-secret": "desktop-secret-for-tests"}
# dave and erin: tokens only; the harness's Dovecot gives them Microsoft
# 365's per-mailbox switches (POP/IMAP off, SMTP AUTH off).
USERS = (
    "alice@test.mailconf",
    "bob@test.mailconf",
    "carol@test.mailconf",
    "dave@test.mailconf",
    "erin@test.mailconf",
)
SCOPES = ("mail", "offline_access")
MAX_BODY = 64 * 1024
MAX_ENTRIES = 10000
ACCESS_S = 3600
DEVICE_S = 600
DEVICE_INTERVAL_S = 1

LOCK = threading.Lock()
CODES = {}  # code -> dict(user, client, redirect, challenge, scope, exp)
ACCESS = {}  # token -> dict(user, scope, exp, revoked)
REFRESH = {}  # token -> dict(user, client, scope, revoked)
DEVICES = {}  # device_code -> dict(user_code, client, scope, exp, user, last_poll)


def bounded(table):
    if len(table) >= MAX_ENTRIES:
        table.pop(next(iter(table)))


def new_tokens(user, client, scope):
    access = "at-" + secrets.token_urlsafe(24)
    refresh = "rt-" + secrets.token_urlsafe(24)
    with LOCK:
        bounded(ACCESS)
        bounded(REFRESH)
        ACCESS[access] = {"user": user, "scope": scope, "exp": time.time() + ACCESS_S, "revoked": False}
        REFRESH[refresh] = {"user": user, "client": client, "scope": scope, "revoked": False}
    return {
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": ACCESS_S,
        "refresh_token": refresh,
        "scope": scope,
    }


def loopback_redirect(uri):
    u = urllib.parse.urlsplit(uri)
    return u.scheme == "http" and u.hostname in ("127.0.0.1", "::1") and u.port is not None


def known_scope(scope):
    return bool(scope) and all(s in SCOPES for s in scope.split())


class Handler(BaseHTTPRequestHandler):
    server_version = "mailconf-test-oauth2/1"
    protocol_version = "HTTP/1.1"
    timeout = 10

    def log_message(self, fmt, *args):
        # Never log tokens: the path and form may carry them.
        sys.stderr.write("%s %s\n" % (self.command, urllib.parse.urlsplit(self.path).path))

    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, code, description=""):
        self.send_json(status, {"error": code, "error_description": description})

    def redirect(self, uri, params):
        sep = "&" if "?" in uri else "?"
        self.send_response(302)
        self.send_header("Location", uri + sep + urllib.parse.urlencode(params))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def form(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n < 0 or n > MAX_BODY:
            return None
        raw = self.rfile.read(n).decode("utf-8", "replace")
        return {k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}

    def client_of(self, f):
        """The client id, when its secret (if it has one) is right; "" otherwise."""
        cid = f.get("client_id", "")
        secret = f.get("client_secret")
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            try:
                pair = base64.b64decode(auth[6:]).decode().split(":", 1)
            except (ValueError, UnicodeDecodeError):
                return ""
            cid = urllib.parse.unquote(pair[0])
            secret = urllib.parse.unquote(pair[1]) if len(pair) > 1 else None
        if cid in SECRETS and secret != SECRETS[cid]:
            return ""
        return cid

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        q = {k: v[0] for k, v in urllib.parse.parse_qs(u.query).items()}
        if u.path == "/authorize":
            return self.authorize(q)
        if u.path == "/device":
            return self.device_approve(q)
        self.error(404, "not_found")

    def do_POST(self):
        f = self.form()
        if f is None:
            return self.error(413, "invalid_request", "body too large")
        path = urllib.parse.urlsplit(self.path).path
        handlers = {
            "/token": self.token,
            "/devicecode": self.devicecode,
            "/introspect": self.introspect,
            "/test/mint": self.mint,
            "/test/revoke": self.revoke,
        }
        h = handlers.get(path)
        if h is None:
            return self.error(404, "not_found")
        h(f)

    def authorize(self, q):
        redirect = q.get("redirect_uri", "")
        client = q.get("client_id", "")
        # Like a real provider: a bad client or redirect URI gets a page, never a redirect.
        if client not in CLIENTS:
            return self.error(400, "unauthorized_client", "unknown client_id")
        if not loopback_redirect(redirect):
            return self.error(400, "invalid_request", "redirect_uri must be http://127.0.0.1:PORT/")
        state = q.get("state", "")
        back = {"state": state} if state else {}
        if q.get("response_type") != "code":
            return self.redirect(redirect, {"error": "unsupported_response_type", **back})
        if q.get("code_challenge_method") != "S256" or len(q.get("code_challenge", "")) < 43:
            return self.redirect(redirect, {"error": "invalid_request", "error_description": "PKCE S256 required", **back})
        if not known_scope(q.get("scope", "")):
            return self.redirect(redirect, {"error": "invalid_scope", **back})
        if CLIENTS[client] == "denied":
            return self.redirect(redirect, {"error": "access_denied", "error_description": "the user declined", **back})
        user = q.get("login_hint") or USERS[0]
        if user not in USERS:
            return self.redirect(redirect, {"error": "access_denied", "error_description": "no such user", **back})
        code = "ac-" + secrets.token_urlsafe(18)
        with LOCK:
            bounded(CODES)
            CODES[code] = {
                "user": user,
                "client": client,
                "redirect": redirect,
                "challenge": q["code_challenge"],
                "scope": q["scope"],
                "exp": time.time() + 120,
            }
        self.redirect(redirect, {"code": code, **back})

    def token(self, f):
        grant = f.get("grant_type", "")
        client = self.client_of(f)
        if client not in CLIENTS:
            return self.error(401, "invalid_client")
        if grant == "authorization_code":
            with LOCK:
                c = CODES.pop(f.get("code", ""), None)
            if c is None or c["exp"] < time.time() or c["client"] != client:
                return self.error(400, "invalid_grant", "unknown or expired code")
            if c["redirect"] != f.get("redirect_uri"):
                return self.error(400, "invalid_grant", "redirect_uri differs")
            verifier = f.get("code_verifier", "")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if not verifier or digest != c["challenge"]:
                return self.error(400, "invalid_grant", "PKCE verification failed")
            return self.send_json(200, new_tokens(c["user"], client, c["scope"]))
        if grant == "refresh_token":
            with LOCK:
                r = REFRESH.get(f.get("refresh_token", ""))
            if r is None or r["revoked"] or r["client"] != client:
                return self.error(400, "invalid_grant", "refresh token revoked or unknown")
            body = new_tokens(r["user"], client, r["scope"])
            with LOCK:
                # Rotation, as Microsoft does: the old refresh token is spent.
                r["revoked"] = True
            return self.send_json(200, body)
        if grant == "urn:ietf:params:oauth:grant-type:device_code":
            now = time.time()
            with LOCK:
                d = DEVICES.get(f.get("device_code", ""))
                if d is None or d["client"] != client:
                    return self.error(400, "invalid_grant")
                if d["exp"] < now:
                    return self.error(400, "expired_token")
                too_fast = now - d["last_poll"] < DEVICE_INTERVAL_S - 0.05
                d["last_poll"] = now
                user = d["user"]
                if user is not None:
                    DEVICES.pop(f["device_code"], None)
            if too_fast:
                return self.error(400, "slow_down")
            if user is None:
                return self.error(400, "authorization_pending")
            return self.send_json(200, new_tokens(user, client, d["scope"]))
        self.error(400, "unsupported_grant_type")

    def devicecode(self, f):
        client = self.client_of(f)
        if client not in CLIENTS:
            return self.error(401, "invalid_client")
        if not known_scope(f.get("scope", "")):
            return self.error(400, "invalid_scope")
        device = "dc-" + secrets.token_urlsafe(18)
        user_code = "".join(secrets.choice("BCDFGHJKLMNPQRSTVWXZ") for _ in range(8))
        with LOCK:
            bounded(DEVICES)
            DEVICES[device] = {
                "user_code": user_code,
                "client": client,
                "scope": f["scope"],
                "exp": time.time() + DEVICE_S,
                "user": None,
                "last_poll": 0.0,
            }
        host = self.headers.get("Host", "")
        self.send_json(
            200,
            {
                "device_code": device,
                "user_code": user_code,
                "verification_uri": "https://%s/device" % host,
                "expires_in": DEVICE_S,
                "interval": DEVICE_INTERVAL_S,
            },
        )

    def device_approve(self, q):
        code = q.get("user_code", "")
        user = q.get("user") or USERS[0]
        with LOCK:
            for d in DEVICES.values():
                if d["user_code"] == code and user in USERS:
                    d["user"] = user
                    break
            else:
                return self.error(400, "invalid_request", "unknown user code")
        self.send_json(200, {"approved": True})

    def introspect(self, f):
        with LOCK:
            t = ACCESS.get(f.get("token", ""))
        if t is None or t["revoked"] or t["exp"] < time.time():
            return self.send_json(200, {"active": False})
        self.send_json(
            200,
            {"active": True, "email": t["user"], "username": t["user"], "scope": t["scope"], "exp": int(t["exp"])},
        )

    def mint(self, f):
        user = f.get("user", "")
        if user not in USERS:
            return self.error(400, "invalid_request", "unknown user")
        try:
            expires = int(f.get("expires_in", ACCESS_S))
        except ValueError:
            return self.error(400, "invalid_request", "expires_in")
        body = new_tokens(user, "mailconf-test-client", "mail offline_access")
        with LOCK:
            ACCESS[body["access_token"]]["exp"] = time.time() + expires
        self.send_json(200, body)

    def revoke(self, f):
        tok = f.get("token", "")
        with LOCK:
            t = ACCESS.get(tok) or REFRESH.get(tok)
            if t is not None:
                t["revoked"] = True
        self.send_json(200, {"revoked": t is not None})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--listen", required=True, help="ADDR:PORT for HTTPS")
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--duration", type=int, default=3600, help="stop after this many seconds (max 14400)")
    ap.add_argument("--ready-file", help="written with the pid once listening")
    a = ap.parse_args()
    host, port = a.listen.rsplit(":", 1)
    srv = ThreadingHTTPServer((host, int(port)), Handler)
    srv.daemon_threads = True
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(a.cert, a.key)
    # The handshake happens in the handler thread (on first read, under its
    # timeout), so a client that never speaks TLS cannot stall accept().
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True, do_handshake_on_connect=False)
    threading.Timer(min(max(a.duration, 1), 14400), srv.shutdown).start()
    if a.ready_file:
        with open(a.ready_file + ".tmp", "w") as fh:
            fh.write(str(os.getpid()))
        os.replace(a.ready_file + ".tmp", a.ready_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
