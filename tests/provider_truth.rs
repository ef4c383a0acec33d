//! Provider truth, round 2 (issue 15): every finding of the audit of
//! `providers/`, pinned by lookups and fields so that it cannot drift back.
//! One test per item; the names follow the issue's numbering.

use mailconf::providers::{
    AuthKind, Database, Entry, Origin, Protocol, Provider, Quirk, ServerLogin, SourceKind,
    UsernameForm,
};

fn db() -> &'static Database {
    Database::bundled()
}

fn get(domain: &str) -> &'static Provider {
    &db()
        .lookup(domain)
        .unwrap_or_else(|e| panic!("{domain}: {e}"))
        .entry
        .provider
}

fn entry(domain: &str) -> &'static Entry {
    db().lookup(domain)
        .unwrap_or_else(|e| panic!("{domain}: {e}"))
        .entry
}

/// The servers of `p` for `protocol`, as `host:port:security`.
fn servers(p: &Provider, protocol: Protocol) -> Vec<String> {
    p.incoming
        .iter()
        .chain(&p.outgoing)
        .filter(|s| s.protocol == protocol)
        .map(|s| format!("{}:{}:{}", s.host, s.port, s.security.as_str()))
        .collect()
}

fn ispdb(id: &str) -> &'static Provider {
    &db()
        .all_entries()
        .iter()
        .find(|e| e.provider.origin == Origin::Ispdb && e.provider.id == id)
        .unwrap_or_else(|| panic!("no ISPDB entry {id}"))
        .provider
}

// ---- ISPDB import ----

#[test]
fn ispdb_mx_host_domains_are_mx_suffixes() {
    for (id, mx) in [
        ("googlemail.com", "google.com"),
        ("yahoo.com", "yahoodns.net"),
        ("yahoo.com", "am0.yahoodns.net"),
        ("aol.com", "mail.gm0.yahoodns.net"),
        ("office365.com", "mail.protection.outlook.com"),
        ("hotmail.com", "olc.protection.outlook.com"),
        ("1und1.de", "kundenserver.de"),
        ("ovh.net", "ovh.net"),
    ] {
        let p = ispdb(id);
        assert!(
            p.mx_suffixes.iter().any(|m| m == mx),
            "{id}: {:?}",
            p.mx_suffixes
        );
        assert!(
            !p.domains.iter().any(|d| d == mx),
            "{id}: {mx} is still a mail domain"
        );
    }
    // Nobody has an address at an MX host domain...
    assert!(db().lookup("someone@yahoodns.net").is_err());
    // (mail.protection.outlook.com finds outlook.com only as a parent domain.)
    let m = db().lookup("mail.protection.outlook.com").unwrap();
    assert_eq!(m.domain.as_deref(), Some("outlook.com"));
    // ...but the customer domains listed next to google.com are mail domains.
    for d in ["nyu.edu", "jazztel.es"] {
        assert!(
            ispdb("googlemail.com").domains.iter().any(|x| x == d),
            "{d}"
        );
        assert_eq!(get(d).id, "googlemail.com");
    }
    // Offline MX matching uses them, leading to the entry that serves the provider.
    let mx = |host: &str| db().by_mx(host).map(|e| e.provider.id.clone());
    assert_eq!(mx("mta5.am0.yahoodns.net").as_deref(), Some("yahoo"));
    assert_eq!(mx("mx-aol.mail.gm0.yahoodns.net").as_deref(), Some("aol"));
    assert_eq!(mx("mx00.kundenserver.de").as_deref(), Some("1und1.de"));
    assert_eq!(mx("mx1.ovh.net").as_deref(), Some("ovh.net"));
    assert_eq!(
        mx("mx.secureserver.net").as_deref(),
        Some("wildwestdomains.com")
    );
    assert_eq!(
        mx("example-com.mail.protection.outlook.com").as_deref(),
        Some("microsoft365")
    );
    assert_eq!(
        mx("eur.olc.protection.outlook.com").as_deref(),
        Some("outlook")
    );
    // A company on Google: the hand-written Workspace entry, not consumer Gmail.
    assert_eq!(
        mx("aspmx.l.google.com").as_deref(),
        Some("google-workspace")
    );
}

