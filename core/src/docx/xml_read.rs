//! A minimal XML pull parser for the parts of a .docx: elements, attributes, namespaces
//! resolved by prefix, text, CDATA, the five predefined entities and character references.
//!
//! It is written for hostile input: a DTD or any entity declaration is refused (so no
//! billion laughs, no external entities), nesting deeper than [`MAX_DEPTH`] is refused,
//! every step moves forward through the input (linear time), and nothing panics. Names and
//! text are borrowed from the input; text is decoded only when the caller asks for it.

use std::borrow::Cow;
use thiserror::Error;

/// Deepest element nesting accepted. Word's own documents stay far below (a table in a
/// table in a text box is about 30 levels).
pub const MAX_DEPTH: usize = 200;
/// Most namespace declarations in scope at once. Word declares about 40 on the root; the
/// cap keeps each prefix look-up bounded, so hostile declarations cannot make it quadratic.
const MAX_BINDINGS: usize = 256;
/// Most attributes on one element (Word writes a dozen at most).
const MAX_ATTRS: usize = 512;

/// The namespace `xml:` is bound to by definition.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Why a part could not be read as XML.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum XmlError {
    /// A document type declaration or an entity declaration: refused, never expanded.
    #[error("文件中含有 DTD 或实体声明（可能是恶意文件），已拒绝读取")]
    Dtd,
    /// Elements nested deeper than [`MAX_DEPTH`].
    #[error("文件的层级嵌套超过 {MAX_DEPTH} 层，已拒绝读取")]
    TooDeep,
    /// Not well-formed, at this byte offset.
    #[error("文件内容已损坏（XML 第 {0} 字节处格式错误）")]
    Malformed(usize),
}

/// An attribute of an element, its value still as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attr<'a> {
    /// Namespace URI of the prefix, `""` when unprefixed (attributes take no default namespace).
    pub ns: &'a str,
    /// Local name.
    pub local: &'a str,
    raw: &'a str,
}

impl<'a> Attr<'a> {
    /// The value with entities and character references decoded.
    pub fn value(&self) -> Cow<'a, str> {
        decode(self.raw)
    }
}

/// A start tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Start<'a, 'r> {
    /// Namespace URI of the element, `""` when none is in scope.
    pub ns: &'a str,
    /// Local name.
    pub local: &'a str,
    /// Attributes, namespace declarations left out.
    pub attrs: &'r [Attr<'a>],
    /// `<x/>`: an [`Event::End`] follows at once.
    pub empty: bool,
}

impl<'a> Start<'a, '_> {
    /// Whether this is element `local` of namespace `ns`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local == local && self.ns == ns
    }

    /// The decoded value of attribute `local` of namespace `ns` (`""` for unprefixed).
    pub fn attr(&self, ns: &str, local: &str) -> Option<Cow<'a, str>> {
        self.attrs
            .iter()
            .find(|a| a.local == local && a.ns == ns)
            .map(Attr::value)
    }
}

/// One step through the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event<'a, 'r> {
    /// A start tag (or an empty element).
    Start(Start<'a, 'r>),
    /// An end tag, or the end of an empty element.
    End {
        /// Namespace URI of the element.
        ns: &'a str,
        /// Local name.
        local: &'a str,
    },
    /// Character data inside the root element: text or CDATA.
    Text(Text<'a>),
}

/// Character data as written; [`Text::decode`] resolves entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text<'a> {
    raw: &'a str,
    cdata: bool,
}

impl<'a> Text<'a> {
    /// The text with entities and character references decoded (CDATA as is).
    pub fn decode(&self) -> Cow<'a, str> {
        if self.cdata {
            Cow::Borrowed(self.raw)
        } else {
            decode(self.raw)
        }
    }
}

/// An open element: its qualified name (to match the end tag) and resolved name.
#[derive(Clone, Copy, Debug)]
struct Open<'a> {
    qname: &'a str,
    ns: &'a str,
    local: &'a str,
}

/// The pull parser. Call [`Reader::next`] until it returns `Ok(None)`.
#[derive(Debug)]
pub struct Reader<'a> {
    src: &'a str,
    pos: usize,
    stack: Vec<Open<'a>>,
    /// (depth of the declaring element, prefix, URI); the default namespace has prefix "".
    bindings: Vec<(usize, &'a str, &'a str)>,
    attrs: Vec<Attr<'a>>,
    /// Raw (prefix-qualified) names of the current start tag's attributes.
    qnames: Vec<&'a str>,
    /// The empty element whose End is still to be reported.
    pending_end: Option<Open<'a>>,
    seen_root: bool,
}

