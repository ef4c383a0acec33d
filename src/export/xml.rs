//! The XML writer of the XML formats (Thunderbird autoconfig, Outlook
//! autodiscover): a small wrapper over quick-xml, so that all escaping is
//! quick-xml's and a write error names the format.

use super::ExportError;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// A small wrapper over quick-xml's indenting writer: elements with text, comments,
/// and errors mapped to [`ExportError::Write`]. All escaping is quick-xml's.
pub(crate) struct Xml {
    w: quick_xml::Writer<Vec<u8>>,
    format: &'static str,
}

impl Xml {
    /// A document with the XML declaration (`version="1.0" encoding="UTF-8"`).
    pub(crate) fn new(format: &'static str) -> Result<Self, ExportError> {
        let mut x = Self {
            w: quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2),
            format,
        };
        x.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(x)
    }

    fn event(&mut self, e: Event<'_>) -> Result<(), ExportError> {
        self.w.write_event(e).map_err(|e| self.error(e))
    }

    fn error(&self, e: impl std::fmt::Display) -> ExportError {
        ExportError::Write {
            format: self.format,
            message: e.to_string(),
        }
    }

    /// `<!-- … -->` with one line per entry. `--` cannot occur inside an XML
    /// comment, so it is split with a space.
    pub(crate) fn comment(&mut self, lines: &[String]) -> Result<(), ExportError> {
        let mut body = String::from("\n");
        for l in lines {
            let mut l = l.clone();
            while l.contains("--") {
                l = l.replace("--", "- -");
            }
            body.push_str("  ");
            body.push_str(&l);
            body.push('\n');
        }
        // The text is ours and holds no markup; quick-xml writes comment text as is.
        self.event(Event::Comment(BytesText::from_escaped(body)))
    }

    /// `<name attr="v">`; attribute values are escaped by quick-xml.
    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<(), ExportError> {
        let mut e = BytesStart::new(name);
        for a in attrs {
            e.push_attribute(*a);
        }
        self.event(Event::Start(e))
    }

    /// `</name>`.
    pub(crate) fn end(&mut self, name: &str) -> Result<(), ExportError> {
        self.event(Event::End(BytesEnd::new(name)))
    }

    /// `<name>text</name>`, the text escaped by quick-xml.
    pub(crate) fn text(&mut self, name: &str, text: &str) -> Result<(), ExportError> {
        self.w
            .create_element(name)
            .write_text_content(BytesText::new(text))
            .map(|_| ())
            .map_err(|e| self.error(e))
    }

    /// The finished document, ending in a newline.
    pub(crate) fn finish(self) -> Result<String, ExportError> {
        let format = self.format;
        let mut s = String::from_utf8(self.w.into_inner()).map_err(|e| ExportError::Write {
            format,
            message: e.to_string(),
        })?;
        s.push('\n');
        Ok(s)
    }
}
