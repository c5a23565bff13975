//! Markdown -> HTML for FAQ articles: tables, footnotes, heading anchors, internal `@/` links.
//! An article cannot load or run anything: raw HTML is shown as text; heading attributes other
//! than a safe anchor and classes, links other than web, mail, phone and relative ones, and
//! images that are not files of the site are refused (reported with their position, and left out
//! of the HTML); and the HTML then passes an allow-list sanitiser (`sanitize`) as a second net.
//!
//! An article is rendered once, when it is validated: its HTML does not depend on the school that
//! shows it, and the same pass finds the internal links that validation checks.

mod ids;
mod sanitize;
pub mod urls;

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};

/// The Markdown extensions every article may use.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// An article body as HTML, with the internal links found in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// `(target without "@/", byte range of the link in the body)` of every `@/…` link.
    pub links: Vec<(String, Range<usize>)>,
    /// What the body asked for and did not get, in the order written: the first `MAX_LISTED`.
    pub refused: Vec<Refusal>,
    /// How many more were refused (a pasted document can hold thousands of the same mistake).
    pub unlisted: usize,
}

/// Refusals listed with their positions per article; the rest are counted.
pub const MAX_LISTED: usize = 50;

/// Something of the body left out of the HTML because a page cannot safely carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Byte range in the body.
    pub range: Range<usize>,
    pub message: String,
    pub hint: &'static str,
}

/// Render `body`; `resolve` turns the part after `@/` into a relative URL.
pub fn render(body: &str, resolve: &dyn Fn(&str) -> String) -> Rendered {
    render_adapted(body, resolve, |event, _| std::iter::once(event))
}

/// Render `body` as `render` does, with `adapt` turning each checked event (and its range in
/// `body`) into the events written as HTML: the verbatim regulation keeps its own list numbers.
pub fn render_adapted<'a, O: IntoIterator<Item = Event<'a>>>(
    body: &'a str,
    resolve: &dyn Fn(&str) -> String,
    mut adapt: impl FnMut(Event<'a>, Range<usize>) -> O,
) -> Rendered {
    let mut checker = Checker {
        body,
        resolve,
        links: Vec::new(),
        refused: Vec::new(),
        unlisted: 0,
        open: Vec::new(),
        depth: 0,
    };
    let mut html = String::with_capacity(body.len() * 3 / 2);
    let events = Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(event, range)| Some((checker.event(event, range.clone())?, range)))
        .flat_map(|(event, range)| adapt(event, range));
    html::push_html(&mut html, ids::HeadingIds::new(events, ids::explicit(body)));
    Rendered {
        html: sanitize::clean(html),
        links: checker.links,
        refused: checker.refused,
        unlisted: checker.unlisted,
    }
}

/// Latin letters, digits, `-` and `_`: an anchor or class that needs no quoting anywhere.
pub fn is_safe_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What became of an opened link or image, so that its end matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opened {
    Link,
    Image,
    /// Left out: its text stays as plain text.
    Dropped,
}

const HEADING_HINT: &str = "a heading may carry only an anchor and classes in Latin letters, \
    digits, `-` and `_`, such as {#chto-ukazat .vazhno}; delete the rest from the braces";
const LINK_HINT: &str = "link to a web page (https://…), an e-mail (mailto:…), a phone \
    (tel:…), a page of this site (@/contacts) or a relative address";
const IMAGE_HINT: &str = "an article may show only pictures that are files of the site, by a \
    relative address such as ../assets/shema.png (a theme's static/ folder); make a picture from \
    elsewhere a link instead: [подпись](https://…)";

const DEPTH_HINT: &str = "no page needs quotes, lists or emphasis nested so deep; remove the \
    extra `>`, list indents or marks";

/// How deep elements may nest in an article: real ones stay under ten.
pub const MAX_DEPTH: usize = 64;

/// Checks and rewrites the events one by one, noting what it refuses.
struct Checker<'b, 'r> {
    body: &'b str,
    resolve: &'r dyn Fn(&str) -> String,
    links: Vec<(String, Range<usize>)>,
    refused: Vec<Refusal>,
    unlisted: usize,
    open: Vec<Opened>,
    /// Elements open around the current event, as the parser reports them.
    depth: usize,
}

