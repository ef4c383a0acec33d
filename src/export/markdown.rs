//! Escaping for the Markdown formats (the summary, the Outlook steps): text
//! from a provider, a user or a server is shown as typed and never becomes
//! markup.

/// `value` as a Markdown code span: the fence is one backtick longer than the
/// longest run inside, padded when the value starts or ends with a backtick.
pub(crate) fn md_code(value: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in value.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    if value.starts_with('`') || value.ends_with('`') {
        format!("{fence} {value} {fence}")
    } else {
        format!("{fence}{value}{fence}")
    }
}

/// `value` as Markdown text: ASCII punctuation that Markdown or HTML would act on
/// is backslash-escaped (CommonMark allows escaping any ASCII punctuation), so a
/// name like `张三 & "Co" <test>` shows as typed and never becomes a tag.
pub(crate) fn md_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
