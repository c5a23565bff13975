//! Positions of values inside a TOML document, looked up by field path (only on the error path).

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{FieldPath, Segment};

/// The byte range of the value at `path`; of the deepest existing parent when the value is missing.
pub fn span_of(text: &str, path: &FieldPath) -> Option<Range<usize>> {
    SpanIndex::new(text).span_of(path)
}

/// Every value's span in a document, parsed once: a file with thousands of problems used to be
/// parsed again for each one (8,000 invalid slots: 52 s); now each lookup walks the path only.
#[derive(Debug, Default)]
pub struct SpanIndex {
    root: Node,
    root_keys: HashMap<String, Range<usize>>,
}

#[derive(Debug, Default)]
struct Node {
    span: Range<usize>,
    keys: HashMap<String, Node>,
    items: Vec<Node>,
}

impl SpanIndex {
    pub fn new(text: &str) -> Self {
        let (root, _) = DeTable::parse_recoverable(text);
        let root_keys = root
            .get_ref()
            .keys()
            .map(|key| (key.get_ref().to_string(), key.span()))
            .collect();
        SpanIndex {
            root: table_node(root.get_ref(), root.span()),
            root_keys,
        }
    }

    /// The byte range of the value at `path`; of the deepest existing parent when it is missing.
    pub fn span_of(&self, path: &FieldPath) -> Option<Range<usize>> {
        let first = path.0.first()?;
        let mut current: Option<&Node> = None;
        let mut node = &self.root;
        for segment in &path.0 {
            let next = match segment {
                Segment::Key(key) => node.keys.get(key.as_str()),
                Segment::Index(index) => node.items.get(*index),
            };
            let Some(next) = next else {
                return current
                    .map(|n| n.span.clone())
                    .or_else(|| self.key_span(first));
            };
            current = Some(next);
            node = next;
        }
        current.map(|n| n.span.clone())
    }

    fn key_span(&self, first: &Segment) -> Option<Range<usize>> {
        let Segment::Key(first) = first else {
            return None;
        };
        self.root_keys.get(first.as_str()).cloned()
    }
}

/// Nesting is bounded by the TOML parser's own recursion limit, so recursion here is too.
fn table_node(table: &DeTable, span: Range<usize>) -> Node {
    let keys = table
        .iter()
        .map(|(key, value)| (key.get_ref().to_string(), value_node(value)))
        .collect();
    Node {
        span,
        keys,
        items: Vec::new(),
    }
}

fn value_node(value: &Spanned<DeValue>) -> Node {
    match value.get_ref() {
        DeValue::Table(table) => table_node(table, value.span()),
        DeValue::Array(array) => Node {
            span: value.span(),
            keys: HashMap::new(),
            items: array.iter().map(value_node).collect(),
        },
        _ => Node {
            span: value.span(),
            ..Node::default()
        },
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