#[test]
fn ispdb_mit_edu_imap_is_oauth2_only() {
    let p = ispdb("mit.edu");
    let imap = p
        .incoming
        .iter()
        .find(|s| s.protocol == Protocol::Imap)
        .unwrap();
    assert_eq!(imap.login, Some(ServerLogin::Oauth2));
    // The SMTP server still takes the password.
    assert_eq!(p.outgoing[0].login, None);
    assert_eq!(p.auth.kind, AuthKind::Password);
}

#[test]
fn ispdb_kokuyou_smtp_takes_no_login() {
    let p = ispdb("kokuyou.ne.jp");
    assert_eq!(p.outgoing[0].login, Some(ServerLogin::None));
    let note = &p.outgoing[0].note.as_ref().unwrap().en;
    assert!(!note.contains("password"), "{note}");
    // The POP3 server does take one.
    assert_eq!(p.incoming[0].login, None);
}

#[test]
fn ispdb_iij_files_keep_their_username_form() {
    for id in ["dd.iij4u.or.jp", "iijmio-mail.jp"] {
        let p = ispdb(id);
        for s in p.incoming.iter().chain(&p.outgoing) {
            assert_eq!(
                s.username,
                UsernameForm::LocalPartDotDomain,
                "{id} {}",
                s.host
            );
            assert!(s.note.is_none(), "{id}: no leftover note");
        }
    }
    let p = get("iijmio-mail.jp");
    assert_eq!(
        p.incoming[0].username.apply("taro@iijmio-mail.jp"),
        "taro.iijmio-mail.jp"
    );
}

#[test]
fn ispdb_help_links_keep_their_language() {
    let title = |id: &str, i: usize| {
        ispdb(id).help_urls[i]
            .title
            .clone()
            .unwrap_or_else(|| panic!("{id}: help link {i} has a title"))
    };
    for (id, en, zh) in [
        ("o2.pl", "Polish", "波兰语"),
        ("rambler.ru", "Russian", "俄语"),
        ("free.fr", "French", "法语"),
        ("uol.com.br", "Portuguese", "葡萄牙语"),
        ("gigahost.dk", "Danish", "丹麦语"),
        ("teol.net", "Serbian", "塞尔维亚语"),
    ] {
        let t = title(id, 0);
        assert!(t.en.contains(en), "{id}: {}", t.en);
        assert!(t.zh_hans.contains(zh), "{id}: {}", t.zh_hans);
    }
    // No imported link is called English any more: the source never says a page is.
    for e in db().all_entries() {
        for h in &e.provider.help_urls {
            if let (Origin::Ispdb, Some(t)) = (e.provider.origin, &h.title) {
                assert!(
                    !t.zh_hans.contains("英文") && !t.zh_hant.contains("英文"),
                    "{}: {}",
                    e.provider.id,
                    t.zh_hans
                );
            }
        }
    }
}

// ---- duplicates people see ----

#[test]
fn search_lists_each_provider_once() {
    let ids = |q: &str| {
        db().search(q)
            .iter()
            .map(|e| e.provider.id.clone())
            .collect::<Vec<_>>()
    };
    let gmail = ids("gmail");
    assert_eq!(
        gmail.first().map(String::as_str),
        Some("gmail"),
        "{gmail:?}"
    );
    assert!(!gmail.iter().any(|i| i == "googlemail.com"), "{gmail:?}");
    let outlook = ids("outlook");
    assert_eq!(
        outlook.first().map(String::as_str),
        Some("outlook"),
        "{outlook:?}"
    );
    assert!(!outlook.iter().any(|i| i == "hotmail.com"), "{outlook:?}");
    let yahoo = ids("yahoo");
    assert!(!yahoo.iter().any(|i| i == "yahoo.com"), "{yahoo:?}");
    // The whole list: no provider twice, whatever its name.
    let listed = db().listed();
    for e in &listed {
        assert!(e.merged_into.is_none(), "{} is listed twice", e.provider.id);
        if let Some(first) = e.provider.domains.first() {
            assert_eq!(
                db().lookup(first).unwrap().entry.provider.id,
                e.provider.id,
                "{} is listed though {first} belongs to another entry",
                e.provider.id
            );
        }
    }
    assert_eq!(db().search("").len(), listed.len());
    // A second listing still answers for its own domains, and turns up for them.
    assert_eq!(ids("nyu.edu"), ["googlemail.com"]);
    // Picking "Gmail" in the list selects Gmail, in any language.
    let gmail = db().by_id("gmail").unwrap();
    assert!(!gmail.provider.name.zh_hans.is_empty());
}

