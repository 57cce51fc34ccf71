//! XML output for the package parts: escaping of user text and a tiny element writer.
//!
//! Only what the writer needs: elements, attributes and text. User text is escaped here and
//! nowhere else, and characters that XML 1.0 forbids are dropped, so that no report text can
//! make a part ill-formed (Word then refuses the whole file with "unreadable content").

/// Whether XML 1.0 allows `c` in a document (§2.2 `Char`). Rust strings hold no surrogates, so
/// what remains to refuse is the C0 controls other than tab, LF and CR, and U+FFFE, U+FFFF.
pub fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Appends `s` escaped for element content or a double-quoted attribute value, without the
/// characters XML forbids. Tab, LF and CR are written as character references so that an
/// attribute keeps them (a parser would otherwise normalise them to spaces).
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// `s` escaped as by [`escape_into`].
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// Writes one XML document: the declaration, then elements in the order they are called.
///
/// Element and attribute names are the writer's own constants; only values and text are
/// escaped. The order of children is the caller's: the WordprocessingML property writers in
/// [`super::wml`] fix it to the schema's sequences.
pub struct Xml {
    out: String,
}

impl Default for Xml {
    fn default() -> Self {
        Self::new()
    }
}

impl Xml {
    /// A document with its XML declaration (`standalone="yes"`, as Office writes its parts).
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"),
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v);
            self.out.push('"');
        }
    }

    /// `<name attrs…>`: children follow until [`Xml::close`].
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push('>');
    }

    /// `<name attrs…/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push_str("/>");
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// A line break between blocks, so that golden files diff line by line. Every part's
    /// content model is element-only where this is used, so the break carries no meaning.
    pub fn newline(&mut self) {
        self.out.push('\n');
    }

    /// Escaped text content.
    pub fn text(&mut self, s: &str) {
        escape_into(&mut self.out, s);
    }

    /// `<name>text</name>` with the text escaped.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    /// The document written so far.
    pub fn finish(mut self) -> String {
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            escape("<a href=\"x\">&amp;</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;"
        );
        assert_eq!(
            escape("a\u{0}b\u{1}c\u{B}d\u{C}e\u{FFFE}f\u{FFFF}"),
            "abcdef"
        );
        assert_eq!(escape("制\t表\n"), "制&#9;表&#10;");
        assert_eq!(
            escape("\u{202E}零宽\u{200B}\u{1F600}"),
            "\u{202E}零宽\u{200B}\u{1F600}"
        );
    }

    #[test]
    fn elements_nest_in_call_order() {
        let mut x = Xml::new();
        x.open("a", &[("k", "1<2")]);
        x.empty("b", &[]);
        x.leaf("c", &[], "x&y");
        x.close("a");
        assert!(x
            .finish()
            .ends_with("<a k=\"1&lt;2\"><b/><c>x&amp;y</c></a>\n"));
    }
}
