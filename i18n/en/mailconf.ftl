# mailconf's words in English. This file is the reference: every message id the
# code uses must be here (checked when the code compiles), and the Chinese
# catalogs have exactly the same ids and variables (checked by the tests in
# src/i18n/checks.rs). Host names, ports, dates, cipher suites and what a server
# or the system said arrive as variables and are shown as they are.

## Shared shapes

# A sentence followed by technical detail (a server's reply, a system error).
with-detail = { $sentence }: { $detail }
# A label and its value ("SMTP: use smtp.qq.com:465 SSL/TLS").
label-value = { $label }: { $value }
# Something with an aside in brackets ("Incoming mail (IMAP)", "QQ Mail (qq)").
in-parens = { $text } ({ $aside })

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
# A `--ca-file` that cannot be used; { $marker } is the line a PEM certificate starts with.
ca-file-unusable = The CA file { $path } cannot be used
ca-file-missing = The CA file { $path } does not exist.
ca-file-no-certificate = The CA file { $path } holds no certificate (no { $marker } line).
discover-ispdb-url-not-https = { $option } “{ $url }” must be an { $https } URL ({ $http } only with { $allow }).
tls-setup-refused = The TLS settings were refused

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

## The probe table's cells (src/cli/table.rs)
# The DETAILS cell: the summary, then what the server offers.
table-details-with-capabilities = { $summary }; { $capabilities }

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
dns-server-refused = connection refused (nothing answers DNS on that address and port)
dns-server-no-answer = no answer within { $ms } ms
dns-timeout = the DNS lookup of { $name } ({ $rtype }) ran out of time
dns-failed = the DNS lookup of { $name } ({ $rtype }) failed
dns-config = cannot set up DNS
dns-server-address = “{ $value }” is not a DNS server address: use “IP” or “{ $shape }”, e.g. “{ $example }” or “{ $example6 }”.
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

## What mailconf says about a settings document it read (src/providers/autoconfig.rs):
## the notes and hints an imported entry carries, and why a part was not used

language-name = { $code ->
        [cs] Czech
        [da] Danish
        [de] German
        [en] English
        [es] Spanish
        [et] Estonian
        [fr] French
        [it] Italian
        [ja] Japanese
        [lt] Lithuanian
        [lv] Latvian
        [nl] Dutch
        [pl] Polish
        [pt] Portuguese
        [ru] Russian
        [sr] Serbian
        [zh] Chinese
       *[other] { $code }
    }
import-help-page-in = { $title } (in { $language })
import-help-page = { $title }
import-note-plaintext = Plaintext server as listed in the source; your password would cross the network unencrypted.
import-note-plaintext-no-login = Plaintext server as listed in the source; your mail crosses the network unencrypted.
import-note-username = The source gives the username as { $form }.
import-note-own-network = The source says this server accepts only clients on the provider's own network.
import-enable-access-at = Switch on POP3/IMAP access in the web settings first: { $url }
import-enable-access = Switch on POP3/IMAP access in the web settings first.
import-no-dot-before-placeholder = “{ $prefix }” does not end with a dot before the placeholder
import-bad-port = no valid port (1-65535)
import-unknown-socket-type = unknown socketType “{ $value }”
import-url-not-http = not an http or https URL
import-url-space = the URL contains a space or a control character
import-url-too-long = the URL is longer than { $bytes } bytes
import-oauth2-missing = <{ $element }> is missing
import-oauth2-invalid = the OAuth2 setting { $field } cannot be used
import-oauth2-from-run-time = OAuth2 endpoints are taken only from mailconf's own database, never from a document found at run time

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
provider-file-parse = { $file }, line { $line }, column { $column }: this is not a provider entry mailconf can read. The JSON reader says: { $field }{ $detail }
provider-field-prefix = field `{ $field }`:{" "}
provider-file-invalid = { $file }: field `{ $field }`: { $problem }
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

## What is wrong in a provider entry (src/providers/validate.rs, `providers
## validate`); { $value } is the file's value, quoted.

validate-empty-text = the text is empty: every text needs all three languages
validate-not-http-url = “{ $value }” is not an http(s) URL
validate-bad-id = “{ $value }” must be lowercase letters, digits, '-' and '.'
validate-id-not-file-name = “{ $id }” differs from the file name “{ $stem }.json”
validate-nothing-matches = no domains and no mx_suffixes: nothing would ever match this provider
validate-bad-domain = “{ $value }” is not a lowercase ASCII domain (use punycode)
validate-listed-twice = “{ $value }” is listed twice
validate-bad-mx-suffix = “{ $value }” is not a lowercase ASCII host suffix
validate-bad-year = { $year } is not a plausible year
validate-no-incoming = an active provider needs at least one incoming server
validate-no-outgoing = an active provider needs at least one outgoing server
validate-wrong-list = { $protocol } does not belong here: { $list ->
        [outgoing] outgoing servers are smtp
       *[incoming] incoming servers are pop3 or imap
    }
validate-bad-host = “{ $value }” is not a lowercase ASCII host name
validate-port-zero = port 0 is not a port (1-65535)
validate-plain-without-note = a plaintext server needs a note saying it is legacy and insecure
validate-same-server-twice = the same server is listed twice
validate-empty-reply = empty text would match every reply
validate-no-source = every entry needs at least one source
validate-bad-month = “{ $value }” is not a month YYYY-MM
validate-source-about-empty = say which facts this source backs
validate-hand-no-url = a hand-written entry needs at least one source with a url
validate-hand-no-own-page = a hand-written entry needs a source that is the provider's own page (kind provider-docs, with url and checked month), or a no-provider-page source saying why there is none
validate-hand-unbacked = the oauth2 block needs a source with a url whose about names “{ $fact }”
validate-hand-why-no-page = say what was looked for and why no page of the provider's own could be used

