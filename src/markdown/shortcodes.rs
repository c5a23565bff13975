//! Shortcodes: a shared article says the school's own facts through `{{ name }}` and
//! `{% if name %} … {% else %} … {% end %}`, never by writing them out. The names are a fixed
//! vocabulary (`VOCABULARY`); each school supplies their values when its pages are rendered.
//!
//! Written as Zola writes its shortcodes, but a name is a value, not a template: an article can
//! only print facts the school's data holds and include or leave out text by them. A shortcode
//! inside inline code or a code block is text, and `\{{` or `\{%` writes the braces themselves.

use crate::locale::t;
use std::ops::Range;

/// How a name may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Words within a sentence: `{{ school.short_name }}`.
    Inline,
    /// A list or paragraphs: `{{ rejection_reasons }}`, alone on its line.
    Block,
    /// Only a condition: `{% if voicemail %}`.
    Flag,
}

/// One name of the vocabulary.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub kind: Kind,
    /// What it holds, for the README and for the hint of a misspelt name.
    pub doc: &'static str,
}

const fn entry(name: &'static str, kind: Kind, doc: &'static str) -> Entry {
    Entry { name, kind, doc }
}

/// Every name an article may use. README «FAQ articles» documents the same list.
pub const VOCABULARY: &[Entry] = &[
    entry("school.short_name", Kind::Inline, "the school's short name"),
    entry("school.full_name", Kind::Inline, "the school's full name"),
    entry("platform.name", Kind::Inline, "«ИС «Дневник.ру»»"),
    entry("platform.short_name", Kind::Inline, "«Дневник.ру»"),
    entry("platform.work_in", Kind::Inline, "«в ИС «Дневник.ру»»"),
    entry(
        "support.name",
        Kind::Inline,
        "«Служба поддержки ИС «Дневник.ру»»",
    ),
    entry(
        "rejection_reasons",
        Kind::Block,
        "the vendor's reasons to reject a request, numbered",
    ),
    entry(
        "rejection_reasons_count",
        Kind::Inline,
        "«две причины», «одна причина», «пять причин»",
    ),
    entry(
        "requirements",
        Kind::Block,
        "the vendor's requirements to a user, listed",
    ),
    entry(
        "escalation_contacts",
        Kind::Block,
        "the vendor's emergency emails and phones (cost)",
    ),
    entry(
        "escalation_audience",
        Kind::Inline,
        "who may turn to the vendor themselves",
    ),
    entry(
        "staff_can_escalate",
        Kind::Flag,
        "staff may turn to the vendor themselves",
    ),
    entry(
        "parents_can_escalate",
        Kind::Flag,
        "parents may turn to the vendor themselves",
    ),
    entry(
        "support_hours",
        Kind::Block,
        "the vendor's hours, in its zone and the school's",
    ),
    entry(
        "voicemail",
        Kind::Flag,
        "a call out of hours can leave a voice message",
    ),
    entry(
        "email_always",
        Kind::Flag,
        "emails are registered around the clock",
    ),
    entry(
        "response_times",
        Kind::Block,
        "the school's response time for staff and parents",
    ),
    entry(
        "staff_channels",
        Kind::Block,
        "how staff reach the consultant, with contacts",
    ),
    entry(
        "parents_channels",
        Kind::Block,
        "how parents reach the consultant, with contacts",
    ),
    entry(
        "school_contacts",
        Kind::Block,
        "the school's own phones, emails and website",
    ),
    entry(
        "helpers",
        Kind::Block,
        "who else helps (deputies, experienced teachers)",
    ),
    entry(
        "help_topics",
        Kind::Block,
        "the consultation topics of the regulation",
    ),
    entry(
        "help_for_parents",
        Kind::Flag,
        "the consultant also helps parents",
    ),
    entry(
        "training_deadline",
        Kind::Inline,
        "«5 рабочих дней», after «не позднее»",
    ),
    entry(
        "schedule_posted",
        Kind::Inline,
        "«на информационном стенде ОО и на сайте ОО»",
    ),
    entry(
        "clear_request_rule",
        Kind::Inline,
        "the regulation's rule on wording a request",
    ),
    entry(
        "emergency_rule",
        Kind::Inline,
        "the regulation's definition of an emergency",
    ),
    entry(
        "etiquette_rule",
        Kind::Block,
        "the regulation's rule of etiquette, paragraphs",
    ),
    entry(
        "reference_materials_rule",
        Kind::Inline,
        "the right to use reference materials",
    ),
];

/// The entry of `name`, if it is one.
#[must_use]
pub fn lookup(name: &str) -> Option<&'static Entry> {
    VOCABULARY.iter().find(|entry| entry.name == name)
}