impl<'a> Checker<'a, '_> {
    fn event(&mut self, event: Event<'a>, range: Range<usize>) -> Option<Event<'a>> {
        if !self.within_depth(&event, &range) {
            return None;
        }
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Some(Event::Start(self.heading(level, id, classes, attrs, range))),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.link(link_type, dest_url, title, id, range),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => self.image(link_type, dest_url, title, id, range),
            Event::End(TagEnd::Link | TagEnd::Image) => match self.open.pop() {
                Some(Opened::Link) => Some(Event::End(TagEnd::Link)),
                Some(Opened::Image) => Some(Event::End(TagEnd::Image)),
                Some(Opened::Dropped) | None => None,
            },
            other => Some(other),
        }
    }

    /// Whether the event is at most `MAX_DEPTH` elements deep. Deeper starts and ends are left
    /// out (their text stays), and the first one is refused: the sanitiser's HTML parser checks
    /// the open elements for every tag, which made 30,000 nested quotes take 2.6 s and
    /// 100,000 take 33 s. Events nest properly, so a start and its end are at the same depth.
    fn within_depth(&mut self, event: &Event<'a>, range: &Range<usize>) -> bool {
        match event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth == MAX_DEPTH + 1 {
                    let message = format!("blocks and marks nested more than {MAX_DEPTH} deep");
                    self.refuse(range.start..range.start + 1, message, DEPTH_HINT);
                }
                self.depth <= MAX_DEPTH
            }
            Event::End(_) => {
                self.depth -= 1;
                self.depth < MAX_DEPTH
            }
            _ => true,
        }
    }

    /// The heading with only its safe anchor and classes; everything else is refused.
    fn heading(
        &mut self,
        level: pulldown_cmark::HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        range: Range<usize>,
    ) -> Tag<'a> {
        // Each kind is found left to right from the braces, so locating them all is linear.
        let braces = braces_of(self.body, &range);
        let (mut at_id, mut at_class, mut at_attr) = (braces, braces, braces);
        let id = id.filter(|id| {
            let safe = is_safe_token(id);
            if !safe {
                let what = format!("the heading anchor `#{}`", shown(id));
                self.refuse_in_heading(&mut at_id, range.end, id, what);
            }
            safe
        });
        let classes = classes
            .into_iter()
            .filter(|class| {
                let safe = is_safe_token(class);
                if !safe {
                    let what = format!("the heading class `.{}`", shown(class));
                    self.refuse_in_heading(&mut at_class, range.end, class, what);
                }
                safe
            })
            .collect();
        for (key, _) in &attrs {
            let what = format!("the heading attribute `{}`", shown(key));
            self.refuse_in_heading(&mut at_attr, range.end, key, what);
        }
        Tag::Heading {
            level,
            id,
            classes,
            attrs: Vec::new(),
        }
    }

    /// Points at `needle`, searched from `*from` (a body offset) and before `end`; `*from` moves
    /// past it.
    fn refuse_in_heading(&mut self, from: &mut usize, end: usize, needle: &str, what: String) {
        if self.refused.len() >= MAX_LISTED {
            self.unlisted += 1;
            return;
        }
        let start = self.body[*from..end]
            .find(needle)
            .map_or(*from, |i| *from + i);
        *from = start + needle.len();
        self.refused.push(Refusal {
            range: start..start + needle.len().max(1),
            message: format!("{what} is not allowed"),
            hint: HEADING_HINT,
        });
    }

    fn link(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        range: Range<usize>,
    ) -> Option<Event<'a>> {
        let dest_url = if let Some(target) = dest_url.strip_prefix("@/") {
            self.links.push((target.to_owned(), range));
            (self.resolve)(target).into()
        } else if link_type == LinkType::Email || urls::link_allowed(&dest_url) {
            dest_url
        } else {
            let message = format!("the link to `{}` is not allowed", shown(&dest_url));
            self.refuse(range, message, LINK_HINT);
            self.open.push(Opened::Dropped);
            return None;
        };
        self.open.push(Opened::Link);
        Some(Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }))
    }

    /// A local image stays one; any other is refused, and kept as a link when it may be one.
    fn image(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        range: Range<usize>,
    ) -> Option<Event<'a>> {
        if urls::image_is_local(&dest_url) {
            self.open.push(Opened::Image);
            return Some(Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }));
        }
        let message = format!(
            "the image `{}` is not a file of this site and would be loaded from elsewhere",
            shown(&dest_url)
        );
        self.refuse(range, message, IMAGE_HINT);
        if !urls::link_allowed(&dest_url) {
            self.open.push(Opened::Dropped);
            return None;
        }
        self.open.push(Opened::Link);
        Some(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url,
            title,
            id,
        }))
    }

    fn refuse(&mut self, range: Range<usize>, message: String, hint: &'static str) {
        if self.refused.len() >= MAX_LISTED {
            self.unlisted += 1;
            return;
        }
        self.refused.push(Refusal {
            range,
            message,
            hint,
        });
    }
}