// ---- the numbered items ----

fn first(p: &Provider, protocol: Protocol) -> String {
    servers(p, protocol).into_iter().next().unwrap_or_default()
}

fn mentions(p: &Provider, text: &str) -> bool {
    let j = serde_json::to_string(p).unwrap();
    j.contains(text)
}

#[test]
fn item1_sina_cn_gets_its_own_servers_first_and_vip_sina_cn_is_vip() {
    let cn = get("alice@sina.cn");
    assert_eq!(cn.id, "sina-cn");
    assert_eq!(entry("sina.cn").provider.origin, Origin::Hand);
    for proto in [Protocol::Pop3, Protocol::Imap, Protocol::Smtp] {
        assert!(
            first(cn, proto).contains(".sina.cn:"),
            "{proto:?}: {:?}",
            servers(cn, proto)
        );
    }
    // imap.sina.cn offers only DHE, which rustls cannot negotiate: the row says so.
    let imap = cn
        .incoming
        .iter()
        .find(|s| s.host == "imap.sina.cn")
        .unwrap();
    assert!(imap.note.as_ref().unwrap().en.contains("DHE"));
    assert!(cn.sources.iter().any(|s| {
        s.url
            .as_deref()
            .is_some_and(|u| u.contains("Pebble/issues/35"))
    }));
    // sina.com keeps its own servers, and no sina.cn host.
    let com = get("sina.com");
    assert_eq!(first(com, Protocol::Pop3), "pop.sina.com:995:tls");
    assert!(
        !servers(com, Protocol::Smtp)
            .iter()
            .any(|s| s.contains("sina.cn"))
    );
    // vip.sina.cn is a VIP address, not a sina.cn one.
    let vip = get("bob@vip.sina.cn");
    assert_eq!(vip.id, "sina-vip");
    assert_eq!(first(vip, Protocol::Smtp), "smtp.vip.sina.com:465:tls");
    assert!(
        servers(vip, Protocol::Smtp)
            .iter()
            .any(|s| s.starts_with("smtp.vip.sina.cn:"))
    );
}

#[test]
fn item2_yahoo_and_aol_regional_domains_are_hand_entries() {
    for d in [
        "yahoo.com.br",
        "yahoo.com.mx",
        "yahoo.com.ar",
        "yahoo.se",
        "yahoo.co.nz",
        "yahoo.com.sg",
        "yahoo.co.id",
        "yahoo.in",
        "yahoo.pl",
        "yahoo.com.vn",
    ] {
        let e = entry(d);
        assert_eq!(
            (e.provider.id.as_str(), e.provider.origin),
            ("yahoo", Origin::Hand),
            "{d}"
        );
        assert_eq!(e.provider.auth.kind, AuthKind::AppPassword, "{d}");
    }
    for d in ispdb("aol.com").domains.iter() {
        let e = entry(d);
        assert_eq!(e.provider.id, "aol", "{d}");
        assert_eq!(e.provider.auth.kind, AuthKind::AppPassword, "{d}");
    }
    for d in ["netscape.net", "aol.com.br", "compuserve.com"] {
        assert_eq!(get(d).id, "aol", "{d}");
    }
    // Every Yahoo domain of the ISPDB but cox.net, which is explained.
    for d in ispdb("yahoo.com")
        .domains
        .iter()
        .filter(|d| *d != "cox.net")
    {
        assert_eq!(get(d).id, "yahoo", "{d}");
    }
    assert!(mentions(get("yahoo.com"), "cox.net"));
    // Any other Yahoo domain is found by its MX host.
    assert_eq!(
        db().by_mx("mta7.am0.yahoodns.net").unwrap().provider.id,
        "yahoo"
    );
}

