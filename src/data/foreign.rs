//! The messages of serde and the toml parser, which are always English, in the chosen language:
//! the usual shapes (a missing or unknown key, a value of the wrong kind, a TOML syntax error)
//! are said again in Russian, with the keys and values they quote kept as they are. The English
//! text stays the one the code reads (`lenient` matches its prefixes); only what is shown changes.

use crate::locale::{self, Lang, t};

/// `message` as shown in the chosen language.
pub fn shown(message: &str) -> String {
    if locale::current() == Lang::En {
        return message.to_owned();
    }
    translated(message).unwrap_or_else(|| untranslated(message))
}

/// A message of a shape not known here: in Russian words that say what it is about, with the
/// parser's own text quoted (a message of this program's own is shown as it is).
fn untranslated(message: &str) -> String {
    if message
        .chars()
        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
    {
        return message.to_owned();
    }
    t!("toml-other", message = message)
}

fn translated(message: &str) -> Option<String> {
    if let Some(key) = quoted(message, "missing field `") {
        return Some(t!("toml-missing-field", key = key));
    }
    if let Some(key) = quoted(message, "unknown field `") {
        return Some(unknown("toml-unknown-field", key, message));
    }
    if let Some(value) = quoted(message, "unknown variant `") {
        return Some(unknown("toml-unknown-variant", value, message));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (actual, expected) = rest.rsplit_once(", expected ")?;
        return Some(t!(
            "toml-invalid-type",
            actual = actual_kind(actual),
            expected = expected_kind(expected)
        ));
    }
    if let Some(rest) = message.strip_prefix("accepted forms: ") {
        return Some(t!("toml-accepted-forms", forms = forms(rest)?));
    }
    syntax(message)
}

/// «unknown field `x`, expected one of `a`, `b`» with the list of what is known.
fn unknown(id: &str, name: &str, message: &str) -> String {
    let expected = message.split_once(", expected ").map(|(_, list)| list);
    let known = expected.map(|list| {
        let list = list.strip_prefix("one of ").unwrap_or(list);
        list.replace("` or `", "` или `")
    });
    let known = known.unwrap_or_else(|| t!("toml-nothing-known"));
    match id {
        "toml-unknown-variant" => t!("toml-unknown-variant", value = name, known = known),
        _ => t!("toml-unknown-field", key = name, known = known),
    }
}

/// serde's `Unexpected` («string "пять"», «integer `5`», «map») in words.
fn actual_kind(actual: &str) -> String {
    let kinds = [
        ("string ", "kind-string"),
        ("integer ", "kind-integer"),
        ("floating point ", "kind-float"),
        ("boolean ", "kind-boolean"),
    ];
    let found = kinds
        .iter()
        .find_map(|(prefix, id)| Some((actual.strip_prefix(prefix)?, *id)));
    let Some((value, id)) = found else {
        return match actual {
            "map" => t!("kind-table"),
            "sequence" => t!("kind-list"),
            other => expected_kind(other),
        };
    };
    let word = match id {
        "kind-string" => t!("kind-string"),
        "kind-integer" => t!("kind-integer"),
        "kind-float" => t!("kind-float"),
        _ => t!("kind-boolean"),
    };
    format!("{word} {value}")
}

/// What `lenient` says was expected (its `Kind::name`), in words.
fn expected_kind(expected: &str) -> String {
    match expected {
        "text in quotes" => t!("kind-text-in-quotes"),
        "a table" => t!("kind-table"),
        "a date" => t!("kind-date"),
        "a whole number" => t!("kind-whole-number"),
        "true or false" => t!("kind-true-or-false"),
        "a list" => t!("kind-list"),
        "a number" => t!("kind-number"),
        days if days.starts_with("days as a string") => t!("kind-days"),
        other => other.to_owned(),
    }
}

/// The `expecting` text of a value with several forms (`data/*.rs`), by how it begins.
fn forms(rest: &str) -> Option<String> {
    let found = [
        ("true (the standard wording)", "forms-rule"),
        ("\"24x7\"", "forms-hours"),
        ("a phone number in quotes", "forms-phone"),
        ("the date of the consent", "forms-consent"),
        ("the school's words in quotes", "forms-response"),
    ]
    .into_iter()
    .find(|(start, _)| rest.starts_with(start))?;
    Some(match found.1 {
        "forms-rule" => t!("forms-rule"),
        "forms-hours" => t!("forms-hours"),
        "forms-phone" => t!("forms-phone"),
        "forms-consent" => t!("forms-consent"),
        _ => t!("forms-response"),
    })
}

/// The toml parser's syntax errors met in teachers' files.
fn syntax(message: &str) -> Option<String> {
    let known = [
        ("duplicate key", "toml-duplicate-key"),
        ("string values must be quoted", "toml-unquoted-string"),
        ("invalid basic string", "toml-open-quote"),
        ("invalid literal string", "toml-open-quote"),
        ("unexpected leading zero", "toml-leading-zero"),
        ("invalid table header", "toml-table-header"),
        ("key with no value", "toml-no-value"),
        ("expected newline", "toml-expected-newline"),
        ("invalid date", "toml-invalid-date"),
    ];
    let (_, id) = known.iter().find(|(start, _)| message.starts_with(start))?;
    Some(match *id {
        "toml-duplicate-key" => t!("toml-duplicate-key"),
        "toml-unquoted-string" => t!("toml-unquoted-string"),
        "toml-open-quote" => t!("toml-open-quote"),
        "toml-leading-zero" => t!("toml-leading-zero"),
        "toml-table-header" => t!("toml-table-header"),
        "toml-no-value" => t!("toml-no-value"),
        "toml-expected-newline" => t!("toml-expected-newline"),
        _ => t!("toml-invalid-date"),
    })
}

/// The text between `prefix` and the next backtick of `message`.
fn quoted<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.strip_prefix(prefix)?.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru(message: &str) -> String {
        locale::with(Lang::Ru, || shown(message))
    }

    #[test]
    fn the_usual_shapes_are_said_in_russian() {
        assert_eq!(
            ru("missing field `timezone`"),
            "нет обязательного ключа `timezone`"
        );
        assert_eq!(
            ru("unknown field `short_nam`, expected one of `full_name`, `short_name`"),
            "неизвестный ключ `short_nam`; возможные ключи: `full_name`, `short_name`"
        );
        assert_eq!(
            ru("unknown field `titel`, expected `title` or `weight`"),
            "неизвестный ключ `titel`; возможные ключи: `title` или `weight`"
        );
        assert_eq!(
            ru("invalid type: string \"пять\", expected a whole number"),
            "неверный вид значения: строка \"пять\"; ожидается целое число"
        );
        assert_eq!(
            ru("invalid type: map, expected a list"),
            "неверный вид значения: таблица; ожидается список"
        );
        assert_eq!(ru("duplicate key"), "ключ повторяется");
    }

    #[test]
    fn an_unknown_shape_quotes_the_parser() {
        assert_eq!(
            ru("something odd, expected x"),
            "ошибка в записи TOML (разбор сообщил: «something odd, expected x»)"
        );
        assert_eq!(ru("уже по-русски"), "уже по-русски");
    }

    #[test]
    fn english_is_left_as_it_is() {
        assert_eq!(shown("missing field `x`"), "missing field `x`");
    }
}
