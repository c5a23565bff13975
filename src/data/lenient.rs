//! Lenient deserialisation: every structural problem of a TOML file (an unknown key, a missing
//! key, a value of the wrong kind) in one run, and still a value to validate the rest with.
//!
//! serde stops at the first error. A valid file is deserialised exactly as before, once; only
//! when that fails is the file parsed into a spanned document (`DeTable`) and repaired one error
//! at a time. The error's span finds the node it is about; the problem is recorded; an unknown
//! key is removed, and a missing or wrongly typed value is replaced by a *stand-in*: an empty
//! value of the kind the message asks for, whose span lies past the end of the text, so that an
//! error about a stand-in is recognised as ours and not reported (it only says that the stand-in
//! should be of another kind, or that a stand-in table lacks keys of its own). Then the document
//! is deserialised again. Every step removes the error it was given, so the loop ends; it is also
//! bounded by [`MAX_STEPS`], each step costing one deserialisation of the document.
//! A valid file costs what it did: callgrind counts 9.499 G instructions for `check` of a
//! 1,000-school corpus before and after this module (+0.01 %), 55.0 M for a build of the examples.
//!
//! The stand-ins' fields are recorded in the file ([`SourceFile::set_stand_ins`]): validation
//! reports nothing at or inside them, which would only repeat the structural problem.
//!
//! Also considered: deserialising table by table with unknown keys collected by `serde_ignored`
//! needs every raw type to drop `deny_unknown_fields` and, per kind of file, a hand-kept list of
//! its tables and arrays of tables that must follow every new key; error-collecting derives
//! (`eserde`) replace the derive of every raw type. The repair loop keeps the raw types plain
//! serde and serves every kind of file (school.toml, presets, calendars, front matter) alike.

use crate::locale::t;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeArray, DeFloat, DeInteger, DeTable, DeValue, Deserializer, Error};
use toml::value::{Date, Datetime};

use crate::diagnostic::{FieldPath, Problem, Segment, SourceFile};

/// At most this many repairs of one file (each one deserialisation of it); then the problems
/// found so far are reported, with a note that more may follow.
pub const MAX_STEPS: usize = 256;

/// Deserialise the TOML part of `file`, pushing every structural problem in it (by position).
/// The value has stand-ins where a value was missing or of the wrong kind; it is `None` when the
/// file is not TOML at all (then its first syntax error is the one problem) or cannot be repaired.
pub fn parse<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let text = file.toml_text();
    let error = match toml::from_str::<T>(text) {
        Ok(value) => return Some(value),
        Err(error) => error,
    };
    let Ok(doc) = DeTable::parse(text) else {
        problems.push(super::toml_problem(file, &error));
        return None;
    };
    let mut repair = Repair {
        doc,
        base: text.len() + 1,
        stand_ins: Vec::new(),
        found: Vec::new(),
    };
    let value = repair.run::<T>(error);
    file.set_stand_ins(repair.stand_in_fields());
    problems.extend(repair.problems(file));
    value
}

/// The kinds of TOML value a stand-in can take, in the order they are tried when the message
/// does not say which is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Table,
    Datetime,
    Integer,
    Boolean,
    Array,
    Float,
}

const KINDS: [Kind; 7] = [
    Kind::String,
    Kind::Table,
    Kind::Datetime,
    Kind::Integer,
    Kind::Boolean,
    Kind::Array,
    Kind::Float,
];

impl Kind {
    /// The kind that serde's «…, expected X» asks for.
    fn expected(message: &str) -> Option<Kind> {
        let (_, expected) = message.rsplit_once("expected ")?;
        let word = expected
            .trim_start_matches("a ")
            .trim_start_matches("an ")
            .split([' ', ',', '`'])
            .find(|word| !word.is_empty() && *word != "TOML")?;
        Some(match word {
            "datetime" | "date" => Kind::Datetime,
            "string" | "str" | "char" | "borrowed" => Kind::String,
            "struct" | "map" | "table" => Kind::Table,
            "sequence" | "array" | "tuple" | "list" => Kind::Array,
            "boolean" | "bool" => Kind::Boolean,
            "float" | "f32" | "f64" => Kind::Float,
            "integer" | "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" => {
                Kind::Integer
            }
            _ => return None,
        })
    }

