# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mailconf_global_optspecs
    string join \n lang= ca-file= dns= h/help V/version
end

function __fish_mailconf_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_mailconf_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_mailconf_using_subcommand
    set -l cmd (__fish_mailconf_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c mailconf -n "__fish_mailconf_needs_command" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_needs_command" -l ca-file -d 'Also trust the CA certificates in this PEM file (your organisation\'s own CA): in the desktop app, and for probe, discover, export, check and providers audit, where it is the same as their own --ca-file (given after the subcommand)' -r -F
complete -c mailconf -n "__fish_mailconf_needs_command" -l dns -d 'Ask this DNS server (IP or IP:PORT) instead of the system\'s: in the desktop app, and for probe, discover, export, check and providers audit, where it is the same as their own --dns (given after the subcommand)' -r
complete -c mailconf -n "__fish_mailconf_needs_command" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_needs_command" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_needs_command" -f -a "providers" -d 'The bundled provider database: list, show, validate, import'
complete -c mailconf -n "__fish_mailconf_needs_command" -f -a "export" -d 'Write an account\'s settings for a mail client (Thunderbird, Apple Mail, Outlook, fetchmail, getmail, msmtp, mutt), as JSON or as a readable summary'
complete -c mailconf -n "__fish_mailconf_needs_command" -f -a "probe" -d 'Test every way in (POP3, IMAP, SMTP; plaintext, STARTTLS, TLS) live, in parallel'
complete -c mailconf -n "__fish_mailconf_needs_command" -f -a "discover" -d 'Find settings for any address: database, MX, autoconfig, SRV, guessing'
complete -c mailconf -n "__fish_mailconf_needs_command" -f -a "check" -d 'Check the settings you already have (fetchmail, msmtp, mutt, getmail, Thunderbird…), say what changed, and write the fixed file (--fix)'
complete -c mailconf -n "__fish_mailconf_needs_command" -f -a "oauth2" -d 'OAuth2 sign-in (Outlook, Microsoft 365, Gmail): sign in once, keep the refresh token in the system keyring, print fresh access tokens for msmtp, fetchmail, mutt and getmail'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and not __fish_seen_subcommand_from list show validate import-ispdb audit schema dir" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and not __fish_seen_subcommand_from list show validate import-ispdb audit schema dir" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and not __fish_seen_subcommand_from list show validate import-ispdb audit schema dir" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and not __fish_seen_subcommand_from list show validate import-ispdb audit schema dir" -f -a "list" -d 'List providers (bundled, imported and your own), optionally filtered'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and not __fish_seen_subcommand_from list show validate import-ispdb audit schema dir" -f -a "show" -d 'Show everything known about a provider, found by id, domain or address'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and not __fish_seen_subcommand_from list show validate import-ispdb audit schema dir" -f -a "validate" -d 'Check provider files against the schema and the semantic rules'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and not __fish_seen_subcommand_from list show validate import-ispdb audit schema dir" -f -a "import-ispdb" -d 'Import a copy of the Thunderbird ISPDB into JSON provider files'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and not __fish_seen_subcommand_from list show validate import-ispdb audit schema dir" -f -a "audit" -d 'Re-check entries against the live servers: every server an entry lists is probed (no login) and compared with what the entry claims'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and not __fish_seen_subcommand_from list show validate import-ispdb audit schema dir" -f -a "schema" -d 'Print the JSON Schema of a provider file'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and not __fish_seen_subcommand_from list show validate import-ispdb audit schema dir" -f -a "dir" -d 'Print where your own provider files go'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from list" -s s -l search -d 'Only providers whose name (any language), id or domain matches' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from list" -l origin -d 'Only entries of this origin' -r -f -a "hand\t'Written by hand in providers/'
ispdb\t'Imported from the Thunderbird ISPDB'
user\t'Your own files'"
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from list" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of a table'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from show" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from show" -l all-langs -d 'Print hints and notes in all three languages'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from show" -l json -d 'Print JSON (all three languages) instead of text'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from validate" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from import-ispdb" -l out -d 'Output folder' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from import-ispdb" -l checked -d 'Month the data was checked (YYYY-MM), when the folder has no SOURCE.md' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from import-ispdb" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from import-ispdb" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from import-ispdb" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from audit" -l concurrency -d 'Endpoints probed at once (1-256)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from audit" -l resolve -d 'Use this address for a host name instead of DNS, like curl: `mail.example.com:127.0.0.1`. Repeatable' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from audit" -l port-map -d 'Connect to other ports than the ones planned, e.g. `995=10995,993=10993` (for tests: the plan still names the standard ports)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from audit" -l ca-file -d 'Extra trust anchors: a PEM file of CA certificates' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from audit" -l dns -d 'Ask this DNS server (IP or IP:PORT) instead of the system\'s' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from audit" -l timeout -d 'Seconds for the connection and for each reply; one endpoint gets three times as long' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from audit" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from audit" -l json -d 'Print one JSON document (see docs/audit-json.md) instead of the table'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from audit" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from schema" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from schema" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from schema" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from dir" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from dir" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_using_subcommand providers; and __fish_seen_subcommand_from dir" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -s f -l format -d 'Output format (see --list-formats)' -r -f -a "thunderbird\t'Thunderbird autoconfig `config-v1.1.xml`'
apple\t'Apple configuration profile (`.mobileconfig`) for macOS and iOS Mail'
autodiscover\t'Outlook Autodiscover (POX) response, for admins to serve'
outlook\t'Outlook manual setup steps'
fetchmail\t'fetchmail run control file'
getmail\t'getmail6 rc file'
msmtp\t'msmtp configuration'
mutt\t'mutt / neomutt configuration'
json\t'mailconf\'s own JSON (see docs/export-json.md)'
summary\t'Human-readable summary (Markdown) for a helpdesk ticket'"
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -s o -l output -d 'Write to FILE instead of standard output (`-` or `/dev/stdout`). Refuses to replace an existing file unless --force; never replaces a link, a device, a FIFO or a directory' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l password-env -d 'Read the password from environment variable VAR' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l leave-on-server -d 'Leave mail on the server after downloading (default: yes). Use --leave-on-server=false to delete downloaded mail from the server' -r -f -a "true\t''
false\t''"
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l protocol -d 'Incoming protocol (default: the provider\'s preferred one)' -r -f -a "pop3\t'POP3: download mail (and keep it on the server by default)'
imap\t'IMAP: work with the mail on the server'"
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l name -d 'Your name as it appears in the From: line (may be Chinese)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l ca-file -d 'A CA bundle (PEM) for servers whose certificate your organisation\'s own CA signed. mailconf trusts it in addition to the built-in roots when it tests the servers (--probe) and when it discovers an address the database does not know. The written file names it where the client has a setting for it: fetchmail (sslcertfile), getmail (ca_certs) and msmtp (tls_trust_file), which then verify the servers with this file; the other formats have no such setting' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l dns -d 'DNS server to ask instead of the system\'s (IP or IP:PORT), for discovering an address the database does not know and for `--probe`' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l resolve -d 'With --probe: use this address for a host name instead of DNS (`host:addr`)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l port-map -d 'With --probe: connect to other ports than the standard ones (`995=10995,…`)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l include-password -d 'Put the password into the file (asked for without echo, or see --password-stdin / --password-env). The file is written owner-only (0600)'
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l password-stdin -d 'Read the password from the first line of standard input'
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l force -d 'Replace FILE if it exists'
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l probe -d 'Test the servers first and export what the check verified (the endpoint it recommends per protocol) instead of the database\'s settings. With --include-password the login is tested too, and a rejected password is an error'
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l list-formats -d 'List the formats and exit'
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -l json -d 'With --list-formats: print JSON'
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailconf -n "__fish_mailconf_using_subcommand export" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l only -d 'Only these protocols (comma-separated): pop3, imap, smtp' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l endpoint -d 'Probe exactly this endpoint: `host:port:security` or `protocol:host:port:security` (security: tls, starttls, plain). Repeatable; replaces the target\'s endpoints' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l port-map -d 'Connect to other ports than the standard ones, e.g. `995=10995,993=10993` (for tests)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l resolve -d 'Use this address for a host name instead of DNS, like curl: `mail.example.com:127.0.0.1`. Repeatable' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l ca-file -d 'Extra trust anchors: a PEM file of CA certificates' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l connect-timeout -d 'Seconds to wait for a TCP connection (DNS included)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l timeout -d 'Seconds to wait for each reply and each TLS handshake' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l overall-timeout -d 'Seconds for one endpoint\'s whole probe' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l dns -d 'DNS server to ask instead of the system\'s (IP or IP:PORT), for discovering an address the database does not know and for the probe\'s own name lookups' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l user -d 'Test logging in as this user on every secure endpoint (default with a password source: the target address)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l password-env -d 'Read the password from this environment variable' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l allow-insecure-auth -d 'Allow sending the password over exactly this insecure endpoint, at your own risk: `protocol:[host:]port:plain` (no encryption at all), or `protocol:[host:]port:tls|starttls:sha256=FINGERPRINT` (exactly that certificate, which failed verification; the probe prints the line to use). The host is required when the run probes several hosts. Repeatable' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l oauth2-client-id -d 'With --oauth2: the client id (when `oauth2 login` did not remember one)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l oauth2-tenant -d 'With --oauth2: the Microsoft 365 tenant (its id or domain)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l max-connections -d 'At most this many connections at once (discovery\'s checks and the probe)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l system-roots -d 'Also trust the operating system\'s certificate store'
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l strict-certificates -d 'Abort the TLS handshake on an invalid certificate instead of reading capabilities through it in report-only mode'
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l transcript -d 'Print each endpoint\'s (redacted) transcript after the table'
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l json -d 'Print one JSON document (see docs/probe-json.md) instead of the table'
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l no-discovery -d 'Do not run discovery for an unknown address; probe its domain as a host instead'
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l password-stdin -d 'Read the password (or authorization code / app password) from the first line of stdin'
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l oauth2 -d 'Test the login with OAuth2 (Outlook, Microsoft 365, Gmail): a fresh access token from the sign-in `mailconf oauth2 login` kept, sent with SASL XOAUTH2/OAUTHBEARER on every secure endpoint'
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -l no-browser -d 'With --oauth2, when no sign-in is kept: do not open a browser, only print the address to open'
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_using_subcommand probe" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l dns -d 'DNS server to ask instead of the system\'s: IP or IP:PORT (UDP and TCP)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l timeout -d 'The one deadline shared by every source, in seconds' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l ca-file -d 'Also trust the CA certificates in this PEM file (HTTPS and TLS checks)' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l ispdb-url -d 'Base URL of the Thunderbird ISPDB (`<URL><domain>` is fetched)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l port-map -d 'Connect to port TO wherever port FROM is meant (tests, port forwarding); applies to checked mail ports and to HTTPS/HTTP (443/80). Repeatable' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l print-schema -d 'Print the JSON Schema of the `--json` output and exit'
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l json -d 'Print the result as JSON (see docs/discover-json.md)'
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l no-network-sources -d 'Use the bundled database (and your own provider files) only; no network'
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l no-ispdb -d 'Do not ask the ISPDB'
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l allow-http -d 'Also fetch autoconfig over plain HTTP and follow redirects to it (unsafe: anyone on the network path can change the answer)'
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l no-guess -d 'Do not guess host names (pop., imap., smtp., mail.)'
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -l all-sources -d 'Wait for every source (up to the deadline) to list all alternatives'
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_using_subcommand discover" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l thunderbird -d 'Check Thunderbird: the profiles profiles.ini lists, or this profile folder' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l password-env -d 'With --login: the password for every account whose file holds none, from this environment variable' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -s o -l output -d 'With --fix: write the corrected file here instead (one file only)' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l allow-insecure-auth -d 'Allow sending the password over exactly this insecure endpoint, at your own risk (as `mailconf probe --allow-insecure-auth`). Repeatable' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l port-map -d 'Connect to other ports than the standard ones, e.g. `995=10995` (for tests)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l resolve -d 'Use this address for a host name instead of DNS: `mail.example.com:127.0.0.1`. Repeatable' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l ca-file -d 'Extra trust anchors: a PEM file of CA certificates' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l connect-timeout -d 'Seconds to wait for a TCP connection (DNS included)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l timeout -d 'Seconds to wait for each reply and each TLS handshake' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l dns -d 'DNS server to ask instead of the system\'s (IP or IP:PORT)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l json -d 'Print one JSON document (see docs/check-json.md) instead of text'
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l login -d 'Also test logging in: with the password from the file, else asked for (on a terminal). Never over an insecure connection without --allow-insecure-auth'
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l password-stdin -d 'With --login: the password for every account whose file holds none, from the first line of standard input (instead of asking on a terminal)'
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l fix -d 'Write the corrected file, in the same format, next to the original (`NAME.mailconf-fixed`; Thunderbird: a user.js fragment)'
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l force -d 'With --fix: replace the original (Thunderbird: the profile\'s user.js), or overwrite the -o file'
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l system-roots -d 'Also trust the operating system\'s certificate store'
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -l transcript -d 'Print each endpoint\'s (redacted) transcript'
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_using_subcommand check" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and not __fish_seen_subcommand_from login token" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and not __fish_seen_subcommand_from login token" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and not __fish_seen_subcommand_from login token" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and not __fish_seen_subcommand_from login token" -f -a "login" -d 'Sign in once (browser or --device) and keep the refresh token in the system keyring'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and not __fish_seen_subcommand_from login token" -f -a "token" -d 'Print a fresh access token for ACCOUNT (for msmtp, fetchmail, mutt, getmail)'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -l oauth2-client-id -d 'The client id of the app you (or your administrator) registered with the provider; remembered for the provider once given' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -l oauth2-client-secret-env -d 'Read the client secret (Google desktop clients have one) from this environment variable' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -l oauth2-tenant -d 'Microsoft 365: your tenant (its id or domain, or common/organizations)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -l ca-file -d 'Extra trust anchors for the sign-in server: a PEM file of CA certificates' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -l resolve -d 'Use this address for a host name instead of DNS: `login.example.com:127.0.0.1`' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -l token-file -d 'Keep the refresh token in this file (owner-only, mode 0600) instead of the system keyring. Worse than the keyring (README, "OAuth2 sign-in"): only for a machine without one. `token` then needs it too' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -l timeout -d 'Seconds the whole sign-in may take' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -l device -d 'login: use the device flow (a code to type on another device) instead of the browser'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -l no-browser -d 'login: do not try to open a browser; only print the address to open'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -l oauth2-client-id -d 'The client id of the app you (or your administrator) registered with the provider; remembered for the provider once given' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -l oauth2-client-secret-env -d 'Read the client secret (Google desktop clients have one) from this environment variable' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -l oauth2-tenant -d 'Microsoft 365: your tenant (its id or domain, or common/organizations)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -l ca-file -d 'Extra trust anchors for the sign-in server: a PEM file of CA certificates' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -l resolve -d 'Use this address for a host name instead of DNS: `login.example.com:127.0.0.1`' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -l token-file -d 'Keep the refresh token in this file (owner-only, mode 0600) instead of the system keyring. Worse than the keyring (README, "OAuth2 sign-in"): only for a machine without one. `token` then needs it too' -r -F
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -l timeout -d 'Seconds the whole sign-in may take' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -l lang -d 'Language of human output: en, zh-Hans or zh-Hant (default: from the locale)' -r
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -l device -d 'login: use the device flow (a code to type on another device) instead of the browser'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -l no-browser -d 'login: do not try to open a browser; only print the address to open'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c mailconf -n "__fish_mailconf_using_subcommand oauth2; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
