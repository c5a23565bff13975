//! The verbatim form of the regulation: `schools/<slug>/regulation.md`, the school's approved
//! text as it is, rendered with its own point numbers and checked against the data the site's
//! other pages show (`crosscheck`), so that the pages and the document cannot disagree.

mod crosscheck;
pub mod facts;

use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::Platform;
use super::article::report_refused;
use super::school::{Rule, Rules, School};
use crate::data::{Loaded, RawSchool};
use crate::diagnostic::{Collector, FieldPath, Problem, SourceFile};
use crate::locale::t;
use crate::{links, markdown};

/// The school's own text of the regulation, as HTML for the regulation page.
#[derive(Debug, Clone)]
pub struct Regulation {
    pub html: String,
    pub file: Arc<SourceFile>,
}

/// The data that the text is checked against: the validated school, its raw `school.toml`
/// (for the places of values) and its platform preset's file.
#[derive(Debug, Clone, Copy)]
pub struct Data<'a> {
    pub school: &'a School,
    pub raw: &'a RawSchool,
    pub school_file: &'a Arc<SourceFile>,
    pub platform: &'a Platform,
    pub platform_file: Option<&'a Arc<SourceFile>>,
}

impl Regulation {
    /// Render the text and cross-check it with the data; every problem found is pushed. The
    /// text is checked even when `school.toml` has problems (`data` is then `None`, and the
    /// cross-check waits until it validates).
    pub fn validate(
        file: &Arc<SourceFile>,
        toml: &Loaded<RawSchool>,
        data: Option<Data>,
        problems: &mut Vec<Problem>,
    ) -> Option<Regulation> {
        let before = problems.len();
        check_keys(toml, problems);
        if file.text.trim().is_empty() {
            problems.push(
                Problem::new(t!("regulation-empty"))
                    .in_file(file)
                    .with_hint(t!("regulation-empty-hint")),
            );
            return None;
        }
        let rendered = render(&file.text);
        report_refused(&rendered, 0, &mut Collector::new(file, problems));
        if let Some(data) = data {
            crosscheck::check(file, &facts::extract(&file.text), data, problems);
        }
        (problems.len() == before).then(|| Regulation {
            // A regulation has no shortcodes: its HTML is one literal.
            html: rendered.html.into_literal().unwrap_or_default(),
            file: Arc::clone(file),
        })
    }
}

/// In the verbatim form, the rules of the generated text would put the template's words on the
/// contacts and emergency pages: they are all off, and `[rules]` is refused (see
/// `check_keys`).
pub fn verbatim_rules() -> Rules {
    Rules {
        clear_request: Rule::Off,
        emergency: Rule::Off,
        etiquette: Rule::Off,
        reference_materials: Rule::Off,
    }
}

/// The heading needs the document's own title (the generated one is the template's); keys that
/// only word the generated regulation have nothing to say when regulation.md holds the text:
/// each one given is a problem, rather than a value silently ignored.
fn check_keys(toml: &Loaded<RawSchool>, problems: &mut Vec<Problem>) {
    let raw = &toml.value;
    if raw.document.title.is_none() {
        problems.push(
            Problem::new(t!("regulation-title"))
                .in_file(&toml.file)
                .with_hint(t!("regulation-title-hint")),
        );
    }
    let rules = &raw.rules;
    let keys = [
        ("document", "intro", raw.document.intro.is_some()),
        (
            "school",
            "full_name_genitive",
            raw.school.full_name_genitive.is_some(),
        ),
        ("rules", "clear_request", rules.clear_request.is_some()),
        ("rules", "emergency", rules.emergency.is_some()),
        ("rules", "etiquette", rules.etiquette.is_some()),
        (
            "rules",
            "reference_materials",
            rules.reference_materials.is_some(),
        ),
    ];
    let mut report = Collector::new(&toml.file, problems);
    for (table, key, given) in keys {
        if given {
            report.report(
                &FieldPath::root().key(table).key(key),
                t!("regulation-key"),
                t!("regulation-key-hint"),
            );
        }
    }
}