# What is wrong in a provider entry's OAuth2 block (src/providers/oauth2.rs);
# { $value } is the file's value, quoted; { $found } a character in words.
oauth2-problem-url-too-long = the URL is longer than { $bytes } bytes
oauth2-problem-url-space = the URL contains { $found }
oauth2-problem-url-not-ascii = the URL contains a non-ASCII character (host names in punycode, paths percent-encoded)
oauth2-problem-not-https = not an https URL: OAuth2 endpoints must begin with { $scheme }
oauth2-problem-url-user-info = the URL carries a user name or password
oauth2-problem-bad-port = “{ $value }” is not a port (1-65535)
oauth2-problem-url-fragment = the URL has a fragment (#…)
oauth2-problem-tenant-not-taken = the URL contains { $placeholder } but the entry names no tenant
oauth2-problem-tenant-segment = { $placeholder } must be a whole path segment
oauth2-problem-stray-brace = the URL contains a brace other than a { $placeholder } path segment
oauth2-problem-no-host = the URL has no host name
oauth2-problem-ip-address = “{ $value }” is an IP address, not a host name
oauth2-problem-bad-host = “{ $value }” is not a lowercase ASCII host name (use punycode)
oauth2-problem-looks-like-ip = “{ $value }” looks like an IP address, not a host name
oauth2-problem-empty-scope = a scope is empty
oauth2-problem-scope-too-long = a scope is longer than { $bytes } bytes
oauth2-problem-scope-character = a scope contains { $found }, which RFC 6749 does not allow (printable ASCII only, without space, “{ $quote }” and “{ $backslash }”)
oauth2-problem-bad-tenant = “{ $value }” is not a tenant: use { $common }, { $organizations }, { $consumers }, the tenant ID (a GUID such as { $guid }) or the tenant's domain ({ $example })
oauth2-problem-no-scopes = no scopes: a token without a mail scope opens no mailbox
oauth2-problem-takes-no-tenant = this provider's sign-in takes no tenant

## Advice (src/advice/mod.rs): what the results mean and what to do

advice-the-server = The server
advice-discontinued-replaced = { $provider } closed in { $year }; { $replacement }.
advice-discontinued = { $provider } closed in { $year }: there are no servers left to test.
advice-nothing-found-for = No mail settings were found for { $domain }. Check the address for typos; if you know your mail server's name (your provider or administrator can tell you), test that name instead, e.g. { $command }.
advice-dns-unreachable-at = The DNS server { $server } could not be asked, so nothing is known about this domain yet: check your network connection (or the server given with {"--dns"}), then test again.
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
check-no-thunderbird-profile = { $option }: no Thunderbird profile found ({ $ini } under { $folder } and the platform's places); give the profile folder: { $example }
check-nothing-to-check = No file given and none of the usual ones found ({ $files }, a Thunderbird profile): name the file to check.

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
read-not-a-file = { $path } is { $what }, not a file: only regular files are read.
read-line-too-long = { $path } line { $line }: longer than { $limit } bytes.
read-encoding = { $path } line { $line }: not valid UTF-8 text.
read-syntax = { $path } line { $line }: malformed ({ $message }).
read-unknown-format = { $path }: cannot tell which program this file is for (Thunderbird, fetchmail, msmtp, mutt, getmail, Apple profile, mailconf JSON, autoconfig).
read-unsupported = { $path }: not supported ({ $what }).
read-unsupported-outlook = Outlook keeps its settings in the Windows registry and in binary files, which mailconf does not read; type your address into mailconf instead (`{ $probe }`, `{ $export }`)
read-unsupported-foxmail = Foxmail keeps its settings in binary files, which mailconf does not read; type your address into mailconf instead (`{ $probe }`, `{ $export }`)
read-unsupported-folder = a folder without { $file }: give a Thunderbird profile folder or a file
read-unsupported-newer-export = { $field } { $version } is newer than this mailconf reads ({ $known })

# A line of the file that was not read as settings.
note-not-understood = not understood; kept as it is
note-client-refuses = the program itself refuses this line, and with it the whole file
note-source-not-followed = “source”: the other file was not read (check it separately)
note-command-not-run = a command: shown, never run by mailconf
note-hook-not-read = a hook: its settings apply later and were not read
note-signature-not-verified = a signed profile: its content was read, its signature was not checked
note-mailbox-elsewhere = a mailbox on another server: its account is set up in hooks and was not checked

## Applying a corrected Thunderbird file (src/existing/thunderbird.rs): the
## steps; { $place } and the menu words are Thunderbird's own labels.

thunderbird-step-quit = Quit Thunderbird completely (it must not be running while you do this).
thunderbird-step-save = Save the fragment as user.js in the profile folder { $profile } (if a user.js is already there, add the lines at its end).
thunderbird-step-start = Start Thunderbird: it reads user.js and saves the settings. Then quit it again and delete user.js, or it will reset these settings at every start.
thunderbird-menu-outgoing-server = Account Settings → Outgoing Server (SMTP) → Edit
thunderbird-menu-server-settings = Account Settings → Server Settings
thunderbird-security = { $security ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] None
    }
thunderbird-step-by-hand = Or change it by hand in { $place }: server { $host }, port { $port }, connection security { $security }, authentication “Normal password”, user name { $user }.

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
signin-setup-no-loopback-port = no port on 127.0.0.1 could be opened for the browser's answer.
signin-setup-bad-url = the provider's { $which ->
        [authorization] sign-in page address
        [redirect] redirect address
        [device] device sign-in address
       *[token] token address
    } cannot be used.
signin-setup-ca-refused = a CA certificate of { $option } was refused.
signin-setup-http-client = the secure connection to the sign-in server could not be set up.
signin-setup-no-redirect-answer = { $count } connections reached mailconf's port without the sign-in's answer. Start the sign-in again.
signin-setup-worker = mailconf could not start the sign-in's background work.
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

## OAuth2: the command line's errors, what is kept, and the window's tenant,
## client secret and device code (src/cli/oauth2.rs, src/signin/store.rs,
## src/app/signin.rs)
oauth2-cli-not-an-address = { $account } is not an address: give the account as name@domain.
oauth2-cli-no-oauth2 = mailconf knows no OAuth2 sign-in for { $account } ({ $provider }).
oauth2-cli-no-client-id = No client ID: register an app with the provider (the "OAuth2 sign-in" part of { $readme }) and give its ID with { $option }.
oauth2-cli-no-tenant = { $provider } takes no tenant: leave out { $option }.
oauth2-cli-option = { $option }: { $problem }
oauth2-cli-secret-env-unset = { $option }: the environment variable { $var } is not set or empty.
oauth2-bad-tenant = "{ $tenant }" is not a tenant. Give { $common }, { $organizations }, your tenant ID (a GUID) or your tenant's domain (such as { $example }).
oauth2-store-not-signed-in = No sign-in is kept for { $account }: run { $command } first.
oauth2-store-keyring = The system keyring cannot be used: { $reason }
oauth2-store-clients = The client ID could not be remembered in { $file }: { $reason }
oauth2-store-no-config-dir = The client ID could not be remembered: there is no config directory to keep { $file } in (no home directory; { $variable } names one).
oauth2-token-file-not-regular = { $file } is not a regular file (a link, a device or a folder); the refresh token is read only from a regular file.
oauth2-token-file-open-to-others = Others can access { $file } (mode { $mode }); run { $command } on it.
oauth2-token-file-too-large = { $file } is too large to hold a refresh token.
oauth2-token-file-no-token = { $file } does not hold a refresh token.
oauth2-token-file-unusable = { $file } cannot be used: { $reason }
app-signin-tenant = Tenant
app-signin-tenant-hint = empty: { $default }; or your tenant ID or domain
app-signin-client-secret = Client secret
app-signin-client-secret-hint = only if the provider gave one (desktop apps at { $example })
app-signin-instead-of-password = Sign in with OAuth2 instead of a password
app-signin-optional = Signed in, Test connection sends the token instead of the password.
app-signin-with-code = Sign in with a code
app-signin-with-code-tip = When no browser can open here: you get a code to enter on another device.
app-signin-copy-code = Copy the code
app-signin-device-asking = Asking the provider for a code…
app-signin-device-enter = On any device with a browser, open { $url } and enter this code. mailconf waits until you have signed in there.
app-signin-device-time-left = The code works for { $minutes } more min.

## The app's own words (src/app/ui_text.rs, `T`)

## App: Menu bar
# The language menu.
ui-language = Language
# The view menu.
ui-view = View
# Theme follows the system.
ui-theme-system = Follow system theme
# Light theme.
ui-theme-light = Light
# Dark theme.
ui-theme-dark = Dark

## App: Broken user provider files
# Banner heading.
ui-user-files-broken = Some of your own provider files have errors and were skipped. The built-in database still works.
# Dismiss a banner.
ui-dismiss = Dismiss

## App: Provider list
# Heading of the provider list.
ui-providers = Providers
# Label of the search field.
ui-search = Search
# Placeholder of the search field.
ui-search-hint = name or domain: 163, qq.com…
# No provider matches the search.
ui-no-match = No provider matches.