#[test]
fn item3_every_microsoft_domain_gets_the_hand_entry() {
    let ms = ispdb("hotmail.com");
    assert!(ms.domains.len() >= 100, "{}", ms.domains.len());
    for d in &ms.domains {
        let e = entry(d);
        assert_eq!(
            (e.provider.id.as_str(), e.provider.origin),
            ("outlook", Origin::Hand),
            "{d}"
        );
        assert_eq!(e.provider.auth.kind, AuthKind::Oauth2Only, "{d}");
        assert!(!e.provider.hints.is_empty(), "{d}: hints");
    }
    // POP is off until switched on: the entry says so.
    let p = get("hotmail.se");
    assert!(
        p.quirks.contains(&Quirk::ServiceOffByDefault)
            || matches!(p.status, mailconf::providers::Status::NeedsSetup),
        "{:?}",
        p.status
    );
    assert_eq!(get("office365.com").id, "microsoft365");
    // The imported entries are fully taken over.
    assert!(
        entry("hotmail.com")
            .overrides
            .iter()
            .any(|o| o == "hotmail.com")
    );
}

#[test]
fn item4_139_names_both_credentials_and_the_rsa_report() {
    let p = get("139.com");
    let notes = p.auth.notes.as_ref().unwrap();
    for t in [&notes.en, &notes.zh_hans, &notes.zh_hant] {
        assert!(t.contains("邮箱授权码") && t.contains("客户端密码"), "{t}");
    }
    let imap = p
        .incoming
        .iter()
        .find(|s| s.host == "imap.139.com" && s.port == 993)
        .unwrap();
    assert!(imap.note.as_ref().unwrap().en.contains("RSA key exchange"));
    // POP3 over TLS stays first, the way around it.
    assert_eq!(first(p, Protocol::Pop3), "pop.139.com:995:tls");
    assert!(
        p.sources
            .iter()
            .any(|s| s.about.contains("RSA") && s.kind == SourceKind::UserReport)
    );
}

#[test]
fn item5_qq_setup_path_is_account_and_security() {
    let h = &get("qq.com").hints[0];
    assert!(h.zh_hans.contains("设置 → 账号与安全"), "{}", h.zh_hans);
    assert!(h.en.contains("Account & Security (账号与安全)"), "{}", h.en);
    // The old path is named as old, in every language.
    assert!(
        h.en.contains("older pages")
            && h.zh_hans.contains("旧页面")
            && h.zh_hant.contains("舊頁面")
    );
    // The dated report of the new web mail (General, 常规) is named too, and
    // its date for "authorization codes only" is in the history, with its source.
    assert!(h.en.contains("General (常规)") && h.zh_hans.contains("设置 → 常规"));
    let qq = get("qq.com");
    let hist = qq.history.as_ref().unwrap();
    for t in [&hist.en, &hist.zh_hans, &hist.zh_hant] {
        assert!(t.contains("2022") && t.contains("IT之家"), "{t}");
    }
    assert!(qq.sources.iter().any(|s| {
        s.url.as_deref() == Some("https://ashea.com.cn/guandian/2022/1011/707174.html")
            && s.about.contains("2022-11-01")
    }));
}

#[test]
fn item6_sohu_vip_has_its_own_smtp_host() {
    let p = get("x@vip.sohu.com");
    assert_eq!(p.id, "sohu-vip");
    assert_eq!(first(p, Protocol::Smtp), "smtp.vip.sohu.com:465:tls");
    assert!(p.outgoing[0].note.as_ref().unwrap().en.contains("2022-12"));
    assert!(
        p.sources
            .iter()
            .any(|s| s.about.contains("smtp.vip.sohu.com") && s.url.is_some())
    );
    assert!(!get("sohu.com").domains.iter().any(|d| d == "vip.sohu.com"));
}

#[test]
fn item7_zoho_says_the_password_may_be_refused_in_every_language() {
    let n = get("zoho.com").auth.notes.clone().unwrap();
    assert!(
        n.en.contains("refused on IMAP without two-factor"),
        "{}",
        n.en
    );
    assert!(
        n.zh_hans.contains("即使没有开启双因素认证") && n.zh_hans.contains("应用专用密码"),
        "{}",
        n.zh_hans
    );
    assert!(
        n.zh_hant.contains("即使沒有開啟雙因素驗證") && n.zh_hant.contains("應用程式專用密碼"),
        "{}",
        n.zh_hant
    );
    // What the Chinese used to add ("always web-only") is gone from both.
    assert!(!n.zh_hans.contains("一直") && !n.zh_hant.contains("一直"));
    assert!(
        get("zoho.com").sources.iter().any(|s| s.url.as_deref()
            == Some("https://github.com/deltachat/deltachat-android/issues/94"))
    );
}

