//! The allow-list every article's HTML passes through (ammonia): the second net behind the
//! Markdown checks, so that no element or attribute outside this list reaches a page whatever
//! pulldown-cmark emits. It lists exactly what the enabled Markdown features produce.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};

use super::urls;

const TAGS: [&str; 26] = [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];
/// Footnotes: `<sup class="footnote-reference">` and `<div class="footnote-definition" id=…>`.
const FOOTNOTE_TAGS: [&str; 2] = ["sup", "div"];
const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
/// What pulldown-cmark writes for a table column's alignment, and nothing else.
const ALIGNMENTS: [&str; 3] = [
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(builder);

/// `html` with every element and attribute outside the allow-list removed.
///
/// HTML that already conforms to the list, as pulldown-cmark's writer produces it from the
/// checked events, is returned as it is: ammonia parses and re-serialises every article through
/// html5ever, which doubled the CPU time of a whole build (0.16 s -> 0.32 s user for 100 schools).
/// The recogniser accepts only that writer's strict shape and hands anything else to ammonia, so
/// an article that is not plainly safe always goes through ammonia.
pub fn clean(html: String) -> String {
    if conforms(&html) {
        return html;
    }
    with_ammonia(&html)
}

fn with_ammonia(html: &str) -> String {
    let mut out = Vec::with_capacity(html.len() + html.len() / 8);
    // Writing to memory does not fail; html5ever writes only UTF-8. `to_string` would check it
    // with std's validation, slow on Cyrillic text (perf: 11% of `check` on 2,505 articles).
    let _ = SANITIZER.clean(html).write_to(&mut out);
    match simdutf8::basic::from_utf8(&out) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(&out).into_owned(),
    }
}

fn builder() -> Builder<'static> {
    let mut builder = Builder::empty();
    builder
        .tags(TAGS.into_iter().chain(FOOTNOTE_TAGS).collect())
        .generic_attributes(HashSet::new())
        .tag_attributes(tag_attributes())
        .tag_attribute_values(footnote_classes())
        .url_schemes(urls::LINK_SCHEMES.into_iter().collect())
        .url_relative(UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(filter);
    builder
}

fn tag_attributes() -> HashMap<&'static str, HashSet<&'static str>> {
    let mut map: HashMap<&str, HashSet<&str>> = HEADINGS
        .into_iter()
        .map(|h| (h, HashSet::from(["id", "class"])))
        .collect();
    map.insert("a", HashSet::from(["href", "title"]));
    map.insert("img", HashSet::from(["src", "alt", "title"]));
    map.insert("ol", HashSet::from(["start"]));
    map.insert("th", HashSet::from(["style"]));
    map.insert("td", HashSet::from(["style"]));
    map.insert("code", HashSet::from(["class"]));
    map.insert("div", HashSet::from(["id"]));
    map.insert("sup", HashSet::from(["id"]));
    map
}

fn footnote_classes() -> HashMap<&'static str, HashMap<&'static str, HashSet<&'static str>>> {
    HashMap::from([
        (
            "sup",
            HashMap::from([(
                "class",
                HashSet::from(["footnote-reference", "footnote-definition-label"]),
            )]),
        ),
        (
            "div",
            HashMap::from([("class", HashSet::from(["footnote-definition"]))]),
        ),
    ])
}

/// Values the lists above cannot express: safe heading anchors and classes, the three
/// alignments, a number for a list's start, a language class for code, local images only.
fn filter<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    let keep = match (element, attribute) {
        (_, "id") if HEADINGS.contains(&element) => super::is_safe_token(value),
        (_, "class") if HEADINGS.contains(&element) => value.split(' ').all(super::is_safe_token),
        ("th" | "td", "style") => ALIGNMENTS.contains(&value),
        ("ol", "start") => value.len() <= 9 && value.bytes().all(|b| b.is_ascii_digit()),
        ("code", "class") => value.starts_with("language-"),
        ("img", "src") => urls::image_is_local(value),
        // The verbatim regulation's footnote references, for the way back from a footnote.
        ("sup", "id") => value
            .strip_prefix("fnref-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        _ => true,
    };
    keep.then_some(Cow::Borrowed(value))
}

/// Whether every tag of `html` is an allowed element with allowed attributes and values, in the
/// exact form pulldown-cmark writes: `<name attr="value" …>`, `</name>` or `<name … />`, values
/// in double quotes holding only the entities that writer emits. Text between tags is never
/// markup there (the writer escapes every `<`), so only tags need judging. Any doubt is `false`.
fn conforms(html: &str) -> bool {
    let mut rest = html;
    // memchr's SIMD search: `str::find` costs more per call than a short gap between two tags
    // (the scan was 5 % of a whole build with it).
    while let Some(open) = memchr::memchr(b'<', rest.as_bytes()) {
        // `<` is ASCII, so `open + 1` is a character boundary.
        let Some(after) = tag_end(&rest[open + 1..]) else {
            return false;
        };
        rest = after;
    }
    true
}

