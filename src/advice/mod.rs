//! Plain-language advice: what the probe and login results mean for the user
//! and what to do next, in English, Simplified and Traditional Chinese.
//!
//! Everything here matches typed values — [`Verdict`], [`TlsErrorKind`],
//! [`TimeoutPhase`], [`LoginOutcome`], the provider's [`AuthKind`] and the
//! [`ReplyMeaning`] of its `known_replies` — never formatted messages or reply
//! texts. The provider supplies names and links; the CLI prints [`Advice`] and
//! the GUI can show the same values.

use schemars::JsonSchema;
use serde::Serialize;

use crate::i18n::Lang;
use crate::probe::login::{LoginOutcome, LoginReport, NotTriedReason};
use crate::probe::report::{EndpointReport, PlaintextReason, Verdict};
use crate::probe::{Endpoint, TimeoutPhase, TlsErrorKind};
use crate::providers::{AuthKind, Localized, Protocol, Provider, Quirk, ReplyMeaning, Security};

/// What a piece of advice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AdviceKind {
    /// The provider wants an authorization code (授权码), not the web password.
    AuthorizationCodeRequired,
    /// The provider wants an app password.
    AppPasswordRequired,
    /// Only OAuth2 sign-in works.
    Oauth2Only,
    /// POP3/IMAP/SMTP must be switched on in the web settings.
    ServiceNotEnabled,
    /// Username or password wrong.
    CredentialsRejected,
    /// The IMAP client must send the ID command (NetEase "Unsafe Login").
    ImapIdRequired,
    /// Login not tried elsewhere, to avoid a lockout.
    LoginStoppedAfterRejection,
    /// The server is busy or locked; try later.
    TemporarilyUnavailable,
    /// The password was not sent over an insecure connection.
    InsecureLoginNotTried,
    /// The server refuses logins without encryption (good).
    EncryptionRequired,
    /// The login worked.
    LoginWorks,
    /// Port 25 is blocked while 465/587 work.
    Port25Blocked,
    /// STARTTLS missing or refused: plaintext only.
    StarttlsMissing,
    /// The certificate has expired (or is not valid yet).
    CertificateExpired,
    /// The certificate is for another name.
    CertificateWrongName,
    /// The certificate is not from a trusted authority.
    CertificateUntrusted,
    /// The name did not resolve.
    DnsFailure,
    /// Nothing answered: a proxy or firewall is likely.
    EverythingBlocked,
    /// The provider closed its mail service: there is nothing to test.
    Discontinued,
    /// Discovery found no settings for the domain: there is nothing to test.
    NothingFound,
}

/// How much it matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Good news or background.
    Info,
    /// Works, but something is wrong or risky.
    Warning,
    /// Something the user must fix.
    Error,
}

/// One piece of advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Advice {
    /// What it is about.
    pub kind: AdviceKind,
    /// How much it matters.
    pub severity: Severity,
    /// The advice in the three languages.
    pub text: Localized,
    /// Where to act (the provider's page for codes/app passwords, or its help page).
    pub link: Option<String>,
    /// The endpoints it concerns (empty: the account as a whole).
    pub endpoints: Vec<Endpoint>,
}

impl Advice {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }
}

fn l(en: String, hans: String, hant: String) -> Localized {
    Localized {
        en,
        zh_hans: hans,
        zh_hant: hant,
    }
}

/// The provider's name, or a neutral word.
fn name(p: Option<&Provider>) -> Localized {
    p.map(|p| p.name.clone()).unwrap_or_else(|| Localized {
        en: "The server".to_owned(),
        zh_hans: "服务器".to_owned(),
        zh_hant: "伺服器".to_owned(),
    })
}

/// Advice when the provider has closed its mail service (nothing to test).
pub fn advise_discontinued(p: &Provider) -> Advice {
    let (year, replaced) = match &p.status {
        crate::providers::Status::Discontinued { year, replaced_by } => {
            (*year, replaced_by.clone())
        }
        _ => (0, None),
    };
    let n = &p.name;
    let text = match replaced {
        Some(r) => l(
            format!("{} closed in {year}; {}.", n.en, r.en),
            format!("{}已于 {year} 年关闭；{}。", n.zh_hans, r.zh_hans),
            format!("{}已於 {year} 年關閉；{}。", n.zh_hant, r.zh_hant),
        ),
        None => l(
            format!(
                "{} closed in {year}: there are no servers left to test.",
                n.en
            ),
            format!("{}已于 {year} 年关闭，没有可以测试的服务器了。", n.zh_hans),
            format!("{}已於 {year} 年關閉，沒有可以測試的伺服器了。", n.zh_hant),
        ),
    };
    Advice {
        kind: AdviceKind::Discontinued,
        severity: Severity::Error,
        text,
        link: help_link(Some(p)),
        endpoints: Vec::new(),
    }
}

