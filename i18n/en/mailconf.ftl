# mailconf's words in English. This file is the reference: every message id the
# code uses must be here (checked when the code compiles), and the Chinese
# catalogs have exactly the same ids and variables (checked by the tests in
# src/i18n/checks.rs). Host names, ports, dates, cipher suites and what a server
# or the system said arrive as variables and are shown as they are.

## Shared shapes

# A sentence followed by technical detail (a server's reply, a system error).
with-detail = { $sentence }: { $detail }

## The probe's one-line summary of a way in (src/probe/report/summary.rs)

probe-secure = { $version } { $cipher }, certificate trusted
probe-secure-no-tls = secure
probe-plain-endpoint = no encryption: anyone on the network path can read this connection
probe-starttls-not-offered = STARTTLS is not offered: plaintext only
probe-starttls-refused = STARTTLS was refused: plaintext only
probe-tls-error = TLS error: { $problem }

# What is wrong with TLS, by kind.
tls-expired = certificate expired
tls-not-yet-valid = certificate not yet valid
tls-wrong-name = the certificate's name does not match this host
tls-self-signed = self-signed certificate that nothing vouches for
tls-unknown-issuer = certificate issued by an unknown authority
tls-invalid-certificate = invalid certificate
tls-protocol-version = the server offers only TLS below 1.2
tls-no-common-cipher = the server accepts none of the cipher suites mailconf offers (TLS 1.2/1.3 with ECDHE key exchange); it probably offers only RSA or DHE key exchange, which mailconf does not use
tls-handshake-failed = the TLS handshake failed
tls-not-tls = the server does not speak TLS on this port (a plaintext port?)

# A certificate problem with the facts that show it.
cert-expired = certificate expired on { $date } ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    } ago)
cert-not-yet-valid = certificate is not valid before { $date }
cert-wrong-name = certificate is for { $names }, not this host
cert-self-signed = self-signed certificate ({ $subject }) that nothing vouches for
cert-unknown-issuer = certificate issued by an unknown authority ({ $issuer })
cert-untrusted = { $problem } (not trusted)
cert-untrusted-detail = { $problem }; { $detail } (not trusted)
cert-report-only-nothing-sent = { $problem }; read in report-only mode; nothing secret sent
cert-report-only-password-sent = { $problem }; read in report-only mode; the password was sent because you allowed exactly this certificate

# Why a connection did not get as far as the protocol.
probe-dns = DNS lookup of { $host } failed
probe-refused = connection refused by { $addr }
probe-unreachable = cannot reach { $addr }
probe-timeout-connect = no answer in { $secs } s: probably blocked by a firewall or your ISP
probe-timeout-reply = the server did not complete its reply within { $secs } s
probe-timeout-tls = the TLS handshake did not complete within { $secs } s
probe-timeout-overall = the probe did not finish within { $secs } s
probe-dns-any = the name lookup failed
probe-refused-any = connection refused
probe-io = connection error
probe-cancelled = cancelled
probe-protocol = the server broke the protocol

# What the server did wrong.
protocol-line-too-long = the server sent a line longer than { $max } bytes
protocol-too-many-lines = the server sent a reply of more than { $max } lines
protocol-too-many-bytes = the server sent more than { $max } bytes in one reply
protocol-malformed = malformed reply
protocol-rejected = the server refused the session
protocol-unexpected = the server answered { $command } with
protocol-response-injection = response injection: { $bytes } bytes arrived after the { $command } go-ahead, before TLS; aborted
protocol-unexpected-eof = the server closed the connection before its reply was complete
protocol-finished = the protocol session has already finished (a bug in mailconf)

## The probe table and what follows it (src/cli/table.rs)

table-probing = Probing { $host } ({ $count ->
        [one] { $count } way in
       *[other] { $count } ways in
    })
table-protocol = PROTOCOL
table-port = PORT
table-security = SECURITY
table-result = RESULT
table-time = TIME
table-details = DETAILS
verdict-secure = secure
verdict-plaintext = plaintext only
verdict-tls-error = TLS error: { $problem }
verdict-refused = refused
verdict-timed-out = timed out
verdict-protocol-error = protocol error
verdict-dns-error = DNS error

# Short names of TLS problems, for the RESULT column.
tls-label-expired = certificate expired
tls-label-not-yet-valid = certificate not yet valid
tls-label-wrong-name = wrong certificate name
tls-label-self-signed = self-signed certificate
tls-label-unknown-issuer = unknown certificate issuer
tls-label-invalid-certificate = invalid certificate
tls-label-protocol-version = TLS version too old
tls-label-no-common-cipher = no common cipher suite
tls-label-handshake-failed = handshake failed
tls-label-not-tls = not TLS