/// Judge one tag (the text after its `<`); the text after its `>` when it is allowed.
fn tag_end(text: &str) -> Option<&str> {
    if let Some(closing) = text.strip_prefix('/') {
        let (name, rest) = split_name(closing)?;
        return (allowed_element(name) && rest.starts_with('>')).then(|| &rest[1..]);
    }
    let (name, mut rest) = split_name(text)?;
    if !allowed_element(name) {
        return None;
    }
    loop {
        if let Some(after) = rest.strip_prefix('>').or_else(|| rest.strip_prefix(" />")) {
            return Some(after);
        }
        let (attribute, value, after) = split_attribute(rest.strip_prefix(' ')?)?;
        if !allowed_attribute(name, attribute, &decode(value)?) {
            return None;
        }
        rest = after;
    }
}

/// A name of small Latin letters and digits, and what follows it.
fn split_name(text: &str) -> Option<(&str, &str)> {
    let end = text
        .bytes()
        .position(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit()))?;
    (end > 0).then(|| text.split_at(end))
}

/// `attr="value"` at the start of `text`: (attribute, raw value, what follows).
fn split_attribute(text: &str) -> Option<(&str, &str, &str)> {
    let bytes = text.as_bytes();
    let name_end = bytes.iter().position(|b| !b.is_ascii_lowercase())?;
    if name_end == 0 || bytes.get(name_end..name_end + 2) != Some(b"=\"") {
        return None;
    }
    let value_start = name_end + 2;
    let value_len = memchr::memchr(b'"', &bytes[value_start..])?;
    let value = &text[value_start..value_start + value_len];
    let safe = memchr::memchr2(b'<', b'>', value.as_bytes()).is_none();
    safe.then_some((
        &text[..name_end],
        value,
        &text[value_start + value_len + 1..],
    ))
}

/// An attribute value with the entities pulldown-cmark writes decoded; `None` for any other `&`.
fn decode(value: &str) -> Option<Cow<'_, str>> {
    if !value.contains('&') {
        return Some(Cow::Borrowed(value));
    }
    let mut out = String::with_capacity(value.len());
    let mut parts = value.split('&');
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        let (entity, text) = part.split_once(';')?;
        out.push(match entity {
            "amp" => '&',
            "quot" => '"',
            "lt" => '<',
            "gt" => '>',
            "#x27" | "#39" => '\'',
            _ => return None,
        });
        out.push_str(text);
    }
    Some(Cow::Owned(out))
}

/// `TAGS` and `FOOTNOTE_TAGS` (tested to be the same list), as a `match`: compiled to a few
/// comparisons of length and bytes instead of up to 28 string comparisons for every tag.
fn allowed_element(name: &str) -> bool {
    matches!(
        name,
        "h1" | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "p"
            | "br"
            | "hr"
            | "ul"
            | "ol"
            | "li"
            | "blockquote"
            | "pre"
            | "code"
            | "em"
            | "strong"
            | "del"
            | "a"
            | "img"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "th"
            | "td"
            | "sup"
            | "div"
    )
}

/// The same rules as the ammonia builder's: the attribute lists, the footnote classes, `filter`
/// for values, and the link schemes.
fn allowed_attribute(element: &str, attribute: &str, value: &str) -> bool {
    match (element, attribute) {
        ("sup", "class") => ["footnote-reference", "footnote-definition-label"].contains(&value),
        ("div", "class") => value == "footnote-definition",
        ("a", "href") => urls::link_allowed(value),
        _ => listed(element, attribute) && filter(element, attribute, value).is_some(),
    }
}