/// Where a heading's attribute braces start in the body: the last `{` of its first line.
fn braces_of(body: &str, heading: &Range<usize>) -> usize {
    let source = &body[heading.clone()];
    let line = source.split('\n').next().unwrap_or(source);
    heading.start + line.rfind('{').unwrap_or(0)
}

/// A value for a message: control characters escaped, at most 80 characters.
fn shown(text: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    fn plain(body: &str) -> String {
        render(body, &|target| format!("../{target}.html")).html
    }

    /// The text each refusal points at.
    fn refused_at(body: &str) -> Vec<&str> {
        let rendered = render(body, &|target| format!("../{target}.html"));
        rendered
            .refused
            .iter()
            .map(|r| &body[r.range.clone()])
            .collect()
    }

    #[test]
    fn headings_get_transliterated_unique_ids() {
        let html = plain("## Что указать\n\n## Что указать\n");
        assert!(html.contains(r#"<h2 id="chto-ukazat">"#), "{html}");
        assert!(html.contains(r#"<h2 id="chto-ukazat-1">"#), "{html}");
    }

    #[test]
    fn eight_thousand_equal_headings_get_distinct_ids() {
        // The old list scan was cubic here: 8,000 equal headings took 116 s (minutes in a debug
        // build); this must finish in well under a second.
        const N: usize = 8_000;
        let html = plain(&"## Вопрос\n\n".repeat(N));
        let ids: std::collections::HashSet<&str> = html
            .split("<h2 id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert_eq!(ids.len(), N);
        assert!(ids.contains("vopros") && ids.contains("vopros-7999"));
    }

    #[test]
    fn refusals_beyond_the_first_fifty_are_counted() {
        // 20,000 attributes on one line: locating each from the braces was quadratic.
        let body = format!(
            "## A {{{}}}\n\n{}",
            "x=1 ".repeat(20_000),
            "[a](data:x) ".repeat(10)
        );
        let rendered = render(&body, &|target| target.to_owned());
        assert_eq!(rendered.refused.len(), MAX_LISTED);
        assert_eq!(rendered.unlisted, 20_010 - MAX_LISTED);
        let starts: Vec<usize> = rendered.refused.iter().map(|r| r.range.start).collect();
        assert_eq!(starts[..3], [6, 10, 14]);
    }

    #[test]
    fn nesting_beyond_the_limit_is_refused_and_flattened() {
        // 100,000 nested quotes took 33 s in the sanitiser before the limit; now linear.
        let body = format!("{} текст\n", ">".repeat(100_000));
        let rendered = render(&body, &|target| target.to_owned());
        assert_eq!(rendered.html.matches("<blockquote>").count(), MAX_DEPTH);
        assert_eq!(rendered.html.matches("</blockquote>").count(), MAX_DEPTH);
        assert!(rendered.html.contains("текст"));
        assert_eq!(rendered.refused.len(), 1, "{:?}", rendered.refused);
        assert_eq!(rendered.refused[0].range.start, MAX_DEPTH);
        // Quotes one less deep than the limit, with their paragraph at the limit.
        let shallow = render(&format!("{} x\n", ">".repeat(MAX_DEPTH - 1)), &|t| {
            t.to_owned()
        });
        assert!(shallow.refused.is_empty());
    }

    #[test]
    fn generated_ids_never_take_an_anchor_written_later() {
        let html = plain("## A\n\n## A\n\n## Другой {#a-1}\n");
        assert!(html.contains(r#"<h2 id="a">A</h2>"#), "{html}");
        assert!(html.contains(r#"<h2 id="a-2">A</h2>"#), "{html}");
        assert!(html.contains(r#"<h2 id="a-1">Другой</h2>"#), "{html}");
    }

    #[test]
    fn heading_attributes_other_than_anchor_and_classes_are_refused() {
        let body = "## Как войти {autofocus onfocus=alert(document.domain) tabindex=0}\n\n\
                    ## Б {#b .note onmouseover=alert(1) style=position:fixed;inset:0}\n";
        let html = plain(body);
        for bad in [
            "autofocus",
            "onfocus",
            "tabindex",
            "onmouseover",
            "style",
            "alert",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains(r#"<h2 id="kak-voiti">"#), "{html}");
        assert!(html.contains(r#"<h2 id="b" class="note">"#), "{html}");
        assert_eq!(
            refused_at(body),
            ["autofocus", "onfocus", "tabindex", "onmouseover", "style"]
        );
    }

    #[test]
    fn unsafe_anchors_and_classes_are_refused_and_replaced() {
        let body = "## Вход {#вход .a\"b}\n";
        let html = plain(body);
        assert_eq!(html, "<h2 id=\"vkhod\">Вход</h2>\n");
        assert_eq!(refused_at(body), ["вход", "a\"b"]);
    }

    #[test]
    fn links_with_other_schemes_are_refused_and_left_as_text() {
        let body = "[a](javascript:alert(1)) [b](<java\tscript:alert(1)>) \
                    [c](&#106;avascript&#58;alert(1)) [d](JAVASCRIPT:x) [e](data:text/html,x) \
                    [f](vbscript:x) [g](file:///etc/passwd) [h][r] <javascript:alert(1)>\n\n\
                    [r]: javascript:alert(2)\n";
        let html = plain(body);
        // What was a link is its text: an autolink's text is its address, harmless as text.
        assert_eq!(html, "<p>a b c d e f g h javascript:alert(1)</p>\n");
        assert_eq!(refused_at(body).len(), 9, "{:?}", refused_at(body));
        assert!(refused_at(body)[0].starts_with("[a]"));
    }

    #[test]
    fn web_mail_phone_and_relative_links_stay() {
        let html = plain(
            "[a](https://example.org) [b](mailto:help@school.ru) [c](tel:+74950000000) \
             [d](../contacts.html) <help@school.ru>",
        );
        assert_eq!(
            html,
            "<p><a href=\"https://example.org\">a</a> <a href=\"mailto:help@school.ru\">b</a> \
             <a href=\"tel:+74950000000\">c</a> <a href=\"../contacts.html\">d</a> \
             <a href=\"mailto:help@school.ru\">help@school.ru</a></p>\n"
        );
    }

    #[test]
    fn internal_links_are_resolved_and_listed() {
        let body = "Текст [контакты](@/contacts) и [внешняя](https://example.org).";
        let rendered = render(body, &|target| format!("../{target}.html"));
        assert!(
            rendered.html.contains(r#"href="../contacts.html""#),
            "{}",
            rendered.html
        );
        assert_eq!(rendered.links.len(), 1);
        let (target, range) = &rendered.links[0];
        assert_eq!(target, "contacts");
        assert_eq!(&body[range.clone()], "[контакты](@/contacts)");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = plain("<script>alert(1)</script>\n\nа <img src=x onerror=alert(1)> б");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn no_image_is_loaded_from_elsewhere() {
        let body = "![a](http:evil.example/p.png) ![b](HTTP://evil.example/p.png) \
                    ![c](//evil.example/p.png) ![d](/\\evil.example/p.png) \
                    ![e](<\\\\evil.example\\p.png>) ![f](data:image/png;base64,AA) \
                    ![g](https://evil.example/p.png)";
        let html = plain(body);
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(
            html.contains(r#"<a href="https://evil.example/p.png">g</a>"#),
            "{html}"
        );
        assert_eq!(refused_at(body).len(), 7, "{:?}", refused_at(body));
    }

    #[test]
    fn a_local_image_stays_an_image() {
        let html = plain("![схема](scheme.png \"Схема\")");
        assert_eq!(
            html,
            "<p><img src=\"scheme.png\" alt=\"схема\" title=\"Схема\" /></p>\n"
        );
    }

    #[test]
    fn tables_and_footnotes() {
        let html = plain("| a | b |\n|:-:|--:|\n| 1 | 2 |\n\nтекст[^1]\n\n[^1]: сноска\n");
        assert!(
            html.contains(r#"<th style="text-align: center">a</th>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<td style="text-align: right">2</td>"#),
            "{html}"
        );
        assert!(html.contains(r##"<sup class="footnote-reference"><a href="#1">1</a></sup>"##));
        assert!(
            html.contains(r#"<div class="footnote-definition" id="1">"#),
            "{html}"
        );
    }
}