    /// The kind of the value that «invalid type: X, expected …» found.
    fn found(message: &str) -> Option<Kind> {
        let rest = message.strip_prefix("invalid type: ")?;
        Some(match rest.split([' ', ',']).next()? {
            "string" => Kind::String,
            "map" => Kind::Table,
            "sequence" => Kind::Array,
            "integer" => Kind::Integer,
            "boolean" => Kind::Boolean,
            "floating" => Kind::Float,
            _ => return None,
        })
    }

    fn of(value: &DeValue<'_>) -> Kind {
        match value {
            DeValue::String(_) => Kind::String,
            DeValue::Integer(_) => Kind::Integer,
            DeValue::Float(_) => Kind::Float,
            DeValue::Boolean(_) => Kind::Boolean,
            DeValue::Datetime(_) => Kind::Datetime,
            DeValue::Array(_) => Kind::Array,
            DeValue::Table(_) => Kind::Table,
        }
    }

    /// The empty value of this kind.
    fn stand_in(self) -> DeValue<'static> {
        match self {
            Kind::String => DeValue::String(Cow::Borrowed("")),
            Kind::Table => DeValue::Table(DeTable::new()),
            Kind::Datetime => DeValue::Datetime(Datetime {
                date: Some(Date {
                    year: 2000,
                    month: 1,
                    day: 1,
                }),
                time: None,
                offset: None,
            }),
            Kind::Integer => DeValue::Integer(DeInteger::default()),
            Kind::Boolean => DeValue::Boolean(false),
            Kind::Array => DeValue::Array(DeArray::default()),
            Kind::Float => DeValue::Float(DeFloat::default()),
        }
    }

    /// The kind in plain words, for a message.
    fn name(self) -> &'static str {
        match self {
            Kind::String => "text in quotes",
            Kind::Table => "a table",
            Kind::Datetime => "a date",
            Kind::Integer => "a whole number",
            Kind::Boolean => "true or false",
            Kind::Array => "a list",
            Kind::Float => "a number",
        }
    }

    /// How a value of this kind is written, for a hint.
    fn written(self) -> String {
        match self {
            Kind::String => t!("written-string"),
            Kind::Table => t!("written-table"),
            Kind::Datetime => t!("written-date"),
            Kind::Integer => t!("written-integer"),
            Kind::Boolean => t!("written-boolean"),
            Kind::Array => t!("written-list"),
            Kind::Float => t!("written-float"),
        }
    }
}

/// A value put where one was missing or of the wrong kind, and the kinds it may still take.
#[derive(Debug)]
struct StandIn {
    /// Its field, when its problem is reported (not for keys of a stand-in table).
    field: Option<FieldPath>,
    kinds: Vec<Kind>,
    tried: usize,
}

impl StandIn {
    fn kind(&self) -> Kind {
        self.kinds[self.tried]
    }
}

/// A structural problem found, before it is drawn.
#[derive(Debug)]
struct Found {
    span: Range<usize>,
    field: FieldPath,
    message: String,
    what: What,
}

#[derive(Debug)]
enum What {
    Unknown,
    /// The key missing from the table at `field`, and the stand-in put there.
    Missing {
        key: String,
        stand_in: usize,
    },
    /// The kind expected, and the value as it should be written when the one given says it
    /// (`2026-09-01` for "01.09.2026", `5` for "5").
    WrongKind(Option<Kind>, Option<String>),
    /// An error that could not be repaired: the last one reported for the file.
    Other,
    /// The steps ran out.
    TooMany,
}

/// The document being repaired, and what was found on the way.
struct Repair<'i> {
    doc: Spanned<DeTable<'i>>,
    /// Spans from here on are stand-ins': stand-in `i` has `base + 2i`, its key `base + 2i + 1`.
    base: usize,
    stand_ins: Vec<StandIn>,
    found: Vec<Found>,
}