## App: Account
# Heading of the account section.
ui-account = Account
# Label of the address field.
ui-email-address = Email address
# Placeholder of the address field.
ui-email-hint = name@example.com
# Label of the username field.
ui-username = Username
# Placeholder of the username field.
ui-optional = optional
# Label of the password field (normal passwords).
ui-password = Password
# Label of the password field (authorization codes).
ui-authorization-code = Authorization code
# Label of the password field (app passwords).
ui-app-password = App password
# Show the password.
ui-show-password = Show
# Hide the password.
ui-hide-password = Hide
# Where the password is kept.
ui-password-note = Kept in this program's memory only: never saved to disk, and sent to no one but the mail server under test.
# Nothing typed, nothing picked.
ui-type-address = Type your email address, or pick your provider from the list.
# Picked from the list without an address.
ui-picked-without-address = Chosen from the list. Type your name (the part before the @): the domain is added, and the username filled in.

## App: Provider card
# Status row.
ui-status = Status
# What the password field takes.
ui-password-field = Password field
# Link to where the code is created.
ui-create-it-here = Create it here
# Setup steps section.
ui-setup-steps = How to set it up
# Quirks section.
ui-good-to-know = Good to know
# Known servers section.
ui-known-servers = Known servers
# Help pages section.
ui-help-pages = Help pages
# History section.
ui-history = History
# The username form of a server.
ui-username-is = username
# Before the username as it goes to the server (internationalized domains).
ui-sent-as = Sent to the server as:{" "}
# Entry from the user's own file.
ui-from-your-file = From your own provider file
# Entry imported from the ISPDB.
ui-from-ispdb = Imported from Thunderbird's ISPDB

## App: Discovery (domains the database does not know)
# What to do when discovery found nothing.
ui-nothing-found-what-to-do = Check the address for typos. If you know your mail server's name (your provider or administrator can tell you), type it instead of the address, for example mail.example.com, and press Test connection.
# Card of settings found for a domain the database does not know.
ui-discovered-note = Not in the database: these settings were found on the network. Test connection checks them.
# Servers found by discovery.
ui-servers-found = Servers found