fn is_name_char(b: u8) -> bool {
    !matches!(
        b,
        b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>' | b'=' | b'<' | b'"' | b'\'' | b'&'
    )
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Position of `needle` in `hay` at or after `from`. Linear: a naive search over a needle of
/// at most 9 bytes.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    while i + needle.len() <= hay.len() {
        let rel = hay.get(i..)?.iter().position(|&b| b == first)?;
        i += rel;
        if hay.get(i..i + needle.len())? == needle {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Splits `p:local` into its prefix and local name.
fn split_qname(q: &str) -> (&str, &str) {
    match q.split_once(':') {
        Some((p, l)) => (p, l),
        None => ("", q),
    }
}

/// Checks that every `&` in `raw` starts a predefined entity or a valid character reference.
fn check_refs(raw: &str, base: usize) -> Result<(), XmlError> {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while let Some(rel) = bytes
        .get(i..)
        .and_then(|b| b.iter().position(|&c| c == b'&'))
    {
        let at = i + rel;
        let len = reference(raw.get(at..).unwrap_or_default())
            .map(|(_, len)| len)
            .ok_or(XmlError::Malformed(base + at))?;
        i = at + len;
    }
    Ok(())
}

/// The character an entity or character reference at the start of `s` stands for, and the
/// reference's length in bytes.
fn reference(s: &str) -> Option<(char, usize)> {
    // References are short; looking no further keeps a stray `&` from scanning far ahead.
    let end = s.bytes().take(40).position(|b| b == b';')?;
    let name = s.get(1..end)?;
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x') {
                Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex.trim_start_matches('0'), 16)
                        .ok()
                        .or(hex.bytes().all(|b| b == b'0').then_some(0))?
                }
                Some(_) => return None,
                None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => num
                    .trim_start_matches('0')
                    .parse::<u32>()
                    .ok()
                    .or(num.bytes().all(|b| b == b'0').then_some(0))?,
                None => return None,
            };
            let c = char::from_u32(code)?;
            // XML 1.0 Char: no NUL and no other C0 control but tab, LF and CR.
            if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') {
                return None;
            }
            c
        }
    };
    Some((c, end + 1))
}