impl Repair<'_> {
    fn run<T: DeserializeOwned>(&mut self, mut error: Error) -> Option<T> {
        for _ in 0..MAX_STEPS {
            if self.step(&error).is_none() {
                self.give_up(&error, What::Other);
                return None;
            }
            match T::deserialize(Deserializer::from(self.doc.clone())) {
                Ok(value) => return Some(value),
                Err(next) => error = next,
            }
        }
        self.give_up(&error, What::TooMany);
        None
    }

    /// Record `error` and repair the document so that it does not recur; `None` if it cannot.
    fn step(&mut self, error: &Error) -> Option<()> {
        let span = error.span()?;
        let message = error.message().trim().replace('\n', " ");
        if span.start >= self.base {
            return self.mend_stand_in(span, &message);
        }
        // The same error again: the repair did not take, and would not the next time.
        if self
            .found
            .iter()
            .any(|found| found.span == span && found.message == message)
        {
            return None;
        }
        if quoted(&message, "unknown field `").is_some() {
            self.remove_key(span, message)
        } else if let Some(key) = quoted(&message, "missing field `") {
            let key = key.to_owned();
            self.add_key(span, key, Some(message))
        } else {
            self.replace_value(span, message)
        }
    }

    /// An error about a stand-in: a stand-in table lacks a key, or the stand-in is of the wrong
    /// kind and takes the next one.
    fn mend_stand_in(&mut self, span: Range<usize>, message: &str) -> Option<()> {
        if let Some(key) = quoted(message, "missing field `") {
            return self.add_key(span, key.to_owned(), None);
        }
        let index = (span.start - self.base) / 2;
        let stand_in = self.stand_ins.get_mut(index)?;
        let kind = *stand_in.kinds.get(stand_in.tried + 1)?;
        stand_in.tried += 1;
        let path = find_values(&self.doc, &span).pop()?;
        let node = value_mut(&mut self.doc, &path)?;
        *node = Spanned::new(span, kind.stand_in());
        Some(())
    }

    fn remove_key(&mut self, span: Range<usize>, message: String) -> Option<()> {
        let (table, key) = find_key(&self.doc, &span)?;
        table_mut(&mut self.doc, &table)?.remove(key.as_str())?;
        self.found.push(Found {
            span,
            field: table.key(&key),
            message,
            what: What::Unknown,
        });
        Some(())
    }

    /// Put a stand-in for `key` into the table at `span`; `message` is the problem to report,
    /// `None` for a key of a stand-in table.
    fn add_key(&mut self, span: Range<usize>, key: String, message: Option<String>) -> Option<()> {
        let mut tables = find_values(&self.doc, &span);
        tables.retain(|path| value_at(&self.doc, path).is_some_and(toml::de::DeValue::is_table));
        let table = match tables.pop() {
            Some(path) => path,
            None if self.doc.span() == span => FieldPath::root(),
            None => return None,
        };
        let field = table.key(&key);
        let index = self.stand_ins.len();
        let (value_span, key_span) = self.spans_of(index);
        self.stand_ins.push(StandIn {
            field: message.is_some().then(|| field.clone()),
            kinds: KINDS.to_vec(),
            tried: 0,
        });
        let entry = (
            Spanned::new(key_span, Cow::Owned(key.clone())),
            Spanned::new(value_span, KINDS[0].stand_in()),
        );
        table_mut(&mut self.doc, &table)?.insert(entry.0, entry.1);
        if let Some(message) = message {
            self.found.push(Found {
                span,
                field: table,
                message,
                what: What::Missing {
                    key,
                    stand_in: index,
                },
            });
        }
        Some(())
    }

    /// Replace the value at `span`, of the wrong kind or refused, by the value meant (a quoted
    /// date, one value where a list belongs) or else by a stand-in.
    fn replace_value(&mut self, span: Range<usize>, message: String) -> Option<()> {
        let candidates = find_values(&self.doc, &span);
        // An array of tables and its first table share a span: the message says which it is.
        let found = Kind::found(&message);
        let path = candidates
            .iter()
            .rev()
            .find(|path| value_at(&self.doc, path).map(Kind::of) == found)
            .or(candidates.last())?
            .clone();
        let actual = value_at(&self.doc, &path).map(Kind::of)?;
        let expected = Kind::expected(&message);
        self.forget_inner(&span, &path);
        let message = plain_message(message, expected, actual);
        let node = value_mut(&mut self.doc, &path)?;
        let suggestion = expected.and_then(|kind| suggested(node.get_ref(), kind));
        if let Some(meant) = expected.and_then(|kind| meant(node, kind)) {
            // The webmaster's own value, validated like any other: no stand-in.
            *node = meant;
        } else {
            let mut kinds: Vec<Kind> = expected.into_iter().collect();
            kinds.extend(KINDS.iter().filter(|kind| Some(**kind) != expected));
            let (value_span, _) = self.spans_of(self.stand_ins.len());
            *value_mut(&mut self.doc, &path)? = Spanned::new(value_span, kinds[0].stand_in());
            self.stand_ins.push(StandIn {
                field: Some(path.clone()),
                kinds,
                tried: 0,
            });
        }
        self.found.push(Found {
            span,
            field: path,
            message,
            what: What::WrongKind(expected, suggestion),
        });
        Some(())
    }

    /// Forget a problem inside the value at `path` that shares its span: serde read an array of
    /// tables as a struct's fields, one by one, before it found that the whole is of the wrong
    /// kind, which is the one problem to report.
    fn forget_inner(&mut self, span: &Range<usize>, path: &FieldPath) {
        let inner = |found: &Found| {
            found.span == *span
                && found.field.0.len() > path.0.len()
                && found.field.0.starts_with(&path.0)
        };
        self.found.retain(|found| !inner(found));
        for stand_in in &mut self.stand_ins {
            if let Some(field) = &stand_in.field {
                if field.0.len() > path.0.len() && field.0.starts_with(&path.0) {
                    stand_in.field = None;
                }
            }
        }
    }

    fn spans_of(&self, index: usize) -> (Range<usize>, Range<usize>) {
        let start = self.base + 2 * index;
        (start..start + 1, start + 1..start + 2)
    }

    /// Report the error that ends the repairs, unless it is about a stand-in (its problem is
    /// reported already) or was reported.
    fn give_up(&mut self, error: &Error, what: What) {
        let message = error.message().trim().replace('\n', " ");
        let span = error.span();
        let ours = span.as_ref().is_some_and(|span| span.start >= self.base);
        let known = self
            .found
            .iter()
            .any(|found| Some(&found.span) == span.as_ref() && found.message == message);
        if !ours && !known {
            let span = span.unwrap_or(0..0);
            let field = find_values(&self.doc, &span)
                .pop()
                .or_else(|| find_key(&self.doc, &span).map(|(table, key)| table.key(&key)))
                .unwrap_or_else(FieldPath::root);
            self.found.push(Found {
                span,
                field,
                message,
                what: What::Other,
            });
        }
        if matches!(what, What::TooMany) {
            self.found.push(Found {
                span: 0..0,
                field: FieldPath::root(),
                message: t!("lenient-too-many", n = MAX_STEPS),
                what,
            });
        }
    }

    fn stand_in_fields(&self) -> Vec<String> {
        self.stand_ins
            .iter()
            .filter_map(|stand_in| stand_in.field.as_ref().map(FieldPath::to_string))
            .collect()
    }

    /// The problems found, in the order of the file.
    fn problems(&mut self, file: &Arc<SourceFile>) -> Vec<Problem> {
        let section = super::readme_section(&file.path);
        let offset = file.toml.start;
        self.drop_misspelt_missing();
        self.found.sort_by_key(|found| found.span.start);
        self.found
            .iter()
            .map(|found| {
                let span = found.span.start + offset..found.span.end + offset;
                let problem = Problem::new(super::foreign::shown(&found.message))
                    .in_file(file)
                    .with_field(found.field.to_string())
                    .with_hint(self.hint(found, section));
                match found.what {
                    What::TooMany => problem,
                    _ => problem.with_span(Some(span)),
                }
            })
            .collect()
    }

    /// A misspelt key is both unknown and missing: its «did you mean» says all, once.
    fn drop_misspelt_missing(&mut self) {
        let meant: Vec<FieldPath> = self
            .found
            .iter()
            .filter(|found| matches!(found.what, What::Unknown))
            .filter_map(|found| {
                let table =
                    FieldPath(found.field.0[..found.field.0.len().saturating_sub(1)].to_vec());
                nearest_key(&found.message).map(|key| table.key(key))
            })
            .collect();
        self.found.retain(|found| match &found.what {
            What::Missing { key, .. } => !meant.contains(&found.field.key(key)),
            _ => true,
        });
    }

    fn hint(&self, found: &Found, section: &str) -> String {
        match &found.what {
            What::Unknown => unknown_hint(&found.message, section),
            What::Missing { key, stand_in } => {
                missing_hint(key, &found.field, self.stand_ins[*stand_in].kind(), section)
            }
            What::WrongKind(Some(kind), Some(value)) => suggested_hint(*kind, value),
            What::WrongKind(Some(kind), None) => t!("lenient-write", what = kind.written()),
            What::WrongKind(None, _) | What::Other => super::toml_hint(&found.message, section),
            What::TooMany => t!("lenient-too-many-hint"),
        }
    }
}

