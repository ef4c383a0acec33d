//! A human-readable summary (Markdown) a helpdesk can paste into a ticket, in the
//! user's language.
//!
//! It lists both servers with ports, encryption and usernames, what goes into the
//! password field, the "leave on server" choice, the provider's setup steps and
//! quirks, and whether the settings were tested. It never contains a password:
//! tickets are read by many people. Values are in code spans and free text is
//! Markdown-escaped, so a name like `张三 & "Co" <test>` is shown as typed.

use super::markdown::{md_code, md_text};
use super::provenance::{provenance, who};
use super::settings::{AccountSettings, Endpoint, Username};
use super::{ExportError, Exporter, Expresses, Format, Support};
use crate::i18n::Lang;
use crate::providers::describe::{auth_kind, pick, quirk, username_form};
use crate::providers::{Protocol, Security};

/// The summary exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary;

/// ": " in English, "：" in Chinese.
fn colon(lang: Lang) -> &'static str {
    pick(lang, (": ", "：", "："))
}

/// Round brackets of the language.
fn parens(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => (" (", ")"),
        _ => ("（", "）"),
    }
}

fn security_words(s: Security, lang: Lang) -> &'static str {
    match s {
        Security::Tls => pick(
            lang,
            (
                "SSL/TLS (encrypted from the start)",
                "SSL/TLS（连接即加密）",
                "SSL/TLS（連線即加密）",
            ),
        ),
        Security::Starttls => pick(
            lang,
            (
                "STARTTLS (required)",
                "STARTTLS（必须启用）",
                "STARTTLS（必須啟用）",
            ),
        ),
        Security::Plain => pick(lang, ("none", "无", "無")),
    }
}

fn server_section(
    out: &mut String,
    s: &AccountSettings,
    ep: &Endpoint,
    lang: Lang,
) -> Result<(), ExportError> {
    let title = match ep.protocol {
        Protocol::Smtp => pick(lang, ("Outgoing mail", "发送邮件", "外寄郵件")),
        _ => pick(lang, ("Incoming mail", "接收邮件", "內送郵件")),
    };
    let (open, close) = parens(lang);
    out.push_str(&format!(
        "\n## {title}{open}{}{close}\n\n",
        ep.protocol.label()
    ));
    let host = ep.host.replace(
        "%EMAILDOMAIN%",
        pick(lang, ("<your domain>", "<你的域名>", "<你的網域>")),
    );
    let user = match (&ep.username, s.username(ep, "summary")) {
        (_, Ok(u)) => md_code(&u),
        (Username::Form(f), Err(_)) => username_form(*f, lang).to_owned(),
        (Username::Literal(u), Err(_)) => md_code(u),
    };
    let rows = [
        (pick(lang, ("Server", "服务器", "伺服器")), md_code(&host)),
        (
            pick(lang, ("Port", "端口", "連接埠")),
            md_code(&ep.port.to_string()),
        ),
        (
            pick(lang, ("Encryption", "加密", "加密")),
            security_words(ep.security, lang).to_owned(),
        ),
        (pick(lang, ("Username", "用户名", "使用者名稱")), user),
        (
            pick(lang, ("Password", "密码", "密碼")),
            auth_kind(s.provider.password_kind, lang).to_owned(),
        ),
    ];
    for (k, v) in rows {
        out.push_str(&format!("- {k}{}{v}\n", colon(lang)));
    }
    if ep.protocol == Protocol::Pop3 {
        out.push_str(&format!(
            "- {}: {}\n",
            pick(
                lang,
                (
                    "Leave mail on server",
                    "在服务器上保留邮件",
                    "在伺服器上保留郵件"
                )
            ),
            if s.leave_on_server {
                pick(
                    lang,
                    (
                        "yes (download without deleting)",
                        "是（只下载，不删除）",
                        "是（只下載，不刪除）",
                    ),
                )
            } else {
                pick(
                    lang,
                    (
                        "no (deleted from the server after downloading)",
                        "否（下载后从服务器删除）",
                        "否（下載後從伺服器刪除）",
                    ),
                )
            }
        ));
    }
    Ok(())
}

