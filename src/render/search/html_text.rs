//! The text a reader sees in a rendered page: for the fixed pages of a school (schedule,
//! contacts, …), whose text comes from the theme's templates rather than from Markdown.

/// The inside of a page's `<main>` element, the part that is the page's own.
pub fn main_region(html: &str) -> &str {
    let Some(start) = html.find("<main") else {
        return html;
    };
    let body = &html[start..];
    let body = body.find('>').map_or(body, |open| &body[open + 1..]);
    body.rfind("</main>").map_or(body, |end| &body[..end])
}

/// The text of `html`: tags dropped (those that break a line become a space), `<script>`,
/// `<style>`, `<svg>` and `<template>` skipped, entities decoded, white space collapsed.
#[must_use]
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = memchr::memchr(b'<', rest.as_bytes()) {
        push_text(&mut text, &rest[..open]);
        let tag = &rest[open..];
        let Some(close) = memchr::memchr(b'>', tag.as_bytes()) else {
            rest = "";
            break;
        };
        let name = tag_name(&tag[1..close]);
        rest = &tag[close + 1..];
        if let Some(skipped) = SKIPPED.iter().find(|s| name.eq_ignore_ascii_case(s)) {
            rest = skip_element(rest, skipped);
        } else if !INLINE.iter().any(|s| name.eq_ignore_ascii_case(s)) {
            space(&mut text);
        }
    }
    push_text(&mut text, rest);
    text.truncate(text.trim_end().len());
    text
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

/// The rest of the HTML after the end tag of a skipped element (any case of its name).
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let bytes = rest.as_bytes();
    for at in memchr::memmem::find_iter(bytes, b"</") {
        let after = &bytes[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return memchr::memchr(b'>', after).map_or("", |close| &rest[at + 2 + close + 1..]);
        }
    }
    ""
}

fn space(text: &mut String) {
    if !text.is_empty() && !text.ends_with(' ') {
        text.push(' ');
    }
}

/// Text between tags: entities decoded, each run of white space one space.
fn push_text(text: &mut String, html: &str) {
    let mut rest = html;
    let special = |b: &u8| *b == b'&' || b.is_ascii_whitespace();
    while let Some(at) = rest.as_bytes().iter().position(special) {
        text.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if rest.as_bytes()[at] != b'&' {
            space(text);
            rest = after;
            continue;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(html_text("<p>a</p><script>never closed"), "a");
    }

    #[test]
    fn main_region_is_the_pages_own_part() {
        let html = "<header>Шапка</header><main id=\"main\" class=\"wrap\"><p>Суть</p></main><footer>Низ</footer>";
        assert_eq!(main_region(html), "<p>Суть</p>");
    }
}