/// Whether `tag_attributes` lists `attribute` for `element` (tested to be the same lists), as a
/// `match` instead of two `SipHash` lookups for every attribute.
fn listed(element: &str, attribute: &str) -> bool {
    match element {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => matches!(attribute, "id" | "class"),
        "a" => matches!(attribute, "href" | "title"),
        "img" => matches!(attribute, "src" | "alt" | "title"),
        "ol" => attribute == "start",
        "th" | "td" => attribute == "style",
        "code" => attribute == "class",
        "div" | "sup" => attribute == "id",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        super::clean(html.to_owned())
    }

    /// The `match`es stand for the lists the ammonia builder is given: the same elements, and
    /// the same attributes of each.
    #[test]
    fn the_quick_checks_match_the_lists() {
        let tags: HashSet<&str> = TAGS.into_iter().chain(FOOTNOTE_TAGS).collect();
        let names = tag_attributes();
        let attributes = [
            "id", "class", "href", "title", "src", "alt", "start", "style", "x",
        ];
        for element in tags.iter().copied().chain(["script", "svg", "h7", "", "A"]) {
            assert_eq!(
                allowed_element(element),
                tags.contains(element),
                "{element}"
            );
            for attribute in attributes {
                let in_list = names.get(element).is_some_and(|a| a.contains(attribute));
                assert_eq!(listed(element, attribute), in_list, "{element} {attribute}");
            }
        }
    }

    #[test]
    fn attributes_and_elements_outside_the_list_are_removed() {
        let html = clean(
            "<h2 id=\"a\" onfocus=\"alert(1)\" autofocus tabindex=\"0\" style=\"position:fixed\">x</h2>\
             <script>alert(1)</script><iframe src=\"https://evil.example\"></iframe>\
             <a href=\"javascript:alert(1)\" onclick=\"x\">l</a>",
        );
        assert_eq!(html, "<h2 id=\"a\">x</h2><a>l</a>");
    }

    #[test]
    fn what_markdown_produces_is_kept() {
        let html = "<table><thead><tr><th style=\"text-align: center\">a</th></tr></thead>\
                    <tbody>\n<tr><td style=\"text-align: right\">1</td></tr>\n</tbody></table>\n\
                    <ol start=\"3\">\n<li>x</li>\n</ol>\n<pre><code class=\"language-toml\">a = 1\n</code></pre>\n\
                    <p>t<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p>\n\
                    <div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>\n\
                    <p>n</p>\n</div>\n<h3 id=\"x\" class=\"note wide\">h</h3>\n\
                    <p><a href=\"https://example.org\" title=\"t\">e</a> <a href=\"mailto:a@b.ru\">m</a> \
                    <img src=\"../assets/a.png\" alt=\"a\" title=\"t\"><del>d</del><em>e</em><strong>s</strong></p>\n";
        assert_eq!(clean(html), html);
    }

    #[test]
    fn what_the_checked_markdown_writes_skips_ammonia_and_anything_else_does_not() {
        let body = "## Вход {#vhod .note}\n\nТекст *а* **б** ~~в~~ `код` [ссылка](https://example.org/?a=1&b=2 \"t'\")\
                    [почта](mailto:a@b.ru) ![схема](scheme.png \"c\")[^1]\n\n\
                    | a | b |\n|:-:|--:|\n| 1 | 2 |\n\n3. x\n4. y\n\n> цитата\n\n---\n\n\
                    ```toml\na = \"<b>\"\n```\n\nстрока  \nперенос\n\n[^1]: сноска\n";
        let rendered = crate::markdown::render(body, &|target| format!("../{target}.html"));
        let html = rendered.html.fill(&|_| crate::markdown::Value::Flag(false));
        assert!(conforms(&html), "{html}");
        for hostile in [
            "<h2 id=\"a\" onfocus=\"alert(1)\">x</h2>",
            "<h2 autofocus>x</h2>",
            "<script>alert(1)</script>",
            "<a href=\"javascript:alert(1)\">l</a>",
            "<a href=\"&#106;avascript:alert(1)\">l</a>",
            "<a href=\"java&#9;script:alert(1)\">l</a>",
            "<img src=\"http:evil.example/p.png\" alt=\"x\" />",
            "<img src=\"//evil.example/p.png\" />",
            "<A HREF=\"x\">l</A>",
            "<a/onclick=\"x\">l</a>",
            "<a href='x'>l</a>",
            "<a href=x>l</a>",
            "<!-- x --><p>t</p>",
            "<p>t</p><svg",
            "<td style=\"background:url(https://evil.example)\">1</td>",
            "<p >t</p>",
        ] {
            assert!(!conforms(hostile), "{hostile}");
            assert!(!clean(hostile).contains("evil"), "{hostile}");
        }
    }

    #[test]
    fn unsafe_values_of_allowed_attributes_are_removed() {
        assert_eq!(
            clean("<h2 id=\"a b\" class=\"x&quot;y\">h</h2>"),
            "<h2>h</h2>"
        );
        assert_eq!(
            clean(
                "<table><tr><td style=\"background:url(https://evil.example)\">1</td></tr></table>"
            ),
            "<table><tbody><tr><td>1</td></tr></tbody></table>"
        );
        assert_eq!(
            clean("<img src=\"http:evil.example/p.png\" alt=\"x\">"),
            "<img alt=\"x\">"
        );
        assert_eq!(clean("<a href=\"data:text/html,x\">l</a>"), "<a>l</a>");
    }
}