/// Advice when discovery found no settings for `domain` (Unicode form).
pub fn advise_nothing_found(domain: &str) -> Advice {
    Advice {
        kind: AdviceKind::NothingFound,
        severity: Severity::Error,
        text: l(
            format!(
                "No mail settings were found for {domain}. Check the address for typos; if you know your mail server's name (your provider or administrator can tell you), test that name instead, e.g. mailconf probe mail.{domain}."
            ),
            format!(
                "没有找到 {domain} 的邮件设置。请检查地址是否有误；如果你知道邮件服务器的名称（可以问服务商或管理员），请直接测试该名称，例如 mailconf probe mail.{domain}。"
            ),
            format!(
                "沒有找到 {domain} 的郵件設定。請檢查地址是否有誤；如果你知道郵件伺服器的名稱（可以問服務商或管理員），請直接測試該名稱，例如 mailconf probe mail.{domain}。"
            ),
        ),
        link: None,
        endpoints: Vec::new(),
    }
}

fn create_link(p: Option<&Provider>) -> Option<String> {
    p.and_then(|p| {
        p.auth
            .create_url
            .clone()
            .or_else(|| p.help_urls.first().map(|h| h.url.clone()))
    })
}

fn help_link(p: Option<&Provider>) -> Option<String> {
    p.and_then(|p| {
        p.help_urls
            .first()
            .map(|h| h.url.clone())
            .or_else(|| p.auth.create_url.clone())
    })
}