/// How a text in quotes should be written where `kind` belongs, when it says so: a date in any
/// usual form (`2026-09-01`, `01.09.2026`), a whole number, true or false.
fn suggested(value: &DeValue<'_>, kind: Kind) -> Option<String> {
    let DeValue::String(text) = value else {
        return None;
    };
    let text = text.trim();
    match kind {
        Kind::Datetime => super::hints::iso_date(text),
        Kind::Integer => text.parse::<i64>().ok().map(|n| n.to_string()),
        Kind::Float => text.parse::<f64>().ok().map(|_| text.to_owned()),
        Kind::Boolean => matches!(text, "true" | "false").then(|| text.to_owned()),
        _ => None,
    }
}

fn suggested_hint(kind: Kind, value: &str) -> String {
    match kind {
        Kind::Datetime => t!("lenient-date-unquote", value = value),
        _ => t!("lenient-unquote", value = value),
    }
}

/// The value the webmaster meant where `kind` belongs, when there is no doubt: a date or
/// `true`/`false` in quotes, one value where a list belongs.
fn meant<'i>(node: &Spanned<DeValue<'i>>, kind: Kind) -> Option<Spanned<DeValue<'i>>> {
    let span = node.span();
    let value = match (kind, node.get_ref()) {
        (Kind::Array, value) if !value.is_array() => {
            let mut items: DeArray<'i> = DeArray::default();
            items.push(node.clone());
            DeValue::Array(items)
        }
        (Kind::Datetime, DeValue::String(text)) => {
            let text = text.trim();
            let parsed = text.parse().ok();
            DeValue::Datetime(parsed.or_else(|| super::hints::iso_date(text)?.parse().ok())?)
        }
        (Kind::Boolean, DeValue::String(text)) => DeValue::Boolean(text.trim().parse().ok()?),
        _ => return None,
    };
    Some(Spanned::new(span, value))
}