#[test]
fn item8_tom_serves_163_net_and_163vip_com() {
    for d in ["163.net", "163vip.com", "vip.tom.com", "tom.com"] {
        assert_eq!(get(d).id, "tom", "{d}");
    }
    // 163.net is not NetEase's.
    assert_ne!(get("someone@163.net").id, "163");
    assert!(
        get("tom.com")
            .sources
            .iter()
            .any(|s| s.about.contains("163vip.com") && s.url.is_some())
    );
}

#[test]
fn item9_seed_host_names_are_explained_in_history_notes() {
    let history = |d: &str| get(d).history.clone().unwrap();
    let h263 = history("263.net");
    for host in ["pop3.263.net", "pop.263.net.cn", "pop.x263.net"] {
        for t in [&h263.en, &h263.zh_hans, &h263.zh_hant] {
            assert!(t.contains(host), "{host} in {t}");
        }
    }
    let qq = history("foxmail.com");
    assert!(qq.en.contains("POP.foxmail.com") && qq.en.contains("SMTP.foxmail.com"));
    let ms = history("live.com");
    assert!(ms.en.contains("pop.live.com") && ms.en.contains("pop3.live.com"));
    let ex = history("exmail.qq.com");
    assert!(ex.en.contains("587") && ex.zh_hans.contains("587") && ex.zh_hant.contains("587"));
    let yc = history("yahoo.com.cn");
    assert!(yc.en.contains("smtp.mail.yahoo.com.cn on port 587"));
}

#[test]
fn item10_wording_says_only_what_sources_say() {
    for d in ["163.com", "126.com", "yeah.net"] {
        let h = get(d).history.clone().unwrap();
        assert!(!h.en.contains("are required"), "{d}: {}", h.en);
        assert!(h.en.contains("still lists the plaintext ports"), "{d}");
        assert!(
            h.zh_hans.contains("明文端口") && h.zh_hant.contains("明文連接埠"),
            "{d}"
        );
    }
    let sina = get("sina.com").history.clone().unwrap();
    assert!(!sina.en.contains("first Chinese portal"), "{}", sina.en);
    assert!(!sina.zh_hans.contains("最早提供"), "{}", sina.zh_hans);
    let ex = get("exmail.qq.com").history.clone().unwrap();
    assert!(
        !ex.en.contains("Before Exmail was folded into WeChat Work"),
        "{}",
        ex.en
    );
    assert!(ex.en.contains("no dated source"));
}

/// Hand-written entries (origin hand, from `providers/`).
fn hand() -> Vec<&'static Provider> {
    db().all_entries()
        .iter()
        .filter(|e| e.provider.origin == Origin::Hand)
        .map(|e| &e.provider)
        .collect()
}

#[test]
fn item11_every_hand_entry_cites_a_url_and_a_page_of_its_own() {
    let entries = hand();
    assert!(entries.len() >= 42, "{}", entries.len());
    let mut single_site = Vec::new();
    for p in entries {
        assert!(
            p.sources.iter().any(|s| s.url.is_some()),
            "{}: no source with a url",
            p.id
        );
        assert!(
            p.sources
                .iter()
                .any(|s| (s.kind == SourceKind::ProviderDocs && s.url.is_some())
                    || s.kind == SourceKind::NoProviderPage),
            "{}: no page of the provider's own, and no word why",
            p.id
        );
        let sites: std::collections::BTreeSet<&str> = p
            .sources
            .iter()
            .filter_map(|s| s.url.as_deref())
            .filter_map(|u| u.split('/').nth(2))
            .collect();
        if sites.len() < 2 {
            single_site.push(format!("{} {sites:?}", p.id));
        }
    }
    // No Chinese entry rests on the one guide site alone any more.
    let laifa_only: Vec<_> = single_site
        .iter()
        .filter(|s| s.contains("laifa.xin"))
        .collect();
    assert!(laifa_only.is_empty(), "{laifa_only:?}");
    for id in ["tom", "china-com", "sina-vip", "wo", "etang"] {
        let p = &db().by_id(id).unwrap().provider;
        assert!(p.sources.iter().any(|s| s.url.is_some()), "{id}");
    }
}