login-line = └ login: { $outcome }
login-success = success
login-credentials-rejected = credentials rejected
login-authorization-code-required = authorization code required
login-app-password-required = app password required
login-service-disabled = service not enabled for this account
login-oauth2-required = OAuth2 sign-in required
login-temporarily-unavailable = temporarily unavailable
login-encryption-required = the server requires encryption for login
login-mechanism-not-offered = no password login offered
login-connection-problem = connection problem
login-unexpected-reply = unexpected reply
login-not-tried = not tried: { $why }
not-tried-plaintext = the connection was not encrypted
not-tried-untrusted-certificate = certificate not trusted ({ $problem })
not-tried-rejected-elsewhere = the same credentials were already rejected on { $protocol } { $port }
not-tried-failed-elsewhere = the login on { $protocol } { $port } sent the password and did not succeed ({ $outcome }); another try could lock the account
not-tried-probe-failed = the probe failed
not-tried-preauthenticated = already logged in (PREAUTH)
login-risk-plaintext = no encryption: anyone on the network path can read the password
login-risk-certificate = the certificate is not trusted; this covers only the certificate with SHA-256 { $fingerprint }
login-at-your-own-risk = {" "}(at your own risk, { $risk }: { $flag })
mailbox-check-after-id = after ID
mailbox-check-without-id = without ID

advice-heading = Advice:
recommendation-heading = Recommendation (RFC 8314: implicit TLS first, then STARTTLS; never plaintext):
recommendation-also = {"   "}(also: { $alternatives })
recommendation-none = no secure way in found

## Passwords on the command line (src/cli/args.rs)

password-prompt = Password for { $who } (not shown):
password-stdin-failed = cannot read the password from standard input
password-env-unset = { $var } is not set (or not valid UTF-8)
password-read-failed = cannot read the password
password-needed = a password is needed: { $flags }, or run on a terminal to be asked
password-empty = the password is empty

## Discovery (src/discover/note.rs): where settings came from, why a source
## found nothing, why an answer was not used

at-url = { $url }: { $sentence }
list-separator = {"; "}
prov-database = database { $matched } → { $provider }
prov-database-parent = database { $matched } (parent domain) → { $provider }
prov-mx = MX { $exchange } → { $provider }
prov-place = { $place }
prov-plain-http = { $place } (plain HTTP)
prov-redirected = { $place } (redirected to plain HTTP)
prov-ispdb-mx = ISPDB { $domain } (MX { $exchange })
prov-srv = SRV { $label }._tcp
prov-srv-records = SRV records of { $domain }
prov-guessed = guessed
src-no-database-entry = no database entry for { $domain }
src-no-usable-mx = no usable MX record
src-no-mx = no MX records
src-mx-matches-nothing = MX { $hosts } matches no provider in the database
src-mx-no-base-domain = MX { $exchange } has no base domain
src-mx-inside-domain = the MX host { $exchange } is in the domain itself
src-missing = { $url }: HTTP { $status }
src-no-usable-srv = no usable SRV records for { $domain }
src-every-srv-ignored = every SRV record of { $domain } was ignored
src-no-guess-resolves = none of the usual host names (pop., imap., smtp., mail., bare) of { $domain } resolves
src-guesses-unanswered = { $count ->
        [one] { $count } guessed server checked, it did not answer like a mail server
       *[other] { $count } guessed servers checked, none answered like a mail server
    } ({ $failures })
