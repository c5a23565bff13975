use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::*;

fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        (vars.iter())
            .find(|(key, _)| *key == name)
            .map(|(_, value)| (*value).to_owned())
    }
}

#[test]
fn a_russian_locale_gives_russian() {
    for value in [
        "ru",
        "ru_RU.UTF-8",
        "ru_RU",
        "ru-RU",
        "RU_ru.utf8",
        "ru_UA@euro",
    ] {
        assert_eq!(
            Lang::from_env(env(&[("LANG", value)]), || None),
            Lang::Ru,
            "{value}"
        );
    }
}

#[test]
fn any_other_locale_or_none_gives_english() {
    for value in [
        "C",
        "POSIX",
        "C.UTF-8",
        "en_US.UTF-8",
        "de_DE",
        "rus",
        "uk_UA.UTF-8",
    ] {
        assert_eq!(
            Lang::from_env(env(&[("LANG", value)]), || None),
            Lang::En,
            "{value}"
        );
    }
    assert_eq!(Lang::from_env(env(&[]), || None), Lang::En);
}

#[test]
fn lc_all_wins_over_lc_messages_which_wins_over_lang() {
    let all = [
        ("LC_ALL", "C"),
        ("LC_MESSAGES", "ru_RU.UTF-8"),
        ("LANG", "ru_RU.UTF-8"),
    ];
    assert_eq!(Lang::from_env(env(&all), || None), Lang::En);
    let messages = [("LC_MESSAGES", "ru_RU.UTF-8"), ("LANG", "C")];
    assert_eq!(Lang::from_env(env(&messages), || None), Lang::Ru);
    let messages = [("LC_MESSAGES", "C"), ("LANG", "ru_RU.UTF-8")];
    assert_eq!(Lang::from_env(env(&messages), || None), Lang::En);
}

#[test]
fn an_empty_variable_is_as_if_unset() {
    let vars = [("LC_ALL", ""), ("LC_MESSAGES", ""), ("LANG", "ru_RU.UTF-8")];
    assert_eq!(Lang::from_env(env(&vars), || None), Lang::Ru);
}

#[test]
fn the_flag_wins_over_the_locale() {
    assert_eq!(Lang::detect(Some(Lang::En)), Lang::En);
    assert_eq!(Lang::detect(Some(Lang::Ru)), Lang::Ru);
}

/// Each message of a Fluent file: id -> the variables its text names.
fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in source.lines() {
        let starts_message = line.starts_with(|c: char| c.is_ascii_lowercase());
        if starts_message {
            let (id, _) = line.split_once('=').expect("`id = text`");
            let id = id.trim().to_owned();
            assert!(!found.contains_key(&id), "{id} twice");
            found.insert(id.clone(), BTreeSet::new());
            current = Some(id);
        } else if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let Some(id) = &current else { continue };
        let variables = found.get_mut(id).expect("inserted");
        let mut rest = line;
        while let Some(at) = rest.find('$') {
            rest = &rest[at + 1..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            variables.insert(rest[..end].to_owned());
        }
    }
    found
}

#[test]
fn both_files_parse_without_errors() {
    for (name, source) in [("en", ENGLISH), ("ru", RUSSIAN)] {
        if let Err((_, errors)) = FluentResource::try_new(source.to_owned()) {
            panic!("locales/{name}/spravka.ftl: {errors:?}");
        }
    }
}

#[test]
fn every_message_exists_in_both_languages_with_the_same_variables() {
    let (en, ru) = (messages(ENGLISH), messages(RUSSIAN));
    let only_en: Vec<_> = en.keys().filter(|id| !ru.contains_key(*id)).collect();
    let only_ru: Vec<_> = ru.keys().filter(|id| !en.contains_key(*id)).collect();
    assert!(only_en.is_empty(), "not in Russian: {only_en:?}");
    assert!(only_ru.is_empty(), "not in English: {only_ru:?}");
    for (id, variables) in &en {
        assert_eq!(variables, &ru[id], "the variables of {id}");
    }
}

/// The ids of every `t!("…"` in the Rust files under `dir`.
fn used_ids(dir: &Path, ids: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            used_ids(&path, ids);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a Rust file");
            let mut rest = text.as_str();
            while let Some(at) = rest.find("t!(") {
                let macro_call = !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
                rest = rest[at + 3..].trim_start();
                if let Some(quoted) = rest.strip_prefix('"').filter(|_| macro_call) {
                    let end = quoted.find('"').unwrap_or(0);
                    let id = &quoted[..end];
                    if id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
                    {
                        ids.insert(id.to_owned());
                    }
                }
            }
        }
    }
}

#[test]
fn every_message_the_code_names_exists() {
    let mut ids = BTreeSet::new();
    used_ids(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut ids);
    assert!(ids.len() > 10, "{ids:?}");
    let en = messages(ENGLISH);
    let missing: Vec<_> = ids.iter().filter(|id| !en.contains_key(*id)).collect();
    assert!(
        missing.is_empty(),
        "not in locales/en/spravka.ftl: {missing:?}"
    );
}

#[test]
fn every_message_is_used() {
    let mut ids = BTreeSet::new();
    used_ids(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut ids);
    let unused: Vec<_> = messages(ENGLISH)
        .into_keys()
        .filter(|id| !ids.contains(id))
        .collect();
    assert!(unused.is_empty(), "no t!(…) names these: {unused:?}");
}

#[test]
fn plurals_follow_russian_grammar() {
    let days = |n: i64| text_in(Lang::Ru, "count-days", &[("n", n.into())]);
    assert_eq!(days(1), "1 день");
    assert_eq!(days(3), "3 дня");
    assert_eq!(days(5), "5 дней");
    assert_eq!(days(21), "21 день");
    assert_eq!(days(12), "12 дней");
    assert_eq!(text_in(Lang::En, "count-days", &[("n", 1.into())]), "1 day");
    assert_eq!(
        text_in(Lang::En, "count-days", &[("n", 2.into())]),
        "2 days"
    );
}

#[test]
fn a_missing_message_falls_back_to_its_id() {
    assert_eq!(text_in(Lang::Ru, "no-such-message", &[]), "no-such-message");
}

#[test]
fn literal_braces_come_out_as_braces() {
    assert_eq!(
        text_in(Lang::En, "progress-template", &[]),
        "{prefix} [{bar:30}] {pos}/{len} schools, {eta} left"
    );
    assert_eq!(
        text_in(Lang::Ru, "cli-help-template", &[]),
        "{about-with-newline}\nИспользование: {usage}\n\n{all-args}{after-help}"
    );
}

#[test]
fn without_locale_variables_the_system_language_decides() {
    // Windows sets none of LC_ALL, LC_MESSAGES and LANG; its user's language is Russian here.
    let system = || Some("ru-RU".to_owned());
    assert_eq!(Lang::from_env(env(&[]), system), Lang::Ru);
    assert_eq!(Lang::from_env(env(&[("LANG", "")]), system), Lang::Ru);
    assert_eq!(Lang::from_env(env(&[("LANG", "C")]), system), Lang::En);
    assert_eq!(
        Lang::from_env(env(&[]), || Some("en-US".to_owned())),
        Lang::En
    );
}
