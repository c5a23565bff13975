//! Blanks left by `spravka new`: string values that start with the marker and must be filled in.

use crate::locale::t;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{FieldPath, Problem, SourceFile};

/// The marker that opens every blank of a scaffolded school.
pub const MARKER: &str = "ЗАПОЛНИТЕ";

/// One problem per blank string value in the file, in file order.
pub fn find(file: &Arc<SourceFile>) -> Vec<Problem> {
    // A blank is the marker written out by `spravka new`; a file without the marker anywhere has
    // none, and is spared a second parse (this runs for every school of a regional build).
    if !file.toml_text().contains(MARKER) {
        return Vec::new();
    }
    let (root, _) = DeTable::parse_recoverable(file.toml_text());
    let mut found = Vec::new();
    walk_table(root.get_ref(), &FieldPath::root(), &mut found);
    found.sort_by_key(|(_, span, _)| span.start);
    found
        .into_iter()
        .map(|(field, span, text)| {
            let what = text
                .trim_start_matches(MARKER)
                .trim_start_matches([':', ' ']);
            Problem::new(t!("blank-unfilled"))
                .in_file(file)
                .with_span(Some(
                    span.start + file.toml.start..span.end + file.toml.start,
                ))
                .with_field(field.to_string())
                .with_hint(if what.is_empty() {
                    t!("blank-hint")
                } else {
                    t!("blank-hint-what", what = what)
                })
        })
        .collect()
}

type Found = Vec<(FieldPath, std::ops::Range<usize>, String)>;

fn walk_table(table: &DeTable, at: &FieldPath, found: &mut Found) {
    for (key, value) in table {
        walk_value(value, &at.key(key.get_ref()), found);
    }
}

fn walk_value(value: &Spanned<DeValue>, at: &FieldPath, found: &mut Found) {
    match value.get_ref() {
        DeValue::String(text) if text.trim_start().starts_with(MARKER) => {
            found.push((at.clone(), value.span(), text.to_string()));
        }
        DeValue::Table(table) => walk_table(table, at, found),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_value(item, &at.index(i), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_blank_with_its_field() {
        let text = "[school]\nfull_name = \"ЗАПОЛНИТЕ: полное наименование\"\n[help]\ntraining_days = \"ЗАПОЛНИТЕ\"\nok = \"x\"\n";
        let file = Arc::new(SourceFile::new("school.toml", text));
        let problems = find(&file);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].field.as_deref(), Some("school.full_name"));
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("replace the blank with: полное наименование")
        );
        assert_eq!(problems[1].field.as_deref(), Some("help.training_days"));
    }
}
