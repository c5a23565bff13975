//! Search: the text a reader sees of each article and page, gathered where it is already at hand
//! (an article's Markdown events while it is validated, a page's rendered `<main>`), and each
//! school's index of it, `assets/search-index.js`: a script, so that `search.js` works from
//! `file://` with nothing fetched.
//!
//! The build does not split, fold or stem words: `search.js` does, with the Snowball Russian
//! algorithm (checked word for word against the `rust-stemmers` crate by the tests). Done at build
//! time for every article it tripled the CPU of a build whose schools write their own articles
//! (BENCHMARKS.md); done in the browser it is a few milliseconds per page view, after the page is
//! shown. The index then holds what the snippets need anyway: each page's title and text.

mod html_text;

pub use html_text::{html_text, main_region};

use pulldown_cmark::{Event, TagEnd};

use crate::markdown::shortcodes::{has_slot, is_slot};
use crate::render::OutputFile;
use crate::render::escape::script_json;
use crate::render::i18n::Translations;

/// Where the index is written, relative to the school's root.
pub const INDEX_PATH: &str = "assets/search-index.js";

/// Adds what `event` shows a reader to `text`: the text of text and code, and a space where a
/// block or a line ends (never inside a line: «**ж**урнал» is one word). Called for every
/// checked event of an article, in the pass that writes its HTML.
pub fn push_event(text: &mut String, event: &Event) {
    match event {
        Event::Text(part) | Event::Code(part) => push_text(text, part),
        Event::SoftBreak | Event::HardBreak | Event::Rule => space(text),
        Event::End(end) if ends_a_block(end) => space(text),
        _ => {}
    }
}

fn ends_a_block(end: &TagEnd) -> bool {
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

    fn write(&self, url: &str, js: &mut String) {
        js.push('[');
        push_json_string(js, url);
        js.push_str(&self.tail);
    }
}

/// `text` as a JSON string with the escapes of `escape::script_json` (so that it can sit in a
/// `<script>`), appended to `out`. The same JSON as serde_json's, in one pass over the bytes that
/// copies each run without a special byte whole: the text of every article goes through it, and
/// serde_json's writer with its UTF-8 check after it was a sixth of a build.
fn push_json_string(out: &mut String, text: &str) {
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

/// The whole index of one school: `docs`, its pages' and then its articles' `[url, title,
/// text]`; and `found`, the status message for every count of results it can have (the plural
/// forms come from the theme's translations, not from the script).
pub fn render_index(docs: &[(&str, &Record)], t: &Translations) -> OutputFile {
    let found: Vec<String> = (0..=docs.len()).map(|n| found_message(t, n)).collect();
    let size: usize = docs
        .iter()
        .map(|(url, r)| url.len() + r.tail.len() + 4)
        .sum();
    let mut js = String::with_capacity(size + 64 * found.len() + 64);
    js.push_str("window.SPRAVKA_SEARCH={\"found\":");
    js.push_str(&script_json(&found).expect("strings serialize"));
    js.push_str(",\"docs\":[");
    for (i, (url, record)) in docs.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        record.write(url, &mut js);
    }
    js.push_str("]};\n");
    OutputFile {
        path: INDEX_PATH.to_owned(),
        bytes: js.into_bytes(),
    }
}

fn found_message(t: &Translations, n: usize) -> String {
    match u32::try_from(n) {
        Ok(0) | Err(_) => t.text("search.none"),
        Ok(n) => t.plural_format("search.found", n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn text_of(markdown: &str) -> String {
        let mut text = String::new();
        for event in Parser::new_ext(markdown, crate::markdown::options()) {
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
        let slot = char::from_u32(crate::markdown::shortcodes::SLOT_BASE).expect("a char");
        assert_eq!(text_of(&format!("Звоните: {slot}.")), "Звоните:  .");
    }

    fn translations() -> Translations {
        let text = "[search]\nnone = \"Ничего не найдено.\"\n\
                    found = [\"Найдена {n} страница\", \"Найдено {n} страницы\", \"Найдено {n} страниц\"]\n";
        Translations::parse(crate::model::types::Language::Russian, text).expect("valid")
    }

    fn index(docs: &[(&str, &Record)]) -> String {
        let file = render_index(docs, &translations());
        assert_eq!(file.path, INDEX_PATH);
        String::from_utf8(file.bytes).expect("UTF-8")
    }

    #[test]
    fn index_holds_each_page() {
        let record = Record::new("Забыли пароль", "Восстановите пароль. ");
        let js = index(&[("faq/login.html", &record)]);
        assert_eq!(
            js,
            "window.SPRAVKA_SEARCH={\"found\":[\"Ничего не найдено.\",\"Найдена 1 страница\"],\
             \"docs\":[[\"faq/login.html\",\"Забыли пароль\",\"Восстановите пароль.\"]]};\n"
        );
    }

    #[test]
    fn found_messages_follow_russian_plurals() {
        let t = translations();
        assert_eq!(found_message(&t, 1), "Найдена 1 страница");
        assert_eq!(found_message(&t, 3), "Найдено 3 страницы");
        assert_eq!(found_message(&t, 11), "Найдено 11 страниц");
        assert_eq!(found_message(&t, 21), "Найдена 21 страница");
        assert_eq!(found_message(&t, 0), "Ничего не найдено.");
    }

    #[test]
    fn json_strings_are_those_of_script_json() {
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
            assert_eq!(ours, script_json(text).expect("a string"), "{text:?}");
        }
    }

    #[test]
    fn index_strings_cannot_end_a_script() {
        let record = Record::new(
            "</script><script>alert(1)</script>",
            "</script> \u{2028} конец",
        );
        let js = index(&[("faq/x.html", &record)]);
        assert!(!js.contains("</"), "{js}");
        assert!(!js.contains('\u{2028}'), "{js}");
        assert!(js.contains("\\u003c/script\\u003e"), "{js}");
    }
}
