//! The theme's translation tables: UI strings, standard wordings, and plural forms.

use serde::Serialize;

use crate::model::types::Language;

/// One language's strings, as read from `themes/default/i18n/<lang>.toml`.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Translations {
    table: toml::Table,
    #[serde(skip)]
    language: Language,
}

impl Translations {
    pub fn parse(language: Language, text: &str) -> Result<Self, toml::de::Error> {
        Ok(Translations {
            table: toml::from_str(text)?,
            language,
        })
    }

    /// Override keys with those of another table (a user theme's translation file).
    pub fn merge(&mut self, other: toml::Table) {
        merge_tables(&mut self.table, other);
    }

    pub fn table(&self) -> &toml::Table {
        &self.table
    }

    fn lookup(&self, key: &str) -> Option<&toml::Value> {
        let mut parts = key.split('.');
        let mut value = self.table.get(parts.next()?)?;
        for part in parts {
            value = value.get(part)?;
        }
        Some(value)
    }

    /// A string by dotted key; a missing key shows itself, and a test keeps every language complete.
    pub fn text(&self, key: &str) -> String {
        self.lookup(key)
            .and_then(toml::Value::as_str)
            .unwrap_or(key)
            .to_owned()
    }

    /// `text` with `{name}` placeholders replaced. A pattern's full stop after a value that ends
    /// with its own («по 25 мая 2027 г.», «Иванова Н. В.») is not written twice.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.text(key);
        for (name, value) in args {
            let placeholder = format!("{{{name}}}");
            if value.ends_with('.') {
                text = text.replace(&format!("{placeholder}."), value);
            }
            text = text.replace(&placeholder, value);
        }
        text
    }

    /// `n` and the right form of a plural table (`plural.<key>`): Russian one/few/many, English one/other.
    pub fn plural(&self, key: &str, n: u32) -> String {
        let forms = self
            .lookup(&format!("plural.{key}"))
            .and_then(toml::Value::as_array);
        let index = plural_index(self.language, n);
        let form = forms
            .and_then(|forms| forms.get(index).or_else(|| forms.last()))
            .and_then(toml::Value::as_str)
            .unwrap_or(key);
        format!("{n}\u{a0}{form}")
    }

    /// The right form of a list of whole phrases (`key`, one per plural category) with `{n}`
    /// filled in: «Найдена {n} страница» / «Найдено {n} страницы», where the words around the
    /// number agree with it too.
    pub fn plural_format(&self, key: &str, n: u32) -> String {
        let forms = self.lookup(key).and_then(toml::Value::as_array);
        let index = plural_index(self.language, n);
        let form = forms
            .and_then(|forms| forms.get(index).or_else(|| forms.last()))
            .and_then(toml::Value::as_str)
            .unwrap_or(key);
        form.replace("{n}", &n.to_string())
    }

    /// Every dotted key path of the table, for completeness checks.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        collect_keys(&self.table, "", &mut keys);
        keys
    }
}

/// CLDR plural categories as indexes into a form list: Russian [one, few, many]; English [one, other].
pub fn plural_index(language: Language, n: u32) -> usize {
    match language {
        Language::English => usize::from(n != 1),
        Language::Russian => {
            let (last, last_two) = (n % 10, n % 100);
            if last == 1 && last_two != 11 {
                0
            } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                1
            } else {
                2
            }
        }
    }
}

fn merge_tables(base: &mut toml::Table, other: toml::Table) {
    for (key, value) in other {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(base)), toml::Value::Table(other)) => {
                merge_tables(base, other);
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn collect_keys(table: &toml::Table, prefix: &str, keys: &mut Vec<String>) {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::Table(inner) => collect_keys(inner, &path, keys),
            _ => keys.push(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plural_categories() {
        let forms = |n| plural_index(Language::Russian, n);
        assert_eq!([1, 21, 101].map(forms), [0, 0, 0]);
        assert_eq!([2, 3, 4, 22, 34].map(forms), [1, 1, 1, 1, 1]);
        assert_eq!([0, 5, 11, 12, 14, 19, 100, 111].map(forms), [2; 8]);
    }

    #[test]
    fn a_value_ending_with_a_full_stop_gets_no_second_one() {
        let t = Translations::parse(
            Language::Russian,
            "[a]\nyear = \"Учебный год: с {start} по {end}.\"\n",
        )
        .unwrap();
        let args = [("start", "1 сентября 2026 г."), ("end", "25 мая 2027 г.")];
        assert_eq!(
            t.format("a.year", &args),
            "Учебный год: с 1 сентября 2026 г. по 25 мая 2027 г."
        );
        assert_eq!(
            t.format("a.year", &[("end", "мая")]),
            "Учебный год: с {start} по мая."
        );
    }

    #[test]
    fn plural_picks_the_form() {
        let t = Translations::parse(
            Language::Russian,
            "[plural]\nworking_days = [\"рабочий день\", \"рабочих дня\", \"рабочих дней\"]\n",
        )
        .unwrap();
        assert_eq!(t.plural("working_days", 1), "1\u{a0}рабочий день");
        assert_eq!(t.plural("working_days", 3), "3\u{a0}рабочих дня");
        assert_eq!(t.plural("working_days", 5), "5\u{a0}рабочих дней");
    }
}