/// serde's message with what was expected in words a webmaster reads (not «expected i64» or
/// «expected struct `RawIdentity`»).
fn plain_message(message: String, expected: Option<Kind>, actual: Kind) -> String {
    let Some(kind) = expected else {
        return message;
    };
    if message.starts_with("invalid length") {
        return format!("invalid type: {}, expected {}", actual.name(), kind.name());
    }
    match message.rsplit_once("expected ") {
        Some((head, _)) => format!("{head}expected {}", kind.name()),
        None => message,
    }
}

/// The text between `prefix` and the next backtick of `message`.
fn quoted<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.strip_prefix(prefix)?.split('`').next()
}

/// «did you mean» the known key nearest to the unknown one, when one is near.
fn unknown_hint(message: &str, section: &str) -> String {
    match nearest_key(message) {
        Some(key) => t!("lenient-did-you-mean", key = key, section = section),
        None => t!("toml-hint-unknown-field", section = section),
    }
}

/// The key of «unknown field `x`, expected one of `a`, `b`» nearest to `x`, when one is near.
fn nearest_key(message: &str) -> Option<&str> {
    let unknown = quoted(message, "unknown field `")?;
    let known = message
        .split_once("expected ")
        .map_or("", |(_, list)| list)
        .split('`')
        .skip(1)
        .step_by(2);
    known
        .map(|key| (strsim::levenshtein(unknown, key), key))
        .filter(|(distance, key)| *distance <= 2.max(key.chars().count() / 3))
        .min()
        .map(|(_, key)| key)
}

fn missing_hint(key: &str, table: &FieldPath, kind: Kind, section: &str) -> String {
    if kind == Kind::Table {
        let table = table.key(key).to_string();
        return t!("lenient-missing-table", table = table, section = section);
    }
    let written = kind.written();
    if table.is_root() {
        return t!(
            "lenient-missing-key-top",
            key = key,
            written = written,
            section = section
        );
    }
    t!(
        "lenient-missing-key",
        key = key,
        written = written,
        table = table_name(table),
        section = section
    )
}

/// A table as its header reads: `[school]`; a table of an array by its path, `staff.channels[1]`.
fn table_name(table: &FieldPath) -> String {
    if table
        .0
        .iter()
        .any(|segment| matches!(segment, Segment::Index(_)))
    {
        format!("{table}")
    } else {
        format!("[{table}]")
    }
}