/// The advice for one kind (texts only; which kinds apply is decided in [`advise`]).
pub fn advice_for(
    kind: AdviceKind,
    provider: Option<&Provider>,
    endpoints: Vec<Endpoint>,
) -> Advice {
    let n = name(provider);
    let spaces = provider.is_some_and(|p| p.quirks.contains(&Quirk::CodeWithoutSpaces));
    let (severity, text, link) = match kind {
        AdviceKind::AuthorizationCodeRequired => (
            Severity::Error,
            l(
                format!(
                    "{} needs an authorization code (授权码), not your web password. Sign in to the web mail, \
                     open Settings → POP3/SMTP/IMAP, switch the service on, generate an authorization code \
                     and enter it as the password{}.",
                    n.en,
                    if spaces { ", without spaces" } else { "" }
                ),
                format!(
                    "{}需要使用授权码，而不是网页登录密码。请登录网页版邮箱，打开“设置 → POP3/SMTP/IMAP”，开启服务并生成授权码，把它作为密码填写{}。",
                    n.zh_hans,
                    if spaces { "（不要带空格）" } else { "" }
                ),
                format!(
                    "{}需要使用授權碼，而不是網頁登入密碼。請登入網頁版郵箱，開啟「設定 → POP3/SMTP/IMAP」，開啟服務並產生授權碼，把它當作密碼填寫{}。",
                    n.zh_hant,
                    if spaces { "（不要帶空格）" } else { "" }
                ),
            ),
            create_link(provider),
        ),
        AdviceKind::AppPasswordRequired => (
            Severity::Error,
            l(
                format!(
                    "{} does not accept your normal password in mail apps. Turn on two-step verification, \
                     create an app password in your account's security settings and enter it as the password{}.",
                    n.en,
                    if spaces { ", without spaces" } else { "" }
                ),
                format!(
                    "{}在邮件客户端中不接受普通密码。请开启两步验证，在账户的安全设置中创建应用专用密码，并把它作为密码填写{}。",
                    n.zh_hans,
                    if spaces { "（不要带空格）" } else { "" }
                ),
                format!(
                    "{}在郵件用戶端中不接受一般密碼。請開啟兩步驟驗證，在帳戶的安全性設定中建立應用程式專用密碼，並把它當作密碼填寫{}。",
                    n.zh_hant,
                    if spaces { "（不要帶空格）" } else { "" }
                ),
            ),
            create_link(provider),
        ),
        AdviceKind::Oauth2Only => (
            Severity::Error,
            l(
                format!(
                    "{} no longer accepts passwords (or app passwords) for POP, IMAP and SMTP; only sign-in with \
                     OAuth2 works. Use a mail app that offers \"Sign in with Microsoft\"/OAuth2, such as \
                     Thunderbird, Outlook or Apple Mail; the settings above stay the same.",
                    n.en
                ),
                format!(
                    "{}的 POP、IMAP 和 SMTP 已不再接受密码（包括应用专用密码），只能通过 OAuth2 登录。请使用支持 OAuth2（“使用微软账户登录”）的邮件客户端，例如 Thunderbird、Outlook 或 Apple 邮件；上面的服务器设置不变。",
                    n.zh_hans
                ),
                format!(
                    "{}的 POP、IMAP 和 SMTP 已不再接受密碼（包括應用程式專用密碼），只能透過 OAuth2 登入。請使用支援 OAuth2（「使用 Microsoft 帳戶登入」）的郵件用戶端，例如 Thunderbird、Outlook 或 Apple 郵件；上面的伺服器設定不變。",
                    n.zh_hant
                ),
            ),
            help_link(provider),
        ),
        AdviceKind::ServiceNotEnabled => (
            Severity::Error,
            l(
                format!(
                    "{} has POP3/IMAP/SMTP switched off for this account. Switch it on in the web mail settings \
                     (often under POP3/SMTP/IMAP or Forwarding and POP/IMAP), then test again.",
                    n.en
                ),
                format!(
                    "{}尚未为此账户开启 POP3/IMAP/SMTP 服务。请在网页版邮箱的设置中开启（通常在“POP3/SMTP/IMAP”或“转发和 POP/IMAP”下），然后重新测试。",
                    n.zh_hans
                ),
                format!(
                    "{}尚未為此帳戶開啟 POP3/IMAP/SMTP 服務。請在網頁版郵箱的設定中開啟（通常在「POP3/SMTP/IMAP」或「轉寄和 POP/IMAP」下），然後重新測試。",
                    n.zh_hant
                ),
            ),
            help_link(provider),
        ),
        AdviceKind::CredentialsRejected => (
            Severity::Error,
            l(
                format!(
                    "{} rejected the username or password. Check both (the username is usually the full \
                     address), and watch for a changed password or the Caps Lock key.",
                    n.en
                ),
                format!(
                    "{}拒绝了用户名或密码。请检查两者（用户名通常是完整的邮箱地址），并注意密码是否已更改或是否开启了大写锁定。",
                    n.zh_hans
                ),
                format!(
                    "{}拒絕了使用者名稱或密碼。請檢查兩者（使用者名稱通常是完整的郵件地址），並注意密碼是否已變更或是否開啟了大寫鎖定。",
                    n.zh_hant
                ),
            ),
            help_link(provider),
        ),
        AdviceKind::ImapIdRequired => (
            Severity::Warning,
            l(
                format!(
                    "{} refuses to open mailboxes (\"Unsafe Login\") for IMAP clients that do not identify \
                     themselves with the ID command. Use a client that sends it (Thunderbird, Foxmail, the \
                     provider's own app), or POP3.",
                    n.en
                ),
                format!(
                    "{}对不发送 ID 命令的 IMAP 客户端会拒绝打开邮箱（“Unsafe Login”）。请使用会发送 ID 命令的客户端（Thunderbird、Foxmail、官方客户端），或改用 POP3。",
                    n.zh_hans
                ),
                format!(
                    "{}對不傳送 ID 指令的 IMAP 用戶端會拒絕開啟郵箱（「Unsafe Login」）。請使用會傳送 ID 指令的用戶端（Thunderbird、Foxmail、官方用戶端），或改用 POP3。",
                    n.zh_hant
                ),
            ),
            help_link(provider),
        ),
        AdviceKind::LoginStoppedAfterRejection => (
            Severity::Info,
            l(
                "After the first rejection mailconf did not try the same password on the other servers, \
                 so that the account is not locked."
                    .to_owned(),
                "第一次被拒绝后，mailconf 没有在其他服务器上再试同一密码，以免账户被锁定。".to_owned(),
                "第一次被拒絕後，mailconf 沒有在其他伺服器上再試同一密碼，以免帳戶被鎖定。".to_owned(),
            ),
            None,
        ),
        AdviceKind::TemporarilyUnavailable => (
            Severity::Warning,
            l(
                format!(
                    "{} is temporarily unable to log you in (busy, mailbox in use, or logging in too often). \
                     Wait a few minutes and try again; close other mail apps using this account.",
                    n.en
                ),
                format!(
                    "{}暂时无法登录（服务器繁忙、邮箱正被使用或登录过于频繁）。请等几分钟再试，并关闭其他正在使用此账户的邮件客户端。",
                    n.zh_hans
                ),
                format!(
                    "{}暫時無法登入（伺服器忙碌、郵箱正被使用或登入過於頻繁）。請等幾分鐘再試，並關閉其他正在使用此帳戶的郵件用戶端。",
                    n.zh_hant
                ),
            ),
            None,
        ),
        AdviceKind::InsecureLoginNotTried => (
            Severity::Info,
            l(
                "The password was not sent where the connection is unencrypted or the certificate is not \
                 trusted: anyone on the network could read it. Use the recommended secure settings."
                    .to_owned(),
                "在未加密或证书不受信任的连接上没有发送密码：网络上的任何人都可能读取它。请使用推荐的安全设置。".to_owned(),
                "在未加密或憑證不受信任的連線上沒有傳送密碼：網路上的任何人都可能讀取它。請使用推薦的安全設定。".to_owned(),
            ),
            None,
        ),
        AdviceKind::EncryptionRequired => (
            Severity::Info,
            l(
                "The server refuses logins without encryption (that is good). Use SSL/TLS or STARTTLS.".to_owned(),
                "服务器拒绝未加密的登录（这是好事）。请使用 SSL/TLS 或 STARTTLS。".to_owned(),
                "伺服器拒絕未加密的登入（這是好事）。請使用 SSL/TLS 或 STARTTLS。".to_owned(),
            ),
            None,
        ),
        AdviceKind::LoginWorks => (
            Severity::Info,
            l(
                "The username and password work.".to_owned(),
                "用户名和密码可以正常登录。".to_owned(),
                "使用者名稱和密碼可以正常登入。".to_owned(),
            ),
            None,
        ),
        AdviceKind::Port25Blocked => (
            Severity::Warning,
            l(
                "Port 25 does not answer from here (internet providers often block it), but 465/587 work: \
                 send mail through 465 (SSL/TLS) or 587 (STARTTLS)."
                    .to_owned(),
                "从这里无法连接 25 端口（运营商常会封锁），但 465/587 可用：请通过 465（SSL/TLS）或 587（STARTTLS）发信。".to_owned(),
                "從這裡無法連線 25 連接埠（網路業者常會封鎖），但 465/587 可用：請透過 465（SSL/TLS）或 587（STARTTLS）寄信。".to_owned(),
            ),
            None,
        ),
        AdviceKind::StarttlsMissing => (
            Severity::Warning,
            l(
                "Some ports work only without encryption (STARTTLS missing or refused): passwords and mail \
                 would travel readable. Do not use them."
                    .to_owned(),
                "部分端口只能不加密使用（不支持或拒绝 STARTTLS）：密码和邮件会以明文传输。请不要使用这些端口。".to_owned(),
                "部分連接埠只能不加密使用（不支援或拒絕 STARTTLS）：密碼和郵件會以明文傳輸。請不要使用這些連接埠。".to_owned(),
            ),
            None,
        ),
        AdviceKind::CertificateExpired => (
            Severity::Error,
            l(
                "The server's certificate has expired (or is not valid yet). The connection cannot be \
                 trusted; the provider must renew it. Also check that this computer's date is right."
                    .to_owned(),
                "服务器证书已过期（或尚未生效），连接不可信，需要服务商更新证书。也请检查本机日期是否正确。".to_owned(),
                "伺服器憑證已過期（或尚未生效），連線不可信，需要服務商更新憑證。也請檢查本機日期是否正確。".to_owned(),
            ),
            None,
        ),
        AdviceKind::CertificateWrongName => (
            Severity::Error,
            l(
                "The server's certificate is for a different name: either the server name is wrong or \
                 someone is intercepting the connection. Use the server name the provider documents."
                    .to_owned(),
                "服务器证书上的名称不符：服务器名称填错了，或有人在拦截连接。请使用服务商公布的服务器名称。".to_owned(),
                "伺服器憑證上的名稱不符：伺服器名稱填錯了，或有人在攔截連線。請使用服務商公布的伺服器名稱。".to_owned(),
            ),
            None,
        ),
        AdviceKind::CertificateUntrusted => (
            Severity::Error,
            l(
                "The server's certificate is not issued by a trusted authority (self-signed or unknown \
                 issuer). Your password could be intercepted; do not accept it unless your administrator \
                 tells you to."
                    .to_owned(),
                "服务器证书不是由受信任的机构签发的（自签名或未知签发者）。密码可能被截获；除非管理员要求，请不要接受该证书。".to_owned(),
                "伺服器憑證不是由受信任的機構簽發的（自簽或未知簽發者）。密碼可能被截取；除非管理員要求，請不要接受該憑證。".to_owned(),
            ),
            None,
        ),
        AdviceKind::DnsFailure => (
            Severity::Error,
            l(
                "The server name could not be found (DNS). Check the spelling of the address or server, \
                 and that this computer is online."
                    .to_owned(),
                "找不到服务器名称（DNS 解析失败）。请检查邮箱地址或服务器名称的拼写，并确认本机已联网。".to_owned(),
                "找不到伺服器名稱（DNS 解析失敗）。請檢查郵件地址或伺服器名稱的拼寫，並確認本機已連網。".to_owned(),
            ),
            None,
        ),
        AdviceKind::EverythingBlocked => (
            Severity::Error,
            l(
                "No mail port answered. A firewall, proxy or the network (office, school, hotel Wi-Fi, \
                 some countries) probably blocks mail connections; try another network or ask the \
                 administrator."
                    .to_owned(),
                "所有邮件端口都没有响应。可能是防火墙、代理或所在网络（公司、学校、酒店 Wi-Fi 等）封锁了邮件连接；请换一个网络试试，或询问网络管理员。".to_owned(),
                "所有郵件連接埠都沒有回應。可能是防火牆、代理或所在網路（公司、學校、飯店 Wi-Fi 等）封鎖了郵件連線；請換一個網路試試，或詢問網路管理員。".to_owned(),
            ),
            None,
        ),
        AdviceKind::Discontinued => match provider {
            Some(p) => {
                let a = advise_discontinued(p);
                (a.severity, a.text, a.link)
            }
            None => (
                Severity::Error,
                l(
                    "This mail service has closed.".to_owned(),
                    "这个邮件服务已经关闭。".to_owned(),
                    "這個郵件服務已經關閉。".to_owned(),
                ),
                None,
            ),
        },
        AdviceKind::NothingFound => (
            Severity::Error,
            l(
                "No mail settings were found for this domain. Check the address for typos, or test your mail server's name instead.".to_owned(),
                "没有找到这个域名的邮件设置。请检查地址是否有误，或直接测试邮件服务器的名称。".to_owned(),
                "沒有找到這個網域的郵件設定。請檢查地址是否有誤，或直接測試郵件伺服器的名稱。".to_owned(),
            ),
            None,
        ),
    };
    Advice {
        kind,
        severity,
        text,
        link,
        endpoints,
    }
}

