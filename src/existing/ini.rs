//! INI lines with byte positions: Python's `RawConfigParser` (getmail) and
//! Mozilla's `profiles.ini`.
//!
//! Both read `[section]` headers and `key = value` lines and ignore `#`/`;`
//! comment lines; they differ in details: configparser also takes `key: value`,
//! lowercases keys, strips values, continues a value on indented lines and
//! refuses duplicates and lines it cannot read; Mozilla's reader splits at the
//! first `=` only and keeps keys as written.

use super::text::Source;
use std::ops::Range;

/// Which reader's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Python `configparser.RawConfigParser` (getmail).
    ConfigParser,
    /// Mozilla `profiles.ini`.
    Mozilla,
}

/// One meaningful line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// `[name]`.
    Section {
        /// The name as written inside the brackets.
        name: String,
    },
    /// `key = value`.
    Entry {
        /// The key (lowercased for configparser).
        key: String,
        /// The value (continuation lines joined with `\n` for configparser).
        value: Vec<u8>,
        /// Bytes of the value on its first line (empty range after the delimiter
        /// when the value is empty).
        value_span: Range<usize>,
        /// The last line of the value (a continuation may follow the key's line).
        last_line: usize,
    },
    /// A line the reader refuses (no section yet, no delimiter, a duplicate).
    Bad,
}

/// An item and its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line the item starts on.
    pub line: usize,
    /// What it is.
    pub item: Item,
}

fn trim_span(b: &[u8], r: Range<usize>) -> Range<usize> {
    let mut s = r.start;
    let mut e = r.end;
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    s..e
}

/// The items of `src`, in order.
pub fn items(src: &Source, dialect: Dialect) -> Vec<Line> {
    let b = src.bytes();
    let mut out: Vec<Line> = Vec::new();
    let mut in_section = false;
    // Sets: a file may hold thousands of sections or keys.
    let mut sections: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut keys: std::collections::HashSet<String> = std::collections::HashSet::new();
    // The index in `out` of the entry a continuation line extends, and its indent.
    let mut open_entry: Option<(usize, usize)> = None;
    for line in 1..=src.line_count() {
        let r = src.line_range(line);
        let raw = &b[r.clone()];
        let t = trim_span(b, r.clone());
        let trimmed = &b[t.clone()];
        if trimmed.is_empty() {
            if dialect == Dialect::ConfigParser
                && let Some((idx, _)) = open_entry
                && let Some(Line {
                    item: Item::Entry { value, .. },
                    ..
                }) = out.get_mut(idx)
            {
                // configparser keeps empty lines inside a value (trimmed at the end).
                value.push(b'\n');
            }
            continue;
        }
        if trimmed[0] == b'#' || trimmed[0] == b';' {
            continue;
        }
        let indent = raw
            .iter()
            .take_while(|c| **c == b' ' || **c == b'\t')
            .count();
        if dialect == Dialect::ConfigParser
            && let Some((idx, key_indent)) = open_entry
            && indent > key_indent
            && let Some(Line {
                item: Item::Entry {
                    value, last_line, ..
                },
                ..
            }) = out.get_mut(idx)
        {
            value.push(b'\n');
            value.extend_from_slice(trimmed);
            *last_line = line;
            continue;
        }
        open_entry = None;
        if let Some(close) = trimmed.iter().rposition(|c| *c == b']')
            && trimmed[0] == b'['
            && close > 1
        {
            let name = String::from_utf8_lossy(&trimmed[1..close]).into_owned();
            let dup = !sections.insert(name.clone()) && dialect == Dialect::ConfigParser;
            keys.clear();
            in_section = true;
            out.push(Line {
                line,
                item: if dup {
                    Item::Bad
                } else {
                    Item::Section { name }
                },
            });
            continue;
        }
        let delim = match dialect {
            Dialect::ConfigParser => trimmed.iter().position(|c| *c == b'=' || *c == b':'),
            Dialect::Mozilla => trimmed.iter().position(|c| *c == b'='),
        };
        let Some(d) = delim.filter(|_| in_section || dialect == Dialect::Mozilla) else {
            out.push(Line {
                line,
                item: Item::Bad,
            });
            continue;
        };
        let key_raw = String::from_utf8_lossy(&trimmed[..d]).trim().to_owned();
        let key = match dialect {
            Dialect::ConfigParser => key_raw.to_lowercase(),
            Dialect::Mozilla => key_raw,
        };
        let value_span = trim_span(b, t.start + d + 1..t.end);
        let dup = keys.contains(&key) && dialect == Dialect::ConfigParser;
        if key.is_empty() || dup {
            out.push(Line {
                line,
                item: Item::Bad,
            });
            continue;
        }
        keys.insert(key.clone());
        out.push(Line {
            line,
            item: Item::Entry {
                key,
                value: b[value_span.clone()].to_vec(),
                value_span,
                last_line: line,
            },
        });
        if dialect == Dialect::ConfigParser {
            open_entry = Some((out.len() - 1, indent));
        }
    }
    // configparser strips trailing empty lines from values.
    for l in &mut out {
        if let Item::Entry { value, .. } = &mut l.item {
            while value.last() == Some(&b'\n') {
                value.pop();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn src(t: &str) -> Source {
        Source::new(Path::new("x"), t.as_bytes().to_vec(), 10_000, 1000).unwrap()
    }

    #[test]
    fn configparser_rules() {
        let s = src(
            "stray\n[retriever]\n Type : SimplePOP3Retriever\nserver=a\n  b\n# c\n[retriever]\nport = 1\nport = 2\n",
        );
        let it = items(&s, Dialect::ConfigParser);
        assert_eq!(it[0].item, Item::Bad);
        assert!(
            matches!(&it[2].item, Item::Entry { key, value, .. } if key == "type" && value == b"SimplePOP3Retriever")
        );
        assert!(matches!(&it[3].item, Item::Entry { value, last_line: 5, .. } if value == b"a\nb"));
        assert_eq!(it[4].item, Item::Bad, "duplicate section");
        assert_eq!(it[6].item, Item::Bad, "duplicate key");
    }

    #[test]
    fn mozilla_rules() {
        let s = src("[Profile0]\nName=default\nPath=abc.default=x\n");
        let it = items(&s, Dialect::Mozilla);
        assert!(
            matches!(&it[2].item, Item::Entry { key, value, .. } if key == "Path" && value == b"abc.default=x")
        );
    }
}