src-guess-failure = { $place } { $detail }
src-cancelled-decided = cancelled: a more trusted source had answered
src-cancelled = cancelled
src-still-running = still running when the deadline passed
ign-srv-outside = the target { $target } lies outside { $domain } and is not a server the database knows; DNS answers can be forged, so it was not used
ign-too-many-of-protocol = not probed: more than { $max } { $protocol } servers in one answer
ign-too-many = not probed: more than { $max } servers in one answer
ign-more-servers = { $count } more servers
ign-too-many-servers = not probed: too many servers in one answer
verify-unfinished = the probe had not finished when discovery's deadline passed
dns-no-such-name = { $name } has no { $rtype } records (the name does not exist)
dns-no-records = { $name } has no { $rtype } records
dns-unreachable = the DNS server { $server } is unreachable
dns-timeout = the DNS lookup of { $name } ({ $rtype }) ran out of time
dns-failed = the DNS lookup of { $name } ({ $rtype }) failed
dns-config = cannot set up DNS
http-cannot-connect = cannot connect to { $target }
http-timed-out = timed out
http-deadline = no complete answer before the deadline
http-not-utf8 = the document is not UTF-8 text
http-status = HTTP status { $status }
http-too-large = refused: the document is larger than the { $limit }-byte (1 MiB) limit
http-insecure-redirect = refused a redirect to plain HTTP ({ $to }): autoconfig documents are fetched over HTTPS only
http-too-many-redirects = refused: more than { $max } redirects
http-setup = cannot set up the HTTPS client
found-by = found by { $provenance }
nothing-found-because = nothing found for { $domain }: { $why }
nothing-found-deadline = nothing found for { $domain } before the deadline ({ $secs } s); sources still running were stopped
nothing-found-answered = nothing found for { $domain }: every source answered, none had settings
nothing-found-some-failed = nothing found for { $domain }: no source had settings, { $failed } could not be asked (see sources)

## `mailconf discover` (src/cli/discover.rs)

discover-state-found = found
discover-state-nothing = nothing
discover-state-failed = failed
discover-state-not-needed = not needed
discover-state-timed-out = timed out
discover-unauthenticated = found through DNS (not authenticated): anyone on the network path could have forged it; compare with your provider's own instructions
discover-username = username: { $form }
discover-answered = answered: { $detail }
discover-check-failed = check failed: { $detail }
discover-found = Found by { $provenance }
discover-deadline = Nothing found for { $domain } within the { $secs } s deadline.
discover-dns-unreachable = Nothing found for { $domain }: the DNS server cannot be reached.
discover-some-failed = Nothing found for { $domain }: no source had settings, some could not be asked (see below).
discover-all-answered = Nothing found for { $domain }: every source answered, none had settings.
discover-alternatives = Alternatives:
discover-ignored = Ignored:
discover-sources = Sources:

## Status lines on standard error

status-from-database = { $provider } ({ $id }) from the provider database
status-discovered = not in the database; discovery found: { $provenance }

## The app's words about discovery (src/app/ui_text.rs)

found-by-sentence = Found by { $provenance }
found-by-guessing = Guessed: the usual server names answered.
found-by-unauthenticated = { $found } · found through DNS (not authenticated): compare with your provider's own instructions

## Export errors (src/export/mod.rs)

export-no-server = { $provider } has no { $protocol } server in the database
export-only-plaintext = { $provider } lists only unencrypted { $protocol } servers; mailconf does not export settings that would send your password in the clear
export-oauth2-only = { $provider } accepts only OAuth2 sign-in, not passwords; set the account up in a mail client that supports OAuth2 for it
export-nothing-secure = the probe found no secure { $protocol } server: nothing verified to export
export-wrong-protocol = the { $role ->
        [incoming] incoming
       *[other] outgoing
    } server must be { $expected }, not { $found }
export-plaintext = { $host }:{ $port } is not encrypted; mailconf exports only TLS or STARTTLS servers
export-address-required = the { $format } format needs the mail address, not only the provider
export-password-not-supported = the { $format } format cannot carry a password; export it without the password
export-unsupported = the { $format } format cannot express this: { $what }
export-unrepresentable = { $field } cannot be written to a { $format } file: { $reason }
export-write = could not write the { $format } document: { $message }

## Provider files (src/providers/load.rs, `providers validate`)

provider-file-unreadable = { $file }: cannot be read ({ $detail })
provider-file-parse = { $file }, line { $line }, column { $column }: { $field }{ $detail }
provider-field-prefix = field `{ $field }`:{" "}
provider-file-invalid = { $file }: field `{ $field }`: { $detail }
provider-file-duplicate-domain = { $file }: domain { $domain } is already served by { $other } ({ $other_file })
provider-file-duplicate-id = { $file }: id { $id } is already used by { $other_file }
provider-file-skipped = warning: skipped a provider file: { $problem }
validate-error = error: { $problem }
validate-summary = { $files ->
        [one] { $files } file checked
       *[other] { $files } files checked
    }, { $problems ->
        [one] { $problems } problem
       *[other] { $problems } problems
    }

## Advice (src/advice/mod.rs): what the results mean and what to do