/// The only filter: the first letter made capital, the rest kept as written.
pub const CAPITALIZE: &str = "capitalize";

/// What one shortcode of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Value {
        entry: &'static Entry,
        capitalize: bool,
    },
    If {
        entry: &'static Entry,
        negate: bool,
    },
    Else,
    End,
}

/// A shortcode found in the body: where it is, what it is, and whether it stands alone on its
/// line (then it stands for whole blocks: a list, or the paragraphs a condition keeps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcode {
    pub range: Range<usize>,
    pub tag: Tag,
    pub alone: bool,
}

/// A shortcode that cannot be used: where, why, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    pub range: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// How many shortcodes one article may hold (each becomes one private-use character).
pub const MAX_SHORTCODES: usize = 10_000;

/// The first private-use character of the slots (plane 15, which no text needs).
pub const SLOT_BASE: u32 = 0xF_0000;

/// Whether `c` is one of the characters reserved for slots.
pub fn is_slot(c: char) -> bool {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "a constant of 10,000 (a slot's character is under U+F2710)"
    )]
    let slots = SLOT_BASE..SLOT_BASE + MAX_SHORTCODES as u32;
    slots.contains(&u32::from(c))
}

/// Whether `body` has a `{{` or `{%` anywhere: a byte search for `{`, which most articles never
/// have, instead of two searches for the pairs.
pub fn may_hold_one(body: &str) -> bool {
    let bytes = body.as_bytes();
    memchr::memchr_iter(b'{', bytes).any(|at| matches!(bytes.get(at + 1), Some(b'{' | b'%')))
}

/// Whether `text` holds a slot character: a byte search for their UTF-8 lead byte (0xF3, which
/// real text almost never has) before any decoding, as every article body is asked.
pub fn has_slot(text: &str) -> bool {
    memchr::memchr(0xF3, text.as_bytes()).is_some() && text.contains(is_slot)
}

/// Every well-formed shortcode of `body` outside the `code` ranges, and the mistakes found:
/// unknown names, a wrong use of a kind, `{% else %}`/`{% end %}` without `{% if %}`, and an
/// `{% if %}` never closed. A mistaken shortcode is left out (its text stays as written).
pub fn scan(body: &str, code: &[Range<usize>]) -> (Vec<Shortcode>, Vec<Mistake>) {
    let mut scanner = Scanner::default();
    if let Some(at) = has_slot(body).then(|| body.find(is_slot)).flatten() {
        let len = body[at..].chars().next().map_or(1, char::len_utf8);
        scanner.mistake(
            at..at + len,
            t!("sc-private-use"),
            t!("sc-private-use-hint"),
        );
        return (Vec::new(), scanner.mistakes);
    }
    let mut from = 0;
    while let Some(found) = next_open(body, from) {
        if let Some(inside) = code.iter().find(|range| range.contains(&found)) {
            from = inside.end.max(found + 2);
            continue;
        }
        from = scanner.tag_at(body, found);
    }
    scanner.finish();
    (scanner.shortcodes, scanner.mistakes)
}

