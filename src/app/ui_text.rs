//! The desktop app's own words: names for the catalog's messages.
//!
//! Fixed strings are variants of [`T`]; the `texts!` table names each one's
//! message in `i18n/<lang>/mailconf.ftl` (an id the English catalog lacks does
//! not compile). Sentences with values in them (counts, domains, latencies) are
//! functions below that hand the values to their message. Provider data
//! (names, hints) is already localized in the database.
//!
//! The catalog tests (`src/i18n/checks.rs`) keep the Chinese free of English
//! words (apart from names such as POP3, SMTP, IMAP, TLS, STARTTLS, OAuth2),
//! in full-width punctuation and in the glossary's terms.

use crate::i18n::{Lang, msg};

macro_rules! texts {
    ($($(#[$doc:meta])* $key:ident => $id:literal;)*) => {
        /// A fixed string of the user interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum T {
            $($(#[$doc])* $key,)*
        }

        impl T {
            /// Every string, for tests that check the catalog.
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            /// The string in `lang`, from the catalog (the id is checked
            /// against the English catalog when the code compiles).
            pub fn get(self, lang: Lang) -> String {
                match self {
                    $(T::$key => msg!(lang, $id),)*
                }
            }
        }
    };
}

texts! {
    // --- Check my current settings (src/app/panels/existing.rs)
    /// The menu entry that opens the window.
    ExistingEntry => "ui-existing-entry";
    /// The window's title.
    ExistingTitle => "ui-existing-title";
    /// What the window does.
    ExistingIntro => "ui-existing-intro";
    /// The path field's label.
    ExistingFileLabel => "ui-existing-file-label";
    /// The button that reads and checks the file.
    ExistingCheck => "ui-existing-check";
    /// Also test the login.
    ExistingAlsoLogin => "ui-existing-also-login";
    /// Tests the login with the password typed for an account.
    ExistingTestLogin => "ui-existing-test-login";
    /// Goes on with the check without testing this account's login.
    ExistingSkipLogin => "ui-existing-skip-login";
    /// Above the Thunderbird profiles found.
    ExistingProfilesFound => "ui-existing-profiles-found";
    /// While the accounts are tested.
    ExistingTesting => "ui-existing-testing";
    /// No backend to test with.
    ExistingNoBackend => "ui-existing-no-backend";
    /// Above the fixed file's changes.
    ExistingFixedChanges => "ui-existing-fixed-changes";
    /// The button that saves a fixed file.
    ExistingSaveFixed => "ui-existing-save-fixed";
    /// Test connection in the main window stopped this window's check.
    ExistingStoppedForTest => "ui-existing-stopped-for-test";

    // --- Menu bar
    /// The language menu.
    Language => "ui-language";
    /// The view menu.
    View => "ui-view";
    /// Theme follows the system.
    ThemeSystem => "ui-theme-system";
    /// Light theme.
    ThemeLight => "ui-theme-light";
    /// Dark theme.
    ThemeDark => "ui-theme-dark";
    // --- Broken user provider files
    /// Banner heading.
    UserFilesBroken => "ui-user-files-broken";
    /// Dismiss a banner.
    Dismiss => "ui-dismiss";
    // --- Provider list
    /// Heading of the provider list.
    Providers => "ui-providers";
    /// Label of the search field.
    Search => "ui-search";
    /// Placeholder of the search field.
    SearchHint => "ui-search-hint";
    /// No provider matches the search.
    NoMatch => "ui-no-match";
    // --- Account
    /// Heading of the account section.
    Account => "ui-account";
    /// Label of the address field.
    EmailAddress => "ui-email-address";
    /// Placeholder of the address field.
    EmailHint => "ui-email-hint";
    /// Label of the username field.
    Username => "ui-username";
    /// Placeholder of the username field.
    Optional => "ui-optional";
    /// Label of the password field (normal passwords).
    Password => "ui-password";
    /// Label of the password field (authorization codes).
    AuthorizationCode => "ui-authorization-code";
    /// Label of the password field (app passwords).
    AppPassword => "ui-app-password";
    /// Show the password.
    ShowPassword => "ui-show-password";
    /// Hide the password.
    HidePassword => "ui-hide-password";
    /// Where the password is kept.
    PasswordNote => "ui-password-note";
    /// Nothing typed, nothing picked.
    TypeAddress => "ui-type-address";
    /// Picked from the list without an address.
    PickedWithoutAddress => "ui-picked-without-address";
    // --- Provider card
    /// Status row.
    Status => "ui-status";
    /// What the password field takes.
    PasswordField => "ui-password-field";
    /// Link to where the code is created.
    CreateItHere => "ui-create-it-here";
    /// Setup steps section.
    SetupSteps => "ui-setup-steps";
    /// Quirks section.
    GoodToKnow => "ui-good-to-know";
    /// Known servers section.
    KnownServers => "ui-known-servers";
    /// Help pages section.
    HelpPages => "ui-help-pages";
    /// History section.
    History => "ui-history";
    /// The username form of a server.
    UsernameIs => "ui-username-is";
    /// Before the username as it goes to the server (internationalized domains).
    SentAs => "ui-sent-as";
    /// Entry from the user's own file.
    FromYourFile => "ui-from-your-file";
    /// Entry imported from the ISPDB.
    FromIspdb => "ui-from-ispdb";
    // --- Discovery (domains the database does not know)
    /// What to do when discovery found nothing.
    NothingFoundWhatToDo => "ui-nothing-found-what-to-do";
    /// Card of settings found for a domain the database does not know.
    DiscoveredNote => "ui-discovered-note";
    /// Servers found by discovery.
    ServersFound => "ui-servers-found";
    // --- Test
    /// The test button.
    TestConnection => "ui-test-connection";
    /// Tooltip of the test button.
    TestTooltip => "ui-test-tooltip";
    /// Test button disabled: the engine could not start.
    EngineMissing => "ui-engine-missing";
    /// Heading of the protocol choice in the Export window.
    ExportProtocol => "ui-export-protocol";
    /// After the protocol the test found working.
    ProtocolTestedDefault => "ui-protocol-tested-default";
    /// After the provider's preferred protocol (no test yet).
    ProtocolProviderDefault => "ui-protocol-provider-default";
    /// Hover text of the provider search field: its keys.
    SearchTooltip => "ui-search-tooltip";
    /// Cancel the test.
    Cancel => "ui-cancel";
    /// Tooltip of the cancel button.
    CancelTooltip => "ui-cancel-tooltip";
    /// Results heading.
    Results => "ui-results";
    /// The results come from the demo backend.
    DemoData => "ui-demo-data";
    /// Nothing tested yet.
    NotTestedYet => "ui-not-tested-yet";
    // --- Result table
    /// Column: protocol.
    ColProtocol => "ui-col-protocol";
    /// Column: port.
    ColPort => "ui-col-port";
    /// Column: encryption mode.
    ColSecurity => "ui-col-security";
    /// Column: server.
    ColServer => "ui-col-server";
    /// Column: result.
    ColResult => "ui-col-result";
    /// Column: time.
    ColTime => "ui-col-time";
    /// Column: TLS version.
    ColTls => "ui-col-tls";
    /// Column: certificate.
    ColCertificate => "ui-col-certificate";
    /// Row state: waiting.
    Testing => "ui-testing";
    /// Row state: secure.
    Secure => "ui-secure";
    /// Row state: answers without encryption.
    Insecure => "ui-insecure";
    /// Row state: failed.
    Failed => "ui-failed";
    /// Row state: no answer at all (filtered).
    Blocked => "ui-blocked";
    /// Row state: cancelled.
    Cancelled => "ui-cancelled";
    /// Expand a row.
    ShowDetails => "ui-show-details";
    /// Collapse a row.
    HideDetails => "ui-hide-details";
    // --- Why a row is insecure or failed
    /// Insecure: plain endpoint.
    WhyPlainPort => "ui-why-plain-port";
    /// Insecure: STARTTLS not offered.
    WhyStarttlsNotOffered => "ui-why-starttls-not-offered";
    /// Insecure: STARTTLS refused.
    WhyStarttlsRefused => "ui-why-starttls-refused";
    /// Failed: refused.
    WhyRefused => "ui-why-refused";
    /// Failed: timeout.
    WhyTimeout => "ui-why-timeout";
    /// Failed: DNS.
    WhyDns => "ui-why-dns";
    /// Failed: the name lookup got no answer (not "no such name").
    WhyDnsLookupFailed => "existing-why-dns-lookup-failed";
    /// Failed: TLS.
    WhyTls => "ui-why-tls";
    /// Failed: certificate not trusted.
    WhyCertificate => "ui-why-certificate";
    /// Failed: protocol.
    WhyProtocol => "ui-why-protocol";
    /// Blocked: filtered.
    WhyFiltered => "ui-why-filtered";
    // --- Certificate verdicts
    /// Certificate trusted.
    CertTrusted => "ui-cert-trusted";
    /// Certificate expired.
    CertExpired => "ui-cert-expired";
    /// Certificate for another name.
    CertWrongName => "ui-cert-wrong-name";
    /// Self-signed certificate.
    CertSelfSigned => "ui-cert-self-signed";
    /// Untrusted issuer.
    CertUntrusted => "ui-cert-untrusted";
    // --- Row details
    /// Capabilities (implicit TLS or plain).
    Capabilities => "ui-capabilities";
    /// Capabilities before STARTTLS.
    CapsBefore => "ui-caps-before";
    /// Capabilities after STARTTLS.
    CapsAfter => "ui-caps-after";
    /// Certificate section.
    Certificate => "ui-certificate";
    /// Certificate subject.
    Subject => "ui-subject";
    /// Certificate issuer.
    Issuer => "ui-issuer";
    /// Certificate names.
    Names => "ui-names";
    /// Validity.
    Validity => "ui-validity";
    /// Fingerprint.
    Fingerprint => "ui-fingerprint";
    /// Transcript.
    Transcript => "ui-transcript";
    /// Raw engine message.
    Detail => "ui-detail";
    /// No details.
    NoDetails => "ui-no-details";
    /// Copy the transcript.
    Copy => "ui-copy";
    // --- Summary
    /// Summary heading.
    Summary => "ui-summary";
    /// No secure way for a protocol.
    NoSecureWay => "ui-no-secure-way";
    /// Use … (followed by an endpoint).
    Use => "ui-use";
    /// Heading of the advice in the summary.
    Advice => "ui-advice";
    /// Link to the provider's page.
    MoreHelp => "ui-more-help";
    // --- Login test
    /// Label of the login result in the details.
    Login => "ui-login";
    /// Login worked.
    LoginOk => "ui-login-ok";
    /// Wrong username or password.
    LoginRejected => "ui-login-rejected";
    /// Needs an authorization code.
    LoginAuthCode => "ui-login-auth-code";
    /// Needs an app password.
    LoginAppPassword => "ui-login-app-password";
    /// Service switched off.
    LoginServiceDisabled => "ui-login-service-disabled";
    /// OAuth2 only.
    LoginOauth2 => "ui-login-oauth2";
    /// Try later.
    LoginTemporary => "ui-login-temporary";
    /// Server wants TLS first.
    LoginEncryptionRequired => "ui-login-encryption-required";
    /// No usable mechanism.
    LoginNoMechanism => "ui-login-no-mechanism";
    /// Password not sent.
    LoginNotTried => "ui-login-not-tried";
    /// Connection broke during login.
    LoginConnectionProblem => "ui-login-connection-problem";
    /// Odd reply.
    LoginUnexpected => "ui-login-unexpected";
    /// Button: allow the password over this insecure endpoint.
    AllowInsecureLogin => "ui-allow-insecure-login";
    /// Title of the insecure-login dialog.
    InsecureLoginTitle => "ui-insecure-login-title";
    /// No, keep the password safe (default).
    InsecureLoginNo => "ui-insecure-login-no";
    /// Yes, send it on the next test.
    InsecureLoginYes => "ui-insecure-login-yes";
    // --- Export and report
    /// Export button and window title.
    Export => "ui-export";
    /// Export uses the probe.
    ExportFromProbe => "ui-export-from-probe";
    /// Export uses the database.
    ExportFromDiscovery => "ui-export-from-discovery";
    ExportFromDatabase => "ui-export-from-database";
    /// Checkbox: include the password.
    IncludePassword => "ui-include-password";
    /// Warning when the password is included.
    PasswordInFile => "ui-password-in-file";
    /// Close a window.
    Close => "ui-close";
    /// Save button.
    SaveAs => "ui-save-as";
    /// The save dialog is open.
    WaitingForSaveDialog => "ui-waiting-for-save-dialog";
    /// Copy the path of the file just saved.
    CopyPath => "ui-copy-path";
    /// What Copy path copies.
    WhatPath => "ui-what-path";
    /// What Copy report copies.
    WhatReport => "ui-what-report";
    /// What a row's Copy copies.
    WhatTranscript => "ui-what-transcript";
    /// What Copy link copies.
    WhatLink => "ui-what-link";
    /// What the device flow's Copy copies.
    WhatDeviceCode => "ui-what-device-code";
    /// Copy a link.
    CopyLink => "ui-copy-link";
    /// Heading of the insecure-login permissions under the results.
    InsecurePermissions => "ui-insecure-permissions";
    /// Withdraw such a permission.
    Withdraw => "ui-withdraw";
    /// Row offers an insecure login (not allowed yet).
    InsecureNotTried => "ui-insecure-not-tried";
    // --- mailconf's own file chooser (when no system dialog answers)
    /// Its title.
    SaveFileTitle => "ui-save-file-title";
    /// Why it is mailconf's own.
    NoSystemDialog => "ui-no-system-dialog";
    /// Label of the folder field.
    Folder => "ui-folder";
    /// Label of the file name field.
    FileName => "ui-file-name";
    /// Go to the parent folder.
    ParentFolder => "ui-parent-folder";
    /// Go to the home folder.
    HomeFolder => "ui-home-folder";
    /// Go to the documents folder.
    DocumentsFolder => "ui-documents-folder";
    /// The folder has nothing to show.
    EmptyFolder => "ui-empty-folder";
    /// The typed name is not a file name.
    NotAFileName => "ui-not-a-file-name";
    /// Save the file.
    Save => "ui-save";
    /// The title of mailconf's own chooser when it opens a file.
    OpenFileTitle => "ui-open-file-title";
    /// Open the file chosen.
    Open => "ui-open";
    /// Open the folder shown, a Thunderbird profile (it holds prefs.js).
    OpenProfileFolder => "ui-open-profile-folder";
    /// The button of "Check my current settings" that picks the file through a dialog.
    OpenEllipsis => "ui-open-ellipsis";
    /// Replace the existing file.
    Replace => "ui-replace";
    /// Copy the text.
    CopyToClipboard => "ui-copy-to-clipboard";
    /// No provider: nothing to export.
    ExportNeedsProvider => "ui-export-needs-provider";
    /// Copy the diagnostic report.
    CopyReport => "ui-copy-report";
    /// Tooltip of the report button.
    CopyReportTooltip => "ui-copy-report-tooltip";
    /// Note once allowed.
    InsecureLoginAllowed => "ui-insecure-login-allowed";
    /// Ask the insecure-login question again (No withdraws the permission).
    ChangeInsecureLogin => "ui-change-insecure-login";
    /// Export of a server known only by its name.
    ExportFromServerName => "ui-export-from-server-name";
    /// A server's name needs a username to export.
    ExportNeedsUsername => "ui-export-needs-username";
    /// Yes, copy with the password.
    CopyWithPassword => "ui-copy-with-password";
    /// No, do not copy.
    DoNotCopy => "ui-do-not-copy";
    /// The check is looking the domain up before it can test.
    Planning => "ui-planning";
    /// Port 25 answers securely, but it is the relay port.
    WhyRelayPort => "ui-why-relay-port";
    /// The password was cleared when another provider was picked.
    PasswordCleared => "ui-password-cleared";
}

/// "Saved to PATH."
pub fn export_saved(path: &str, lang: Lang) -> String {
    msg!(lang, "ui-export-saved", path = path)
}

/// "“NAME” already exists. Replace it?"
pub fn replace_file(name: &str, lang: Lang) -> String {
    msg!(lang, "ui-replace-file", name = name)
}

/// "Could not save PATH: REASON."
pub fn save_failed(path: &str, error: &std::io::Error, lang: Lang) -> String {
    msg!(
        lang,
        "ui-save-failed",
        path = path,
        reason = crate::i18n::io_reason(error, lang)
    )
}

/// "There is no file “NAME” in this folder." (the open chooser, after a name
/// was typed that is not there).
pub fn no_such_file(name: &str, lang: Lang) -> String {
    msg!(lang, "ui-no-such-file", name = name)
}

/// "Cannot open FOLDER: REASON."
pub fn folder_unreadable(folder: &str, error: &std::io::Error, lang: Lang) -> String {
    let reason = match error.kind() {
        std::io::ErrorKind::PermissionDenied => msg!(lang, "io-no-permission-to-open"),
        _ => crate::i18n::io_reason(error, lang),
    };
    msg!(
        lang,
        "ui-folder-unreadable",
        folder = folder,
        reason = reason
    )
}

/// "Could not export: MESSAGE"
pub fn export_failed(message: &str, lang: Lang) -> String {
    msg!(lang, "ui-export-failed", message = message)
}

/// The risk of sending the password over one endpoint, for the confirmation dialog.
pub fn insecure_login_risk(endpoint: &str, certificate: Option<&str>, lang: Lang) -> String {
    match certificate {
        None => msg!(lang, "ui-risk-plaintext", endpoint = endpoint),
        Some(fp) => msg!(
            lang,
            "ui-risk-certificate",
            endpoint = endpoint,
            fingerprint = fp
        ),
    }
}

/// "5 of 8 done".
pub fn progress(done: usize, total: usize, lang: Lang) -> String {
    msg!(lang, "ui-progress", done = done, total = total)
}

/// "cancelled after 3 of 8".
pub fn progress_cancelled(done: usize, total: usize, lang: Lang) -> String {
    msg!(lang, "ui-progress-cancelled", done = done, total = total)
}

/// "123 ms".
pub fn latency(ms: u64, lang: Lang) -> String {
    msg!(lang, "ui-latency", ms = ms)
}

/// "177 providers".
pub fn provider_count(n: usize, lang: Lang) -> String {
    msg!(lang, "ui-provider-count", count = n)
}

/// "example.org is not in the database; discovery will look it up."
pub fn not_in_database(domain: &str, lang: Lang) -> String {
    msg!(lang, "ui-not-in-database", domain = domain)
}

/// "Looking up settings for example.com…" (discovery is running).
pub fn looking_up(domain: &str, lang: Lang) -> String {
    msg!(lang, "ui-looking-up", domain = domain)
}

/// "No @: Test connection tries mail.example.com as the mail server."
pub fn testing_host(host: &str, lang: Lang) -> String {
    msg!(lang, "ui-testing-host", host = host)
}

/// The Export window's title, naming whose settings it writes.
pub fn export_title(account: &str, lang: Lang) -> String {
    msg!(lang, "ui-export-title", account = account)
}

/// What an incoming protocol means for the user's mail, for the Export window.
pub fn protocol_meaning(p: crate::providers::Protocol, lang: Lang) -> String {
    match p {
        crate::providers::Protocol::Pop3 => msg!(lang, "ui-meaning-pop3"),
        _ => msg!(lang, "ui-meaning-imap"),
    }
}

/// Why Test connection did not start, with an example in the user's words.
pub fn missing(m: &crate::app::state::Missing, lang: Lang) -> String {
    use crate::app::state::Missing as M;
    match m {
        M::Address => msg!(lang, "ui-missing-address"),
        M::Domain(name) => msg!(lang, "ui-missing-domain", name = name.as_str()),
        M::Name(domain) => msg!(lang, "ui-missing-name", domain = domain.as_str()),
        M::DomainEnd(name) => msg!(lang, "ui-missing-domain-end", name = name.as_str()),
        M::Invalid => msg!(lang, "ui-missing-invalid"),
    }
}

/// The address field's hint after a provider was picked: the name goes before
/// its domain.
pub fn name_at(domain: &str, lang: Lang) -> String {
    msg!(lang, "ui-name-at", domain = domain)
}

/// Where discovery found the settings: "Found by MX mxbiz1.qq.com → Tencent
/// Exmail", "Found by autoconfig.example.com", "Guessed: …". The provider name
/// is in `lang`; host names and URLs stay as they are.
pub fn found_by(finding: &crate::discover::Finding, lang: Lang) -> String {
    let found = match finding.source {
        crate::discover::SourceKind::Guess => crate::i18n::msg!(lang, "found-by-guessing"),
        _ => crate::i18n::msg!(
            lang,
            "found-by-sentence",
            provenance = finding.provenance.text(lang).to_string()
        ),
    };
    // F5: what rests on DNS answers nobody authenticated says so.
    if finding.dns_unauthenticated {
        crate::i18n::msg!(lang, "found-by-unauthenticated", found = found)
    } else {
        found
    }
}

/// Why discovery found nothing, by its outcome.
pub fn nothing_found(d: &crate::discover::Discovery, lang: Lang) -> String {
    use crate::discover::Outcome;
    let domain = d.domain_unicode.as_str();
    if d.sources.is_empty() {
        // Discovery could not run at all (see `Discovery::failed`).
        return msg!(
            lang,
            "ui-lookup-failed",
            domain = domain,
            why = d.message.text(lang).to_string()
        );
    }
    match d.outcome {
        Outcome::DeadlineReached => msg!(
            lang,
            "ui-nothing-found-in-time",
            domain = domain,
            secs = d.timeout_ms.div_ceil(1000)
        ),
        Outcome::DnsUnreachable => msg!(lang, "ui-nothing-found-no-dns", domain = domain),
        _ => msg!(lang, "ui-nothing-found", domain = domain),
    }
}

/// "matched by the parent domain example.com".
pub fn parent_domain_match(domain: &str, lang: Lang) -> String {
    msg!(lang, "ui-parent-domain-match", domain = domain)
}

/// "valid from A to B".
pub fn validity(from: &str, to: &str, lang: Lang) -> String {
    msg!(lang, "ui-validity-range", from = from, to = to)
}

/// The Export window: the results shown are of another account.
pub fn export_stale(other: &str, lang: Lang) -> String {
    msg!(lang, "ui-export-stale", other = other)
}

/// Above the table: the results shown are of another account than the form's.
pub fn results_for_other(target: &str, lang: Lang) -> String {
    msg!(lang, "ui-results-for-other", target = target)
}

/// A protocol with no recommendation because nothing could be tested.
pub fn could_not_test(reason: &str, lang: Lang) -> String {
    msg!(lang, "ui-could-not-test", reason = reason)
}

/// A check that could not run.
pub fn check_failed(e: &crate::check::CheckError, lang: Lang) -> String {
    use crate::check::{CheckError, PlanError};
    match e {
        CheckError::Plan(PlanError::NotFound { domain, .. }) => {
            msg!(
                lang,
                "ui-nothing-to-test-not-found",
                domain = domain.as_str()
            )
        }
        CheckError::Plan(PlanError::Discontinued { name, year, .. }) => msg!(
            lang,
            "ui-nothing-to-test-closed",
            name = name.get(lang),
            year = year.to_string()
        ),
        e => msg!(lang, "ui-test-could-not-start", why = e.text(lang)),
    }
}

/// F14: before a password goes to the clipboard.
pub fn copy_password_warning(secs: f64, lang: Lang) -> String {
    msg!(lang, "ui-copy-password-warning", secs = secs)
}

/// After copying with the password.
pub fn copied_with_password(what: &str, secs: f64, lang: Lang) -> String {
    msg!(lang, "ui-copied-with-password", what = what, secs = secs)
}

/// The confirmation next to a Copy button, naming what is on the clipboard.
pub fn copied(what: &str, lang: Lang) -> String {
    msg!(lang, "ui-copied-what", what = what)
}

/// "the fetchmail settings": what a format's Copy puts on the clipboard.
pub fn format_copied(title: &str, lang: Lang) -> String {
    msg!(lang, "ui-format-copied", title = title)
}

/// The secure ways into the same server, for the insecure-login question:
/// "The same server works securely on 995 (SSL/TLS) and 110 (STARTTLS)."
pub fn secure_alternatives(host: &str, ways: &[String], lang: Lang) -> String {
    let ways = ways.join(&msg!(lang, "list-and"));
    msg!(lang, "ui-secure-alternatives", host = host, ways = ways)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs of ASCII letters in `s`.
    fn words(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
            .map(str::to_owned)
            .collect()
    }

    fn discovery(outcome: crate::discover::Outcome) -> crate::discover::Discovery {
        let a = crate::providers::Address::parse("me@example.org").unwrap();
        let mut d = crate::discover::Discovery::failed(&a, "nothing found for example.org");
        d.outcome = outcome;
        d.timeout_ms = 10_000;
        d.sources.push(crate::discover::SourceReport {
            source: crate::discover::SourceKind::Mx,
            state: crate::discover::SourceState::Nothing,
            detail: None,
        });
        d
    }

    fn finding(
        source: crate::discover::SourceKind,
        provenance: crate::discover::Note,
    ) -> crate::discover::Finding {
        let db = crate::providers::Database::bundled();
        let p = &db.by_id("exmail").unwrap().provider;
        crate::discover::Finding {
            source,
            dns_unauthenticated: source.rests_on_dns(),
            provenance,
            provider: (source == crate::discover::SourceKind::Mx).then(|| {
                crate::discover::ProviderInfo {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    status: p.status.clone(),
                    auth: p.auth.clone(),
                    file: None,
                }
            }),
            incoming: Vec::new(),
            outgoing: Vec::new(),
        }
    }

    #[test]
    fn discovery_texts_are_translated_and_keep_host_names() {
        use crate::discover::{Note, Outcome, SourceKind as K};
        let db = crate::providers::Database::bundled();
        let exmail = db.by_id("exmail").unwrap().provider.name.clone();
        let mx = finding(
            K::Mx,
            Note::Mx {
                exchange: "mxbiz1.qq.com".into(),
                provider: exmail,
            },
        );
        assert_eq!(
            found_by(&mx, Lang::En),
            "Found by MX mxbiz1.qq.com → Tencent Exmail (Tencent Enterprise Mail, WeCom Mail) · found through DNS (not authenticated): compare with your provider's own instructions"
        );
        assert_eq!(
            found_by(&mx, Lang::ZhHans),
            "通过 MX mxbiz1.qq.com → 腾讯企业邮箱（企业微信邮箱） 找到 · 通过 DNS 找到（未经认证）：请与服务商自己的说明核对"
        );
        assert!(found_by(&mx, Lang::ZhHant).starts_with("透過 MX mxbiz1.qq.com → 騰訊"));
        let auto = finding(K::Autoconfig, Note::Place("autoconfig.example.org".into()));
        assert_eq!(found_by(&auto, Lang::En), "Found by autoconfig.example.org");
        assert_eq!(
            found_by(&auto, Lang::ZhHans),
            "通过 autoconfig.example.org 找到"
        );
        // F5: the card says what rests on unauthenticated DNS (MX, SRV), and
        // not what came over HTTPS.
        assert!(!found_by(&auto, Lang::En).contains("not authenticated"));
        let srv = finding(K::Srv, Note::SrvRecords("example.org".into()));
        assert_eq!(
            found_by(&srv, Lang::ZhHant),
            "透過 example.org 的 SRV 記錄 找到 · 透過 DNS 找到（未經認證）：請與服務商自己的說明核對"
        );
        let guess = finding(K::Guess, Note::Guessed);
        assert!(found_by(&guess, Lang::En).starts_with("Guessed"));
        let http = finding(
            K::AutoconfigHttp,
            Note::PlainHttp("http://autoconfig.example.org".into()),
        );
        assert!(found_by(&http, Lang::ZhHans).contains("（明文 HTTP）"));
        for lang in [Lang::ZhHans, Lang::ZhHant] {
            let mut all = vec![
                looking_up("example.org", lang),
                testing_host("mail.example.org", lang),
                found_by(&guess, lang),
                found_by(&srv, lang),
            ];
            for o in [
                Outcome::NothingFound,
                Outcome::DeadlineReached,
                Outcome::DnsUnreachable,
            ] {
                all.push(nothing_found(&discovery(o), lang));
            }
            for s in all {
                let s = s.replace("example.org", "").replace("mail.", "");
                for w in words(&s) {
                    assert!(
                        ["DNS", "SRV", "HTTP"].contains(&w.as_str()),
                        "{lang:?}: {w:?} in {s}"
                    );
                }
            }
        }
        assert!(
            nothing_found(&discovery(Outcome::DeadlineReached), Lang::En).contains("10 seconds")
        );
        assert!(
            nothing_found(&discovery(Outcome::DnsUnreachable), Lang::ZhHans).contains("DNS 服务器")
        );
        // Discovery that could not run says why, in the engine's words.
        let a = crate::providers::Address::parse("me@example.org").unwrap();
        let broken =
            crate::discover::Discovery::failed(&a, "cannot start the lookup: out of threads");
        assert_eq!(
            nothing_found(&broken, Lang::ZhHans),
            "无法查找 example.org 的设置：cannot start the lookup: out of threads"
        );
    }

    #[test]
    fn simplified_and_traditional_differ_where_they_should() {
        // A copy-paste of Simplified into the Traditional column is the usual mistake.
        let same: Vec<_> = T::ALL
            .iter()
            .filter(|t| t.get(Lang::ZhHans) == t.get(Lang::ZhHant))
            .filter(|t| !t.get(Lang::ZhHans).is_ascii())
            .collect();
        let allowed = [
            T::ThemeDark,
            T::Cancel,
            T::ColSecurity,
            T::Secure,
            T::Insecure,
            T::Cancelled,
            T::CertTrusted,
            T::CertUntrusted,
            T::Validity,
            T::Use,
            // 收信方式 is written the same in both scripts.
            T::ExportProtocol,
        ];
        for t in same {
            assert!(allowed.contains(t), "{t:?} is the same in both scripts");
        }
    }
}
