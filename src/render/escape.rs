//! HTML escaping of template output. Tera's own escaper walks the text one character at a time
//! and also rewrites `/` (an OWASP rule since withdrawn: `/` ends nothing in HTML text or in a
//! quoted attribute). This one copies the runs between the five characters that matter, which
//! for Cyrillic text is several times faster (Tera's escaper was 3% of a build's instructions).

/// `text` with `& < > " '` replaced by entities: safe in element content and in attribute
/// values quoted with either quote.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut copied = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => continue,
        };
        // The five are ASCII, so `i` is always a character boundary.
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_characters_become_entities_and_the_rest_is_kept() {
        assert_eq!(
            escape_html(r#"<a href="x">Школа № 5 & 'ОСШ'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Школа № 5 &amp; &#x27;ОСШ&#x27;&lt;/a&gt;"
        );
        assert_eq!(escape_html("https://школа.рф/a/"), "https://школа.рф/a/");
        assert_eq!(escape_html(""), "");
    }
}