/// The next `{{` or `{%` at or after `from` that is not escaped with a backslash.
fn next_open(body: &str, mut from: usize) -> Option<usize> {
    while let Some(i) = body[from..].find('{') {
        let at = from + i;
        let opens = matches!(body.as_bytes().get(at + 1), Some(b'{' | b'%'));
        let escaped = at > 0 && body.as_bytes()[at - 1] == b'\\';
        if opens && !escaped {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[derive(Debug, Default)]
struct Scanner {
    shortcodes: Vec<Shortcode>,
    mistakes: Vec<Mistake>,
    /// Indices (into `shortcodes`) of the open `{% if %}`s, and whether each had its else.
    open: Vec<(usize, bool)>,
}

impl Scanner {
    fn mistake(&mut self, range: Range<usize>, message: String, hint: String) {
        self.mistakes.push(Mistake {
            range,
            message,
            hint,
        });
    }

    /// Read the shortcode that opens at `at`; where scanning goes on.
    fn tag_at(&mut self, body: &str, at: usize) -> usize {
        let value = body.as_bytes()[at + 1] == b'{';
        let close = if value { "}}" } else { "%}" };
        let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
        let Some(end) = body[at + 2..line_end].find(close).map(|i| at + 2 + i + 2) else {
            self.mistake(
                at..at + 2,
                t!("sc-not-closed", open = &body[at..at + 2]),
                t!(
                    "sc-not-closed-hint",
                    close = close,
                    open = &body[at..at + 2]
                ),
            );
            return at + 2;
        };
        let inner = body[at + 2..end - 2].trim();
        let range = at..end;
        let tag = if value {
            self.value(inner, &range)
        } else {
            self.statement(inner, &range)
        };
        if let Some(tag) = tag {
            if self.shortcodes.len() == MAX_SHORTCODES {
                let message = t!("sc-too-many", max = MAX_SHORTCODES);
                self.mistake(range, message, t!("sc-too-many-hint"));
                return body.len();
            }
            let alone = alone_on_line(body, &range);
            self.push(Shortcode { range, tag, alone });
        }
        end
    }

    fn push(&mut self, shortcode: Shortcode) {
        let index = self.shortcodes.len();
        match shortcode.tag {
            Tag::If { .. } => self.open.push((index, false)),
            Tag::Else => match self.open.last_mut() {
                Some((_, seen @ false)) => *seen = true,
                Some((_, true)) => {
                    let (message, hint) = (t!("sc-second-else"), t!("sc-second-else-hint"));
                    self.mistake(shortcode.range, message, hint);
                    return;
                }
                None => {
                    self.mistake(shortcode.range, t!("sc-else-alone"), t!("sc-open-hint"));
                    return;
                }
            },
            Tag::End => {
                if self.open.pop().is_none() {
                    self.mistake(shortcode.range, t!("sc-end-alone"), t!("sc-open-hint"));
                    return;
                }
            }
            Tag::Value { .. } => {}
        }
        self.shortcodes.push(shortcode);
    }

    /// Every `{% if %}` still open is a mistake; it and what it holds are dropped.
    fn finish(&mut self) {
        if let Some(&(first, _)) = self.open.first() {
            for &(index, _) in &self.open.clone() {
                let range = self.shortcodes[index].range.clone();
                self.mistake(range, t!("sc-if-open"), t!("sc-if-open-hint"));
            }
            self.shortcodes.truncate(first);
            self.open.clear();
        }
    }

    /// `name` or `name | capitalize`.
    fn value(&mut self, inner: &str, range: &Range<usize>) -> Option<Tag> {
        let (name, filter) = match inner.split_once('|') {
            Some((name, filter)) => (name.trim(), Some(filter.trim())),
            None => (inner, None),
        };
        let entry = self.entry(name, range)?;
        if let Some(filter) = filter.filter(|f| *f != CAPITALIZE) {
            let message = t!("sc-unknown-filter", filter = shown(filter));
            let hint = t!("sc-unknown-filter-hint", filter = CAPITALIZE, name = name);
            self.mistake(range.clone(), message, hint);
            return None;
        }
        if entry.kind == Kind::Flag {
            let message = t!("sc-flag-printed", name = name);
            let hint = t!("sc-flag-printed-hint", name = name);
            self.mistake(range.clone(), message, hint);
            return None;
        }
        Some(Tag::Value {
            entry,
            capitalize: filter.is_some(),
        })
    }

    /// `if name`, `if not name`, `else` or `end`.
    fn statement(&mut self, inner: &str, range: &Range<usize>) -> Option<Tag> {
        let mut words = inner.split_whitespace();
        match (words.next(), words.next(), words.next(), words.next()) {
            (Some("else"), None, ..) => Some(Tag::Else),
            (Some("end"), None, ..) => Some(Tag::End),
            (Some("if"), Some("not"), Some(name), None) => self.condition(name, true, range),
            (Some("if"), Some(name), None, _) => self.condition(name, false, range),
            _ => {
                let message = t!("sc-bad-statement", inner = shown(inner));
                self.mistake(range.clone(), message, t!("sc-bad-statement-hint"));
                None
            }
        }
    }

    fn condition(&mut self, name: &str, negate: bool, range: &Range<usize>) -> Option<Tag> {
        let entry = self.entry(name, range)?;
        Some(Tag::If { entry, negate })
    }

    fn entry(&mut self, name: &str, range: &Range<usize>) -> Option<&'static Entry> {
        let found = lookup(name);
        if found.is_none() {
            let message = t!("sc-unknown", name = shown(name));
            self.mistake(range.clone(), message, names_hint());
        }
        found
    }
}

/// The valid names by kind: «words: …; lists: …; conditions: …».
fn names_hint() -> String {
    let of = |kind: Kind| {
        let names: Vec<&str> = VOCABULARY
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.name)
            .collect();
        names.join(", ")
    };
    t!(
        "sc-names-hint",
        words = of(Kind::Inline),
        lists = of(Kind::Block),
        flags = of(Kind::Flag)
    )
}

/// Whether only spaces or tabs share the line with `range`.
fn alone_on_line(body: &str, range: &Range<usize>) -> bool {
    let start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = body[range.end..]
        .find('\n')
        .map_or(body.len(), |i| range.end + i);
    let blank = |text: &str| text.trim_matches([' ', '\t', '\r']).is_empty();
    blank(&body[start..range.start]) && blank(&body[range.end..end])
}

/// A name for a message: at most 40 characters, control characters escaped.
fn shown(text: &str) -> String {
    let mut out: String = text.chars().take(40).flat_map(char::escape_debug).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(body: &str) -> Vec<String> {
        let (found, mistakes) = scan(body, &[]);
        assert!(mistakes.is_empty(), "{mistakes:?}");
        found
            .iter()
            .map(|s| body[s.range.clone()].to_owned())
            .collect()
    }

    fn mistakes(body: &str) -> Vec<(String, String)> {
        let (_, mistakes) = scan(body, &[]);
        let text = |m: &Mistake| (body[m.range.clone()].to_owned(), m.message.clone());
        mistakes.iter().map(text).collect()
    }

    #[test]
    fn a_body_may_hold_a_shortcode_only_with_an_opening_pair() {
        for body in ["{{ school.phone }}", "a {% if x %}", "{ {{", "{{", "x{%"] {
            assert!(may_hold_one(body), "{body}");
        }
        for body in ["", "{", "{ }", "a { b } {#id}", "}}", "%}", "{ %"] {
            assert!(!may_hold_one(body), "{body}");
        }
    }

    #[test]
    fn values_conditions_and_filters_are_found() {
        let body = "{{ school.short_name }} и {{rejection_reasons_count|capitalize}}\n\n\
                    {% if voicemail %}а{% else %}б{% end %}";
        assert_eq!(
            tags(body),
            [
                "{{ school.short_name }}",
                "{{rejection_reasons_count|capitalize}}",
                "{% if voicemail %}",
                "{% else %}",
                "{% end %}"
            ]
        );
        let (found, _) = scan(body, &[]);
        assert!(matches!(
            found[1].tag,
            Tag::Value {
                capitalize: true,
                ..
            }
        ));
    }

    #[test]
    fn a_backslash_writes_the_braces_themselves() {
        assert!(tags(r"\{{ school.short_name }} \{% if x %}").is_empty());
    }

    #[test]
    fn code_ranges_are_left_alone() {
        let body = "`{{ nope }}` and {{ platform.name }}";
        let code = [0..12, 40..40];
        let (found, mistakes) = scan(body, &code);
        assert!(mistakes.is_empty(), "{mistakes:?}");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range.start, 17);
    }

    #[test]
    fn unknown_names_list_the_valid_ones() {
        let (_, found) = scan("Текст {{ school.phone }}.", &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range, 11..29);
        assert_eq!(found[0].message, "unknown shortcode `school.phone`");
        assert!(
            found[0]
                .hint
                .contains("school.short_name, school.full_name")
        );
        assert!(found[0].hint.contains("rejection_reasons_count"));
    }

    #[test]
    fn kinds_filters_and_statements_are_checked() {
        assert_eq!(
            mistakes("{{ voicemail }} {{ platform.name | upper }} {% iff x %} {{ a"),
            [
                (
                    "{{ voicemail }}".to_owned(),
                    "`voicemail` is a condition and has nothing to print".to_owned()
                ),
                (
                    "{{ platform.name | upper }}".to_owned(),
                    "unknown filter `upper`".to_owned()
                ),
                (
                    "{% iff x %}".to_owned(),
                    "`{% iff x %}` is not a shortcode".to_owned()
                ),
                ("{{".to_owned(), "`{{` is not closed on its line".to_owned()),
            ]
        );
    }

    #[test]
    fn conditions_must_nest() {
        let found = mistakes("{% end %} {% if voicemail %}{% else %}{% else %} {% if voicemail %}");
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`{% end %}` without `{% if … %}` before it",
                "a second `{% else %}` in one `{% if %}`",
                "`{% if … %}` is never closed",
                "`{% if … %}` is never closed",
            ]
        );
        // Nested conditions are fine.
        let nested = "{% if voicemail %}{% if not email_always %}x{% end %}{% end %}";
        assert_eq!(tags(nested).len(), 4);
    }

    #[test]
    fn a_shortcode_alone_on_its_line_is_marked() {
        let (found, _) = scan(
            "Причины:\n\n  {{ rejection_reasons }} \n\nИ {{ platform.name }}",
            &[],
        );
        assert!(found[0].alone);
        assert!(!found[1].alone);
    }

    #[test]
    fn slot_characters_in_the_text_are_refused() {
        let body = format!(
            "a {} b {{{{ platform.name }}}}",
            char::from_u32(SLOT_BASE).unwrap()
        );
        let (found, mistakes) = scan(&body, &[]);
        assert!(found.is_empty());
        assert_eq!(mistakes[0].range, 2..6);
    }
}