/// The text as HTML: the sanitised Markdown of FAQ articles, with each list item's number as
/// the school wrote it, each line break kept and the headings placed under the document's title.
fn render(text: &str) -> markdown::Rendered {
    let mut numbers = OwnNumbers::new(text);
    markdown::render_adapted(
        text,
        &|target| links::page_href("", target),
        |event, range| numbers.adapt(event, range),
    )
}

/// The level of the text's top headings on the page: the page's title is a hidden `h1`, the
/// document's title an `h2`.
const TOP_HEADING: usize = 3;

/// Keeps an ordered list's numbers as written («5)», «3.»): Markdown would renumber the items
/// from the first and draw «)» as «.». Each item's marker is written into its text, and the
/// list is drawn without numbers of its own (the style sheet's `.doc-text ol`).
struct OwnNumbers<'a> {
    text: &'a str,
    /// For each open list, whether it is ordered.
    lists: Vec<bool>,
    /// The marker of an item just opened, written before its first text.
    marker: Option<&'a str>,
    /// How many levels the text's headings move down.
    shift: usize,
    /// The document's footnote marks in order of first use: a mark's place is its anchor.
    footnotes: Vec<CowStr<'a>>,
    /// The number of the footnote whose definition is open.
    defining: usize,
}

impl<'a> OwnNumbers<'a> {
    fn new(text: &'a str) -> Self {
        let top = Parser::new(text)
            .filter_map(|event| match event {
                Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
                _ => None,
            })
            .min()
            .unwrap_or(TOP_HEADING);
        OwnNumbers {
            text,
            lists: Vec::new(),
            marker: None,
            shift: TOP_HEADING.saturating_sub(top),
            footnotes: Vec::new(),
            defining: 0,
        }
    }

    fn adapt(&mut self, event: Event<'a>, range: std::ops::Range<usize>) -> Vec<Event<'a>> {
        let event = match event {
            Event::Start(Tag::List(first)) => {
                self.lists.push(first.is_some());
                Event::Start(Tag::List(first.map(|_| 1)))
            }
            Event::End(TagEnd::List(ordered)) => {
                self.lists.pop();
                Event::End(TagEnd::List(ordered))
            }
            Event::Start(Tag::Item) if self.lists.last() == Some(&true) => {
                let marker = self.text[range].trim_start();
                self.marker = marker.split_whitespace().next();
                return vec![Event::Start(Tag::Item)];
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: self.moved(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(self.moved(level))),
            Event::FootnoteReference(mark) => {
                let n = self.footnote(mark.clone());
                let mark = escaped(&mark);
                Event::Html(CowStr::from(format!(
                    "<sup class=\"footnote-reference\" id=\"fnref-{n}\"><a href=\"#fn-{n}\" title=\"Сноска {mark}\">{mark}</a></sup>"
                )))
            }
            Event::Start(Tag::FootnoteDefinition(mark)) => {
                let n = self.footnote(mark.clone());
                self.defining = n;
                let mark = escaped(&mark);
                Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"fn-{n}\"><sup class=\"footnote-definition-label\">{mark}</sup>\n"
                )))
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let n = self.defining;
                let back = format!(
                    "<p><a href=\"#fnref-{n}\" title=\"Вернуться к тексту\">↩</a></p>\n</div>\n"
                );
                Event::Html(CowStr::from(back))
            }
            // A document pasted as text has a line per sub-point («9.1. …», «9.2. …»): each line
            // stays a line, where Markdown would run them into one.
            Event::SoftBreak => Event::HardBreak,
            other => other,
        };
        match self.marker.take() {
            None => vec![event],
            Some(marker) => {
                let number = Event::Text(CowStr::from(format!("{marker} ")));
                match event {
                    Event::Start(Tag::Paragraph) => vec![event, number],
                    Event::End(TagEnd::Item) => vec![Event::Text(marker.into()), event],
                    other => vec![number, other],
                }
            }
        }
    }

    /// The footnote's number among the document's marks (from 1), for its anchors; the page
    /// shows the mark as written («1», «*»), never Markdown's count.
    fn footnote(&mut self, mark: CowStr<'a>) -> usize {
        if let Some(i) = self.footnotes.iter().position(|known| *known == mark) {
            i + 1
        } else {
            self.footnotes.push(mark);
            self.footnotes.len()
        }
    }

    fn moved(&self, level: HeadingLevel) -> HeadingLevel {
        let moved = (level as usize + self.shift).min(6);
        HeadingLevel::try_from(moved).unwrap_or(HeadingLevel::H6)
    }
}

