//! An article's HTML with slots: rendered and sanitised once, filled per school. Each shortcode
//! of the body is one private-use character through pulldown-cmark and the allow-list, and here
//! becomes a slot; a school's values then go in as escaped text, links with an allowed scheme,
//! and the list and paragraph elements the allow-list has, so a filled page needs no second pass.
//!
//! Rendering the Markdown per school instead would repeat the whole parse and sanitise for every
//! school (1,000 schools × every shared article); filling is a copy of the literal parts.

use crate::locale::t;
use std::borrow::Cow;

use super::shortcodes::{Entry, Kind, SLOT_BASE, Shortcode, Tag, is_slot};
use super::urls;

/// A school's value of one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Inline(Vec<Piece>),
    Block(Style, Vec<Vec<Piece>>),
    Flag(bool),
}

impl Value {
    /// Plain text.
    pub fn text(text: impl Into<String>) -> Value {
        let text = text.into();
        if text.is_empty() {
            Value::Inline(Vec::new())
        } else {
            Value::Inline(vec![Piece::Text(text)])
        }
    }

    /// What `{% if name %}` tests: some text, a list with an item, a true flag.
    #[must_use]
    pub fn is_set(&self) -> bool {
        match self {
            Value::Inline(pieces) => !pieces.is_empty(),
            Value::Block(_, items) => !items.is_empty(),
            Value::Flag(flag) => *flag,
        }
    }
}

/// A run of text or a link within a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// Shown as text when `href` has a scheme a link may not have.
    Link {
        href: String,
        text: String,
    },
}

/// How a block value is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Numbered,
    Bulleted,
    /// Paragraphs in a quotation: the regulation's own words.
    Quote,
}

/// The body as HTML, with the slots each school fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Html {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Value {
        entry: &'static Entry,
        capitalize: bool,
    },
    Cond {
        entry: &'static Entry,
        negate: bool,
        then: Vec<Part>,
        otherwise: Vec<Part>,
    },
}

impl Default for Html {
    fn default() -> Self {
        Html::literal(String::new())
    }
}

impl Html {
    /// HTML without slots.
    pub fn literal(html: String) -> Html {
        Html {
            parts: vec![Part::Literal(html)],
        }
    }

    /// The HTML itself, when it has no slots (as `render_adapted` writes it).
    pub fn into_literal(self) -> Option<String> {
        match <[Part; 1]>::try_from(self.parts) {
            Ok([Part::Literal(html)]) => Some(html),
            _ => None,
        }
    }

    /// Whether no value of a school changes this HTML.
    pub fn is_literal(&self) -> bool {
        matches!(self.parts[..], [Part::Literal(_)])
    }

    /// The HTML for one school; `value` gives the value of a name of the vocabulary.
    pub fn fill(&self, value: &dyn Fn(&str) -> Value) -> Cow<'_, str> {
        if let [Part::Literal(html)] = &self.parts[..] {
            return Cow::Borrowed(html);
        }
        let mut out = String::new();
        fill_parts(&self.parts, value, &mut out);
        Cow::Owned(out)
    }
}

fn fill_parts(parts: &[Part], value: &dyn Fn(&str) -> Value, out: &mut String) {
    for part in parts {
        match part {
            Part::Literal(html) => out.push_str(after_full_stop(out, html)),
            Part::Value { entry, capitalize } => push_value(&value(entry.name), *capitalize, out),
            Part::Cond {
                entry,
                negate,
                then,
                otherwise,
            } => {
                let shown = value(entry.name).is_set() != *negate;
                fill_parts(if shown { then } else { otherwise }, value, out);
            }
        }
    }
}

/// The text after a value: without its first «.» when the value already ended with one
/// («Иванова Н. В.» before «.»), so that no sentence ends with two full stops.
fn after_full_stop<'a>(out: &str, html: &'a str) -> &'a str {
    match html.strip_prefix('.') {
        Some(rest) if out.ends_with('.') && !rest.starts_with('.') => rest,
        _ => html,
    }
}

fn push_value(value: &Value, capitalize: bool, out: &mut String) {
    match value {
        Value::Inline(pieces) => push_pieces(pieces, capitalize, out),
        Value::Block(style, items) if !items.is_empty() => {
            let (open, close, item_open, item_close) = match style {
                Style::Numbered => ("<ol>\n", "</ol>\n", "<li>", "</li>\n"),
                Style::Bulleted => ("<ul>\n", "</ul>\n", "<li>", "</li>\n"),
                Style::Quote => ("<blockquote>\n", "</blockquote>\n", "<p>", "</p>\n"),
            };
            out.push_str(open);
            for item in items {
                out.push_str(item_open);
                push_pieces(item, capitalize, out);
                out.push_str(item_close);
            }
            out.push_str(close);
        }
        Value::Block(..) | Value::Flag(_) => {}
    }
}

