//! Positions of values inside a TOML document, looked up by field path (only on the error path).

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{FieldPath, Segment};

/// Where every value of a TOML document is, by field path: built once per file on its first
/// problem, so that a file with thousands of problems is not parsed again for each of them.
#[derive(Debug, Default)]
pub struct SpanIndex(HashMap<Vec<Segment>, Range<usize>>);

impl SpanIndex {
    pub fn build(text: &str) -> SpanIndex {
        let (root, _) = DeTable::parse_recoverable(text);
        let mut index = SpanIndex::default();
        index.table(root.get_ref(), &mut Vec::new());
        index
    }

    /// The byte range of the value at `path`; of the deepest existing parent when the value is
    /// missing.
    pub fn span_of(&self, path: &FieldPath) -> Option<Range<usize>> {
        (1..=path.0.len())
            .rev()
            .find_map(|len| self.0.get(&path.0[..len]).cloned())
    }

    fn table(&mut self, table: &DeTable, at: &mut Vec<Segment>) {
        for (key, value) in table {
            at.push(Segment::Key(key.get_ref().to_string()));
            self.value(value, at);
            at.pop();
        }
    }

    fn value(&mut self, value: &Spanned<DeValue>, at: &mut Vec<Segment>) {
        self.0.insert(at.clone(), value.span());
        match value.get_ref() {
            DeValue::Table(table) => self.table(table, at),
            DeValue::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    at.push(Segment::Index(index));
                    self.value(item, at);
                    at.pop();
                }
            }
            _ => {}
        }
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
    for (key, value) in table {
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
        let span = SpanIndex::build(DOC).span_of(&path).unwrap();
        assert_eq!(&DOC[span], "\"bad@\"");
    }

    #[test]
    fn missing_value_points_at_parent() {
        let path = FieldPath::root()
            .key("staff")
            .key("channels")
            .index(0)
            .key("phone");
        let span = SpanIndex::build(DOC).span_of(&path).unwrap();
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
