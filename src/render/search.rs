//! The school's search index, `assets/search-index.js`: a script, so that the theme's `search.js`
//! works from `file://` with nothing fetched. It holds each fixed page's and article's link,
//! title and text (an article's made once, when it is validated: `markdown::search_text`); the
//! build does not split, fold or stem words: `search.js` does, with the Snowball Russian
//! algorithm (checked word for word against the `rust-stemmers` crate by the tests). Done at build
//! time for every article, that analysis tripled the CPU of a build whose schools write their own
//! articles; in the browser it is a few milliseconds per page view, after the page is shown.

mod html_text;

pub use html_text::{html_text, main_region};

use super::OutputFile;
use super::i18n::Translations;
use super::views::SchoolView;
use crate::markdown::search_text::{Record, push_json_string};
use crate::model::SchoolSite;

/// Where the index is written, relative to the school's root.
pub const INDEX_PATH: &str = "assets/search-index.js";

/// The fixed pages whose text the search index holds, in the order results tie in. Not the FAQ
/// index (a list of the articles, indexed one by one) or the regulation: its full text would
/// double the index, and what it says for parents is on the schedule, contacts and escalation
/// pages.
const SEARCHED: [&str; 4] = ["home", "schedule", "contacts", "escalation"];

/// The search index of the school: its fixed pages (their `<main>` as rendered, so the index
/// says what the page says), then its articles (their records, made once at validation).
pub fn school_index(
    site: &SchoolSite,
    view: &SchoolView,
    files: &[OutputFile],
    t: &Translations,
) -> OutputFile {
    let pages: Vec<(&str, Record)> = (super::PAGES.iter())
        .filter(|(key, _, _)| SEARCHED.contains(key))
        .filter_map(|&(key, _, path)| {
            let file = files.iter().find(|file| file.path == path)?;
            // A theme may write anything: a page that is not UTF-8 is left out of the index.
            let html = simdutf8::basic::from_utf8(&file.bytes).ok()?;
            let text = html_text(main_region(html));
            Some((path, Record::new(&t.text(&format!("page.{key}")), &text)))
        })
        .collect();
    let articles = (site.articles.iter()).zip(&view.articles);
    let docs: Vec<(&str, &Record)> = (pages.iter())
        .map(|(path, record)| (*path, record))
        .chain(articles.map(|(article, summary)| (summary.path.as_str(), &article.search)))
        .collect();
    render_index(&docs, t)
}

/// The whole index of one school: `docs`, its pages' and then its articles' `[url, title,
/// text]`; and `found`, the status message for every count of results it can have (the plural
/// forms come from the theme's translations, not from the script).
pub fn render_index(docs: &[(&str, &Record)], t: &Translations) -> OutputFile {
    let found: Vec<String> = (0..=docs.len()).map(|n| found_message(t, n)).collect();
    let size: usize = docs
        .iter()
        .map(|(url, r)| url.len() + r.json_len() + 4)
        .sum();
    let mut js = String::with_capacity(size + 64 * found.len() + 64);
    js.push_str("window.SPRAVKA_SEARCH={\"found\":[");
    for (i, message) in found.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        push_json_string(&mut js, message);
    }
    js.push_str("],\"docs\":[");
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
