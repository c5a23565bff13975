//! The school's search index: every page's words stemmed at build time (Snowball Russian, the
//! algorithm `search.js` runs on the query), shipped as a script that `search.html` loads, so that
//! search works from `file://` with nothing fetched.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rust_stemmers::{Algorithm, Stemmer};
use xxhash_rust::xxh3::Xxh3;

use super::OutputFile;
use super::escape::script_json;
use super::i18n::Translations;

/// Where the index is written, relative to the school's root.
pub const INDEX_PATH: &str = "assets/search-index.js";

/// One page to index: its link from the school's root, its title and its HTML.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub url: &'a str,
    pub title: &'a str,
    pub html: &'a str,
    /// Whether other schools show the same page (a shared article): only those are kept in the
    /// build's cache, so that a school's own pages do not stay in memory after its build.
    pub shared: bool,
}

/// Pages already analysed in this build, by a digest of their link, title and HTML. A shared
/// article is the same for every school that shows it, so its text is extracted and its words
/// stemmed once per build, not once per school.
#[derive(Debug, Default)]
pub struct Cache {
    analysed: Mutex<HashMap<u128, Arc<Analysed>>>,
}

impl Cache {
    /// `entry` analysed, now unless an earlier school had the same shared page.
    fn analysed(&self, entry: &Entry) -> Arc<Analysed> {
        if !entry.shared {
            return Arc::new(Analysed::of(entry));
        }
        let key = digest(entry);
        // A poisoned lock only means another school's thread panicked; the map is still whole.
        let cached = (self.analysed.lock())
            .map(|analysed| analysed.get(&key).cloned())
            .unwrap_or_default();
        if let Some(analysed) = cached {
            return analysed;
        }
        let analysed = Arc::new(Analysed::of(entry));
        if let Ok(mut map) = self.analysed.lock() {
            map.insert(key, Arc::clone(&analysed));
        }
        analysed
    }
}

fn digest(entry: &Entry) -> u128 {
    let mut hasher = Xxh3::new();
    for part in [entry.url, entry.title, entry.html] {
        // Lengths first, so that no two different entries hash the same bytes.
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.digest128()
}

/// What the index keeps of a page.
#[derive(Debug)]
struct Analysed {
    /// `[url, title, text]` as script-safe JSON, the page's entry in `docs`.
    json: String,
    /// The distinct words of its title and text, normalized, sorted, each followed by `\n`.
    words: String,
    /// For each of `words`, the number of characters its stem leaves off its end (a Snowball
    /// stem is always a start of the word).
    cuts: Vec<u8>,
}

impl Analysed {
    fn of(entry: &Entry) -> Analysed {
        let text = html_text(entry.html);
        let json = script_json(&(entry.url, entry.title, &text)).expect("strings serialize");
        // Folded once as a whole, then split: no allocation per word.
        let (title, folded) = (normalize(entry.title), normalize(&text));
        let mut distinct: Vec<&str> = words(&title).chain(words(&folded)).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let stemmer = Stemmer::create(Algorithm::Russian);
        let mut words = String::with_capacity(distinct.iter().map(|w| w.len() + 1).sum());
        let mut cuts = Vec::with_capacity(distinct.len());
        for word in distinct {
            cuts.push(cut(word, &stemmer.stem(word)));
            words.push_str(word);
            words.push('\n');
        }
        Analysed { json, words, cuts }
    }

    fn words(&self) -> impl Iterator<Item = (&str, u8)> {
        self.words
            .split_terminator('\n')
            .zip(self.cuts.iter().copied())
    }
}

/// How many characters `stem` leaves off the end of `word`, as one base-36 digit.
fn cut(word: &str, stem: &str) -> u8 {
    debug_assert!(word.starts_with(stem), "{stem} is not a start of {word}");
    let count = word.chars().count() - stem.chars().count();
    // Russian endings are at most a dozen letters long.
    u8::try_from(count.min(35)).unwrap_or(35)
}

/// The whole index of one school: `docs`, its pages' `[url, title, text]`; `cuts`, one base-36
/// digit per distinct word of those pages (sorted, as `search.js` finds them again) saying how
/// much of the word is its stem; `found`, the status message for every count of results it can
/// have (the plural forms come from the theme's translations, not from script).
pub fn render_index(entries: &[Entry], cache: &Cache, t: &Translations) -> OutputFile {
    let analysed: Vec<Arc<Analysed>> = entries.iter().map(|e| cache.analysed(e)).collect();
    let mut words: Vec<(&str, u8)> = (analysed.iter()).flat_map(|a| a.words()).collect();
    // Each page's words are sorted already: the stable sort merges those runs.
    words.sort();
    words.dedup();
    let cuts: String = (words.iter())
        .map(|&(_, cut)| char::from_digit(u32::from(cut), 36).unwrap_or('z'))
        .collect();
    let found: Vec<String> = (0..=entries.len()).map(|n| found_message(t, n)).collect();
    let mut js = String::with_capacity(analysed.iter().map(|a| a.json.len()).sum::<usize>() + 4096);
    js.push_str("window.SPRAVKA_SEARCH={\"found\":");
    js.push_str(&script_json(&found).expect("strings serialize"));
    js.push_str(",\"cuts\":\"");
    js.push_str(&cuts);
    js.push_str("\",\"docs\":[");
    for (i, analysed) in analysed.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        js.push_str(&analysed.json);
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

/// Whether `c` can be part of a word. The same set as `WORD` in `search.js`: ASCII letters and
/// digits and the Cyrillic block, so both sides split a text into the same words.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{400}'..='\u{4FF}').contains(&c)
}

/// The words of `text`, as they are written.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|word| !word.is_empty())
}