/// What a rejected login means for this provider: the provider's auth kind
/// turns a plain "rejected" into "authorization code / app password needed".
fn login_kind(outcome: &LoginOutcome, provider: Option<&Provider>) -> Option<AdviceKind> {
    let auth = provider.map(|p| p.auth.kind);
    Some(match outcome {
        LoginOutcome::Success => AdviceKind::LoginWorks,
        LoginOutcome::AuthorizationCodeRequired => AdviceKind::AuthorizationCodeRequired,
        LoginOutcome::AppPasswordRequired => match auth {
            Some(AuthKind::AuthorizationCode) => AdviceKind::AuthorizationCodeRequired,
            _ => AdviceKind::AppPasswordRequired,
        },
        LoginOutcome::Oauth2Required => AdviceKind::Oauth2Only,
        LoginOutcome::ServiceDisabled => AdviceKind::ServiceNotEnabled,
        LoginOutcome::CredentialsRejected => match auth {
            Some(AuthKind::AuthorizationCode) => AdviceKind::AuthorizationCodeRequired,
            Some(AuthKind::AppPassword) => AdviceKind::AppPasswordRequired,
            Some(AuthKind::Oauth2Only) => AdviceKind::Oauth2Only,
            _ => AdviceKind::CredentialsRejected,
        },
        LoginOutcome::TemporarilyUnavailable => AdviceKind::TemporarilyUnavailable,
        LoginOutcome::EncryptionRequired => AdviceKind::EncryptionRequired,
        LoginOutcome::NotTried {
            reason: NotTriedReason::CredentialsRejectedElsewhere { .. },
        } => AdviceKind::LoginStoppedAfterRejection,
        LoginOutcome::NotTried {
            reason: NotTriedReason::Plaintext | NotTriedReason::UntrustedCertificate { .. },
        } => AdviceKind::InsecureLoginNotTried,
        LoginOutcome::NotTried { .. }
        | LoginOutcome::MechanismNotOffered { .. }
        | LoginOutcome::ConnectionProblem { .. }
        | LoginOutcome::UnexpectedReply => return None,
    })
}