/// A footnote mark as HTML text and attribute value.
fn escaped(mark: &str) -> String {
    let mut out = String::with_capacity(mark.len());
    for c in mark.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        let rendered = render(text);
        assert!(rendered.refused.is_empty(), "{:?}", rendered.refused);
        rendered
            .html
            .into_literal()
            .expect("a regulation has no slots")
    }

    #[test]
    fn footnotes_show_the_document_s_own_marks_and_link_both_ways() {
        let out = html("Текст[^*] и ещё[^2].\n\n[^2]: Вторая.\n\n[^*]: Первая.\n");
        let first = r##"<sup class="footnote-reference" id="fnref-1"><a href="#fn-1" title="Сноска *">*</a></sup>"##;
        assert!(out.contains(first), "{out}");
        assert!(
            out.contains(r##"<a href="#fn-2" title="Сноска 2">2</a>"##),
            "{out}"
        );
        let note = r#"<div class="footnote-definition" id="fn-1"><sup class="footnote-definition-label">*</sup>"#;
        assert!(out.contains(note), "{out}");
        let after_first = &out[out.find(note).unwrap()..];
        assert!(after_first.contains(r##"<a href="#fnref-1" title="Вернуться к тексту">↩</a>"##));
        let second = out.find(r#"id="fn-2""#).unwrap();
        assert!(out[second..].contains(r##"href="#fnref-2""##), "{out}");
    }

    #[test]
    fn list_numbers_stay_as_written() {
        let out = html("1) обучение;\n\n2) консультирование;\n\nТекст.\n\n3) помощь.\n");
        assert!(out.contains("<li>\n<p>1) обучение;</p>\n</li>"), "{out}");
        assert!(out.contains("<li>\n<p>2) консультирование;</p>"), "{out}");
        assert!(out.contains("<ol>\n<li>3) помощь.</li>\n</ol>"), "{out}");
        assert!(!out.contains("start="), "{out}");
    }

    #[test]
    fn a_list_that_skips_a_number_is_not_renumbered() {
        let out = html("5. Пятый.\n6. Шестой.\n8. Восьмой.\n");
        assert!(out.contains("<li>5. Пятый.</li>"), "{out}");
        assert!(out.contains("<li>8. Восьмой.</li>"), "{out}");
        assert!(!out.contains("7."), "{out}");
    }

    #[test]
    fn sub_points_are_paragraphs_with_their_numbers() {
        let out = html("3.1. Первый.\n\n9.4.1. Глубокий.\n");
        assert_eq!(out, "<p>3.1. Первый.</p>\n<p>9.4.1. Глубокий.</p>\n");
    }

    #[test]
    fn each_line_stays_a_line() {
        let out = html("9.1. ведёт учёт обращений;\n9.2. сообщает директору.\n");
        assert_eq!(
            out,
            "<p>9.1. ведёт учёт обращений;<br />\n9.2. сообщает директору.</p>\n"
        );
    }

    #[test]
    fn headings_go_under_the_document_title() {
        let out = html("# 1. Общие положения\n\n## 1.1 Термины\n");
        assert!(
            out.contains("<h3 id=\"1-obshchie-polozheniia\">1. Общие положения</h3>"),
            "{out}"
        );
        assert!(out.contains("<h4"), "{out}");
        let as_is = html("### **1. Общие положения**\n");
        assert!(as_is.starts_with("<h3"), "{as_is}");
    }

    #[test]
    fn bullets_keep_their_marks_and_raw_html_stays_text() {
        let out = html("- учет расписания;\n- <b>учет</b> посещаемости.\n");
        assert!(out.contains("<ul>\n<li>учет расписания;</li>"), "{out}");
        assert!(out.contains("&lt;b&gt;"), "{out}");
    }
}