advice-the-server = The server
advice-discontinued-replaced = { $provider } closed in { $year }; { $replacement }.
advice-discontinued = { $provider } closed in { $year }: there are no servers left to test.
advice-nothing-found-for = No mail settings were found for { $domain }. Check the address for typos; if you know your mail server's name (your provider or administrator can tell you), test that name instead, e.g. { $command }.
advice-authorization-code = { $provider } needs an authorization code (授权码), not your web password. Sign in to the web mail, open Settings → POP3/SMTP/IMAP, switch the service on, generate an authorization code and enter it as the password{ $spaces ->
        [yes] , without spaces
       *[no] {""}
    }.
advice-app-password = { $provider } does not accept your normal password in mail apps. Turn on two-step verification, create an app password in your account's security settings and enter it as the password{ $spaces ->
        [yes] , without spaces
       *[no] {""}
    }.
advice-oauth2-only = { $provider } no longer accepts passwords (or app passwords) for POP, IMAP and SMTP; only sign-in with OAuth2 works. Use a mail app that offers "Sign in with Microsoft"/OAuth2, such as Thunderbird, Outlook or Apple Mail; the settings above stay the same.
advice-service-not-enabled = { $provider } has POP3/IMAP/SMTP switched off for this account. Switch it on in the web mail settings (often under POP3/SMTP/IMAP or Forwarding and POP/IMAP), then test again.
advice-credentials-rejected = { $provider } rejected the username or password. Check both (the username is usually the full address), and watch for a changed password or the Caps Lock key.
advice-imap-id-required = { $provider } refuses to open mailboxes ("Unsafe Login") for IMAP clients that do not identify themselves with the ID command. Use a client that sends it (Thunderbird, Foxmail, the provider's own app), or POP3.
advice-login-stopped = After the first rejection mailconf did not try the same password on the other servers, so that the account is not locked.
advice-temporarily-unavailable = { $provider } is temporarily unable to log you in (busy, mailbox in use, or logging in too often). Wait a few minutes and try again; close other mail apps using this account.
advice-insecure-login-not-tried = The password was not sent where the connection is unencrypted or the certificate is not trusted: anyone on the network could read it. Use the recommended secure settings.
advice-encryption-required = The server refuses logins without encryption (that is good). Use SSL/TLS or STARTTLS.
advice-login-works = The username and password work.
advice-port25-blocked = Port 25 does not answer from here (internet providers often block it), but 465/587 work: send mail through 465 (SSL/TLS) or 587 (STARTTLS).
advice-port25-blocked-use = Port 25 does not answer from here (internet providers often block it). Send mail through { $ports }, which { $count ->
        [one] works
       *[other] work
    }.
advice-port-with-security = { $port } ({ $security })
advice-or = {" or "}
advice-starttls-missing = Some ports work only without encryption (STARTTLS missing or refused): passwords and mail would travel readable. Do not use them.
advice-certificate-expired = The server's certificate has expired (or is not valid yet). The connection cannot be trusted; the provider must renew it. Also check that this computer's date is right.
advice-certificate-wrong-name = The server's certificate is for a different name: either the server name is wrong or someone is intercepting the connection. Use the server name the provider documents.
advice-certificate-untrusted = The server's certificate is not issued by a trusted authority (self-signed or unknown issuer). Your password could be intercepted; do not accept it unless your administrator tells you to.
advice-dns-failure = The server name could not be found (DNS). Check the spelling of the address or server, and that this computer is online.
advice-everything-blocked = No mail port answered. A firewall, proxy or the network (office, school, hotel Wi-Fi, some countries) probably blocks mail connections; try another network or ask the administrator.
advice-service-closed = This mail service has closed.
advice-nothing-found = No mail settings were found for this domain. Check the address for typos, or test your mail server's name instead.

## Why a check could not run (src/check/run.rs)

check-discontinued = { $provider } was discontinued in { $year }; there is nothing to probe
check-nothing-found = no settings found for { $domain }: { $why }
check-credentials = {"--user"}/password: { $problem }
credentials-empty-username = the username is empty
credentials-control-username = the username contains a control character (line break, {"NUL"}…)
credentials-control-password = the password contains a control character (line break, {"NUL"}…)
check-no-user = a password was given but no user: add {"--user"} (or give an address as the target)
check-consent-needs-host = {"--allow-insecure-auth"} { $consent } names no host, and this run probes several: { $hosts }; write {"protocol:HOST:port:security"}, e.g. { $example }
check-no-endpoints = no endpoint left to probe (check {"--only"})
check-tls-setup = cannot set up TLS
check-runtime = cannot start the check
check-ended-without-answer = the check ended without an answer

## What exported files say about themselves (src/export/provenance.rs)

export-generated = Mail settings for { $who }, generated by mailconf.
export-from-database = Settings from mailconf's provider database (entry "{ $entry }"); not tested against the server.
export-from-discovery = Settings found on the network by mailconf's discovery ({ $provenance }); not tested against the server.
export-tested-on = Tested by mailconf against the servers on { $when }:
export-certificate-fingerprint = certificate SHA-256 { $fingerprint }
export-login-ok = login OK
export-login-failed = login failed
export-endpoint-verdict = - { $protocol } { $host }:{ $port } ({ $security }): { $facts }
export-facts-separator = {"; "}
export-leave-on-server = Mail is left on the server after downloading (download without deleting).
export-delete-from-server = Mail is deleted from the server after downloading.
export-no-keep-setting = This file has no setting for leaving mail on the server, so the client's own default applies (you asked to keep mail on the server: check the client's POP settings).
export-no-delete-setting = This file has no setting for deleting mail from the server after downloading, so the client's own default applies (you asked to delete it: change the client's POP settings).
export-imap-id-no-setting = { $provider } requires IMAP clients to send the ID command (RFC 2971), or opening a mailbox fails with "Unsafe Login". This file has no setting for it, so the client's own behaviour applies: if the client does not send ID, use POP3 ({ $command }).
export-imap-id-client-cannot = { $provider } requires IMAP clients to send the ID command (RFC 2971), which { $format } cannot send: opening a mailbox will fail with "Unsafe Login". Use POP3 instead ({ $command }).
export-good-to-know = Good to know: { $note }.

