//! Markdown -> HTML for FAQ articles: tables, footnotes, heading anchors, internal `@/` links.
//! An article cannot load or run anything: raw HTML is shown as text; heading attributes other
//! than a safe anchor and classes, links other than web, mail, phone and relative ones, and
//! images that are not files of the site are refused (reported with their position, and left out
//! of the HTML); and the HTML then passes an allow-list sanitiser (`sanitize`) as a second net.
//!
//! An article is rendered once, when it is validated, and the same pass finds the internal links
//! that validation checks. What depends on the school that shows it comes from shortcodes
//! (`shortcodes`): each is a slot of the HTML (`slots`), filled per school.

mod ids;
mod sanitize;
pub mod search_text;
pub mod shortcodes;
pub mod slots;
pub mod urls;

use crate::locale::t;
use std::ops::Range;

use shortcodes::{Kind, SLOT_BASE, Shortcode, Tag as Code};
pub use slots::{Html, Piece, Style, Value};

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
    /// The HTML with a slot for each shortcode.
    pub html: Html,
    /// `(target without "@/", byte range of the link in the body)` of every `@/…` link.
    pub links: Vec<(String, Range<usize>)>,
    /// What the body asked for and did not get, in the order written: the first `MAX_LISTED`.
    pub refused: Vec<Refusal>,
    /// How many more were refused (a pasted document can hold thousands of the same mistake).
    pub unlisted: usize,
    /// What a reader sees of it, for the search index (`search_text::push_event`).
    pub text: String,
}

/// Refusals listed with their positions per article; the rest are counted.
pub const MAX_LISTED: usize = 50;

/// Something of the body left out of the HTML because a page cannot safely carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Byte range in the body.
    pub range: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// Render `body`; `resolve` turns the part after `@/` into a relative URL.
pub fn render(body: &str, resolve: &dyn Fn(&str) -> String) -> Rendered {
    let prepared = Prepared::new(body);
    let text = prepared.text.as_str();
    let checked = check_and_write(text, resolve, &prepared.mistakes, |event, _| {
        std::iter::once(event)
    });
    let html = checked.html;
    let mut refused = checked.refused;
    // The mistakes were found in the body itself; the rest in the text with slots.
    for refusal in refused
        .iter_mut()
        .skip(prepared.mistakes.len().min(MAX_LISTED))
    {
        refusal.range = prepared.original(&refusal.range);
    }
    let mut links = checked.links;
    for (_, range) in &mut links {
        *range = prepared.original(range);
    }
    let mut unlisted = checked.unlisted;
    let built = if prepared.shortcodes.is_empty() {
        Err(Vec::new())
    } else {
        slots::build(&html, &prepared.shortcodes)
    };
    // Without shortcodes (most articles) the HTML is one literal, not searched for slots.
    let html = match built {
        Ok(html) => html,
        Err(misplaced) => {
            for m in misplaced {
                let refusal = Refusal {
                    range: prepared.shortcodes[m.shortcode].range.clone(),
                    message: m.message,
                    hint: m.hint.clone(),
                };
                if refused.len() < MAX_LISTED {
                    refused.push(refusal);
                } else {
                    unlisted += 1;
                }
            }
            Html::literal(html)
        }
    };
    Rendered {
        html,
        links,
        refused,
        unlisted,
        text: checked.text,
    }
}