/// The advice kinds one login report calls for.
fn login_kinds(login: &LoginReport, provider: Option<&Provider>) -> Vec<AdviceKind> {
    let mut v: Vec<AdviceKind> = login_kind(&login.result, provider).into_iter().collect();
    let id_needed = login
        .mailbox_checks
        .iter()
        .any(|c| !c.after_id && !c.ok && c.meaning == Some(ReplyMeaning::ImapIdRequired));
    if id_needed {
        v.push(AdviceKind::ImapIdRequired);
    }
    v
}

/// The advice for one endpoint's login report alone, most severe first.
pub fn advise_login(login: &LoginReport, provider: Option<&Provider>) -> Vec<Advice> {
    let mut out: Vec<Advice> = login_kinds(login, provider)
        .into_iter()
        .map(|k| advice_for(k, provider, Vec::new()))
        .collect();
    out.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.kind.cmp(&b.kind)));
    out
}

fn is_connect_failure(v: &Verdict) -> bool {
    matches!(
        v,
        Verdict::Refused
            | Verdict::TimedOut {
                phase: TimeoutPhase::Connect,
                ..
            }
    )
}

/// All advice for a probe (with or without a login test), most severe first.
pub fn advise(reports: &[EndpointReport], provider: Option<&Provider>) -> Vec<Advice> {
    let mut found: Vec<(AdviceKind, Vec<Endpoint>)> = Vec::new();
    let mut add = |kind: AdviceKind, e: Option<&Endpoint>| {
        let slot = match found.iter_mut().find(|(k, _)| *k == kind) {
            Some(s) => s,
            None => {
                found.push((kind, Vec::new()));
                let last = found.len() - 1;
                &mut found[last]
            }
        };
        if let Some(e) = e
            && !slot.1.contains(e)
        {
            slot.1.push(e.clone());
        }
    };

    let all_dns = !reports.is_empty() && reports.iter().all(|r| r.verdict == Verdict::DnsError);
    let all_blocked = !reports.is_empty() && reports.iter().all(|r| is_connect_failure(&r.verdict));
    if all_dns {
        add(AdviceKind::DnsFailure, None);
    } else if all_blocked {
        add(AdviceKind::EverythingBlocked, None);
    }

    for r in reports {
        let e = Some(&r.endpoint);
        match r.verdict {
            Verdict::InsecurePlaintextOnly {
                reason: PlaintextReason::StarttlsNotOffered | PlaintextReason::StarttlsRefused,
            } => add(AdviceKind::StarttlsMissing, e),
            Verdict::TlsError { tls_kind } => match tls_kind {
                TlsErrorKind::Expired | TlsErrorKind::NotYetValid => {
                    add(AdviceKind::CertificateExpired, e)
                }
                TlsErrorKind::WrongName => add(AdviceKind::CertificateWrongName, e),
                TlsErrorKind::SelfSigned
                | TlsErrorKind::UnknownIssuer
                | TlsErrorKind::InvalidCertificate => add(AdviceKind::CertificateUntrusted, e),
                TlsErrorKind::ProtocolVersion
                | TlsErrorKind::NoCommonCipher
                | TlsErrorKind::HandshakeFailed
                | TlsErrorKind::NotTls => {}
            },
            _ => {}
        }
        if let Some(login) = &r.login {
            if let Some(kind) = login_kind(&login.result, provider) {
                add(kind, e);
            }
            let id_needed = login
                .mailbox_checks
                .iter()
                .any(|c| !c.after_id && !c.ok && c.meaning == Some(ReplyMeaning::ImapIdRequired));
            if id_needed {
                add(AdviceKind::ImapIdRequired, e);
            }
        }
    }

    // Port 25 blocked while submission works.
    let smtp25_blocked = reports.iter().any(|r| {
        r.endpoint.protocol == Protocol::Smtp
            && r.endpoint.port == 25
            && is_connect_failure(&r.verdict)
    });
    // The secure ways to send that answered (465, 587, and a provider's own
    // such as 163's 994), named in the advice as they are.
    let mut submission: Vec<(u16, Security)> = reports
        .iter()
        .filter(|r| {
            r.endpoint.protocol == Protocol::Smtp && r.endpoint.port != 25 && r.verdict.is_secure()
        })
        .map(|r| (r.endpoint.port, r.endpoint.security))
        .collect();
    submission.sort_unstable_by_key(|(port, _)| *port);
    submission.dedup();
    if smtp25_blocked && !submission.is_empty() {
        let e: Vec<&Endpoint> = reports
            .iter()
            .filter(|r| r.endpoint.protocol == Protocol::Smtp && r.endpoint.port == 25)
            .map(|r| &r.endpoint)
            .collect();
        for ep in e {
            add(AdviceKind::Port25Blocked, Some(ep));
        }
    }

    // A success somewhere makes "login works" the message; a credential
    // rejection makes it pointless to say the password works elsewhere.
    let rejected = found.iter().any(|(k, _)| {
        matches!(
            k,
            AdviceKind::AuthorizationCodeRequired
                | AdviceKind::AppPasswordRequired
                | AdviceKind::Oauth2Only
                | AdviceKind::CredentialsRejected
        )
    });
    if rejected {
        found.retain(|(k, _)| *k != AdviceKind::LoginWorks);
    }
    // "Not sent over an insecure connection" matters when nothing else was
    // learnt about the password; next to a real answer it is noise.
    let answered = reports.iter().any(|r| {
        r.login
            .as_ref()
            .is_some_and(|l| !matches!(l.result, LoginOutcome::NotTried { .. }))
    });
    if answered {
        found.retain(|(k, _)| *k != AdviceKind::InsecureLoginNotTried);
    }

    let mut out: Vec<Advice> = found
        .into_iter()
        .map(|(k, eps)| advice_for(k, provider, eps))
        .collect();
    for a in &mut out {
        if a.kind == AdviceKind::Port25Blocked {
            a.text = port25_text(&submission);
        }
    }
    out.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.kind.cmp(&b.kind)));
    out
}