## A mail program's settings file (src/existing/)

# What the file is.
kind-thunderbird = Thunderbird profile
kind-fetchmail = fetchmail run control file
kind-msmtp = msmtp configuration
kind-mutt = mutt / neomutt configuration
kind-getmail = getmail rc file
kind-apple = Apple configuration profile
kind-mailconf-json = mailconf JSON export
kind-autoconfig = Thunderbird autoconfig document

# A setting, as the fixed file's changes name it (Thunderbird's words).
field-host = server
field-port = port
field-security = connection security
field-auth = authentication
field-username = user name

# How an account logs in (Thunderbird's words where it has them).
auth-automatic = automatic
auth-none = none
auth-password = normal password
auth-encrypted-password = encrypted password
auth-external = external (certificate)

# Why a file could not be read. { $path } is the file, { $reason } what the
# system said, { $message } what the parser said, { $what } what is not supported.
read-not-found = Cannot read { $path }: the file does not exist.
read-permission = Cannot read { $path }: you do not have permission to read it.
read-io = Cannot read { $path }: the system reports: { $reason }.
read-too-large = { $path } is { $size } bytes, more than the { $limit }-byte limit for this kind of file.
read-line-too-long = { $path } line { $line }: longer than { $limit } bytes.
read-encoding = { $path } line { $line }: not valid UTF-8 text.
read-syntax = { $path } line { $line }: malformed ({ $message }).
read-unknown-format = { $path }: cannot tell which program this file is for (Thunderbird, fetchmail, msmtp, mutt, getmail, Apple profile, mailconf JSON, autoconfig).
read-unsupported = { $path }: not supported ({ $what }).

# A line of the file that was not read as settings.
note-not-understood = not understood; kept as it is
note-client-refuses = the program itself refuses this line, and with it the whole file
note-source-not-followed = “source”: the other file was not read (check it separately)
note-command-not-run = a command: shown, never run by mailconf
note-hook-not-read = a hook: its settings apply later and were not read

## Checking the settings a user already has (src/check/existing.rs,
## `mailconf check`, the app's "Check my current settings")

existing-password-not-in-file = not in the file
existing-password-in-file = in the file (not shown)
existing-password-command = from the command “{ $command }” (not run)
existing-file-says = The file says: { $host }:{ $port } { $security }, login { $auth }, user { $user }, password { $password }
# One change of the fixed file: the setting, its old and new value.
existing-change = Line { $line }: { $field } { $before } → { $after }
existing-verdict = Verdict: { $verdict }
existing-what-changed = What changed: “{ $change }”
existing-saved = Saved: { $path }
existing-not-saved = Not saved: { $error }