## App: Test
# The test button.
ui-test-connection = Test connection
# Tooltip of the test button.
ui-test-tooltip = Tries every way in, all at once (Enter)
# Test button disabled: the engine could not start.
ui-engine-missing = The connection test could not start (the terminal says why).
# Heading of the protocol choice in the Export window.
ui-export-protocol = Incoming mail:
# After the protocol the test found working.
ui-protocol-tested-default = {" "}(works in your test)
# After the provider's preferred protocol (no test yet).
ui-protocol-provider-default = {" "}(the provider's recommendation)
# Hover text of the provider search field: its keys.
ui-search-tooltip = Ctrl+F: search · ↑ ↓: move in the list · Enter: pick
# Cancel the test.
ui-cancel = Cancel
# Tooltip of the cancel button.
ui-cancel-tooltip = Stop the test (Esc)
# Results heading.
ui-results = Connection test
# The results come from the demo backend.
ui-demo-data = Demo data (MAILCONF_DEMO=1): these results are made up.
# Nothing tested yet.
ui-not-tested-yet = Press Test connection to try every server and port at once.

## App: Result table
# Column: protocol.
ui-col-protocol = Protocol
# Column: port.
ui-col-port = Port
# Column: encryption mode.
ui-col-security = Encryption
# Column: server.
ui-col-server = Server
# Column: result.
ui-col-result = Result
# Column: time.
ui-col-time = Time
# Column: TLS version.
ui-col-tls = TLS
# Column: certificate.
ui-col-certificate = Certificate
# Row state: waiting.
ui-testing = testing…
# Row state: secure.
ui-secure = secure
# Row state: answers without encryption.
ui-insecure = insecure
# Row state: failed.
ui-failed = failed
# Row state: no answer at all (filtered).
ui-blocked = blocked
# Row state: cancelled.
ui-cancelled = cancelled
# Expand a row.
ui-show-details = Show details
# Collapse a row.
ui-hide-details = Hide details

## App: Why a row is insecure or failed
# Insecure: plain endpoint.
ui-why-plain-port = this port has no encryption
# Insecure: STARTTLS not offered.
ui-why-starttls-not-offered = the server does not offer STARTTLS
# Insecure: STARTTLS refused.
ui-why-starttls-refused = the server refused STARTTLS
# Failed: refused.
ui-why-refused = connection refused
# Failed: timeout.
ui-why-timeout = no answer in time
# Failed: DNS.
ui-why-dns = server name not found
# Failed: TLS.
ui-why-tls = encryption (TLS) failed
# Failed: certificate not trusted.
ui-why-certificate = certificate not trusted
# Failed: protocol.
ui-why-protocol = unexpected server reply
# Blocked: filtered.
ui-why-filtered = no answer: the port is probably blocked by a firewall or your ISP

## App: Certificate verdicts
# Certificate trusted.
ui-cert-trusted = trusted
# Certificate expired.
ui-cert-expired = expired
# Certificate for another name.
ui-cert-wrong-name = wrong name
# Self-signed certificate.
ui-cert-self-signed = self-signed
# Untrusted issuer.
ui-cert-untrusted = not trusted

## App: Row details
# Capabilities (implicit TLS or plain).
ui-capabilities = Capabilities
# Capabilities before STARTTLS.
ui-caps-before = Capabilities before STARTTLS
# Capabilities after STARTTLS.
ui-caps-after = Capabilities after STARTTLS
# Certificate section.
ui-certificate = Certificate
# Certificate subject.
ui-subject = Subject
# Certificate issuer.
ui-issuer = Issuer
# Certificate names.
ui-names = Names
# Validity.
ui-validity = Valid
# Fingerprint.
ui-fingerprint = SHA-256 fingerprint
# Transcript.
ui-transcript = Transcript (passwords removed)
# Raw engine message.
ui-detail = Message
# No details.
ui-no-details = No details yet.
# Copy the transcript.
ui-copy = Copy

## App: Summary
# Summary heading.
ui-summary = Summary
# No secure way for a protocol.
ui-no-secure-way = no secure way found
# Use … (followed by an endpoint).
ui-use = use
# Heading of the advice in the summary.
ui-advice = What to do
# Link to the provider's page.
ui-more-help = Open the provider's page

## App: Login test
# Label of the login result in the details.
ui-login = Login
# Login worked.
ui-login-ok = login OK
# Wrong username or password.
ui-login-rejected = login rejected
# Needs an authorization code.
ui-login-auth-code = needs an authorization code
# Needs an app password.
ui-login-app-password = needs an app password
# Service switched off.
ui-login-service-disabled = service not enabled
# OAuth2 only.
ui-login-oauth2 = OAuth2 sign-in only
# Try later.
ui-login-temporary = temporarily unavailable
# Server wants TLS first.
ui-login-encryption-required = server requires encryption first
# No usable mechanism.
ui-login-no-mechanism = no usable login method
# Password not sent.
ui-login-not-tried = password not sent
# Connection broke during login.
ui-login-connection-problem = connection lost during login
# Odd reply.
ui-login-unexpected = unexpected login reply
# Button: allow the password over this insecure endpoint.
ui-allow-insecure-login = Log in here anyway…
# Title of the insecure-login dialog.
ui-insecure-login-title = Send the password without protection?
# No, keep the password safe (default).
ui-insecure-login-no = No, don't send it
# Yes, send it on the next test.
ui-insecure-login-yes = Yes, send it on the next test

## App: Export and report
# Export button and window title.
ui-export = Export settings
# Export uses the probe.
ui-export-from-probe = The files use the servers this test verified.
# Export uses the database.
ui-export-from-discovery = Not tested: the files use the settings found on the network and say so.
ui-export-from-database = Not tested: the files use the database's settings and say so.
# Checkbox: include the password.
ui-include-password = Include the password
# Warning when the password is included.
ui-password-in-file = Anyone who can read the file can read the password. It is saved readable by you only.
# Close a window.
ui-close = Close
# Save button.
ui-save-as = Save as…
# The save dialog is open.
ui-waiting-for-save-dialog = Waiting for the save dialog…
# Copy the path of the file just saved.
ui-copy-path = Copy path
# The path was copied.
ui-what-path = the path of the saved file
# What Copy report copies.
ui-what-report = the report (results and transcripts, no password)
# What a row's Copy copies.
ui-what-transcript = the transcript (password hidden)
# What Copy link copies.
ui-what-link = the link
ui-what-device-code = the sign-in code
# Copy a link.
ui-copy-link = Copy link
# Heading of the insecure-login permissions under the results.
ui-insecure-permissions = Permissions to log in without protection
# Withdraw such a permission.
ui-withdraw = Withdraw
# Row offers an insecure login (not allowed yet).
ui-insecure-not-tried = login not tried: no protection

## App: mailconf's own file chooser (when no system dialog answers)
# Its title.
ui-save-file-title = Save file
# Why it is mailconf's own.
ui-no-system-dialog = No system file dialog answered on this desktop, so mailconf shows its own.
# Label of the folder field.
ui-folder = Folder
# Label of the file name field.
ui-file-name = File name
# Go to the parent folder.
ui-parent-folder = Up one folder
# Go to the home folder.
ui-home-folder = Home folder
# Go to the documents folder.
ui-documents-folder = Documents
# The folder has nothing to show.
ui-empty-folder = This folder is empty.
# The typed name is not a file name.
ui-not-a-file-name = A file name cannot contain “/” and cannot be “.” or “..”.
# Save the file.
ui-save = Save
# The title of mailconf's own chooser when it opens a file.
ui-open-file-title = Open a settings file
# Open the file chosen.
ui-open = Open
# Open the folder shown, a Thunderbird profile (it holds prefs.js).
ui-open-profile-folder = Open this Thunderbird profile
# The button of "Check my current settings" that picks the file through a dialog.
ui-open-ellipsis = Open…
# Replace the existing file.
ui-replace = Replace
# Copy the text.
ui-copy-to-clipboard = Copy to clipboard
# Copied.
# No provider: nothing to export.
ui-export-needs-provider = Type an address of a known provider, or pick one, to export its settings.
# Copy the diagnostic report.
ui-copy-report = Copy diagnostic report
# Tooltip of the report button.
ui-copy-report-tooltip = The results, verdicts and advice, without the password, for a helpdesk
# Note once allowed.
ui-insecure-login-allowed = allowed: the next test sends the password here
# Ask the insecure-login question again (No withdraws the permission).
ui-change-insecure-login = Change…
# Export of a server known only by its name.
ui-export-from-server-name = Not tested: the files use this server's standard encrypted ports and say so.
# A server's name needs a username to export.
ui-export-needs-username = Type the username for this server first.
# Yes, copy with the password.
ui-copy-with-password = Copy with the password
# No, do not copy.
ui-do-not-copy = Do not copy
# The check is looking the domain up before it can test.
ui-planning = Looking up the servers to test…
# Port 25 answers securely, but it is the relay port.
ui-why-relay-port = for server-to-server mail (port 25), not for sending from a mail app
# The password was cleared when another provider was picked.
ui-password-cleared = The password was cleared: it was typed for another provider's account.

## The app's sentences with values in them (src/app/ui_text.rs)

ui-export-saved = Saved to { $path }.
ui-replace-file = “{ $name }” already exists. Replace it?
ui-save-failed = Could not save { $path }: { $reason }.
ui-no-such-file = There is no file “{ $name }” in this folder.
ui-folder-unreadable = Cannot open { $folder }: { $reason }.
ui-export-failed = Could not export: { $message }
ui-risk-plaintext = { $endpoint } has no encryption: anyone on the network path (Wi-Fi, the network operator) can read the password as it is sent. Yes allows exactly this endpoint, without encryption.
ui-risk-certificate = The certificate of { $endpoint } is not trusted: the server may be an impostor that collects the password. Yes allows this endpoint only with exactly this certificate (SHA-256 { $fingerprint }), and only once TLS is up.
ui-progress = { $done } of { $total } done
ui-progress-cancelled = cancelled after { $done } of { $total }
ui-latency = { $ms } ms
ui-provider-count = { $count ->
        [one] { $count } provider
       *[other] { $count } providers
    }
ui-not-in-database = { $domain } is not in the database; discovery will look it up.
ui-looking-up = Looking up settings for { $domain }…
ui-testing-host = No @: Test connection tries { $host } as the mail server.
ui-export-title = Export settings for { $account }
ui-meaning-pop3 = POP3: downloads your mail to this device; by default a copy stays on the server
ui-meaning-imap = IMAP: keeps your mail on the server and syncs folders and read marks with every device
ui-missing-address = Type your email address first, for example zhangsan@163.com, or pick your provider from the list.
ui-missing-domain = “{ $name }” has no @ and domain yet: type the whole address, for example { $name }@163.com, or pick your provider from the list.
ui-missing-name = Type your name before the @, for example zhangsan@{ $domain }.
ui-missing-domain-end = The domain after the @ is not complete: for example { $name }@163.com.
ui-missing-invalid = This is not an email address yet: see the message under the address field.
ui-name-at = your name, then @{ $domain } is added
ui-lookup-failed = Could not look up settings for { $domain }: { $why }
ui-nothing-found-in-time = Nothing found for { $domain } within { $secs ->
        [one] { $secs } second
       *[other] { $secs } seconds
    }.
ui-nothing-found-no-dns = Nothing found for { $domain }: the DNS server could not be reached. Is the network connected?
ui-nothing-found = Nothing found for { $domain }: neither its DNS records, nor autoconfig, nor the usual server names gave settings.
ui-parent-domain-match = recognized by the parent domain { $domain }
ui-validity-range = { $from } to { $to }
ui-export-stale = The results shown are from an older test of { $other }: not used. The files use the settings of the database or of discovery, and say so; test again to export tested settings.
ui-results-for-other = Results for { $target }: test again for the account above.
ui-could-not-test = could not be tested ({ $reason })
ui-nothing-to-test-not-found = Nothing to test: no settings were found for { $domain }.
ui-nothing-to-test-closed = Nothing to test: { $name } closed in { $year }.
ui-test-could-not-start = The test could not start: { $why }
ui-copy-password-warning = This copy contains your password. Every program can read the clipboard, and clipboard managers keep a history of what was copied. mailconf empties the clipboard again after { $secs } seconds (if it still holds this).
ui-copied-with-password = Copied { $what }, with the password: the clipboard is emptied again in { $secs } seconds.
ui-copied-what = ✔ Copied { $what }.
ui-format-copied = the { $title } settings
ui-secure-alternatives = { $host } works securely on { $ways }: that needs no permission, and your mail client should use it.
# Between the items of a list: "995 (SSL/TLS) and 110 (STARTTLS)".
list-and = {" "}and{" "}

# Why the system refused to read or write.
io-no-permission-to-write = you have no permission to write there
io-no-permission-to-open = you have no permission to open it
io-no-such-folder = the folder does not exist
io-read-only = the disk is read-only
io-disk-full = the disk is full
io-is-a-folder = a folder has that name
io-not-a-folder = part of the path is a file, not a folder
io-bad-file-name = the system does not accept that file name
io-system-said = the system said: { $error }

## What is wrong with a typed address (src/providers/address.rs)

address-empty = The address is empty.
address-no-at = Type the whole address, with @.
address-empty-local-part = Something must come before the @.
address-empty-domain = Type the domain after the @.
address-local-part-too-long = The part before the @ is { $bytes } bytes long; at most 64 are allowed.
address-two-ats = There is more than one @: type one address, like alice@example.com.
address-bad-character-domain = The domain contains { $found }, which is not allowed.
address-bad-character-local-part = The part before the @ contains { $found }, which is not allowed.
address-invalid-domain = { $domain } is not a valid domain name.
address-invalid-domain-because = { $domain } is not a valid domain name: { $reason }.
# Why a domain is not valid: a clause after address-invalid-domain-because.
domain-problem-empty = it is empty
domain-problem-empty-label = it has an empty label (two dots in a row)
domain-problem-hyphen = the label “{ $label }” starts or ends with “{ $hyphen }”
domain-problem-character = “{ $character }” ({ $code }) is not allowed in a domain name
domain-problem-label-too-long = the label “{ $label }…” is longer than { $limit } characters
domain-problem-too-long = it is longer than { $limit } characters
domain-problem-label = the label “{ $label }” is not a valid internationalized label
domain-problem-not-idna = it is not a valid internationalized domain name
# A character that may not be there; { $code } is its Unicode number (U+0007).
char-space = a space
char-tab = a tab
char-control = a control character ({ $code })
char-other-space = a space character ({ $code })

## The words for the provider model's enums (src/providers/describe.rs)

status-active = active
status-needs-setup = needs setup: switch on POP3/IMAP/SMTP in the web settings first
status-discontinued = discontinued in { $year }
status-discontinued-replaced = discontinued in { $year }; replaced by: { $replacement }
security-plain = plaintext
security-starttls-if-offered = STARTTLS if the server offers it, else plaintext
username-address = full address
username-local-part = part before @
username-local-part-dot-domain = part before @, a dot, the domain (alice.example.jp)
server-login-password = password login
server-login-oauth2 = OAuth2 sign-in only on this server
server-login-none = no login: the server accepts mail without a password
idn-unicode = internationalized domain sent as written (UTF-8)
idn-ascii = this provider wants the domain in its ASCII form (punycode)
auth-kind-password = account password
auth-kind-app-password = app password (not your normal password)
auth-kind-authorization-code = authorization code (授权码), not your web password
auth-kind-oauth2-only = OAuth2 sign-in only: passwords are refused
auth-kind-bridge = the password shown by the local bridge program
quirk-imap-id-required = IMAP clients must send the ID command, or mailboxes fail with “Unsafe Login”
quirk-port25-blocked = port 25 is often blocked by ISPs: use 465 or 587
quirk-service-off-by-default = POP3/IMAP/SMTP are off until switched on in the web settings
quirk-code-without-spaces = type the code without spaces
quirk-pop3-recent-only = POP3 may fetch only recent mail unless configured in the web settings
quirk-slow-outside-china = servers can be slow or unreachable from outside mainland China
quirk-local-bridge = works only through the provider's bridge program on this computer

## `mailconf providers list` and `show` (src/cli/providers.rs)

providers-did-you-mean = Did you mean:
providers-dir-none = No folder for your own provider files could be found on this computer (no home folder is set).
providers-list-total = { $shown ->
        [one] { $shown } provider shown
       *[other] { $shown } providers shown
    }; the database answers for { $domains ->
        [one] { $domains } domain
       *[other] { $domains } domains
    }.
origin-hand = hand
origin-user = user
status-word-needs-setup = needs setup
status-word-discontinued = discontinued
show-status = Status
show-domains = Domains
show-mx-hosts = MX hosts
show-matched = Matched
show-username = Username
show-password = Password
show-create-it-at = create it at { $url }
show-incoming = Incoming
show-outgoing = Outgoing
show-setup = Setup
show-good-to-know = Good to know
show-history = History
show-help = Help
show-sources = Sources
show-entry = Entry
source-provider-docs = provider docs
source-general-knowledge = general knowledge
source-user-reports = user reports
source-no-provider-page = no page of the provider's own
show-source = { $about }: { $kind } { $url } (checked { $checked })
show-source-no-url = { $about }: { $kind } (checked { $checked })
show-entry-origin = { $origin }, { $file }
show-entry-origin-overrides = { $origin }, { $file } (takes precedence over { $overrides })
show-ispdb-license = Data from the Thunderbird ISPDB, MPL-2.0 (see providers/ispdb/LICENSE).
# Between the items of a list: "a.json, b.json".
list-comma = {", "}

## `mailconf providers audit` (src/cli/providers.rs)

audit-no-such-entry = no such provider entry:
audit-drift = drift
audit-note = note
audit-unverified = unverified
audit-ok = ok
audit-unreachable = unreachable
audit-claimed = claimed: { $claim }
audit-observed = observed: { $observed }
audit-col-entry = ENTRY
audit-col-status = STATUS
audit-col-servers-ok = SERVERS OK
audit-col-first-finding = FIRST FINDING
audit-entry-as-a-whole = the entry as a whole
audit-entry-heading = { $id } ({ $file }): { $status }
audit-summary = { $entries ->
        [one] { $entries } entry
       *[other] { $entries } entries
    }: { $ok } ok, { $drift } drift, { $unreachable } unreachable ({ $endpoints ->
        [one] { $endpoints } endpoint
       *[other] { $endpoints } endpoints
    }, { $concurrency } at a time)
audit-error-runtime = The audit could not start its network work.
audit-error-dns = The DNS server of { $option } cannot be used: { $problem }
audit-error-concurrency = { $option } { $value } cannot be used: give a number of endpoints from 1 to { $max }.

## What `providers audit` compares, claim by claim (src/check/audit/claims.rs)
## { $summary } is the probe's one-line summary of the way in, in the same language.

audit-not-probed-per-domain = not probed: { $host } depends on the user's domain, and the entry lists none
audit-not-probed-nothing = not probed: a check of this entry has nothing to probe
audit-probe-lost = the probe of this endpoint did not finish
audit-claim-answers = { $protocol } answers on port { $port }
audit-claim-tls = TLS from the first byte (implicit TLS)
audit-claim-starttls = STARTTLS offered and completed
audit-claim-plain = plaintext (legacy)
audit-not-as-claimed = could not connect as claimed: { $summary }
audit-does-not-resolve = the host name does not resolve: { $summary }
audit-refused = connection refused: the port is closed
audit-no-answer = no answer within { $secs } s: filtered on this network, or down
audit-server-answers = the server answers
audit-no-greeting = the connection opened, but no { $protocol } greeting came: { $summary }
audit-claim-imap-id = IMAP ID (RFC 2971) is required
audit-announces-id = the server announces ID
audit-does-not-announce-id = the server does not announce ID
audit-tls-failed = the TLS handshake failed ({ $kind }): { $summary }
audit-starttls-then-tls-failed = STARTTLS was accepted, then the TLS handshake failed: { $summary }
audit-starttls-refused = STARTTLS was refused: { $reply }
audit-starttls-here-too = STARTTLS is offered on this port too: the row could say starttls
audit-answers-in-plaintext = answers without encryption
audit-claim-certificate = a valid certificate for { $host }
audit-certificate-valid = valid for { $host }
audit-certificate-valid-days = valid for { $host }, { $days ->
        [one] { $days } day
       *[other] { $days } days
    } left
audit-certificate-other-names = the certificate does not cover { $host }; it names { $names }
audit-certificate-not-trusted = the certificate is not trusted ({ $kind }): { $why }
audit-claim-days-left = a certificate with more than { $days ->
        [one] { $days } day
       *[other] { $days } days
    } left
audit-expires-in = expires in { $days ->
        [one] { $days } day
       *[other] { $days } days
    } ({ $date })
audit-offered = offered: { $mechanisms }
audit-offered-none = no login method is offered
audit-claim-password-login = a password login
audit-no-capa = the server has no CAPA: its login methods cannot be read
audit-no-password-login = no password login is offered ({ $offered })
audit-claim-oauth2 = OAuth2 sign-in (XOAUTH2 or OAUTHBEARER)
audit-claim-no-login = no login needed
audit-claim-legacy-noted = the plaintext row is marked legacy
audit-no-legacy-note = the row has no note saying it is legacy and insecure
audit-claim-recommended-listed = the { $protocol } endpoint a check recommends is listed
audit-recommends = a check recommends { $endpoint }
audit-recommends-unlisted = a check recommends { $endpoint }, which the entry does not list
audit-at-endpoint = { $endpoint }: { $what }
audit-no-server-listed = the entry lists no server
audit-no-server-answered = no server answered; { $why }

## Checking existing settings: more of the window and of `mailconf check`

existing-testing = testing { $host }:{ $port } …
existing-no-account = No mail account found in this file.
existing-account = { $name } — { $protocol } (line { $line })
existing-not-used = Not used by the program: not checked.
existing-network-says = What the network says now
existing-lines-not-read-count = { $count ->
        [one] { $count } line not read
       *[other] { $count } lines not read
    }
existing-note = line { $line }: { $excerpt } — { $note }
existing-note-file = the whole file: { $note }
existing-run-with-fix = Run again with --fix to write the corrected file (only the wrong settings change).
existing-nothing-to-change = Nothing to change in the file.
existing-changes = Changes:
existing-not-written = Not written: { $error }
fix-no-such-account = The file has no account number { $number }.
fix-invalid = The corrected { $field } would not be valid: { $value }.
fix-unrepresentable = { $format } cannot express the corrected { $field }, so mailconf did not change the file.
fix-unsupported = mailconf cannot edit this file safely, so it left it as it is.
fix-signed-profile = The profile is signed, and a change would break its signature; mailconf cannot sign it again, so it left the file as it is. Make a new profile with { $command }, and sign it yourself if your devices need a signed one.
fix-binary-profile = The profile is a binary property list, which mailconf cannot edit in place, so it left the file as it is. Make a new profile with { $command }.
fix-shared = The change would also change { $account } (line { $line }), which shares this setting, so mailconf left the file as it is. Fix both accounts together.
fix-profile-in-use = Thunderbird is running with this profile ({ $profile }): close Thunderbird first, then try again.
fix-internal = The fixed file could not be put together; this is a mistake in mailconf, please report it.
fix-cannot-read = Could not read { $path }.
existing-fragment-written = Thunderbird fragment written to { $path }
existing-fixed-written = Fixed file written to { $path }
existing-login-not-tested = { $who }: login not tested: { $error }
ui-existing-entry = Check my current settings…
ui-existing-title = Check my current settings
ui-existing-intro = Reads the settings your mail program already has (fetchmail, msmtp, mutt, getmail, Thunderbird, Apple profiles, mailconf JSON, autoconfig), tests them now, and writes a fixed copy. Outlook and Foxmail keep theirs in the registry or binary files: type your address in the main window instead.
ui-existing-file-label = Settings file or Thunderbird profile folder
ui-existing-check = Check
ui-existing-also-login = Also test the login, with the password in the file or one you type (never over an unencrypted connection)
ui-existing-test-login = Test the login
ui-existing-skip-login = Check without the login
existing-password-wanted = The file holds no password for { $who }. Type it to test the login: it is used for this test only and never saved.
existing-waiting-password = Waiting for the password for { $who } …
existing-use-earlier-password = Use the password typed for { $host }
ui-existing-profiles-found = Thunderbird profiles found:
ui-existing-testing = Testing…
ui-existing-no-backend = The connection test is unavailable.
ui-existing-fixed-changes = What the fixed file changes:
ui-existing-save-fixed = Save the fixed file…
ui-existing-stopped-for-test = Stopped: Test connection was started in the main window. Press Check to test these settings again.

## What a checked account's verdict means (src/check/existing.rs, `explain`)
## { $was } is "POP3 pop.163.com:110"; { $provider } the provider's name.

verdict-works = works
verdict-insecure = works but insecure
verdict-insecure-login-refused = insecure, and the login is refused
verdict-broken = broken
verdict-discontinued = service discontinued
existing-the-server = The server
existing-works = { $was } works with encryption.
existing-works-login = { $was } works with encryption, and the login worked.
existing-discontinued = { $provider } closed this service in { $year }; nothing to fix. Move to another mail service.
existing-insecure-login-refused = { $provider } no longer accepts a login over plaintext { $was }, so your client cannot log in this way, and it would send your password unencrypted
existing-insecure-plaintext = Your file connects to { $was } without encryption: anyone on the way can read your password and mail
existing-insecure-untrusted = { $was } answers, but its certificate is not trusted: someone may be in between
existing-insecure-starttls-optional = Your file uses STARTTLS on { $was } only when offered: someone in between can switch encryption off
existing-insecure-unchecked = Your file does not check the certificate of { $was }: someone in between could read your password
existing-broken-invalid-host = The server name in your file ({ $host }) is not a valid host name
existing-broken-host-not-found = The server of { $was } no longer exists (its name does not resolve)
existing-broken-port-closed = { $was } refuses connections (the port is closed)
existing-broken-no-answer = { $was } does not answer from here (blocked or filtered)
existing-broken-starttls-missing = { $was } does not offer STARTTLS, which your file asks for
existing-broken-tls-failed = Encryption with { $was } cannot be set up
existing-broken-protocol = { $was } did not answer as a { $protocol } server should
existing-broken-login-refused = { $was } refused the login with the password from your file
existing-verdict-unknown = cannot tell
existing-unknown-dns-lookup-failed = The server name { $host } could not be looked up: check your network connection and DNS settings, then check again. Until then nothing can be said about the server.
existing-why-dns-lookup-failed = the name lookup got no answer (check the network)
advice-dns-lookup-failed = The server names could not be looked up: the DNS server did not answer or failed. Check that this computer is online and its DNS works, then test again; this says nothing about the servers.
# What to do instead; { $endpoint } is "pop.163.com:995 (TLS)".
existing-todo-use = use { $endpoint }
existing-todo-use-code = use { $endpoint } and an authorization code (授权码) instead of the web password
existing-todo-use-app-password = use { $endpoint } and an app password instead of your account password
existing-todo-create-at = { $todo } (create it at { $url })
existing-problem-todo = { $problem }: { $todo }.
existing-problem = { $problem }.
existing-endpoint = { $host }:{ $port } ({ $security })

## `mailconf export` (src/cli/export.rs)

export-unknown-provider = { $query } is not a provider the database knows, and not an address: give your address (alice@{ $query }) to discover its settings
export-password-needs-file = {"--include-password"} needs {"-o FILE"}, so the file can be created owner-only (0600)
export-needs-query-and-format = an address or provider and {"--format"} are required
export-no-encrypted-incoming = { $provider } lists no encrypted POP3 or IMAP server
check-output-one-file = {"-o"} names one fixed file: check one file with it
export-wrote-with-password = Wrote { $path }. It contains your password: it is readable only by you (mode 0600); do not share it.
export-wrote = Wrote { $path }.
formats-col-format = FORMAT
formats-col-file = FILE
formats-col-password = PASSWORD
formats-col-description = DESCRIPTION
yes = yes
no = no
export-testing-servers = Testing the servers…
export-password-failed-everywhere = the password did not work on any server: nothing written

## Command-line usage errors (src/cli/mod.rs). A parse error in English is
## clap's own text; in another language these say it. { $arg } is the
## argument as typed.

usage-error = The command line is not right{ $kind ->
        [unknown-argument] : “{ $arg }” is not an option of this command.
        [unknown-command] : “{ $arg }” is not a mailconf command.
        [invalid-value] : the value of “{ $arg }” cannot be used.
        [missing-argument] : “{ $arg }” is required.
        [missing-command] : a command is missing after “{ $arg }”.
        [conflict] : “{ $arg }” cannot be given together with another option given.
        [values] : “{ $arg }” has the wrong number of values.
       *[other] .
    }
usage-details = Details: { $detail }
usage-help = Run mailconf --help (or mailconf <command> --help) to see the commands and their options.
usage-dns-not-for-oauth2 = --dns is not used by oauth2 (give --resolve HOST:ADDR)
usage-flag-connects-nowhere = { $flag } is for probe, discover, export, check, providers audit and the desktop app; this providers subcommand connects nowhere
usage-flag-twice = { $flag } is given twice, before and after the subcommand, with different values
# Why a flag's value is refused (the value parsers: src/cli/args.rs,
# src/probe/spec.rs). The value and the syntax stay as typed.
value-not-seconds = “{ $value }” is not a number of seconds.
value-seconds-range = “{ $value }”: the number of seconds must be more than 0 and at most { $max }.
value-resolve-shape = “{ $value }”: write “{ $shape }”, a host name and its IP address.
value-resolve-address = “{ $value }”: “{ $address }” is not an IP address.
value-resolve-host = “{ $value }”: { $problem }
value-concurrency = “{ $value }”: give a number of endpoints from 1 to { $max }.
value-port-pair = “{ $value }”: write “{ $shape }”, e.g. “{ $example }”.
spec-shape-endpoint = “{ $spec }”: write “{ $short }” or “{ $long }”, with “{ $tls }”, “{ $starttls }” or “{ $plain }” as the security.
spec-shape-consent = “{ $spec }”: write “{ $plain }”, or “{ $tls }”.
spec-brackets = “{ $spec }”: the brackets do not match; write an IPv6 address as “{ $example }”.
spec-protocol = “{ $value }” is not a protocol: use “{ $pop3 }”, “{ $imap }” or “{ $smtp }”.
spec-security = “{ $value }” is not a security mode: use “{ $tls }” (implicit TLS, which some clients call SSL), “{ $starttls }” or “{ $plain }”.
spec-port = “{ $value }” is not a port (1-65535).
spec-host = The host “{ $host }” cannot be used: { $problem }
spec-host-brackets = the brackets do not match.
spec-host-not-ipv6 = there is no IPv6 address inside the brackets.
spec-host-ipv6-brackets = write an IPv6 address in brackets, like “{ $example }”.
spec-unknown-port = “{ $spec }”: the protocol of port { $port } cannot be told; write “{ $shape }”.
spec-consent-fingerprint-on-plain = “{ $spec }”: an endpoint without encryption has no certificate; leave out “{ $part }”.
spec-consent-tls-without-fingerprint = “{ $spec }”: a consent for a TLS endpoint covers one certificate; add “{ $part }” (“{ $command }” prints it). A STARTTLS endpoint without STARTTLS never gets the password.
spec-fingerprint = “{ $value }” is not a SHA-256 fingerprint (64 hexadecimal digits, colons optional).

## `mailconf providers import-ispdb` (src/providers/ispdb.rs, src/cli/providers.rs)

import-summary = Read { $files } files, wrote { $written } providers with { $domains } domains to { $dir }; removed { $removed } stale files.
import-skipped = Note: { $file } was not imported: { $why }.
import-skip-every-domain-taken = every domain is already served by another file
import-skip-id-taken = the id “{ $id }” is already used by { $first }
import-mx-suffix = Note: { $file }: { $suffix } is marked as an MX host domain; imported as an MX suffix.
import-unknown-file = Note: { $file } was not written by an import; left alone.
import-duplicate-domain = Note: the domain { $domain } is in { $kept } and { $dropped }; kept in { $kept }.
import-error-io = { $path } could not be read or written
import-error-no-date = { $dir } has no SOURCE.md with a commit date: give the month with { $option } (for example { $example }).
autoconfig-too-large = the autoconfig document is { $bytes } bytes, more than the 1 MiB limit
autoconfig-invalid = the autoconfig document is not valid
autoconfig-no-servers = the autoconfig document names no usable POP3, IMAP or SMTP server

## Lookups and targets that cannot be used (src/providers/load.rs, src/check/plan.rs)

address-bad-character-host = The host name contains { $found }, which is not allowed.
lookup-not-found = No provider in the database serves { $domain }.
plan-invalid-host = “{ $input }”: { $problem }
plan-unknown-id = There is no provider “{ $id }” in the database.

## Writing a file (src/output.rs)

output-exists = { $path } already exists; use {"--force"} to replace it.
output-not-a-file = { $path } is { $what }, not a regular file: mailconf replaces only regular files (for standard output use {"-o -"}).
output-symlink = a symbolic link
output-directory = a folder
output-fifo = a named pipe (FIFO)
output-device = a device
output-socket = a socket
output-not-regular = something else
file-not-regular = it is { $what }; only regular files are read
file-too-large = the file is { $size } bytes, more than the limit of { $limit } bytes
file-not-utf8 = not UTF-8 text
providers-too-many-files = { $more } more provider files not read: at most { $max } are read from one folder
output-io = Could not write { $path }: { $reason }.
output-not-private = { $dir } is outside your user folder ({ $home }): other users of this computer may be able to read a file saved there, and this one holds your password. Save it in your user folder (Documents, for example).
export-discontinued = { $provider } was discontinued in { $year }; there is nothing to export.

## Starting the app (src/app/mod.rs)

app-no-display = No display found: run mailconf from a desktop session, or use the command line ({"mailconf --help"}).
app-cannot-open-window = The window cannot be opened here; the command line works without one ({"mailconf --help"}).
# A sentence, then what the system or a library said, verbatim.
with-details = { $sentence }
    details: { $details }

## What the export formats say: their descriptions, where the file goes,
## and the notes inside the files (src/export/)

export-thunderbird-description = Thunderbird autoconfig file (config-v1.1.xml, the ISPDB format)
export-thunderbird-destination = Save it as isp/<domain>.xml in Thunderbird's program folder (e.g. in /usr/lib/thunderbird/isp/), or serve it at https://autoconfig.<domain>/mail/config-v1.1.xml; then add the account in Thunderbird with only the name, address and password.
export-autodiscover-description = Outlook Autodiscover response (POX XML) for administrators
export-autodiscover-destination = For administrators: serve it as the answer to POST https://autodiscover.<domain>/autodiscover/autodiscover.xml for this user (or use it as a template). Users set Outlook up by hand with the format “Outlook (setup steps)”.
export-autodiscover-manual-setup-steps-mailconf = Manual setup steps: mailconf export <address> --format outlook
export-outlook-steps-description = Step-by-step manual setup for Outlook (Markdown)
export-outlook-steps-destination = Read it, or send it to the user; follow the steps in Outlook.
export-outlook-steps-under-more-settings-advanced = Under **More Settings → Advanced → Delivery**, tick **Leave a copy of messages on the server** and untick **Remove from server after … days**.
export-outlook-steps-under-more-settings-advanced-2 = Under **More Settings → Advanced → Delivery**, untick **Leave a copy of messages on the server** (mail is deleted from the server after downloading).
export-outlook-steps-click-next-outlook-tests = Click **Next**: Outlook tests the settings and sends a test message.
export-outlook-steps-before-you-start = Before you start
export-fetchmail-description = fetchmail run control file (.fetchmailrc)
export-fetchmail-destination = Save as ~/.fetchmailrc (owner-only, mode 0600: fetchmail refuses anything else), then run “{"fetchmail -v"}”.
export-fetchmail-fetchmail-hands-mail-to = fetchmail hands mail to the local mail system (SMTP on localhost); to deliver another way add e.g. mda "/usr/bin/procmail -d %T" after the user line.
export-fetchmail-no-password-stored-fetchmail = No password stored: fetchmail asks for it (or reads ~/.netrc).
export-getmail-description = getmail6 rc file (getmailrc)
export-getmail-destination = Save as ~/.config/getmail/getmailrc (or ~/.getmail/getmailrc), create the maildir with “{"mkdir -p ~/Maildir/{cur,new,tmp}"}”, then run “{"getmail"}”.
export-getmail-no-password-stored-getmail = No password stored: getmail asks for it. To read it from a password manager instead:
export-getmail-getmail-checks-the-server = getmail checks the server certificate only when ca_certs is set (macOS: /etc/ssl/cert.pem).
export-json-description = mailconf JSON: all settings and what was verified
export-json-destination = For scripts and other tools; every field is described in mailconf's documentation (export-json.md).
export-apple-description = Apple configuration profile (.mobileconfig) for Mail on macOS, iPhone and iPad
export-apple-destination = Open the file on the Mac (System Settings → Privacy & Security → Profiles) or send it to the iPhone/iPad (Settings → Profile Downloaded → Install). The profile is unsigned, so the system calls it "unverified"; enter the password when asked.
export-msmtp-description = msmtp configuration (msmtprc) for sending mail
export-msmtp-destination = Save as ~/.msmtprc or ~/.config/msmtp/config (mode 0600 if it holds a password); test with “{"msmtp --pretend"}”, send with “{"msmtp recipient@example.com < message"}”.
export-msmtp-no-password-stored-keep = No password stored. Keep it in the keyring (secret-tool store --label=msmtp host HOST service smtp user USER) and msmtp finds it, or read it with passwordeval:
export-mutt-description = mutt / neomutt configuration (muttrc)
export-mutt-destination = Save as ~/.muttrc (mutt) or ~/.config/neomutt/neomuttrc (neomutt), or “{"source"}” it from there.
export-mutt-no-password-stored-mutt = No password stored: mutt asks for it when it connects.
export-summary-ssl-tls-encrypted-from = SSL/TLS (encrypted from the start)
export-summary-starttls-required = STARTTLS (required)
export-summary-none = none
export-summary-outgoing-mail = Outgoing mail
export-summary-incoming-mail = Incoming mail
export-summary-your-domain = <your domain>
export-summary-server = Server
export-summary-port = Port
export-summary-encryption = Encryption
export-summary-username = Username
export-summary-password = Password
export-summary-leave-mail-on-server = Leave mail on server
export-summary-yes-download-without-deleting = yes (download without deleting)
export-summary-no-deleted-from-the = no (deleted from the server after downloading)
export-summary-description = Readable summary (Markdown) for a helpdesk ticket
export-summary-destination = Paste it into the ticket or an e-mail; it never contains the password.
export-summary-mail-settings = Mail settings
export-summary-provider = Provider
export-summary-address = Address
export-summary-name = Name
export-summary-before-you-start = Before you start
export-summary-where-to-get-the = Where to get the password or code
export-summary-good-to-know = Good to know

# The formats by name, for the app's Export window (src/export/mod.rs).
format-title-thunderbird = Thunderbird (autoconfig)
format-title-apple = Apple Mail, iPhone and iPad (.mobileconfig)
format-title-autodiscover = Outlook Autodiscover (for administrators)
format-title-outlook = Outlook (setup steps)
format-title-fetchmail = fetchmail
format-title-getmail = getmail6
format-title-msmtp = msmtp
format-title-mutt = mutt / neomutt
format-title-json = JSON (all settings, for scripts)
format-title-summary = Summary (to read or send)

## More of what exported files say (src/export/)

export-thunderbird-destination-for = Save it as isp/{ $domain }.xml in Thunderbird's program folder (e.g. /usr/lib/thunderbird/isp/{ $domain }.xml), or serve it at https://autoconfig.{ $domain }/mail/config-v1.1.xml; then add the account in Thunderbird with only the name, address and password.
export-autodiscover-destination-for = For administrators: serve it as the answer to POST https://autodiscover.{ $domain }/autodiscover/autodiscover.xml for this user (or use it as a template). Users set Outlook up by hand with the format “Outlook (setup steps)”.
export-mutt-imap-id = { $provider } requires IMAP clients to send the ID command (RFC 2971): NeoMutt 2023-04-07 and newer send it with the line below. Older NeoMutt and classic Mutt cannot (opening a mailbox fails with "Unsafe Login"): use POP3 there ({ $command }).

## The Outlook setup steps (src/export/autodiscover.rs): bold words are
## Outlook's own labels in each language; values come in code spans.

outlook-title = Set up { $who } in Outlook ({ $kind })
outlook-step-add-account = Classic Outlook: **File → Add Account**. New Outlook: **Settings → Accounts → Add account**.
outlook-step-manual = Type { $address }, open **Advanced options**, tick **Let me set up my account manually**, and choose **{ $kind }**.
outlook-step-incoming = Incoming mail: server { $host }, port { $port }, encryption method **{ $encryption }**.
outlook-step-outgoing = Outgoing mail: server { $host }, port { $port }, encryption method **{ $encryption }**.
outlook-step-no-spa = Leave **Require logon using Secure Password Authentication (SPA)** unticked.
outlook-step-login = User name { $username }; password: { $password }.
outlook-step-smtp-same-login = Under **More Settings → Outgoing Server**, tick **My outgoing server (SMTP) requires authentication** and **Use same settings as my incoming mail server**.
outlook-step-smtp-login = Under **More Settings → Outgoing Server**, tick **My outgoing server (SMTP) requires authentication** and log on with user name { $username }.

## The diagnostic report for a helpdesk (src/app/report.rs)

report-title = mailconf { $version } diagnostic report, { $when }
report-system = System: { $os } { $arch }
report-not-tested = No test of { $account } yet.
report-target = Tested: { $target }
report-username = Username: { $username }
report-provider = Provider: { $name } ({ $id })
report-could-not-run = The test could not run: { $error }
report-pending = not finished
report-cancelled = cancelled
report-result = { $verdict } ({ $ms } ms): { $summary }
report-result-login = { $result }; login: { $login }
report-recommended = Recommended settings:
report-none = { $protocol }: none