impl Exporter for Summary {
    fn format(&self) -> Format {
        Format::Summary
    }

    fn default_file_name(&self) -> &'static str {
        "mail-settings.md"
    }

    fn file_name(&self, s: &AccountSettings) -> String {
        format!("{}-mail-settings.md", s.provider.id)
    }

    fn description(&self, lang: Lang) -> &'static str {
        pick(
            lang,
            (
                "Readable summary (Markdown) for a helpdesk ticket",
                "便于阅读的摘要（Markdown），可贴到工单中",
                "易讀的摘要（Markdown），可貼到工單中",
            ),
        )
    }

    fn destination(&self, lang: Lang) -> &'static str {
        pick(
            lang,
            (
                "Paste it into the ticket or an e-mail; it never contains the password.",
                "贴到工单或邮件中；其中不含密码。",
                "貼到工單或郵件中；其中不含密碼。",
            ),
        )
    }

    fn supports_password(&self) -> bool {
        false
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::NotApplicable,
            imap_id: Support::NotApplicable,
        }
    }

    fn write(&self, s: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        let mut out = format!(
            "# {}{}{}\n\n",
            pick(lang, ("Mail settings", "邮件设置", "郵件設定")),
            colon(lang),
            md_text(&who(s, lang))
        );
        out.push_str(&format!(
            "- {}{}{} ({})\n",
            pick(lang, ("Provider", "服务商", "服務商")),
            colon(lang),
            md_text(s.provider.name.get(lang)),
            md_code(&s.provider.id)
        ));
        if let Some(a) = s.address_ascii() {
            let unicode = s.address_unicode().unwrap_or_default();
            let shown = if unicode != a {
                format!("{} ({})", md_code(&unicode), md_code(&a))
            } else {
                md_code(&a)
            };
            out.push_str(&format!(
                "- {}{}{shown}\n",
                pick(lang, ("Address", "邮箱地址", "郵件地址")),
                colon(lang)
            ));
        }
        if let Some(n) = &s.display_name {
            out.push_str(&format!(
                "- {}{}{}\n",
                pick(lang, ("Name", "姓名", "姓名")),
                colon(lang),
                md_text(n)
            ));
        }
        for l in provenance(s, lang).iter().skip(1) {
            if l.starts_with("- ") {
                out.push_str(&format!("  {}\n", md_text(l)));
            } else {
                out.push_str(&format!("- {}\n", md_text(l)));
            }
        }
        server_section(&mut out, s, &s.incoming, lang)?;
        server_section(&mut out, s, &s.outgoing, lang)?;
        let p = &s.provider;
        if !p.hints.is_empty() || p.create_url.is_some() {
            out.push_str(&format!(
                "\n## {}\n\n",
                pick(lang, ("Before you start", "开始之前", "開始之前"))
            ));
            for h in &p.hints {
                out.push_str(&format!("- {}\n", md_text(h.get(lang))));
            }
            if let Some(u) = &p.create_url {
                // An autolink when the URL can be one, else a code span.
                let link = if u.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') {
                    md_code(u)
                } else {
                    format!("<{u}>")
                };
                out.push_str(&format!(
                    "- {}{}{link}\n",
                    pick(
                        lang,
                        (
                            "Where to get the password or code",
                            "获取密码或授权码的地方",
                            "取得密碼或授權碼的地方",
                        ),
                    ),
                    colon(lang)
                ));
            }
        }
        if !p.quirks.is_empty() {
            out.push_str(&format!(
                "\n## {}\n\n",
                pick(lang, ("Good to know", "注意事项", "注意事項"))
            ));
            for q in &p.quirks {
                out.push_str(&format!("- {}\n", md_text(&quirk(*q, lang))));
            }
        }
        Ok(out)
    }
}