/// "Port 25 is blocked", naming the ports that did work: "465 (SSL/TLS) or
/// 994 (SSL/TLS)".
fn port25_text(working: &[(u16, Security)]) -> Localized {
    let list = |or: &str, open: &str, close: &str| -> String {
        working
            .iter()
            .map(|(port, security)| {
                let label = match security {
                    Security::Tls => "SSL/TLS",
                    Security::Starttls => "STARTTLS",
                    Security::Plain => "plain",
                };
                format!("{port}{open}{label}{close}")
            })
            .collect::<Vec<_>>()
            .join(or)
    };
    l(
        format!(
            "Port 25 does not answer from here (internet providers often block it). \
             Send mail through {}, which {}.",
            list(" or ", " (", ")"),
            if working.len() == 1 { "works" } else { "work" }
        ),
        format!(
            "从这里无法连接 25 端口（运营商常会封锁）。请通过可用的 {}发信。",
            list(" 或 ", "（", "）")
        ),
        format!(
            "從這裡無法連線 25 連接埠（網路業者常會封鎖）。請透過可用的 {}寄信。",
            list(" 或 ", "（", "）")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::ProbeError;
    use crate::probe::login::LoginReport;
    use crate::probe::report::{Timings, verdict_for};
    use crate::probe::session::{MachineConfig, machine_for};
    use crate::probe::transcript::Transcript;
    use crate::providers::Database;

    fn report(p: Protocol, port: u16, sec: Security, verdict: Verdict) -> EndpointReport {
        EndpointReport {
            endpoint: Endpoint::new(p, "mail.example.com", port, sec),
            connect_port: port,
            verdict,
            summary: Default::default(),
            error: None,
            addresses: Vec::new(),
            connected_to: None,
            tls: None,
            session: machine_for(p, sec, MachineConfig::default()).report(),
            timings: Timings::default(),
            transcript: Transcript::default(),
            login: None,
        }
    }

    fn kinds(a: &[Advice]) -> Vec<AdviceKind> {
        a.iter().map(|a| a.kind).collect()
    }

    fn blocked() -> Verdict {
        Verdict::TimedOut {
            phase: TimeoutPhase::Connect,
            after_ms: 5000,
        }
    }

    #[test]
    fn port_25_blocked_while_submission_works() {
        let r = [
            report(Protocol::Smtp, 25, Security::Starttls, blocked()),
            report(Protocol::Smtp, 465, Security::Tls, Verdict::Secure),
            report(Protocol::Smtp, 587, Security::Starttls, Verdict::Refused),
        ];
        let a = advise(&r, None);
        assert_eq!(kinds(&a), [AdviceKind::Port25Blocked]);
        assert_eq!(a[0].endpoints.len(), 1);
        // Only the ports that worked are named: 587 was refused.
        assert_eq!(
            a[0].text(Lang::En),
            "Port 25 does not answer from here (internet providers often block it). \
             Send mail through 465 (SSL/TLS), which works."
        );
        assert!(
            a[0].text(Lang::ZhHans)
                .contains("可用的 465（SSL/TLS）发信")
        );
        assert!(!a[0].text(Lang::ZhHant).contains("587"));
        // Without a working submission port it is not "port 25 blocked".
        let a = advise(&r[..1], None);
        assert_eq!(kinds(&a), [AdviceKind::EverythingBlocked]);
    }

    #[test]
    fn dns_and_everything_blocked() {
        let dns = [
            report(Protocol::Imap, 993, Security::Tls, Verdict::DnsError),
            report(Protocol::Smtp, 465, Security::Tls, Verdict::DnsError),
        ];
        assert_eq!(kinds(&advise(&dns, None)), [AdviceKind::DnsFailure]);
        let all = [
            report(Protocol::Imap, 993, Security::Tls, blocked()),
            report(Protocol::Smtp, 465, Security::Tls, Verdict::Refused),
        ];
        let a = advise(&all, None);
        assert_eq!(kinds(&a), [AdviceKind::EverythingBlocked]);
        for lang in Lang::ALL {
            assert!(!a[0].text(lang).is_empty());
        }
        // One DNS error among working endpoints: no sweeping advice.
        let mixed = [
            dns[0].clone(),
            report(Protocol::Smtp, 465, Security::Tls, Verdict::Secure),
        ];
        assert!(advise(&mixed, None).is_empty());
    }

    #[test]
    fn starttls_missing_and_certificates() {
        let r = [
            report(
                Protocol::Pop3,
                110,
                Security::Starttls,
                Verdict::InsecurePlaintextOnly {
                    reason: PlaintextReason::StarttlsNotOffered,
                },
            ),
            report(
                Protocol::Pop3,
                110,
                Security::Plain,
                Verdict::InsecurePlaintextOnly {
                    reason: PlaintextReason::PlainEndpoint,
                },
            ),
            report(
                Protocol::Imap,
                993,
                Security::Tls,
                Verdict::TlsError {
                    tls_kind: TlsErrorKind::Expired,
                },
            ),
            report(
                Protocol::Smtp,
                465,
                Security::Tls,
                Verdict::TlsError {
                    tls_kind: TlsErrorKind::WrongName,
                },
            ),
            report(
                Protocol::Smtp,
                587,
                Security::Starttls,
                Verdict::TlsError {
                    tls_kind: TlsErrorKind::SelfSigned,
                },
            ),
        ];
        let a = advise(&r, None);
        assert_eq!(
            kinds(&a),
            [
                AdviceKind::CertificateExpired,
                AdviceKind::CertificateWrongName,
                AdviceKind::CertificateUntrusted,
                AdviceKind::StarttlsMissing,
            ]
        );
        // The plain endpoint asked for no TLS: not "STARTTLS missing".
        let s = a
            .iter()
            .find(|a| a.kind == AdviceKind::StarttlsMissing)
            .unwrap();
        assert_eq!(s.endpoints.len(), 1);
    }

    #[test]
    fn verdicts_from_errors_match_kinds() {
        // The same typed path the driver takes: a DNS error gives DNS advice.
        let e = ProbeError::Dns {
            host: "x".into(),
            message: "nope".into(),
        };
        let v = verdict_for(Security::Tls, &Err(e), None);
        let r = [report(Protocol::Imap, 993, Security::Tls, v)];
        assert_eq!(kinds(&advise(&r, None)), [AdviceKind::DnsFailure]);
    }

    #[test]
    fn login_outcomes_use_the_provider_auth_kind() {
        let db = Database::bundled();
        let p = |id: &str| &db.by_id(id).unwrap().provider;
        let rejected = LoginReport::bare(LoginOutcome::CredentialsRejected);
        let k = |id: Option<&str>| kinds(&advise_login(&rejected, id.map(p)));
        assert_eq!(k(Some("qq")), [AdviceKind::AuthorizationCodeRequired]);
        assert_eq!(k(Some("126")), [AdviceKind::AuthorizationCodeRequired]);
        assert_eq!(k(Some("gmail")), [AdviceKind::AppPasswordRequired]);
        assert_eq!(k(Some("icloud")), [AdviceKind::AppPasswordRequired]);
        assert_eq!(k(Some("outlook")), [AdviceKind::Oauth2Only]);
        assert_eq!(k(None), [AdviceKind::CredentialsRejected]);
        let icloud = advise_login(&rejected, Some(p("icloud")));
        assert_eq!(
            icloud[0].link.as_deref(),
            Some("https://account.apple.com/")
        );
        let disabled = advise_login(
            &LoginReport::bare(LoginOutcome::ServiceDisabled),
            Some(p("gmail")),
        );
        assert_eq!(kinds(&disabled), [AdviceKind::ServiceNotEnabled]);
        for lang in Lang::ALL {
            assert!(disabled[0].text(lang).contains(p("gmail").name.get(lang)));
        }
        let temp = advise_login(
            &LoginReport::bare(LoginOutcome::TemporarilyUnavailable),
            None,
        );
        assert_eq!(kinds(&temp), [AdviceKind::TemporarilyUnavailable]);
        // A rejection silences "login works" from another endpoint.
        let mut a = report(Protocol::Imap, 993, Security::Tls, Verdict::Secure);
        a.login = Some(LoginReport::bare(LoginOutcome::Success));
        let mut b = report(Protocol::Smtp, 465, Security::Tls, Verdict::Secure);
        b.login = Some(rejected.clone());
        assert_eq!(
            kinds(&advise(&[a, b], None)),
            [AdviceKind::CredentialsRejected]
        );
    }
}