/// The paths of every value whose span is `span`, outer ones first.
fn find_values(doc: &Spanned<DeTable<'_>>, span: &Range<usize>) -> Vec<FieldPath> {
    let mut found = Vec::new();
    walk_table(doc.get_ref(), &FieldPath::root(), &mut |path, value| {
        if value.span() == *span {
            found.push(path.clone());
        }
    });
    found
}

/// The table and the key whose key span is `span`.
fn find_key(doc: &Spanned<DeTable<'_>>, span: &Range<usize>) -> Option<(FieldPath, String)> {
    let mut found = doc
        .get_ref()
        .iter()
        .find(|(key, _)| key.span() == *span)
        .map(|(key, _)| (FieldPath::root(), key.get_ref().to_string()));
    walk_table(doc.get_ref(), &FieldPath::root(), &mut |path, value| {
        if let (None, DeValue::Table(table)) = (&found, value.get_ref()) {
            found = table
                .iter()
                .find(|(key, _)| key.span() == *span)
                .map(|(key, _)| (path.clone(), key.get_ref().to_string()));
        }
    });
    found
}

fn walk_table<'i>(
    table: &DeTable<'i>,
    at: &FieldPath,
    visit: &mut impl FnMut(&FieldPath, &Spanned<DeValue<'i>>),
) {
    for (key, value) in table {
        walk_value(value, &at.key(key.get_ref()), visit);
    }
}

fn walk_value<'i>(
    value: &Spanned<DeValue<'i>>,
    at: &FieldPath,
    visit: &mut impl FnMut(&FieldPath, &Spanned<DeValue<'i>>),
) {
    visit(at, value);
    match value.get_ref() {
        DeValue::Table(table) => walk_table(table, at, visit),
        DeValue::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                walk_value(item, &at.index(index), visit);
            }
        }
        _ => {}
    }
}

fn value_at<'d, 'i>(doc: &'d Spanned<DeTable<'i>>, path: &FieldPath) -> Option<&'d DeValue<'i>> {
    let (first, rest) = path.0.split_first()?;
    let Segment::Key(key) = first else {
        return None;
    };
    let mut value = doc.get_ref().get(key.as_str())?;
    for segment in rest {
        value = match (segment, value.get_ref()) {
            (Segment::Key(key), DeValue::Table(table)) => table.get(key.as_str())?,
            (Segment::Index(index), DeValue::Array(items)) => items.get(*index)?,
            _ => return None,
        };
    }
    Some(value.get_ref())
}

