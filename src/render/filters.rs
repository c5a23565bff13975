//! Tera filters of Spravka's own, registered on every theme (built-in and user).
//!
//! Tera's `capitalize` lowercases everything after the first letter, which turns
//! «ИС «Дневник.ру»» into «ис «дневник.ру»»: these filters change the first letter only.

use tera::{Kwargs, State, StringInput, Tera, Value};

/// Registers `upper_first` and `lower_first`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("upper_first", |text: StringInput, _: Kwargs, _: &State| {
        first_letter(text, upper_first)
    });
    tera.register_filter("lower_first", |text: StringInput, _: Kwargs, _: &State| {
        first_letter(text, lower_first)
    });
}

fn first_letter(text: StringInput, change: fn(&str) -> String) -> Value {
    text.inherit_safety(change(text.as_str()))
}

/// «сотрудник ОО» -> «Сотрудник ОО»: the rest of the text stays as written.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// «По телефону» -> «по телефону», for list items inside a sentence. A word written in
/// capitals («ИС», «ОО») keeps them.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    let (Some(first), second) = (chars.next(), chars.clone().next()) else {
        return text.to_owned();
    };
    if second.is_some_and(char::is_uppercase) {
        return text.to_owned();
    }
    first.to_lowercase().chain(chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, value: &str) -> String {
        let mut tera = Tera::new();
        register(&mut tera);
        tera.add_raw_template("t", template).unwrap();
        let mut context = tera::Context::new();
        context.insert("v", value);
        tera.render("t", &context).unwrap()
    }

    #[test]
    fn upper_first_keeps_the_rest_as_written() {
        let role = "сотрудник ОО, ответственный … в ИС «Дневник.ру»";
        assert_eq!(
            render("{{ v | upper_first }}", role),
            "Сотрудник ОО, ответственный … в ИС «Дневник.ру»"
        );
        assert_eq!(
            render("{{ v | upper_first }}", "на Школьном портале"),
            "На Школьном портале"
        );
        assert_eq!(render("{{ v | upper_first }}", ""), "");
    }

    #[test]
    fn lower_first_keeps_abbreviations_and_the_rest() {
        assert_eq!(
            render("{{ v | lower_first }}", "По электронной почте ИС"),
            "по электронной почте ИС"
        );
        assert_eq!(render("{{ v | lower_first }}", "ОО"), "ОО");
        assert_eq!(render("{{ v | lower_first }}", "Я"), "я");
    }

    #[test]
    fn built_in_templates_never_use_capitalize() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates");
        let entries = std::fs::read_dir(dir).unwrap();
        let mut seen = 0;
        for entry in entries {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains("capitalize"),
                "{} uses `capitalize`",
                path.display()
            );
            seen += 1;
        }
        assert!(seen > 10, "only {seen} templates read from {dir}");
    }
}
