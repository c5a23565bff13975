//! Positions of values inside a TOML document, looked up by field path (only on the error path).

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{FieldPath, Segment};

/// The byte range of the value at `path`; of the deepest existing parent when the value is missing.
pub fn span_of(text: &str, path: &FieldPath) -> Option<Range<usize>> {
    let (root, _) = DeTable::parse_recoverable(text);
    if path.is_root() {
        return None;
    }
    let mut current: Option<Range<usize>> = None;
    let mut table: Option<&DeTable> = Some(root.get_ref());
    let mut array: Option<&[Spanned<DeValue>]> = None;
    for segment in &path.0 {
        let value = match segment {
            Segment::Key(key) => table.and_then(|t| t.get(key.as_str())),
            Segment::Index(index) => array.and_then(|a| a.get(*index)),
        };
        let Some(value) = value else {
            return current.or_else(|| key_span(&root, &path.0[0]));
        };
        current = Some(value.span());
        (table, array) = children(value.get_ref());
    }
    current
}

fn key_span(root: &Spanned<DeTable>, first: &Segment) -> Option<Range<usize>> {
    let Segment::Key(first) = first else {
        return None;
    };
    root.get_ref()
        .keys()
        .find(|key| key.get_ref().as_ref() == first)
        .map(Spanned::span)
}

fn children<'a, 'i>(
    value: &'a DeValue<'i>,
) -> (Option<&'a DeTable<'i>>, Option<&'a [Spanned<DeValue<'i>>]>) {
    match value {
        DeValue::Table(table) => (Some(table), None),
        DeValue::Array(array) => (None, Some(&array[..])),
        _ => (None, None),
    }
}

/// The path of the innermost key or value whose span contains `offset` (for serde errors, which
/// carry only a span). Implicit tables have no span of their own, so every node is visited.
pub fn path_at(text: &str, offset: usize) -> FieldPath {
    let (root, _) = DeTable::parse_recoverable(text);
    let mut best = FieldPath::root();
    visit_table(root.get_ref(), &FieldPath::root(), offset, &mut best);
    best
}

fn visit_table(table: &DeTable, at: &FieldPath, offset: usize, best: &mut FieldPath) {
    for (key, value) in table.iter() {
        let here = at.key(key.get_ref());
        if key.span().contains(&offset) || value.span().contains(&offset) {
            keep_deeper(&here, best);
        }
        visit_value(value.get_ref(), &here, offset, best);
    }
}

fn visit_value(value: &DeValue, at: &FieldPath, offset: usize, best: &mut FieldPath) {
    match value {
        DeValue::Table(table) => visit_table(table, at, offset, best),
        DeValue::Array(array) => {
            for (index, item) in array.iter().enumerate() {
                let here = at.index(index);
                if item.span().contains(&offset) {
                    keep_deeper(&here, best);
                }
                visit_value(item.get_ref(), &here, offset, best);
            }
        }
        _ => {}
    }
}

fn keep_deeper(candidate: &FieldPath, best: &mut FieldPath) {
    if candidate.0.len() > best.0.len() {
        *best = candidate.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "[school]\nname = \"x\"\n\n[[staff.channels]]\nkind = \"phone\"\n\n[[staff.channels]]\nkind = \"email\"\nemail = \"bad@\"\n";

    #[test]
    fn finds_value_inside_array_of_tables() {
        let path = FieldPath::root()
            .key("staff")
            .key("channels")
            .index(1)
            .key("email");
        let span = span_of(DOC, &path).unwrap();
        assert_eq!(&DOC[span], "\"bad@\"");
    }

    #[test]
    fn missing_value_points_at_parent() {
        let path = FieldPath::root()
            .key("staff")
            .key("channels")
            .index(0)
            .key("phone");
        let span = span_of(DOC, &path).unwrap();
        assert!(
            span.start >= DOC.find("[[staff.channels]]").unwrap(),
            "{span:?}"
        );
        assert!(
            span.end <= DOC.find("kind = \"email\"").unwrap(),
            "{span:?}: {}",
            &DOC[span.clone()]
        );
    }

    #[test]
    fn path_at_names_the_innermost_field() {
        let offset = DOC.find("bad@").unwrap();
        assert_eq!(path_at(DOC, offset).to_string(), "staff.channels[1].email");
    }
}