/// Decodes entity and character references (already checked by the parser).
fn decode(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or_default());
        let tail = rest.get(at..).unwrap_or_default();
        match reference(tail) {
            Some((c, len)) => {
                out.push(c);
                rest = tail.get(len..).unwrap_or_default();
            }
            None => {
                // Unreachable after checking; keep the text rather than lose it.
                out.push('&');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

impl<'a> Reader<'a> {
    /// A parser over the text of one part (a byte-order mark is skipped).
    pub fn new(src: &'a str) -> Self {
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        Reader {
            src,
            pos: 0,
            stack: Vec::new(),
            bindings: Vec::new(),
            attrs: Vec::new(),
            qnames: Vec::new(),
            pending_end: None,
            seen_root: false,
        }
    }

    /// Current depth: the number of open elements.
    pub fn depth(&self) -> usize {
        self.stack.len() + usize::from(self.pending_end.is_some())
    }

    fn err(&self) -> XmlError {
        XmlError::Malformed(self.pos)
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// The URI bound to `prefix` at the current point.
    fn resolve(&self, prefix: &str) -> Option<&'a str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        match self.bindings.iter().rev().find(|(_, p, _)| *p == prefix) {
            Some((_, _, uri)) => Some(*uri),
            // No default namespace declared: the element is in none.
            None if prefix.is_empty() => Some(""),
            None => None,
        }
    }

    /// The next event, `Ok(None)` at the end of the document.
    #[allow(clippy::should_implement_trait)] // not an Iterator: events borrow the reader
    pub fn next(&mut self) -> Result<Option<Event<'a, '_>>, XmlError> {
        if let Some(open) = self.pending_end.take() {
            self.close_scope(self.stack.len() + 1);
            return Ok(Some(Event::End {
                ns: open.ns,
                local: open.local,
            }));
        }
        loop {
            let bytes = self.bytes();
            let Some(&b) = bytes.get(self.pos) else {
                return if self.stack.is_empty() && self.seen_root {
                    Ok(None)
                } else {
                    Err(self.err())
                };
            };
            if b != b'<' {
                let start = self.pos;
                let end = bytes
                    .get(start..)
                    .and_then(|r| r.iter().position(|&c| c == b'<'))
                    .map_or(bytes.len(), |r| start + r);
                self.pos = end;
                let raw = self.src.get(start..end).ok_or(XmlError::Malformed(start))?;
                if self.stack.is_empty() {
                    // Outside the root only white space may stand.
                    if !raw.bytes().all(is_space) {
                        return Err(XmlError::Malformed(start));
                    }
                    continue;
                }
                check_refs(raw, start)?;
                if raw.contains("]]>") {
                    return Err(XmlError::Malformed(start));
                }
                return Ok(Some(Event::Text(Text { raw, cdata: false })));
            }
            let rest = bytes.get(self.pos..).unwrap_or_default();
            if rest.starts_with(b"<?") {
                let end = find(bytes, self.pos + 2, b"?>").ok_or_else(|| self.err())?;
                self.pos = end + 2;
                continue;
            }
            if rest.starts_with(b"<!--") {
                let end = find(bytes, self.pos + 4, b"-->").ok_or_else(|| self.err())?;
                self.pos = end + 3;
                continue;
            }
            if rest.starts_with(b"<![CDATA[") {
                if self.stack.is_empty() {
                    return Err(self.err());
                }
                let start = self.pos + 9;
                let end = find(bytes, start, b"]]>").ok_or_else(|| self.err())?;
                self.pos = end + 3;
                let raw = self.src.get(start..end).ok_or(XmlError::Malformed(start))?;
                return Ok(Some(Event::Text(Text { raw, cdata: true })));
            }
            if rest.starts_with(b"<!") {
                // <!DOCTYPE, <!ENTITY, <!ELEMENT …: a DTD in any form is refused.
                return Err(XmlError::Dtd);
            }
            if rest.starts_with(b"</") {
                return self.end_tag().map(Some);
            }
            return self.start_tag().map(Some);
        }
    }

    /// Drops the namespace bindings declared at `depth` or deeper.
    fn close_scope(&mut self, depth: usize) {
        while self.bindings.last().is_some_and(|(d, _, _)| *d >= depth) {
            self.bindings.pop();
        }
    }

    fn name_at(&self, from: usize) -> Result<(&'a str, usize), XmlError> {
        let bytes = self.bytes();
        let len = bytes
            .get(from..)
            .unwrap_or_default()
            .iter()
            .position(|&b| !is_name_char(b))
            .unwrap_or(bytes.len().saturating_sub(from));
        if len == 0 {
            return Err(XmlError::Malformed(from));
        }
        let name = self
            .src
            .get(from..from + len)
            .ok_or(XmlError::Malformed(from))?;
        Ok((name, from + len))
    }

    fn skip_space(&self, mut at: usize) -> usize {
        while self.bytes().get(at).is_some_and(|&b| is_space(b)) {
            at += 1;
        }
        at
    }

    fn end_tag<'r>(&'r mut self) -> Result<Event<'a, 'r>, XmlError> {
        let (qname, after) = self.name_at(self.pos + 2)?;
        let after = self.skip_space(after);
        if self.bytes().get(after) != Some(&b'>') {
            return Err(XmlError::Malformed(after));
        }
        let open = self.stack.pop().ok_or(XmlError::Malformed(self.pos))?;
        if open.qname != qname {
            return Err(XmlError::Malformed(self.pos));
        }
        self.close_scope(self.stack.len() + 1);
        self.pos = after + 1;
        Ok(Event::End {
            ns: open.ns,
            local: open.local,
        })
    }

    fn start_tag<'r>(&'r mut self) -> Result<Event<'a, 'r>, XmlError> {
        if self.stack.is_empty() && self.seen_root {
            // A second root element.
            return Err(self.err());
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(XmlError::TooDeep);
        }
        let depth = self.stack.len() + 1;
        let (qname, mut at) = self.name_at(self.pos + 1)?;
        self.attrs.clear();
        self.qnames.clear();
        let bytes = self.bytes();
        let empty;
        loop {
            let spaced = self.skip_space(at);
            match bytes.get(spaced) {
                Some(b'>') => {
                    empty = false;
                    at = spaced + 1;
                    break;
                }
                Some(b'/') if bytes.get(spaced + 1) == Some(&b'>') => {
                    empty = true;
                    at = spaced + 2;
                    break;
                }
                Some(_) if spaced > at => {}
                _ => return Err(XmlError::Malformed(spaced)),
            }
            let (name, after) = self.name_at(spaced)?;
            let eq = self.skip_space(after);
            if bytes.get(eq) != Some(&b'=') {
                return Err(XmlError::Malformed(eq));
            }
            let q = self.skip_space(eq + 1);
            let quote = *bytes.get(q).ok_or(XmlError::Malformed(q))?;
            if quote != b'"' && quote != b'\'' {
                return Err(XmlError::Malformed(q));
            }
            let vstart = q + 1;
            let vlen = bytes
                .get(vstart..)
                .unwrap_or_default()
                .iter()
                .position(|&b| b == quote || b == b'<')
                .ok_or(XmlError::Malformed(vstart))?;
            if bytes.get(vstart + vlen) != Some(&quote) {
                return Err(XmlError::Malformed(vstart + vlen));
            }
            let raw = self
                .src
                .get(vstart..vstart + vlen)
                .ok_or(XmlError::Malformed(vstart))?;
            check_refs(raw, vstart)?;
            at = vstart + vlen + 1;
            if self.qnames.len() >= MAX_ATTRS {
                return Err(XmlError::Malformed(spaced));
            }
            if name == "xmlns" || name.starts_with("xmlns:") {
                if self.bindings.len() >= MAX_BINDINGS {
                    return Err(XmlError::Malformed(spaced));
                }
                let prefix = name.strip_prefix("xmlns:").unwrap_or("");
                self.bindings.push((depth, prefix, raw));
            } else {
                self.qnames.push(name);
                self.attrs.push(Attr {
                    ns: "",
                    local: name,
                    raw,
                });
            }
        }
        // Attribute prefixes resolve against the declarations of this very tag too.
        for (attr, q) in self.attrs.iter_mut().zip(&self.qnames) {
            let (prefix, local) = split_qname(q);
            if !prefix.is_empty() {
                let ns = match prefix {
                    "xml" => Some(XML_NS),
                    _ => self
                        .bindings
                        .iter()
                        .rev()
                        .find(|(_, p, _)| *p == prefix)
                        .map(|b| b.2),
                };
                attr.ns = ns.ok_or(XmlError::Malformed(self.pos))?;
                attr.local = local;
            }
        }
        let (prefix, local) = split_qname(qname);
        let ns = self.resolve(prefix).ok_or(XmlError::Malformed(self.pos))?;
        let open = Open { qname, ns, local };
        self.seen_root = true;
        self.pos = at;
        if empty {
            self.pending_end = Some(open);
        } else {
            self.stack.push(open);
        }
        Ok(Event::Start(Start {
            ns,
            local,
            attrs: &self.attrs,
            empty,
        }))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// Every event as a line: `+ns|local a=v`, `-local`, `"text"`.
    fn trace(src: &str) -> Result<Vec<String>, XmlError> {
        let mut r = Reader::new(src);
        let mut out = Vec::new();
        while let Some(e) = r.next()? {
            out.push(match e {
                Event::Start(s) => {
                    let attrs: Vec<String> = s
                        .attrs
                        .iter()
                        .map(|a| format!(" {}|{}={}", a.ns, a.local, a.value()))
                        .collect();
                    format!("+{}|{}{}", s.ns, s.local, attrs.concat())
                }
                Event::End { local, .. } => format!("-{local}"),
                Event::Text(t) => format!("{:?}", t.decode()),
            });
        }
        Ok(out)
    }

    #[test]
    fn elements_attributes_namespaces_text() {
        let src = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- c --><w:document xmlns:w="urn:w" xmlns="urn:d"><w:p w:rsid='1' x="a&amp;b"><t>法&lt;治&#x41;&#66;</t><w:br/><![CDATA[<x>&amp;]]></w:p></w:document>"#;
        assert_eq!(
            trace(src).unwrap(),
            vec![
                "+urn:w|document",
                "+urn:w|p urn:w|rsid=1 |x=a&b",
                "+urn:d|t",
                "\"法<治AB\"",
                "-t",
                "+urn:w|br",
                "-br",
                "\"<x>&amp;\"",
                "-p",
                "-document",
            ]
        );
    }

    #[test]
    fn scopes_end_with_their_element() {
        let src = r#"<a xmlns:p="urn:1"><b xmlns:p="urn:2"><p:c/></b><p:d/></a>"#;
        let t = trace(src).unwrap();
        assert_eq!(t[2], "+urn:2|c");
        assert_eq!(t[5], "+urn:1|d");
    }

    #[test]
    fn refuses_dtd_entities_depth_and_garbage() {
        assert_eq!(
            trace("<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>"),
            Err(XmlError::Dtd)
        );
        assert_eq!(trace("<a><!ENTITY x 'y'></a>"), Err(XmlError::Dtd));
        assert!(matches!(trace("<a>&x;</a>"), Err(XmlError::Malformed(_))));
        assert!(matches!(trace("<a>&#0;</a>"), Err(XmlError::Malformed(_))));
        assert!(matches!(
            trace("<a>&#xD800;</a>"),
            Err(XmlError::Malformed(_))
        ));
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert_eq!(trace(&deep), Err(XmlError::TooDeep));
        let ok = "<a>".repeat(MAX_DEPTH) + &"</a>".repeat(MAX_DEPTH);
        assert!(trace(&ok).is_ok());
        for bad in [
            "",
            "<a>",
            "<a></b>",
            "<a/><b/>",
            "x<a/>",
            "<a b=c/>",
            "<a b='<'/>",
            "<a>]]></a>",
            "<p:a/>",
            "<a p:b='1'/>",
            "</a>",
            "<a",
            "<a b='1'",
            "<>",
            "<a><!-- </a>",
        ] {
            assert!(matches!(trace(bad), Err(XmlError::Malformed(_))), "{bad:?}");
        }
    }
}