fn push_pieces(pieces: &[Piece], capitalize: bool, out: &mut String) {
    for (i, piece) in pieces.iter().enumerate() {
        let first = capitalize && i == 0;
        match piece {
            Piece::Link { href, text } if urls::link_allowed(href) => {
                out.push_str("<a href=\"");
                escape(href, out);
                out.push_str("\">");
                escape(&capitalized(text, first), out);
                out.push_str("</a>");
            }
            Piece::Link { text, .. } | Piece::Text(text) => escape(&capitalized(text, first), out),
        }
    }
}

fn capitalized(text: &str, capitalize: bool) -> Cow<'_, str> {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if capitalize => Cow::Owned(first.to_uppercase().chain(chars).collect()),
        _ => Cow::Borrowed(text),
    }
}

/// Text for HTML content or a quoted attribute.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_slot(c) => {}
            c => out.push(c),
        }
    }
}

/// A slot that cannot be filled where it ended up: the shortcode's index and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misplaced {
    pub shortcode: usize,
    pub message: String,
    pub hint: String,
}

/// One piece of the sanitised HTML: literal text or a slot (and whether it is a block: alone
/// in a paragraph, `<p>` and `</p>` taken off the literal around it).
#[derive(Debug)]
enum Token {
    Literal(String),
    Slot { shortcode: usize, block: bool },
}

/// Make the slots of `html`, whose private-use characters stand for `shortcodes`.
pub fn build(html: &str, shortcodes: &[Shortcode]) -> Result<Html, Vec<Misplaced>> {
    let mut misplaced = Vec::new();
    let tokens = tokenize(html, shortcodes.len(), &mut misplaced);
    let mut tokens = tokens.into_iter().peekable();
    let parts = tree(&mut tokens, shortcodes, &mut misplaced);
    if misplaced.is_empty() {
        Ok(Html { parts })
    } else {
        misplaced.sort_by_key(|m| m.shortcode);
        Err(misplaced)
    }
}

fn tokenize(html: &str, count: usize, misplaced: &mut Vec<Misplaced>) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut seen = vec![false; count];
    let (mut from, mut in_tag) = (0, false);
    for (at, c) in html.char_indices().filter(|(_, c)| is_slot(*c)) {
        let literal = &html[from..at];
        in_tag = ends_in_tag(literal, in_tag);
        from = at + c.len_utf8();
        let shortcode = (u32::from(c) - SLOT_BASE) as usize;
        if in_tag || seen.get(shortcode).is_none_or(|seen| *seen) {
            if let Some(seen) = seen.get_mut(shortcode).filter(|seen| !**seen) {
                *seen = true;
                misplaced.extend(shortcode_misplaced(shortcode, count));
            }
            tokens.push(Token::Literal(literal.to_owned()));
            continue;
        }
        seen[shortcode] = true;
        let block = literal.ends_with("<p>") && html[from..].starts_with("</p>\n");
        if block {
            tokens.push(Token::Literal(literal[..literal.len() - 3].to_owned()));
            from += "</p>\n".len();
        } else {
            tokens.push(Token::Literal(literal.to_owned()));
        }
        tokens.push(Token::Slot { shortcode, block });
    }
    tokens.push(Token::Literal(html[from..].to_owned()));
    for (shortcode, _) in seen.iter().enumerate().filter(|(_, seen)| !**seen) {
        misplaced.extend(shortcode_misplaced(shortcode, count));
    }
    tokens
}

fn shortcode_misplaced(shortcode: usize, count: usize) -> Option<Misplaced> {
    (shortcode < count).then(|| Misplaced {
        shortcode,
        message: t!("slot-misplaced"),
        hint: t!("slot-misplaced-hint"),
    })
}

/// Whether the HTML is inside a tag after `literal`, given whether it was before.
fn ends_in_tag(literal: &str, before: bool) -> bool {
    match (literal.rfind('<'), literal.rfind('>')) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => before,
    }
}

