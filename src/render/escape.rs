//! HTML escaping of template output. Tera's own escaper leaves `'` as it is (safe only inside
//! double-quoted attributes); a theme may quote attributes either way, so this one escapes all
//! five characters that matter, copying the runs between them in one write each.

use std::io::{self, Write};

/// Writes `text` with `& < > " '` replaced by entities: safe in element content and in attribute
/// values quoted with either quote. The signature is Tera's escape-function type.
pub fn escape_html(text: &str, out: &mut dyn Write) -> io::Result<()> {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Most of a page's text has none of the five: skip it a chunk at a time, with a test
        // that has no branch per byte, so that the compiler compares the chunk's bytes at once.
        let end = (at + CHUNK).min(bytes.len());
        let chunk = &bytes[at..end];
        if !chunk
            .iter()
            .fold(false, |any, &byte| any | is_special(byte))
        {
            at = end;
            continue;
        }
        for (i, &byte) in chunk.iter().enumerate() {
            if let Some(entity) = entity(byte) {
                // The five are ASCII, so `at + i` is always a character boundary.
                out.write_all(&bytes[copied..at + i])?;
                out.write_all(entity)?;
                copied = at + i + 1;
            }
        }
        at = end;
    }
    out.write_all(&bytes[copied..])
}

/// Bytes `escape_html` tests together.
const CHUNK: usize = 16;

#[allow(
    clippy::needless_bitwise_bool,
    reason = "no branch, so that the loop vectorises"
)]
fn is_special(byte: u8) -> bool {
    (byte == b'&') | (byte == b'<') | (byte == b'>') | (byte == b'"') | (byte == b'\'')
}

fn entity(byte: u8) -> Option<&'static [u8]> {
    Some(match byte {
        b'&' => b"&amp;",
        b'<' => b"&lt;",
        b'>' => b"&gt;",
        b'"' => b"&quot;",
        b'\'' => b"&#x27;",
        _ => return None,
    })
}

/// `text` escaped for HTML, as a string (for markup built outside the templates).
pub fn escape_attribute(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    escape_html(text, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// `value` as JSON that can sit inside any `<script>` element: `<`, `>`, `&`, U+2028 and U+2029
/// are written as `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`, so no value can end the
/// element (`</script>`), open a comment that swallows the page (`<!--<script>`), or end a line
/// in old JavaScript parsers. They can only occur inside JSON strings, where the escape means
/// the same character: `JSON.parse` gives back the value as it was.
pub fn script_json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(256);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    value.serialize(&mut serializer)?;
    // serde_json writes UTF-8 and the escapes are ASCII.
    Ok(String::from_utf8(out).expect("JSON is UTF-8"))
}

/// Compact JSON whose strings escape the characters that matter to an HTML `<script>` element.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut copied = 0;
        for (i, c) in fragment.char_indices() {
            let escape = match c {
                '<' => "\\u003c",
                '>' => "\\u003e",
                '&' => "\\u0026",
                '\u{2028}' => "\\u2028",
                '\u{2029}' => "\\u2029",
                _ => continue,
            };
            writer.write_all(&fragment.as_bytes()[copied..i])?;
            writer.write_all(escape.as_bytes())?;
            copied = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[copied..])
    }
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
    fn json_cannot_end_its_script_element_or_open_a_comment() {
        let value = serde_json::json!({
            "name": "</script><!--<script>a & b\u{2028}\u{2029}",
            "<key>": ["<!--"],
        });
        let json = script_json(&value).unwrap();
        assert_eq!(
            json,
            r#"{"\u003ckey\u003e":["\u003c!--"],"name":"\u003c/script\u003e\u003c!--\u003cscript\u003ea \u0026 b\u2028\u2029"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
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

    #[test]
    fn every_position_in_and_across_chunks_is_escaped() {
        let entities = [
            ('&', "&amp;"),
            ('<', "&lt;"),
            ('>', "&gt;"),
            ('"', "&quot;"),
            ('\'', "&#x27;"),
        ];
        for len in 1..3 * CHUNK + 2 {
            for at in 0..len {
                for (special, entity) in entities {
                    let mut text: Vec<char> = "жa".chars().cycle().take(len).collect();
                    text[at] = special;
                    let text: String = text.into_iter().collect();
                    let want = text.replace(special, entity);
                    assert_eq!(escaped(&text), want, "{text:?}");
                }
            }
        }
    }
}
