#!/usr/bin/env python3
"""Store a saved password in a Thunderbird profile, as Thunderbird does.

Thunderbird keeps saved passwords in the profile's logins.json, the user name and
the password each encrypted with NSS's secret decoder ring (PK11SDR_Encrypt) under
the key in the profile's key4.db and base64-encoded. This script does the same
through NSS's C API (ctypes), so the test profile logs in without a password
prompt, like a user's profile that remembers the password.

    thunderbird-login.py PROFILE_DIR ORIGIN USERNAME  < password-on-stdin

ORIGIN is the login's origin and HTTP realm, e.g. `mailbox://mail.test.mailconf`
for a POP3 server (Thunderbird's MsgIncomingServer._getServerURI: the local store
type, then the host name). The password is read from the first line of standard
input, never from the command line. The profile's key4.db must exist with an empty
primary password (`certutil -N -d sql:DIR --empty-password`).

Use the NSS of the Thunderbird that reads the profile (LD_LIBRARY_PATH=
/usr/lib/thunderbird): the key database is then written in its format.
Test-only; standard library only.
"""

import base64
import ctypes
import json
import sys
import time
import uuid
from pathlib import Path


class SECItem(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("data", ctypes.POINTER(ctypes.c_ubyte)),
        ("len", ctypes.c_uint),
    ]


def fail(message):
    print(f"thunderbird-login.py: {message}", file=sys.stderr)
    sys.exit(1)


def load_nss():
    nss = ctypes.CDLL("libnss3.so")
    nss.NSS_InitReadWrite.argtypes = [ctypes.c_char_p]
    nss.NSS_InitReadWrite.restype = ctypes.c_int
    nss.PK11_GetInternalKeySlot.restype = ctypes.c_void_p
    nss.PK11_NeedLogin.argtypes = [ctypes.c_void_p]
    nss.PK11_NeedLogin.restype = ctypes.c_int
    nss.PK11_CheckUserPassword.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    nss.PK11_CheckUserPassword.restype = ctypes.c_int
    nss.PK11_FreeSlot.argtypes = [ctypes.c_void_p]
    nss.PK11SDR_Encrypt.argtypes = [
        ctypes.POINTER(SECItem),
        ctypes.POINTER(SECItem),
        ctypes.POINTER(SECItem),
        ctypes.c_void_p,
    ]
    nss.PK11SDR_Encrypt.restype = ctypes.c_int
    nss.SECITEM_ZfreeItem.argtypes = [ctypes.POINTER(SECItem), ctypes.c_int]
    nss.NSS_Shutdown.restype = ctypes.c_int
    nss.PORT_GetError.restype = ctypes.c_int
    return nss


def encrypt(nss, text):
    """base64 of PK11SDR_Encrypt(text) with the default key."""
    raw = text.encode("utf-8")
    buf = (ctypes.c_ubyte * len(raw)).from_buffer_copy(raw)
    data = SECItem(0, buf, len(raw))
    key_id = SECItem(0, None, 0)
    out = SECItem(0, None, 0)
    if nss.PK11SDR_Encrypt(ctypes.byref(key_id), ctypes.byref(data), ctypes.byref(out), None) != 0:
        fail(f"PK11SDR_Encrypt failed (NSS error {nss.PORT_GetError()})")
    encoded = base64.b64encode(ctypes.string_at(out.data, out.len)).decode("ascii")
    nss.SECITEM_ZfreeItem(ctypes.byref(out), 0)
    return encoded


def main():
    if len(sys.argv) != 4:
        fail("usage: thunderbird-login.py PROFILE_DIR ORIGIN USERNAME < password")
    profile, origin, username = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        fail("no password on standard input")
    if not (profile / "key4.db").exists():
        fail(f"{profile}/key4.db is missing: create it with certutil -N --empty-password")
    nss = load_nss()
    if nss.NSS_InitReadWrite(f"sql:{profile}".encode()) != 0:
        fail(f"NSS_InitReadWrite({profile}) failed (NSS error {nss.PORT_GetError()})")
    slot = nss.PK11_GetInternalKeySlot()
    if not slot:
        fail("no internal key slot")
    # An empty primary password: log in to the slot with it (SDR needs the key).
    if nss.PK11_NeedLogin(slot) and nss.PK11_CheckUserPassword(slot, b"") != 0:
        fail("the key database has a primary password")
    nss.PK11_FreeSlot(slot)
    enc_user = encrypt(nss, username)
    enc_pass = encrypt(nss, password)
    if nss.NSS_Shutdown() != 0:
        fail(f"NSS_Shutdown failed (NSS error {nss.PORT_GetError()})")

    path = profile / "logins.json"
    store = (
        json.loads(path.read_text())
        if path.exists()
        else {
            "nextId": 1,
            "logins": [],
            "potentiallyVulnerablePasswords": [],
            "dismissedBreachAlertsByLoginGUID": {},
            "version": 3,
        }
    )
    now_ms = int(time.time() * 1000)
    store["logins"].append(
        {
            "id": store["nextId"],
            "hostname": origin,
            "httpRealm": origin,
            "formSubmitURL": None,
            "usernameField": "",
            "passwordField": "",
            "encryptedUsername": enc_user,
            "encryptedPassword": enc_pass,
            "guid": "{" + str(uuid.uuid4()) + "}",
            "encType": 1,
            "timeCreated": now_ms,
            "timeLastUsed": now_ms,
            "timePasswordChanged": now_ms,
            "timesUsed": 1,
        }
    )
    store["nextId"] += 1
    path.write_text(json.dumps(store))
    path.chmod(0o600)


if __name__ == "__main__":
    main()