/// A word (or a whole text) as the stemmer takes it: the characters of words in lower case,
/// «ё» as «е» (so «ёлка» and «елка» meet); the others as they are, so that a text splits into
/// the same words before and after. Lower-casing a character of the word set gives one
/// character, in Rust as in JavaScript.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        out.push(match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'Ё' | 'ё' => 'е',
            // The two capital blocks by offset: the Unicode tables' search was a tenth of a build.
            '\u{410}'..='\u{42F}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            '\u{400}'..='\u{40F}' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
            '\u{460}'..='\u{4FF}' => c.to_lowercase().next().unwrap_or(c),
            _ => c,
        });
    }
    out
}

/// The Snowball Russian stem of a normalized word.
pub fn stem(word: &str) -> String {
    Stemmer::create(Algorithm::Russian).stem(word).into_owned()
}

/// The text a reader sees in `html`: tags dropped (those that break a line become a space),
/// `<script>`, `<style>`, `<svg>` and `<template>` skipped, entities decoded, white space
/// collapsed.
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push_text(&mut text, &rest[..open]);
        let tag = &rest[open..];
        let Some(close) = tag.find('>') else {
            rest = "";
            break;
        };
        let name = tag_name(&tag[1..close]);
        rest = &tag[close + 1..];
        if let Some(skipped) = SKIPPED.iter().find(|s| name.eq_ignore_ascii_case(s)) {
            rest = skip_element(rest, skipped);
        } else if !INLINE.iter().any(|s| name.eq_ignore_ascii_case(s)) {
            text.push(' ');
        }
    }
    push_text(&mut text, rest);
    collapse_spaces(&text)
}

/// Elements whose content is not text for a reader.
const SKIPPED: [&str; 4] = ["script", "style", "svg", "template"];

/// Elements inside a line of text: no space where they open or close («<b>ж</b>урнал»).
const INLINE: [&str; 17] = [
    "a", "abbr", "b", "bdi", "cite", "code", "data", "em", "i", "kbd", "mark", "q", "s", "small",
    "span", "strong", "time",
];

/// The element name of a tag's inside (`/a`, `a href=…`, `!-- … --`): letters and digits only.
fn tag_name(inside: &str) -> &str {
    let inside = inside.trim_start_matches('/');
    let end = (inside.find(|c: char| !c.is_ascii_alphanumeric())).unwrap_or(inside.len());
    &inside[..end]
}

/// The rest of the HTML after the end tag of a skipped element.
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let end = format!("</{name}");
    let lower = rest.to_ascii_lowercase();
    match lower.find(&end) {
        Some(at) => rest[at..]
            .find('>')
            .map_or("", |close| &rest[at + close + 1..]),
        None => "",
    }
}