# OAuth2 (issue 17). Commands, options, file names and keywords arrive as
# variables: they are typed as they are in every language.
credentials-bad-token = the access token contains characters an OAuth2 bearer token cannot have
advice-oauth2-token-accepted = The OAuth2 sign-in works: the server accepted the access token.
advice-oauth2-token-rejected = { $provider } refused the access token (expired, revoked, or issued for another account). Sign in again with this account ({ $command }, or Sign in in the window), then test again.
advice-oauth2-scope-missing = { $provider } says the token lacks the permission (scope) for this protocol. Add the mail permissions to the app registration (README, "OAuth2 sign-in"), sign in again and accept them, then test again.
advice-oauth2-protocol-disabled = The token was accepted, but { $provider } has POP or IMAP turned off for this mailbox or the whole organisation. Outlook.com: Settings → Mail → Forwarding and IMAP. Microsoft 365: the administrator turns it on under Users → Mail → Manage email apps.
advice-smtp-auth-disabled = { $provider } has SMTP AUTH turned off for this mailbox or the organisation, so mail apps cannot send (common in Microsoft 365). The administrator turns on "Authenticated SMTP" for the mailbox (Users → Mail → Manage email apps); receiving is not affected.
export-oauth2-sign-in-once = OAuth2: sign in once with { $login } (the refresh token goes into the system keyring); { $client } then asks { $token } for a fresh access token each time.
export-oauth2-fetchmail-builds = { $keyword } needs a fetchmail with OAuth2 ({ $builds }); the fetchmail 6.4 of { $distributions } refuses this file. There, use getmail6 ({ $command }) or neomutt.
export-oauth2-fetchmail-run = Run it with the token on a pipe, so it is never written to a file: { $command }
export-oauth2-thunderbird = OAuth2: Thunderbird opens the provider's sign-in page itself when the account is added; no password is asked for.
signin-signing-in-now = No sign-in is kept for { $account }; signing in now.
signin-signed-in-to-file = Signed in as { $account } at { $provider }; the refresh token is in { $file } (mode 0600), not in the system keyring. Give { $option } to { $command } as well.
app-signin-client-id = OAuth2 client ID
app-signin-client-id-hint = of the app you registered with the provider
app-signin-sign-in = Sign in
app-signin-cancel = Cancel sign-in
app-signin-no-client-id = Enter the client ID of the app you registered with the provider first.
app-signin-no-oauth2 = mailconf does not know this provider's OAuth2 sign-in.
app-signin-sign-in-first = This provider takes only OAuth2: sign in to test the login (Test connection checks the servers without it).
app-signin-waiting = Waiting for the browser: sign in on the provider's page.
app-signin-cancelled = The sign-in was cancelled.
app-signin-signed-in = Signed in as { $account }. Test connection now uses the token.
app-signin-not-kept = (The system keyring is not available: the sign-in is not kept after the window closes.)
app-signin-failed = The sign-in failed: { $reason }
signin-page-signed-in = Signed in. You can close this window and go back to mailconf.
signin-page-refused = The sign-in was not completed. mailconf says why.
signin-page-state-mismatch = This answer does not belong to the sign-in mailconf started, so it was refused.
signin-device-prompt = To sign in, open { $url } in a browser and enter the code { $code } (valid for { $minutes } min). mailconf waits here.
signin-error-setup = The sign-in could not start: { $message }
signin-error-no-device-flow = This provider does not offer the device sign-in for mail; sign in with the browser instead.
signin-error-http = The sign-in server { $url } could not be reached or gave no usable answer: { $message }
signin-refused-consent = You (or your administrator) declined the access mailconf asked for ({ $code }){ $detail }. Sign in again and allow it.
signin-refused-client = The provider does not accept this client id ({ $code }){ $detail }. Check the client id you registered, and that it is a desktop/public client allowed for these accounts.
signin-refused-tenant = This account does not belong to the tenant mailconf asked ({ $code }){ $detail }. Give your organisation's tenant with { $option } (its id or domain), or { $common }.
signin-refused-scope = The provider refused the mail permissions for this client ({ $code }){ $detail }. Add the IMAP, POP and SMTP permissions to the registered app.
signin-refused-expired = The sign-in expired or was revoked ({ $code }){ $detail }. Sign in again.
signin-refused-other = The provider refused the sign-in ({ $code }){ $detail }.
signin-error-state-mismatch = An answer arrived that does not belong to this sign-in, so mailconf refused it. Sign in again.
signin-error-timed-out = The sign-in was not finished within { $seconds } s. Start it again.
signin-error-cancelled = The sign-in was cancelled.
signin-open-browser = Sign in in your browser; if it did not open, open:
signin-no-refresh-token = The provider gave no refresh token, so nothing could be kept for later; check that the app may ask for offline access ({ $scope }).
signin-signed-in = Signed in as { $account } at { $provider }; the refresh token is in the system keyring. { $command } prints an access token.