/// Render `body` as `render` does, but with no shortcodes (the school's own regulation is its
/// text as approved), and with `adapt` turning each checked event (and its range in `body`) into
/// the events written as HTML: the verbatim regulation keeps its own list numbers.
pub fn render_adapted<'a, O: IntoIterator<Item = Event<'a>>>(
    body: &'a str,
    resolve: &dyn Fn(&str) -> String,
    adapt: impl FnMut(Event<'a>, Range<usize>) -> O,
) -> Rendered {
    let checked = check_and_write(body, resolve, &[], adapt);
    Rendered {
        html: Html::literal(checked.html),
        links: checked.links,
        refused: checked.refused,
        unlisted: checked.unlisted,
        text: checked.text,
    }
}

/// What one pass over a text gives: its sanitised HTML and what the checks found.
struct Checked {
    html: String,
    links: Vec<(String, Range<usize>)>,
    refused: Vec<Refusal>,
    unlisted: usize,
    text: String,
}

/// Check every event of `text` (after refusing `mistakes` found before parsing), write the
/// adapted events as HTML and pass it through the allow-list.
fn check_and_write<'a, O: IntoIterator<Item = Event<'a>>>(
    text: &'a str,
    resolve: &dyn Fn(&str) -> String,
    mistakes: &[shortcodes::Mistake],
    mut adapt: impl FnMut(Event<'a>, Range<usize>) -> O,
) -> Checked {
    let mut checker = Checker {
        body: text,
        resolve,
        links: Vec::new(),
        refused: Vec::new(),
        unlisted: 0,
        open: Vec::new(),
        depth: 0,
    };
    for mistake in mistakes {
        let hint = mistake.hint.clone();
        checker.refuse(mistake.range.clone(), mistake.message.clone(), hint);
    }
    let mut html = String::with_capacity(text.len() * 3 / 2);
    let mut shown = String::with_capacity(text.len());
    {
        let events = Parser::new_ext(text, options())
            .into_offset_iter()
            .filter_map(|(event, range)| Some((checker.event(event, range.clone())?, range)))
            .inspect(|(event, _)| search_text::push_event(&mut shown, event))
            .flat_map(|(event, range)| adapt(event, range));
        html::push_html(&mut html, ids::HeadingIds::new(events, ids::explicit(text)));
    }
    Checked {
        html: sanitize::clean(html),
        links: checker.links,
        refused: checker.refused,
        unlisted: checker.unlisted,
        text: shown,
    }
}

/// The body with each shortcode replaced by its slot character, and where each one was.
#[derive(Debug)]
struct Prepared {
    text: String,
    shortcodes: Vec<Shortcode>,
    mistakes: Vec<shortcodes::Mistake>,
    /// `(range in text, range in body)` of each replacement, in order.
    splices: Vec<(Range<usize>, Range<usize>)>,
}

impl Prepared {
    fn new(body: &str) -> Prepared {
        let (shortcodes, mistakes) = if shortcodes::may_hold_one(body) {
            shortcodes::scan(body, &code_ranges(body))
        } else if shortcodes::has_slot(body) {
            shortcodes::scan(body, &[])
        } else {
            (Vec::new(), Vec::new())
        };
        let mut text = String::with_capacity(body.len());
        let mut splices = Vec::with_capacity(shortcodes.len());
        let mut from = 0;
        for (i, shortcode) in shortcodes.iter().enumerate() {
            text.push_str(&body[from..shortcode.range.start]);
            let start = text.len();
            // A block stands alone in its own paragraph, whatever surrounds its line.
            let block = shortcode.alone && !is_inline_value(&shortcode.tag);
            if block {
                text.push('\n');
            }
            let index = u32::try_from(i).unwrap_or(u32::MAX);
            text.extend(char::from_u32(SLOT_BASE + index));
            if block {
                text.push('\n');
            }
            splices.push((start..text.len(), shortcode.range.clone()));
            from = shortcode.range.end;
        }
        text.push_str(&body[from..]);
        Prepared {
            text,
            shortcodes,
            mistakes,
            splices,
        }
    }

    /// The range of the body that `range` of the text came from.
    fn original(&self, range: &Range<usize>) -> Range<usize> {
        self.offset(range.start, false)..self.offset(range.end, true)
    }

    /// A start maps into the replacement it falls in to its start; an end, to its end.
    fn offset(&self, at: usize, end: bool) -> usize {
        let before = self.splices.partition_point(|(text, _)| {
            if end {
                text.start < at
            } else {
                text.start <= at
            }
        });
        let Some((text, body)) = before.checked_sub(1).map(|i| &self.splices[i]) else {
            return at;
        };
        match (at < text.end, end && at == text.end) {
            (true, _) if !end => body.start,
            (true, _) | (_, true) => body.end,
            _ => body.end + (at - text.end),
        }
    }
}

fn is_inline_value(tag: &Code) -> bool {
    matches!(tag, Code::Value { entry, .. } if entry.kind == Kind::Inline)
}

/// Where the body has inline code and code blocks, in which `{{` is text.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(range),
            _ => None,
        })
        .collect()
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
            }) => Some(Event::Start(
                self.heading(level, id, classes, &attrs, range),
            )),
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
                    let message = t!("md-too-deep", max = MAX_DEPTH);
                    self.refuse(range.start..range.start + 1, message, t!("md-depth-hint"));
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
        attrs: &[(CowStr<'a>, Option<CowStr<'a>>)],
        range: Range<usize>,
    ) -> Tag<'a> {
        // Each kind is found left to right from the braces, so locating them all is linear.
        let braces = braces_of(self.body, &range);
        let (mut at_id, mut at_class, mut at_attr) = (braces, braces, braces);
        let id = id.filter(|id| {
            let safe = is_safe_token(id);
            if !safe {
                let what = t!("md-heading-anchor", id = shown(id));
                self.refuse_in_heading(&mut at_id, range.end, id, what);
            }
            safe
        });
        let classes = classes
            .into_iter()
            .filter(|class| {
                let safe = is_safe_token(class);
                if !safe {
                    let what = t!("md-heading-class", class = shown(class));
                    self.refuse_in_heading(&mut at_class, range.end, class, what);
                }
                safe
            })
            .collect();
        for (key, _) in attrs {
            let what = t!("md-heading-attribute", key = shown(key));
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
            message: t!("md-not-allowed", what = what),
            hint: t!("md-heading-hint"),
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
            let message = t!("md-link", url = shown(&dest_url));
            self.refuse(range, message, t!("md-link-hint"));
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
        let message = t!("md-image", url = shown(&dest_url));
        self.refuse(range, message, t!("md-image-hint"));
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

    fn refuse(&mut self, range: Range<usize>, message: String, hint: String) {
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
        let rendered = render(body, &|target| format!("../{target}.html"));
        rendered.html.fill(&|_| Value::Flag(false)).into_owned()
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
        let html = rendered.html.fill(&|_| Value::Flag(false));
        assert_eq!(html.matches("<blockquote>").count(), MAX_DEPTH);
        assert_eq!(html.matches("</blockquote>").count(), MAX_DEPTH);
        assert!(html.contains("текст"));
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
        let html = rendered.html.fill(&|_| Value::Flag(false));
        assert!(html.contains(r#"href="../contacts.html""#), "{html}");
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
    /// Values a test school has: a hostile name, two reasons, voicemail on.
    fn value(name: &str) -> Value {
        let text = |items: &[&str]| {
            items
                .iter()
                .map(|t| vec![Piece::Text(t.to_string())])
                .collect()
        };
        match name {
            "school.short_name" => Value::text("<b>\"Школа\" & 'ко'</b>"),
            "rejection_reasons_count" => Value::text("две причины"),
            "rejection_reasons" => Value::Block(Style::Numbered, text(&["а", "б <i>"])),
            "requirements" => Value::Block(Style::Bulleted, Vec::new()),
            "escalation_contacts" => Value::Block(
                Style::Bulleted,
                vec![
                    vec![
                        Piece::Text("почта ".into()),
                        Piece::Link {
                            href: "mailto:a@b.ru".into(),
                            text: "a@b.ru".into(),
                        },
                    ],
                    vec![Piece::Link {
                        href: "javascript:x".into(),
                        text: "плохая".into(),
                    }],
                ],
            ),
            "voicemail" => Value::Flag(true),
            _ => Value::Flag(false),
        }
    }

    /// The body's HTML for the test school, checked against the allow-list.
    fn filled(body: &str) -> String {
        let rendered = render(body, &|target| format!("../{target}.html"));
        assert!(rendered.refused.is_empty(), "{:?}", rendered.refused);
        let html = rendered.html.fill(&value).into_owned();
        assert_eq!(
            sanitize::clean(html.clone()),
            html,
            "the filled HTML passes the allow-list as it is"
        );
        html
    }

    #[test]
    fn inline_values_are_escaped_text() {
        assert_eq!(
            filled("Школа {{ school.short_name }}."),
            "<p>Школа &lt;b&gt;&quot;Школа&quot; &amp; &#39;ко&#39;&lt;/b&gt;.</p>\n"
        );
    }

    #[test]
    fn block_values_are_lists_alone_in_their_place() {
        let list = "<ol>\n<li>а</li>\n<li>б &lt;i&gt;</li>\n</ol>\n";
        for body in [
            "Причины:\n\n{{ rejection_reasons }}\n\nКонец.",
            "Причины:\n  {{ rejection_reasons }}\nКонец.",
        ] {
            assert_eq!(
                filled(body),
                format!("<p>Причины:</p>\n{list}<p>Конец.</p>\n")
            );
        }
        // An empty list leaves nothing, not an empty element.
        assert_eq!(filled("{{ requirements }}\n"), "");
        // A link of a value keeps an allowed scheme only.
        assert_eq!(
            filled("{{ escalation_contacts }}"),
            "<ul>\n<li>почта <a href=\"mailto:a@b.ru\">a@b.ru</a></li>\n<li>плохая</li>\n</ul>\n"
        );
    }

    #[test]
    fn a_list_within_a_sentence_is_refused_where_it_is() {
        let body = "Текст\n\nПричины: {{ rejection_reasons }}.\n\n- {{ rejection_reasons }}\n";
        assert_eq!(
            refused_at(body),
            ["{{ rejection_reasons }}", "{{ rejection_reasons }}"]
        );
        let rendered = render(body, &|t| t.to_owned());
        assert_eq!(rendered.refused[0].range.start, body.find("{{").unwrap());
        assert!(rendered.refused[0].message.contains("is a list"));
    }

    #[test]
    fn conditions_keep_or_drop_whole_blocks() {
        let body = "До.\n\n{% if voicemail %}\nОставьте сообщение.\n\n- с номером\n{% else %}\nПерезвоните.\n{% end %}\n\nПосле.";
        assert_eq!(
            filled(body),
            "<p>До.</p>\n<p>Оставьте сообщение.</p>\n<ul>\n<li>с номером</li>\n</ul>\n<p>После.</p>\n"
        );
        let negated = body.replace("if voicemail", "if not voicemail");
        assert_eq!(
            filled(&negated),
            "<p>До.</p>\n<p>Перезвоните.</p>\n<p>После.</p>\n"
        );
    }

    #[test]
    fn conditions_within_a_sentence_and_nested() {
        let body = "Звоните{% if voicemail %} или оставьте сообщение{% if requirements %} и требования{% end %}{% end %}.";
        assert_eq!(filled(body), "<p>Звоните или оставьте сообщение.</p>\n");
    }

    #[test]
    fn a_condition_across_elements_is_refused() {
        let body = "**а {% if voicemail %}б** в{% end %}\n";
        assert_eq!(refused_at(body), ["{% if voicemail %}"]);
        let body = "{% if voicemail %}\nа\n\nб {% end %}\n";
        assert_eq!(refused_at(body), ["{% if voicemail %}"]);
    }

    #[test]
    fn shortcodes_in_code_and_escaped_ones_stay_text() {
        let body = "`{{ nope }}` \\{{ school.short_name }}\n\n```\n{% if x %}{{ y }}\n```\n";
        assert_eq!(
            filled(body),
            "<p><code>{{ nope }}</code> {{ school.short_name }}</p>\n<pre><code>{% if x %}{{ y }}\n</code></pre>\n"
        );
    }

    #[test]
    fn a_shortcode_in_an_address_or_description_is_refused() {
        let body = "[a](mailto:{{ school.short_name }}) ![{{ school.short_name }}](a.png)\n";
        assert_eq!(
            refused_at(body),
            ["{{ school.short_name }}", "{{ school.short_name }}"]
        );
    }

    #[test]
    fn unknown_shortcodes_are_refused_at_their_place() {
        let body = "Текст.\n\nЗвоните {{ school.phone }}.";
        let rendered = render(body, &|t| t.to_owned());
        assert_eq!(refused_at(body), ["{{ school.phone }}"]);
        assert!(rendered.refused[0].hint.contains("rejection_reasons"));
    }

    #[test]
    fn headings_take_values_and_keep_a_stable_anchor() {
        assert_eq!(
            filled("## {{ rejection_reasons_count | capitalize }} отклонения\n"),
            "<h2 id=\"otkloneniia\">Две причины отклонения</h2>\n"
        );
    }

    #[test]
    fn positions_after_shortcodes_are_those_of_the_body() {
        let body = "{{ school.short_name }}\n\n{% if voicemail %}\n\n[к](@/contacts) [x](data:y)\n\n{% end %}\n";
        let rendered = render(body, &|t| t.to_owned());
        assert_eq!(&body[rendered.links[0].1.clone()], "[к](@/contacts)");
        assert_eq!(refused_at(body), ["[x](data:y)"]);
    }

    #[test]
    fn an_article_without_shortcodes_is_one_literal() {
        assert!(render("# a\n\nb {c}", &|t| t.to_owned()).html.is_literal());
    }
}
