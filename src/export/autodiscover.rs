//! Outlook: an Autodiscover "POX" response for admins to serve, and step-by-step
//! manual setup for users.
//!
//! The response is what a server answers at
//! `https://autodiscover.<domain>/autodiscover/autodiscover.xml` for one user
//! (`Autodiscover/Response/Account/Protocol` entries for POP3 or IMAP and SMTP,
//! Microsoft's [MS-OXDSCLI] schema, the same elements automx2 serves), so it needs
//! the address. Outlook's Autodiscover has no "leave on server" setting (the
//! response's comment says the client's own default applies); the manual
//! steps ([`OutlookSteps`]) cover that and everything else a user clicks through.

use super::markdown::{md_code, md_text};
use super::provenance::{header, who};
use super::settings::{AccountSettings, Endpoint};
use super::xml::Xml;
use super::{ExportError, Exporter, Expresses, Format, Support};
use crate::i18n::{Lang, msg};
use crate::providers::describe::auth_kind;
use crate::providers::{Protocol, Security};

/// The Autodiscover POX response exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Autodiscover;

/// The Outlook manual-setup steps exporter (Markdown).
#[derive(Debug, Clone, Copy, Default)]
pub struct OutlookSteps;

const NAME: &str = "autodiscover";
const STEPS: &str = "outlook";

const NS_ROOT: &str = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
const NS_OUTLOOK: &str =
    "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

fn on_off(b: bool) -> &'static str {
    if b { "on" } else { "off" }
}

fn protocol(
    x: &mut Xml,
    s: &AccountSettings,
    ep: &Endpoint,
    use_pop_auth: Option<bool>,
) -> Result<(), ExportError> {
    x.start("Protocol", &[])?;
    x.text("Type", ep.protocol.label())?;
    x.text("Server", &s.host(ep, NAME)?)?;
    x.text("Port", &ep.port.to_string())?;
    x.text("LoginName", &s.username(ep, NAME)?)?;
    x.text("DomainRequired", "off")?;
    x.text("SPA", "off")?;
    x.text("SSL", "on")?;
    x.text("AuthRequired", "on")?;
    if let Some(same) = use_pop_auth {
        x.text("UsePOPAuth", on_off(same))?;
        x.text("SMTPLast", "off")?;
    }
    // [MS-OXDSCLI]: when present, Encryption overrides SSL. "SSL" is TLS from the
    // first byte, "TLS" is STARTTLS.
    x.text(
        "Encryption",
        match ep.security {
            Security::Starttls => "TLS",
            _ => "SSL",
        },
    )?;
    x.end("Protocol")
}

impl Exporter for Autodiscover {
    fn format(&self) -> Format {
        Format::Autodiscover
    }

    fn default_file_name(&self) -> &'static str {
        "autodiscover.xml"
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-autodiscover-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-autodiscover-destination")
    }

    fn supports_password(&self) -> bool {
        false
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::NoSetting,
            imap_id: Support::NoSetting,
        }
    }

    fn write(&self, s: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        s.require_address(NAME)?;
        let mut x = Xml::new(NAME)?;
        let mut lines = header(self, s, true, lang);
        lines.push(msg!(
            lang,
            "export-autodiscover-manual-setup-steps-mailconf"
        ));
        x.comment(&lines)?;
        x.start("Autodiscover", &[("xmlns", NS_ROOT)])?;
        x.start("Response", &[("xmlns", NS_OUTLOOK)])?;
        if let Some(n) = &s.display_name {
            x.start("User", &[])?;
            x.text("DisplayName", n)?;
            x.end("User")?;
        }
        x.start("Account", &[])?;
        x.text("AccountType", "email")?;
        x.text("Action", "settings")?;
        protocol(&mut x, s, &s.incoming, None)?;
        let same_login = s.username(&s.incoming, NAME)? == s.username(&s.outgoing, NAME)?;
        protocol(&mut x, s, &s.outgoing, Some(same_login))?;
        x.end("Account")?;
        x.end("Response")?;
        x.end("Autodiscover")?;
        x.finish()
    }
}

/// "SSL/TLS" or "STARTTLS", as Outlook's "Encryption method" list names them.
fn outlook_encryption(s: Security) -> &'static str {
    match s {
        Security::Starttls => "STARTTLS",
        _ => "SSL/TLS",
    }
}

impl Exporter for OutlookSteps {
    fn format(&self) -> Format {
        Format::Outlook
    }

