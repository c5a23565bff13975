//! What a reader sees of an article, gathered for the search index in the pass that checks and
//! writes its HTML (`check_and_write`), and kept as script-safe JSON once per article: a shared
//! article is one record for every school that shows it. `render::search` puts a school's records
//! together; the words are split, folded and stemmed by the theme's `search.js` in the browser.

use pulldown_cmark::{Event, TagEnd};

use super::shortcodes::{has_slot, is_slot};

/// Adds what `event` shows a reader to `text`: the text of text and code, and a space where a
/// block or a line ends (never inside a line: «**ж**урнал» is one word). Called for every
/// checked event of an article, in the pass that writes its HTML.
pub fn push_event(text: &mut String, event: &Event) {
    match event {
        Event::Text(part) | Event::Code(part) => push_text(text, part),
        Event::SoftBreak | Event::HardBreak | Event::Rule => space(text),
        Event::End(end) if ends_a_block(*end) => space(text),
        _ => {}
    }
}

fn ends_a_block(end: TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// A shortcode's slot is the school's value, not the article's text: left out.
fn push_text(text: &mut String, part: &str) {
    if has_slot(part) {
        text.extend(part.chars().map(|c| if is_slot(c) { ' ' } else { c }));
    } else {
        text.push_str(part);
    }
}

fn space(text: &mut String) {
    if !text.is_empty() && !text.ends_with(' ') {
        text.push(' ');
    }
}

/// An article's entry in the index, made once when the article is validated (a shared article
/// once for every school that shows it): its title and text as script-safe JSON, the part of
/// `[url, title, text]` after the URL, which is the school's to give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    tail: String,
}

impl Record {
    pub fn new(title: &str, text: &str) -> Record {
        let text = text.trim_end();
        let mut tail = String::with_capacity(title.len() + text.len() + text.len() / 16 + 8);
        tail.push(',');
        push_json_string(&mut tail, title);
        tail.push(',');
        push_json_string(&mut tail, text);
        tail.push(']');
        Record { tail }
    }

    /// The length of its JSON, without the URL's.
    pub fn json_len(&self) -> usize {
        self.tail.len()
    }

    /// `[url, title, text]` appended to `js`.
    pub fn write(&self, url: &str, js: &mut String) {
        js.reserve(url.len() + self.tail.len() + 4);
        js.push('[');
        push_json_string(js, url);
        js.push_str(&self.tail);
    }
}

/// `text` as a JSON string with the escapes of `escape::script_json` (so that it can sit in a
/// `<script>`), appended to `out`. The same JSON as `serde_json`'s, in one pass over the bytes that
/// copies each run without a special byte whole: the text of every article goes through it, and
/// `serde_json`'s writer with its UTF-8 check after it was a sixth of a build.
pub(crate) fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    let bytes = text.as_bytes();
    let (mut copied, mut i) = (0, 0);
    loop {
        i = next_special(bytes, i);
        if i >= bytes.len() {
            break;
        }
        let (escape, len) = match bytes[i] {
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            b'\n' => ("\\n", 1),
            b'\r' => ("\\r", 1),
            b'\t' => ("\\t", 1),
            0xE2 => match bytes.get(i + 1..i + 3) {
                Some([0x80, 0xA8]) => ("\\u2028", 3),
                Some([0x80, 0xA9]) => ("\\u2029", 3),
                _ => {
                    i += 1;
                    continue;
                }
            },
            control => {
                out.push_str(&text[copied..i]);
                out.push_str(&format!("\\u{control:04x}"));
                i += 1;
                copied = i;
                continue;
            }
        };
        out.push_str(&text[copied..i]);
        out.push_str(escape);
        i += len;
        copied = i;
    }
    out.push_str(&text[copied..]);
    out.push('"');
}

/// Whether `b` starts something `push_json_string` escapes: a control character, `"`, `\\`, `<`,
/// `>`, `&`, or the lead byte of U+2028 and U+2029 (also of other characters, which are copied).
/// Comparisons without branches, so that the compiler checks many bytes at once.
#[allow(
    clippy::needless_bitwise_bool,
    reason = "no branch, so that the loop vectorises"
)]
fn is_special(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\') | (b == b'<') | (b == b'>') | (b == b'&') | (b == 0xE2)
}

/// Where the first special byte at or after `from` is, or the length of `bytes`: 32 bytes at a
/// time while a whole block has none (almost all of a Russian text).
fn next_special(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(block) = bytes.get(i..i + 32) {
        if block.iter().fold(false, |any, &b| any | is_special(b)) {
            break;
        }
        i += 32;
    }
    while i < bytes.len() && !is_special(bytes[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn text_of(markdown: &str) -> String {
        let mut text = String::new();
        for event in Parser::new_ext(markdown, super::super::options()) {
            push_event(&mut text, &event);
        }
        text.trim_end().to_owned()
    }

    #[test]
    fn text_keeps_words_whole_and_blocks_apart() {
        let markdown = "# Вход\n\nВведите **п**ароль\nи `логин`.\n\n- раз\n- два\n\n| а | б |\n|---|---|\n| в | г |\n";
        assert_eq!(
            text_of(markdown),
            "Вход Введите пароль и логин. раз два а б в г"
        );
    }

    #[test]
    fn slots_are_left_out_of_the_text() {
        let slot = char::from_u32(super::super::shortcodes::SLOT_BASE).expect("a char");
        assert_eq!(text_of(&format!("Звоните: {slot}.")), "Звоните:  .");
    }

    #[test]
    fn json_strings_read_back_and_cannot_end_a_script() {
        let texts = [
            "",
            "простой текст",
            "\"кавычки\" и \\ обратная черта",
            "</script><!-- & > —«»",
            "строки\n\r\tи \u{1}\u{1f}\u{7f}",
            "\u{2028}\u{2029}\u{2030}\u{2014}€",
            "в конце \u{e2}",
            "длинный текст без особых знаков, длиннее блока в тридцать два байта\"и в конце",
            &"абв".repeat(40),
        ];
        for text in texts {
            let mut ours = String::new();
            push_json_string(&mut ours, text);
            let back: String = serde_json::from_str(&ours).expect("JSON");
            assert_eq!(back, text);
            let unsafe_chars = ['<', '>', '&', '\u{2028}', '\u{2029}'];
            assert!(!ours.contains(unsafe_chars), "{ours}");
        }
    }
}
