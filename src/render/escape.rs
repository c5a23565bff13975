//! HTML escaping of template output. Tera's own escaper leaves `'` as it is (safe only inside
//! double-quoted attributes); a theme may quote attributes either way, so this one escapes all
//! five characters that matter, copying the runs between them in one write each.

use std::io::{self, Write};

/// Writes `text` with `& < > " '` replaced by entities: safe in element content and in attribute
/// values quoted with either quote. The signature is Tera's escape-function type.
pub fn escape_html(text: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut copied = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#x27;",
            _ => continue,
        };
        // The five are ASCII, so `i` is always a character boundary.
        out.write_all(&text.as_bytes()[copied..i])?;
        out.write_all(entity)?;
        copied = i + 1;
    }
    out.write_all(&text.as_bytes()[copied..])
}

/// `text` escaped for HTML, as a string (for markup built outside the templates).
pub fn escape_attribute(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    escape_html(text, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// JSON placed inside a <script> element must not contain `</`.
pub fn script_json(json: &str) -> String {
    json.replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        escape_html(text, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_cannot_end_its_script_element() {
        let json = r#"{"name":"</script><script>alert(1)</script>"}"#;
        assert_eq!(
            script_json(json),
            r#"{"name":"<\/script><script>alert(1)<\/script>"}"#
        );
    }

    #[test]
    fn the_five_characters_become_entities_and_the_rest_is_kept() {
        assert_eq!(
            escaped(r#"<a href="x">Школа № 5 & 'ОСШ'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Школа № 5 &amp; &#x27;ОСШ&#x27;&lt;/a&gt;"
        );
        assert_eq!(escaped("https://школа.рф/a/"), "https://школа.рф/a/");
        assert_eq!(escaped(""), "");
    }
}