#[test]
fn item11_validate_rejects_a_hand_entry_without_a_source_url() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("providers");
    std::fs::create_dir_all(&folder).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(
        mailconf::providers::load::bundled_files()
            .iter()
            .find(|(f, _)| *f == "providers/tom.json")
            .unwrap()
            .1,
    )
    .unwrap();
    v["id"] = "nourl".into();
    v["domains"] = serde_json::json!(["nourl.example"]);
    for s in v["sources"].as_array_mut().unwrap() {
        s.as_object_mut().unwrap().remove("url");
    }
    let file = folder.join("nourl.json");
    std::fs::write(&file, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mailconf"))
        .args(["providers", "validate", file.to_str().unwrap()])
        .env("MAILCONF_CONFIG_DIR", dir.path().join("none"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("nourl.json") && text.contains("at least one source with a url"),
        "{text}"
    );
    // The same entry with its sources back validates.
    let fixed = mailconf::providers::load::load_file(
        folder.join("tom.json").to_str().unwrap(),
        mailconf::providers::load::bundled_files()
            .iter()
            .find(|(f, _)| *f == "providers/tom.json")
            .unwrap()
            .1,
        true,
    );
    assert!(fixed.is_ok(), "{fixed:?}");
    // A user's own file needs no sources with urls.
    let user = mailconf::providers::load::load_file(
        "nourl.json",
        &serde_json::to_string(&v).unwrap(),
        false,
    );
    assert!(user.is_ok(), "{user:?}");
}

// ---- translations ----

/// Every zh-Hant text of the hand entries, with its place.
fn zh_hant_texts() -> Vec<(String, String)> {
    fn walk(v: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::Object(o) => {
                if let Some(serde_json::Value::String(t)) = o.get("zh-Hant") {
                    out.push((path.to_owned(), t.clone()));
                }
                for (k, x) in o {
                    walk(x, &format!("{path}.{k}"), out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for p in hand() {
        walk(&serde_json::to_value(p).unwrap(), &p.id, &mut out);
    }
    out
}

/// Removes quoted on-screen labels (「…」), which stay as the provider shows them.
fn unquoted(t: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in t.chars() {
        match c {
            '「' => depth += 1,
            '」' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn translation_zh_hant_says_郵箱_and_quotes_labels_verbatim() {
    // Characters that exist only in Simplified Chinese.
    const SIMPLIFIED: &str = "们这设账号码邮开关务发门为与户网页录输选择览应证验误连线间简体认说请读写传转过还进时实现钥锁书该计让记许试详语链错键长问题显项须预头处备复对导将帮态总执扫报换无术机权条来极样检没满点状电组结给统继续联单";
    let mut bad = Vec::new();
    for (path, t) in zh_hant_texts() {
        let plain = unquoted(&t);
        // One word for mailbox: 郵箱 (Yahoo's Taiwanese brand name is a name).
        if plain.replace("奇摩信箱", "").contains("信箱") {
            bad.push(format!("{path}: 信箱 in {t}"));
        }
        let leaks: String = plain.chars().filter(|c| SIMPLIFIED.contains(*c)).collect();
        if !leaks.is_empty() {
            bad.push(format!("{path}: Simplified {leaks:?} outside 「」 in {t}"));
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
    // Labels a hint quotes are the provider's own, as they appear on its Simplified pages.
    let h = &get("163.com").hints[0].zh_hant;
    assert!(
        h.contains("「设置」") && h.contains("「新增授权密码」"),
        "{h}"
    );
    let s = &get("sina.com").hints[0].zh_hant;
    assert!(s.contains("「客户端pop/imap/smtp」"), "{s}");
}

#[test]
fn translation_gmx_names_austria_and_switzerland_in_chinese() {
    let n = &get("gmx.at").name;
    assert!(n.en.contains("Austria") && n.en.contains("Switzerland"));
    assert!(
        n.zh_hans.contains("奥地利") && n.zh_hans.contains("瑞士"),
        "{}",
        n.zh_hans
    );
    assert!(
        n.zh_hant.contains("奧地利") && n.zh_hant.contains("瑞士"),
        "{}",
        n.zh_hant
    );
}
