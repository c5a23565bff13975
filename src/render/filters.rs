//! Tera filters of Spravka's own, registered on every theme (built-in and user).
//!
//! Tera's `capitalize` lowercases everything after the first letter, which turns
//! «ИС «Дневник.ру»» into «ис «дневник.ру»»: these filters change the first letter only.

use tera::{Kwargs, State, StringInput, Tera, Value};

/// Registers `upper_first`, `lower_first` and `end_sentence`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("end_sentence", |text: StringInput, _: Kwargs, _: &State| {
        first_letter(&text, end_sentence)
    });
    tera.register_filter("upper_first", |text: StringInput, _: Kwargs, _: &State| {
        first_letter(&text, upper_first)
    });
    tera.register_filter("lower_first", |text: StringInput, _: Kwargs, _: &State| {
        first_letter(&text, lower_first)
    });
}

fn first_letter(text: &StringInput, change: fn(&str) -> String) -> Value {
    text.inherit_safety(change(text.as_str()))
}

/// Pages for parents never use the regulation's abbreviation of the school («ОО»): where the
/// school's term `term` is written in capitals, each whole word of it becomes «школы», or
/// «школе» after a preposition that asks for the prepositional or dative case («в ОО», «к ОО»).
/// The regulation's own words stay in the printed document; a term that is a word
/// («Учреждение») is the school's own and stays everywhere.
pub fn plain_school_term(text: &str, term: &str) -> String {
    const PREPOSITIONAL: [&str; 7] = ["в", "во", "на", "о", "об", "при", "к"];
    let is_abbreviation = term.chars().count() > 1 && term.chars().all(char::is_uppercase);
    if !is_abbreviation || !text.contains(term) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut previous = "";
    for piece in text.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let word = piece.trim_end_matches(|c: char| !c.is_alphanumeric());
        if word == term {
            let after = PREPOSITIONAL.contains(&previous.to_lowercase().as_str());
            out.push_str(if after { "школе" } else { "школы" });
            out.push_str(&piece[word.len()..]);
        } else {
            out.push_str(piece);
        }
        if !word.is_empty() {
            previous = word;
        }
    }
    out
}

/// «№ 27» with a non-breaking space, so that a line never ends with «№»; «№27» as written gets
/// one too.
pub fn nbsp_after_number_sign(text: &str) -> String {
    if !text.contains('№') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '№' {
            continue;
        }
        match chars.peek() {
            Some(' ') => {
                chars.next();
                out.push('\u{a0}');
            }
            Some(next) if next.is_ascii_digit() => out.push('\u{a0}'),
            _ => {}
        }
    }
    out
}

/// A phone number as pages print it: «8 (812) 490-70-33» never broken across lines.
pub fn unbroken_phone(display: &str) -> String {
    display.replace(' ', "\u{a0}")
}

/// A sentence made of `text` and a full stop, unless `text` already ends one («Н. В.», «т. п.»,
/// «?»): templates and patterns put a period after values that may end with their own.
pub fn end_sentence(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with(['.', '!', '?', '…']) {
        trimmed.to_owned()
    } else {
        format!("{trimmed}.")
    }
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
    fn the_school_s_abbreviation_becomes_a_plain_word() {
        let cases = [
            ("Сотрудник ОО", "Сотрудник школы"),
            (
                "на информационном стенде ОО",
                "на информационном стенде школы",
            ),
            ("работа в ОО, сайт ОО.", "работа в школе, сайт школы."),
            ("ООО «Ромашка», ОО", "ООО «Ромашка», школы"),
        ];
        for (text, expected) in cases {
            assert_eq!(plain_school_term(text, "ОО"), expected);
        }
        assert_eq!(
            plain_school_term("сотрудник Учреждения", "Учреждения"),
            "сотрудник Учреждения"
        );
    }

    #[test]
    fn numbers_and_phones_keep_together() {
        assert_eq!(
            nbsp_after_number_sign("МБОУ СОШ № 27, приказ №5"),
            "МБОУ СОШ №\u{a0}27, приказ №\u{a0}5"
        );
        assert_eq!(nbsp_after_number_sign("№"), "№");
        assert_eq!(
            unbroken_phone("8 (812) 490-70-33"),
            "8\u{a0}(812)\u{a0}490-70-33"
        );
    }

    #[test]
    fn a_sentence_gets_one_full_stop() {
        assert_eq!(
            render("{{ v | end_sentence }}", "Иванова Н. В."),
            "Иванова Н. В."
        );
        assert_eq!(
            render("{{ v | end_sentence }}", "в течение 7 дней"),
            "в течение 7 дней."
        );
        assert_eq!(
            render("{{ v | end_sentence }}", "тренингов и т. п. "),
            "тренингов и т. п."
        );
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