/// Parts up to the `{% else %}` or `{% end %}` that closes the current level (left in `tokens`).
fn tree(
    tokens: &mut std::iter::Peekable<std::vec::IntoIter<Token>>,
    shortcodes: &[Shortcode],
    misplaced: &mut Vec<Misplaced>,
) -> Vec<Part> {
    let mut parts = Vec::new();
    while let Some(token) = tokens.peek() {
        let (shortcode, block) = match token {
            Token::Literal(_) => {
                if let Some(Token::Literal(text)) = tokens.next() {
                    parts.push(Part::Literal(text));
                }
                continue;
            }
            Token::Slot { shortcode, block } => (*shortcode, *block),
        };
        match shortcodes[shortcode].tag {
            Tag::Else | Tag::End => return parts,
            Tag::Value { entry, capitalize } => {
                tokens.next();
                let paragraph = block && entry.kind == Kind::Inline;
                if entry.kind == Kind::Block && !block {
                    misplaced.push(value_misplaced(shortcode, entry));
                }
                // Words alone in a paragraph stay one.
                if paragraph {
                    parts.push(Part::Literal("<p>".to_owned()));
                }
                parts.push(Part::Value { entry, capitalize });
                if paragraph {
                    parts.push(Part::Literal("</p>\n".to_owned()));
                }
            }
            Tag::If { entry, negate } => {
                tokens.next();
                let open = (shortcode, block);
                parts.push(condition(
                    tokens,
                    shortcodes,
                    misplaced,
                    open,
                    (entry, negate),
                ));
            }
        }
    }
    parts
}

fn value_misplaced(shortcode: usize, entry: &Entry) -> Misplaced {
    Misplaced {
        shortcode,
        message: t!("slot-list-inline", name = entry.name),
        hint: t!("slot-list-inline-hint"),
    }
}

/// The `{% if %}` whose slot was just taken: its two branches up to its `{% end %}`.
fn condition(
    tokens: &mut std::iter::Peekable<std::vec::IntoIter<Token>>,
    shortcodes: &[Shortcode],
    misplaced: &mut Vec<Misplaced>,
    (open, open_block): (usize, bool),
    (entry, negate): (&'static Entry, bool),
) -> Part {
    let then = tree(tokens, shortcodes, misplaced);
    let mut otherwise = Vec::new();
    let mut blocks = vec![open_block];
    let mut branches = vec![&then];
    if let Some(Token::Slot { shortcode, block }) = tokens.peek() {
        if shortcodes[*shortcode].tag == Tag::Else {
            blocks.push(*block);
            tokens.next();
            otherwise = tree(tokens, shortcodes, misplaced);
        }
    }
    branches.push(&otherwise);
    if let Some(Token::Slot { block, .. }) = tokens.next() {
        blocks.push(block);
    }
    let mixed = blocks.iter().any(|b| *b != blocks[0]);
    if mixed || !branches.iter().all(|branch| balanced(branch)) {
        misplaced.push(Misplaced {
            shortcode: open,
            message: t!("slot-cond-mixed"),
            hint: t!("slot-cond-mixed-hint"),
        });
    }
    Part::Cond {
        entry,
        negate,
        then,
        otherwise,
    }
}

/// Whether the literal HTML of `parts` opens and closes its elements in step (the writer's HTML
/// is well formed, so counting its tags is enough).
fn balanced(parts: &[Part]) -> bool {
    let mut depth = 0i64;
    let mut ok = true;
    let mut count = |parts: &[Part]| {
        for part in parts {
            if let Part::Literal(html) = part {
                for tag in html.split('<').skip(1) {
                    if tag.starts_with('/') {
                        depth -= 1;
                    } else if !is_void(tag) {
                        depth += 1;
                    }
                    ok &= depth >= 0;
                }
            }
        }
    };
    count(parts);
    ok && depth == 0
}

fn is_void(tag: &str) -> bool {
    let name: String = tag
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    matches!(name.as_str(), "br" | "hr" | "img")
        || tag.split('>').next().is_some_and(|t| t.ends_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup() {
        let mut out = String::new();
        escape("<b>&\"'", &mut out);
        assert_eq!(out, "&lt;b&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn balance_counts_elements() {
        let lit = |s: &str| vec![Part::Literal(s.to_owned())];
        assert!(balanced(&lit("<p>a <em>b</em><br /></p>\n<hr />")));
        assert!(!balanced(&lit("</p>\n<p>")));
        assert!(!balanced(&lit("<p>a")));
    }
}
