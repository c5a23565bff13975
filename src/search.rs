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
        let json = script_json(&(title, text.trim_end())).expect("strings serialize");
        // `["title","text"]` without its `[`.
        Record {
            tail: format!(",{}", &json[1..]),
        }
    }

    fn write(&self, url: &str, js: &mut String) {
        js.push('[');
        js.push_str(&script_json(url).expect("a string serializes"));
        js.push_str(&self.tail);
    }
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
