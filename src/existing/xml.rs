//! Where each element of an XML document sits, for editing it in place.
//!
//! The values of autoconfig documents and Apple profiles are read by their own
//! readers (the provider database's autoconfig reader, the `plist` crate); this
//! module only records, with quick-xml's reader, the byte spans of every element
//! and its text, so a fix can replace `<port>110</port>`'s `110` and nothing else.

use quick_xml::events::Event;
use std::ops::Range;

/// Most elements recorded (a profile has a few dozen).
const MAX_ELEMENTS: usize = 100_000;
/// Deepest nesting accepted.
const MAX_DEPTH: usize = 64;

/// One element.
#[derive(Debug, Clone)]
pub struct Element {
    /// Local name (no namespace prefix).
    pub name: String,
    /// From `<` of the start tag to `>` of the end tag.
    pub span: Range<usize>,
    /// Between the tags (empty at the start tag's end for `<x/>`).
    pub inner: Range<usize>,
    /// The text content, unescaped, when the element holds only text.
    pub text: String,
    /// Children, as indices into [`Dom::elements`].
    pub children: Vec<usize>,
}

/// Every element of a document, in document order.
#[derive(Debug, Clone, Default)]
pub struct Dom {
    /// Elements; the first is the root.
    pub elements: Vec<Element>,
}

/// A document that is not well-formed: the byte offset and what is wrong.
#[derive(Debug, Clone)]
pub struct XmlError {
    /// Where.
    pub offset: usize,
    /// What.
    pub message: String,
}

impl Dom {
    /// Parses `text`.
    pub fn parse(text: &str) -> Result<Dom, XmlError> {
        let mut reader = quick_xml::Reader::from_str(text);
        let mut dom = Dom::default();
        let mut stack: Vec<usize> = Vec::new();
        loop {
            let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
            let ev = reader.read_event().map_err(|e| XmlError {
                offset: usize::try_from(reader.error_position()).unwrap_or(start),
                message: e.to_string(),
            })?;
            let end = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
            match ev {
                Event::Start(ref s) | Event::Empty(ref s) => {
                    let empty = matches!(ev, Event::Empty(_));
                    if dom.elements.len() >= MAX_ELEMENTS || stack.len() >= MAX_DEPTH {
                        return Err(XmlError {
                            offset: start,
                            message: "document too large or too deeply nested".into(),
                        });
                    }
                    let name = s.local_name().as_ref().to_owned();
                    let idx = dom.elements.len();
                    dom.elements.push(Element {
                        name,
                        span: start..end,
                        inner: end..end,
                        text: String::new(),
                        children: Vec::new(),
                    });
                    if let Some(&parent) = stack.last() {
                        dom.elements[parent].children.push(idx);
                    }
                    if !empty {
                        stack.push(idx);
                    }
                }
                Event::End(_) => {
                    let Some(idx) = stack.pop() else {
                        return Err(XmlError {
                            offset: start,
                            message: "end tag without a start tag".into(),
                        });
                    };
                    let el = &mut dom.elements[idx];
                    el.inner = el.inner.start..start;
                    el.span = el.span.start..end;
                }
                Event::Text(t) => {
                    if let Some(&idx) = stack.last() {
                        // Entities arrive as separate `GeneralRef` events.
                        dom.elements[idx].text.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(&idx) = stack.last() {
                        let name: String = (*r).to_owned();
                        let resolved = match name.as_str() {
                            "amp" => "&".to_owned(),
                            "lt" => "<".to_owned(),
                            "gt" => ">".to_owned(),
                            "quot" => "\"".to_owned(),
                            "apos" => "'".to_owned(),
                            n => match n
                                .strip_prefix("#x")
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                                .and_then(char::from_u32)
                            {
                                Some(c) => c.to_string(),
                                None => {
                                    return Err(XmlError {
                                        offset: start,
                                        message: format!("unknown entity &{};", n.escape_debug()),
                                    });
                                }
                            },
                        };
                        dom.elements[idx].text.push_str(&resolved);
                    }
                }
                Event::CData(c) => {
                    if let Some(&idx) = stack.last() {
                        dom.elements[idx].text.push_str(&c.xml10_content());
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !stack.is_empty() {
            return Err(XmlError {
                offset: text.len(),
                message: "the document ends inside an element".into(),
            });
        }
        if dom.elements.is_empty() {
            return Err(XmlError {
                offset: 0,
                message: "no root element".into(),
            });
        }
        Ok(dom)
    }

    /// Children of `idx` named `name`.
    pub fn children<'a>(&'a self, idx: usize, name: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.elements[idx]
            .children
            .iter()
            .copied()
            .filter(move |c| self.elements[*c].name == name)
    }

    /// The first child of `idx` named `name`.
    pub fn child(&self, idx: usize, name: &str) -> Option<usize> {
        self.children(idx, name).next()
    }
}

/// `value` escaped for XML text.
pub fn escape(value: &str) -> String {
    quick_xml::escape::escape(value).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans() {
        let t = "<?xml version=\"1.0\"?>\n<a x=\"1\"><b>t&amp;u</b><c/><b>2</b></a>";
        let d = Dom::parse(t).unwrap();
        assert_eq!(d.elements[0].name, "a");
        let bs: Vec<usize> = d.children(0, "b").collect();
        assert_eq!(bs.len(), 2);
        let b0 = &d.elements[bs[0]];
        assert_eq!(b0.text, "t&u");
        assert_eq!(&t[b0.inner.clone()], "t&amp;u");
        assert_eq!(&t[b0.span.clone()], "<b>t&amp;u</b>");
        let c = &d.elements[d.child(0, "c").unwrap()];
        assert_eq!(&t[c.span.clone()], "<c/>");
        assert!(Dom::parse("<a><b></a>").is_err());
        assert!(Dom::parse("").is_err());
    }
}