fn push_text(text: &mut String, html: &str) {
    let mut rest = html;
    while let Some(amp) = rest.find('&') {
        text.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match after.find(';').filter(|&end| end <= 10) {
            Some(end) if entity(&after[..end]).is_some() => {
                text.extend(entity(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                text.push('&');
                rest = after;
            }
        }
    }
    text.push_str(rest);
}

/// The character of an entity's name (`amp`, `#x27`, `#39`), for those HTML writers use.
fn entity(name: &str) -> Option<char> {
    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok()
    } else if let Some(decimal) = name.strip_prefix('#') {
        decimal.parse().ok()
    } else {
        return match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "shy" => Some('\u{ad}'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "laquo" => Some('«'),
            "raquo" => Some('»'),
            _ => None,
        };
    };
    code.and_then(char::from_u32)
}

/// Runs of white space as one space, none at the ends. A no-break space is kept: it is the
/// text's own, between a number and its unit.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() && c != '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The inside of a page's `<main>` element, the part that is the page's own.
pub fn main_region(html: &str) -> &str {
    let Some(start) = html.find("<main") else {
        return html;
    };
    let body = &html[start..];
    let body = body.find('>').map_or(body, |open| &body[open + 1..]);
    body.rfind("</main>").map_or(body, |end| &body[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_share_a_stem() {
        let forms = |a: &str, b: &str| assert_eq!(stem(&normalize(a)), stem(&normalize(b)));
        forms("оценки", "оценка");
        forms("пароля", "пароль");
        forms("электронный", "электронного");
        forms("дневник", "дневника");
        forms("Ёлка", "елки");
    }

    #[test]
    fn words_are_letters_and_digits() {
        let found: Vec<&str> = words("Дневник.ру: e-mail, 14:00 — «Ёлка»!").collect();
        assert_eq!(found, ["Дневник", "ру", "e", "mail", "14", "00", "Ёлка"]);
    }

    #[test]
    fn normalize_lowers_and_folds_yo() {
        assert_eq!(normalize("ЁЛКА Tree"), "елка tree");
    }

    #[test]
    fn html_text_keeps_what_a_reader_sees() {
        let html = "<h2 id=\"a\">Вход</h2><p>Введите <strong>п</strong>ароль &amp; логин&nbsp;5</p>\
                    <script>var x = '<p>скрыто</p>';</script><SVG><text>нет</text></SVG>\n<p>Да&#x27;&#8212;</p>";
        assert_eq!(html_text(html), "Вход Введите пароль & логин\u{a0}5 Да'—");
    }

    #[test]
    fn html_text_leaves_unknown_entities_and_stray_ampersands() {
        assert_eq!(html_text("<p>A & B &unknown; C</p>"), "A & B &unknown; C");
        assert_eq!(html_text("<p>unclosed <b"), "unclosed");
    }

    #[test]
    fn main_region_is_the_pages_own_part() {
        let html = "<header>Шапка</header><main id=\"main\" class=\"wrap\"><p>Суть</p></main><footer>Низ</footer>";
        assert_eq!(main_region(html), "<p>Суть</p>");
    }

    fn translations() -> Translations {
        let text = "[search]\nnone = \"Ничего не найдено.\"\n\
                    found = [\"Найдена {n} страница\", \"Найдено {n} страницы\", \"Найдено {n} страниц\"]\n";
        Translations::parse(crate::model::types::Language::Russian, text).expect("valid")
    }

    fn index(entries: &[Entry], cache: &Cache) -> String {
        let file = render_index(entries, cache, &translations());
        assert_eq!(file.path, INDEX_PATH);
        String::from_utf8(file.bytes).expect("UTF-8")
    }

    #[test]
    fn index_holds_each_page_with_its_stems() {
        let entry = Entry {
            url: "faq/login.html",
            title: "Забыли пароль",
            html: "<p>Восстановите пароль в электронном дневнике.</p>",
            shared: false,
        };
        let js = index(&[entry], &Cache::default());
        assert!(js.starts_with("window.SPRAVKA_SEARCH={"), "{js}");
        let doc = "[\"faq/login.html\",\"Забыли пароль\",\"Восстановите пароль в электронном дневнике.\"]";
        assert!(js.contains(doc), "{js}");
        // в, восстанов|ите, дневник|е, заб|ыли, парол|ь, электрон|ном.
        assert!(js.contains("\"cuts\":\"031313\""), "{js}");
        assert!(
            js.contains("\"found\":[\"Ничего не найдено.\",\"Найдена 1 страница\"]"),
            "{js}"
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
        let entry = Entry {
            url: "faq/x.html",
            title: "</script><script>alert(1)</script>",
            html: "<p>&lt;/script&gt; \u{2028} конец</p>",
            shared: false,
        };
        let js = index(&[entry], &Cache::default());
        assert!(!js.contains("</"), "{js}");
        assert!(!js.contains('\u{2028}'), "{js}");
        assert!(js.contains("\\u003c/script\\u003e"), "{js}");
    }

    #[test]
    fn a_shared_page_is_analysed_once_and_gives_the_same_record() {
        let cache = Cache::default();
        let entry = Entry {
            url: "faq/a.html",
            title: "Оценки",
            html: "<p>Где смотреть оценки</p>",
            shared: true,
        };
        let first = index(&[entry], &cache);
        let second = index(&[entry], &cache);
        assert_eq!(first, second);
        assert_eq!(cache.analysed.lock().map(|r| r.len()).unwrap_or(0), 1);
        let changed = Entry {
            html: "<p>Где смотреть отметки</p>",
            ..entry
        };
        assert_ne!(index(&[changed], &cache), first);
        assert_eq!(cache.analysed.lock().map(|r| r.len()).unwrap_or(0), 2);
    }
}