    fn default_file_name(&self) -> &'static str {
        "outlook-setup.md"
    }

    fn description(&self, lang: Lang) -> String {
        msg!(lang, "export-outlook-steps-description")
    }

    fn destination(&self, lang: Lang) -> String {
        msg!(lang, "export-outlook-steps-destination")
    }

    fn supports_password(&self) -> bool {
        false
    }

    fn expresses(&self) -> Expresses {
        Expresses {
            leave_on_server: Support::Setting,
            imap_id: Support::NoSetting,
        }
    }

    fn write(&self, s: &AccountSettings, lang: Lang) -> Result<String, ExportError> {
        let address = s.require_address(STEPS)?;
        let inc = &s.incoming;
        let out = &s.outgoing;
        let kind = match inc.protocol {
            Protocol::Pop3 => "POP",
            _ => "IMAP",
        };
        let mut md = String::new();
        md.push_str(&match lang {
            Lang::En => format!(
                "# Set up {} in Outlook ({kind})\n\n",
                md_text(&who(s, lang))
            ),
            Lang::ZhHans => format!(
                "# 在 Outlook 中设置 {}（{kind}）\n\n",
                md_text(&who(s, lang))
            ),
            Lang::ZhHant => format!(
                "# 在 Outlook 中設定 {}（{kind}）\n\n",
                md_text(&who(s, lang))
            ),
        });
        for l in header(self, s, true, lang).iter().skip(1) {
            md.push_str(&format!("> {}\n", md_text(l)));
        }
        md.push('\n');
        let user_in = s.username(inc, STEPS)?;
        let user_out = s.username(out, STEPS)?;
        let steps: Vec<String> = match lang {
            Lang::En => vec![
                "Classic Outlook: **File → Add Account**. New Outlook: **Settings → Accounts → Add account**.".into(),
                format!("Type {}, open **Advanced options**, tick **Let me set up my account manually**, and choose **{kind}**.", md_code(&address)),
                format!("Incoming mail: server {}, port {}, encryption method **{}**.", md_code(&s.host(inc, STEPS)?), md_code(&inc.port.to_string()), outlook_encryption(inc.security)),
                format!("Outgoing mail: server {}, port {}, encryption method **{}**.", md_code(&s.host(out, STEPS)?), md_code(&out.port.to_string()), outlook_encryption(out.security)),
                "Leave **Require logon using Secure Password Authentication (SPA)** unticked.".into(),
                format!("User name {}; password: {}.", md_code(&user_in), auth_kind(s.provider.password_kind, lang)),
                if user_in == user_out {
                    "Under **More Settings → Outgoing Server**, tick **My outgoing server (SMTP) requires authentication** and **Use same settings as my incoming mail server**.".into()
                } else {
                    format!("Under **More Settings → Outgoing Server**, tick **My outgoing server (SMTP) requires authentication** and log on with user name {}.", md_code(&user_out))
                },
            ],
            Lang::ZhHans => vec![
                "经典版 Outlook：**文件 → 添加帐户**。新版 Outlook：**设置 → 帐户 → 添加帐户**。".into(),
                format!("输入 {}，展开 **高级选项**，勾选 **让我手动设置我的帐户**，然后选择 **{kind}**。", md_code(&address)),
                format!("接收邮件：服务器 {}，端口 {}，加密方法 **{}**。", md_code(&s.host(inc, STEPS)?), md_code(&inc.port.to_string()), outlook_encryption(inc.security)),
                format!("发送邮件：服务器 {}，端口 {}，加密方法 **{}**。", md_code(&s.host(out, STEPS)?), md_code(&out.port.to_string()), outlook_encryption(out.security)),
                "不要勾选 **要求使用安全密码验证(SPA)进行登录**。".into(),
                format!("用户名 {}；密码：{}。", md_code(&user_in), auth_kind(s.provider.password_kind, lang)),
                if user_in == user_out {
                    "在 **其他设置 → 发送服务器** 中勾选 **我的发送服务器(SMTP)要求验证** 和 **使用与接收邮件服务器相同的设置**。".into()
                } else {
                    format!("在 **其他设置 → 发送服务器** 中勾选 **我的发送服务器(SMTP)要求验证**，并用用户名 {} 登录。", md_code(&user_out))
                },
            ],
            Lang::ZhHant => vec![
                "傳統版 Outlook：**檔案 → 新增帳戶**。新版 Outlook：**設定 → 帳戶 → 新增帳戶**。".into(),
                format!("輸入 {}，展開 **進階選項**，勾選 **讓我自行手動設定我的帳戶**，然後選擇 **{kind}**。", md_code(&address)),
                format!("內送郵件：伺服器 {}，連接埠 {}，加密方法 **{}**。", md_code(&s.host(inc, STEPS)?), md_code(&inc.port.to_string()), outlook_encryption(inc.security)),
                format!("外寄郵件：伺服器 {}，連接埠 {}，加密方法 **{}**。", md_code(&s.host(out, STEPS)?), md_code(&out.port.to_string()), outlook_encryption(out.security)),
                "不要勾選 **需要使用安全密碼驗證 (SPA) 登入**。".into(),
                format!("使用者名稱 {}；密碼：{}。", md_code(&user_in), auth_kind(s.provider.password_kind, lang)),
                if user_in == user_out {
                    "在 **其他設定 → 外寄伺服器** 中勾選 **我的外寄伺服器 (SMTP) 需要驗證** 和 **使用與內送郵件伺服器相同的設定**。".into()
                } else {
                    format!("在 **其他設定 → 外寄伺服器** 中勾選 **我的外寄伺服器 (SMTP) 需要驗證**，並以使用者名稱 {} 登入。", md_code(&user_out))
                },
            ],
        };
        let mut n = 0;
        for step in steps {
            n += 1;
            md.push_str(&format!("{n}. {step}\n"));
        }
        if inc.protocol == Protocol::Pop3 {
            n += 1;
            let step = if s.leave_on_server {
                msg!(lang, "export-outlook-steps-under-more-settings-advanced")
            } else {
                msg!(lang, "export-outlook-steps-under-more-settings-advanced-2")
            };
            md.push_str(&format!("{n}. {step}\n"));
        }
        n += 1;
        md.push_str(&format!(
            "{n}. {}\n",
            msg!(lang, "export-outlook-steps-click-next-outlook-tests")
        ));
        if !s.provider.hints.is_empty() {
            md.push_str(&format!(
                "\n## {}\n\n",
                msg!(lang, "export-outlook-steps-before-you-start")
            ));
            for h in &s.provider.hints {
                md.push_str(&format!("- {}\n", md_text(h.get(lang))));
            }
        }
        Ok(md)
    }
}
