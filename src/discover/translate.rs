//! Discovery's sentences in the user's language.
//!
//! Discovery reports provenance, per-source details and reasons as English
//! sentences: they are part of the JSON format (`docs/discover-json.md`) and
//! stay stable there. For people, [`localize`] turns them into Simplified or
//! Traditional Chinese, gettext-style: the English sentence, with its variable
//! parts written `{}`, is the key of [`CATALOG`]. Host names, URLs, numbers and
//! text from servers or the operating system fill the placeholders unchanged.
//! A sentence the catalog does not know is shown as it is (it is then a
//! technical detail from a library or a server).

use crate::i18n::Lang;

/// (English, 简体中文, 繁體中文); `{}` marks a variable part, filled in order.
/// More specific sentences come before the general ones they overlap with.
pub const CATALOG: &[(&str, &str, &str)] = &[
    ("guessed", "猜测", "猜測"),
    (
        "database {} (parent domain) → {}",
        "数据库 {}（上级域名）→ {}",
        "資料庫 {}（上層網域）→ {}",
    ),
    ("database {} → {}", "数据库 {} → {}", "資料庫 {} → {}"),
    (
        "no database entry for {}",
        "数据库中没有 {} 的条目",
        "資料庫中沒有 {} 的項目",
    ),
    (
        "{} has no {} records (the name does not exist)",
        "{} 没有 {} 记录（该名称不存在）",
        "{} 沒有 {} 記錄（該名稱不存在）",
    ),
    ("{} has no {} records", "{} 没有 {} 记录", "{} 沒有 {} 記錄"),
    ("no MX records", "没有 MX 记录", "沒有 MX 記錄"),
    (
        "MX {} matches no provider in the database",
        "MX {} 与数据库中的服务商都不匹配",
        "MX {} 與資料庫中的服務商都不相符",
    ),
    (
        "cancelled: a more trusted source had answered",
        "已取消：更可信的来源已有答案",
        "已取消：更可信的來源已有答案",
    ),
    ("cancelled", "已取消", "已取消"),
    (
        "still running when the deadline passed",
        "截止时间到时仍在运行",
        "截止時間到時仍在執行",
    ),
    (
        "no usable SRV records for {}",
        "{} 没有可用的 SRV 记录",
        "{} 沒有可用的 SRV 記錄",
    ),
    (
        "every SRV record of {} was ignored",
        "{} 的所有 SRV 记录都被忽略",
        "{} 的所有 SRV 記錄都被忽略",
    ),
    ("SRV records of {}", "{} 的 SRV 记录", "{} 的 SRV 記錄"),
    (
        "none of the usual host names (pop., imap., smtp., mail., bare) of {} resolves",
        "{} 的常用主机名（pop.、imap.、smtp.、mail.、域名本身）都无法解析",
        "{} 的常用主機名稱（pop.、imap.、smtp.、mail.、網域本身）都無法解析",
    ),
    (
        "{} guessed servers checked, none answered like a mail server ({})",
        "检查了 {} 个猜测的服务器，没有一个像邮件服务器那样应答（{}）",
        "檢查了 {} 個猜測的伺服器，沒有一個像郵件伺服器那樣回應（{}）",
    ),
    (
        "the target {} lies outside {} and is not a server the database knows; DNS answers can be forged, so it was not used",
        "目标 {} 不在 {} 之内，也不是数据库已知的服务器；DNS 应答可能被伪造，因此未采用",
        "目標 {} 不在 {} 之內，也不是資料庫已知的伺服器；DNS 回應可能遭偽造，因此未採用",
    ),
    (
        "the DNS server {} is unreachable: {}",
        "DNS 服务器 {} 无法访问：{}",
        "DNS 伺服器 {} 無法連線：{}",
    ),
    (
        "the DNS lookup of {} ({}) ran out of time",
        "DNS 查询 {}（{}）超时",
        "DNS 查詢 {}（{}）逾時",
    ),
    (
        "the DNS lookup of {} ({}) failed: {}",
        "DNS 查询 {}（{}）失败：{}",
        "DNS 查詢 {}（{}）失敗：{}",
    ),
    (
        "{}: refused: the document is larger than the {}-byte (1 MiB) limit",
        "{}：已拒绝：文档超过 {} 字节（1 MiB）的上限",
        "{}：已拒絕：文件超過 {} 位元組（1 MiB）的上限",
    ),
    (
        "refused a redirect to plain HTTP ({}): autoconfig documents are fetched over HTTPS only",
        "已拒绝重定向到明文 HTTP（{}）：自动配置文档只通过 HTTPS 获取",
        "已拒絕重新導向到明文 HTTP（{}）：自動設定文件只透過 HTTPS 取得",
    ),
    (
        "{}: refused: more than {} redirects",
        "{}：已拒绝：重定向超过 {} 次",
        "{}：已拒絕：重新導向超過 {} 次",
    ),
    (
        "{}: cannot connect to {}: {}",
        "{}：无法连接到 {}：{}",
        "{}：無法連線到 {}：{}",
    ),
    (
        "{}: no complete answer before the deadline",
        "{}：截止时间前没有完整的应答",
        "{}：截止時間前沒有完整的回應",
    ),
    (
        "{}: the document is not UTF-8 text",
        "{}：文档不是 UTF-8 文本",
        "{}：文件不是 UTF-8 文字",
    ),
    (
        "{}: HTTP status {}",
        "{}：HTTP 状态码 {}",
        "{}：HTTP 狀態碼 {}",
    ),
    ("{} (plain HTTP)", "{}（明文 HTTP）", "{}（明文 HTTP）"),
    (
        "the probe had not finished when discovery's deadline passed",
        "探测在发现的截止时间前未完成",
        "探測在探索的截止時間前未完成",
    ),
    ("{}, certificate trusted", "{}，证书可信", "{}，憑證可信"),
    (
        "STARTTLS is not offered: plaintext only",
        "不提供 STARTTLS：只能明文",
        "不提供 STARTTLS：只能明文",
    ),
    (
        "STARTTLS was refused: plaintext only",
        "STARTTLS 被拒绝：只能明文",
        "STARTTLS 被拒絕：只能明文",
    ),
];