fn value_mut<'d, 'i>(
    doc: &'d mut Spanned<DeTable<'i>>,
    path: &FieldPath,
) -> Option<&'d mut Spanned<DeValue<'i>>> {
    let (first, rest) = path.0.split_first()?;
    let Segment::Key(key) = first else {
        return None;
    };
    let mut value = doc.get_mut().get_mut(key.as_str())?;
    for segment in rest {
        value = match (segment, value.get_mut()) {
            (Segment::Key(key), DeValue::Table(table)) => table.get_mut(key.as_str())?,
            (Segment::Index(index), DeValue::Array(items)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(value)
}

fn table_mut<'d, 'i>(
    doc: &'d mut Spanned<DeTable<'i>>,
    path: &FieldPath,
) -> Option<&'d mut DeTable<'i>> {
    if path.is_root() {
        return Some(doc.get_mut());
    }
    match value_mut(doc, path)?.get_mut() {
        DeValue::Table(table) => Some(table),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        school: School,
        platform: Platform,
        #[serde(default)]
        staff: Vec<Channel>,
        year: Option<Year>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct School {
        full_name: String,
        short_name: String,
        timezone: String,
        #[serde(default)]
        emails: Vec<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Platform {
        preset: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Channel {
        kind: String,
        days: Option<i64>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Year {
        start: Datetime,
    }

    const VALID: &str = "[school]\nfull_name = \"Школа\"\nshort_name = \"Ш\"\ntimezone = \"Europe/Moscow\"\n\n[platform]\npreset = \"p\"\n\n[[staff]]\nkind = \"email\"\ndays = 1\n";

    fn parse_text(text: &str) -> (Option<Doc>, Vec<Problem>, Arc<SourceFile>) {
        let file = Arc::new(SourceFile::new("school.toml", text));
        let mut problems = Vec::new();
        let value = parse::<Doc>(&file, &mut problems);
        (value, problems, file)
    }

    fn headlines(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(Problem::headline).collect()
    }

    #[test]
    fn a_valid_file_has_no_problem() {
        let (value, problems, file) = parse_text(VALID);
        assert!(problems.is_empty(), "{:?}", headlines(&problems));
        let value = value.unwrap();
        assert_eq!(value.staff[0].days, Some(1));
        assert_eq!(
            (
                value.school.short_name.as_str(),
                value.school.timezone.as_str()
            ),
            ("Ш", "Europe/Moscow")
        );
        assert_eq!(value.platform.preset, "p");
        assert!(!file.is_stand_in("school"));
    }

    #[test]
    fn every_structural_problem_is_reported_in_file_order() {
        let text = VALID
            .replace("timezone = \"Europe/Moscow\"\n", "")
            .replace("preset = \"p\"", "preset = \"p\"\nprest = 1")
            .replace("days = 1", "days = \"один\"");
        let (value, problems, file) = parse_text(&text);
        assert_eq!(
            headlines(&problems),
            [
                "school.toml:1:1: `school`: missing field `timezone`",
                "school.toml:7:1: `platform.prest`: unknown field `prest`, expected `preset`",
                "school.toml:11:8: `staff[0].days`: invalid type: string \"один\", expected a whole number",
            ]
        );
        assert!(
            problems[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("add the missing key `timezone` (text in \"quotes\") to `[school]`")
        );
        assert!(
            problems[1]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("did you mean `preset`?")
        );
        assert!(
            problems[2]
                .hint
                .as_deref()
                .unwrap()
                .contains("whole number")
        );
        // The rest of the file is still there to validate; the stand-ins are marked.
        let value = value.unwrap();
        assert_eq!(value.school.full_name, "Школа");
        assert_eq!(value.school.timezone, "", "a stand-in");
        assert!(file.is_stand_in("school.timezone"));
        assert!(file.is_stand_in("staff[0].days"));
        assert!(!file.is_stand_in("staff[0].kind") && !file.is_stand_in("school"));
    }

    #[test]
    fn a_syntax_error_is_the_one_problem() {
        let text = VALID
            .replace("short_name = \"Ш\"", "short_name = \"Ш")
            .replace("preset = \"p\"", "prest = 1");
        let (value, problems, _) = parse_text(&text);
        assert!(value.is_none());
        assert_eq!(problems.len(), 1, "{:?}", headlines(&problems));
        assert!(
            problems[0]
                .location()
                .unwrap()
                .starts_with("school.toml:3:")
        );
    }

    #[test]
    fn a_misspelt_key_is_one_problem_not_also_a_missing_one() {
        let text = VALID.replace("short_name =", "shortname =");
        let (_, problems, _) = parse_text(&text);
        assert_eq!(problems.len(), 1, "{:?}", headlines(&problems));
        assert!(problems[0].message.starts_with("unknown field `shortname`"));
        assert!(
            problems[0]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("did you mean `short_name`?")
        );
    }

    #[test]
    fn a_missing_table_is_named_as_a_table() {
        let text = VALID.replace("[platform]\npreset = \"p\"\n", "");
        let (value, problems, file) = parse_text(&text);
        assert_eq!(
            headlines(&problems),
            ["school.toml:1:1: missing field `platform`"]
        );
        assert!(
            problems[0]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("add the missing table `[platform]`"),
            "{:?}",
            problems[0].hint
        );
        assert!(value.is_some());
        assert!(file.is_stand_in("platform.preset"));
    }

    #[test]
    fn the_value_meant_is_kept_where_there_is_no_doubt() {
        let text = format!(
            "{}\n[year]\nstart = \"2025-09-01\"\n",
            VALID
                .replace("[[staff]]", "[staff]")
                .replace("timezone =", "emails = \"a@b.ru\"\ntimezone =")
        );
        let (value, problems, file) = parse_text(&text);
        assert_eq!(
            headlines(&problems),
            [
                "school.toml:4:10: `school.emails`: invalid type: string \"a@b.ru\", expected a list",
                "school.toml:10:1: `staff`: invalid type: map, expected a list",
                "school.toml:15:9: `year.start`: invalid type: string \"2025-09-01\", expected a date",
            ]
        );
        let value = value.unwrap();
        assert_eq!(value.school.emails, ["a@b.ru"]);
        assert_eq!(value.staff[0].kind, "email");
        assert_eq!(value.year.unwrap().start.to_string(), "2025-09-01");
        // Real values, not stand-ins: validation checks them.
        assert!(!file.is_stand_in("staff[0].kind") && !file.is_stand_in("year.start"));
    }

    #[test]
    fn an_array_of_tables_where_one_table_belongs_is_one_problem() {
        let text = VALID.replace("[school]", "[[school]]");
        let (_, problems, _) = parse_text(&text);
        assert_eq!(
            headlines(&problems),
            ["school.toml:1:1: `school`: invalid type: a list, expected a table"]
        );
    }

    #[test]
    fn problems_of_front_matter_point_into_the_whole_file() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Front {
            title: String,
            weight: Option<i64>,
        }
        let text = "+++\ntitel = \"A\"\nweight = \"1\"\n+++\nBody\n";
        let file = Arc::new(SourceFile::new("a.md", text).with_toml(4..text.len() - 9));
        let mut problems = Vec::new();
        let front = parse::<Front>(&file, &mut problems).unwrap();
        assert_eq!(
            (front.title.as_str(), front.weight),
            ("", Some(0)),
            "stand-ins"
        );
        assert_eq!(
            headlines(&problems),
            [
                "a.md:2:1: `titel`: unknown field `titel`, expected `title` or `weight`",
                "a.md:3:10: `weight`: invalid type: string \"1\", expected a whole number",
            ]
        );
    }

    #[test]
    fn a_missing_value_that_no_stand_in_fits_ends_the_repairs_with_its_problem() {
        #[derive(Debug, Deserialize)]
        struct Counted {
            count: std::num::NonZeroU32,
        }
        let file = Arc::new(SourceFile::new("a.toml", "other = 1\n"));
        let mut problems = Vec::new();
        let value = parse::<Counted>(&file, &mut problems);
        assert!(value.map(|value| value.count).is_none());
        assert_eq!(headlines(&problems), ["a.toml:1:1: missing field `count`"]);
    }

    #[test]
    fn a_file_of_thousands_of_unknown_keys_stops_after_a_bounded_number() {
        let keys: String = (0..5_000).map(|i| format!("k{i} = {i}\n")).collect();
        let text = format!("{keys}{VALID}");
        let started = std::time::Instant::now();
        let (_, problems, _) = parse_text(&text);
        // Each repair reports one, then the error that found the bound, then the note.
        assert_eq!(problems.len(), MAX_STEPS + 2);
        assert!(problems.iter().any(|p| p.message.contains("stopped after")));
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    use proptest::prelude::*;

    /// Replacements for a line's value: every kind, and none.
    const VALUES: [&str; 8] = [
        "\"x\"",
        "1",
        "1.5",
        "true",
        "2025-09-01",
        "[1, \"a\"]",
        "{ a = 1 }",
        "",
    ];

    proptest! {
        /// Whatever lines of a real school.toml are dropped, renamed or given a value of another
        /// kind, the repairs end without a panic, and the problems come once each, in file order.
        #[test]
        fn any_damage_to_a_real_school_is_reported_in_order_once(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), 0..10usize), 1..12),
        ) {
            let text = include_str!("../../schools/osh/school.toml");
            let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
            for (line, edit) in edits {
                let line = line.index(lines.len());
                let Some((key, _)) = lines[line].split_once(" = ") else { continue };
                let key = key.to_owned();
                lines[line] = match edit {
                    8 => String::new(),
                    9 => format!("{key}x = 1"),
                    kind => format!("{key} = {}", VALUES[kind % VALUES.len()]),
                };
            }
            let file = Arc::new(SourceFile::new("school.toml", lines.join("\n")));
            let mut problems = Vec::new();
            let _ = parse::<crate::data::RawSchool>(&file, &mut problems);
            let starts: Vec<_> = problems.iter().map(|p| p.span.clone().map(|s| s.start)).collect();
            prop_assert!(starts.is_sorted(), "{:?}", headlines(&problems));
            let mut seen = std::collections::HashSet::new();
            for problem in &problems {
                prop_assert!(seen.insert(problem.headline()), "twice: {}", problem.headline());
            }
        }
    }
}