/// `text` in `lang`: translated when the catalog knows the sentence, as it is otherwise.
pub fn localize(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_owned();
    }
    for (en, hans, hant) in CATALOG {
        if let Some(parts) = captures(en, text) {
            let target = if lang == Lang::ZhHans { hans } else { hant };
            return fill(target, &parts);
        }
    }
    text.to_owned()
}

/// The variable parts of `text` if it has the shape of `template`: literal
/// pieces in order, each `{}` at least one character, matched leftmost.
fn captures<'a>(template: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let pieces: Vec<&str> = template.split("{}").collect();
    let (first, rest) = pieces.split_first()?;
    let mut at = text.strip_prefix(first)?;
    let mut parts = Vec::new();
    for (i, piece) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let end = if last {
            if piece.is_empty() {
                at.len()
            } else {
                at.strip_suffix(piece)?.len()
            }
        } else {
            // At least one character for the placeholder, then the piece.
            let skip = at.chars().next()?.len_utf8();
            skip + at.get(skip..)?.find(piece)?
        };
        if end == 0 {
            return None;
        }
        parts.push(at.get(..end)?);
        at = at.get(end + piece.len()..).unwrap_or_default();
    }
    if rest.is_empty() && !at.is_empty() {
        return None;
    }
    Some(parts)
}

fn fill(template: &str, parts: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut values = parts.iter();
    let mut pieces = template.split("{}").peekable();
    while let Some(piece) = pieces.next() {
        out.push_str(piece);
        if pieces.peek().is_some() {
            out.push_str(values.next().copied().unwrap_or_default());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_round_trips_with_its_placeholders() {
        for (en, hans, hant) in CATALOG {
            let n = en.matches("{}").count();
            assert_eq!(hans.matches("{}").count(), n, "{en}");
            assert_eq!(hant.matches("{}").count(), n, "{en}");
            let values: Vec<String> = (0..n).map(|i| format!("v{i}.example")).collect();
            let refs: Vec<&str> = values.iter().map(String::as_str).collect();
            let english = fill(en, &refs);
            let zh = localize(&english, Lang::ZhHans);
            assert_eq!(zh, fill(hans, &refs), "{english}");
            assert_eq!(
                localize(&english, Lang::ZhHant),
                fill(hant, &refs),
                "{english}"
            );
            assert_eq!(localize(&english, Lang::En), english);
        }
    }

    #[test]
    fn real_messages() {
        let zh = |s: &str| localize(s, Lang::ZhHans);
        assert_eq!(
            zh("autoconfig.x.test has no A/AAAA records (the name does not exist)"),
            "autoconfig.x.test 没有 A/AAAA 记录（该名称不存在）"
        );
        assert_eq!(zh("x.test has no MX records"), "x.test 没有 MX 记录");
        assert_eq!(zh("guessed"), "猜测");
        assert_eq!(
            zh("database mail.163.com (parent domain) → NetEase 163 Mail"),
            "数据库 mail.163.com（上级域名）→ NetEase 163 Mail"
        );
        assert_eq!(
            zh("TLS 1.3 TLS13_AES_256_GCM_SHA384, certificate trusted"),
            "TLS 1.3 TLS13_AES_256_GCM_SHA384，证书可信"
        );
        // Unknown sentences (server or OS text) stay as they are.
        assert_eq!(
            zh("Connection refused (os error 111)"),
            "Connection refused (os error 111)"
        );
        assert_eq!(zh(""), "");
        // "cancelled" alone, not as a prefix of something else.
        assert_eq!(zh("cancelled by the user"), "cancelled by the user");
    }
}
