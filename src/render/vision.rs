//! The words of the low-vision panel, written into `vision.js` once per theme: the script builds
//! the panel itself, so that no page carries its markup (its buttons need the script anyway).

use std::collections::BTreeMap;

use super::escape::script_json;
use super::i18n::Translations;

/// Where `vision.js` takes its words: this comment and the empty object after it are replaced.
const MARKER: &str = "/* spravka: the [vision] translations */ {}";

/// `script` with the `[vision]` table of every language in place of the marker, keyed by
/// language code (`ru`, `en`), as the page's `<html lang>` names it. A theme's own script
/// without the marker is kept as it is.
pub fn with_labels(script: &[u8], translations: &BTreeMap<&'static str, Translations>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(script) else {
        return script.to_vec();
    };
    if !text.contains(MARKER) {
        return script.to_vec();
    }
    let labels: BTreeMap<&str, Option<&toml::Value>> = (translations.iter())
        .map(|(code, table)| (*code, table.table().get("vision")))
        .collect();
    // A theme's own table may hold any TOML value; one JSON cannot take leaves the panel its
    // keys as words rather than failing the build.
    let json = script_json(&labels).unwrap_or_else(|_| "{}".to_owned());
    text.replacen(MARKER, &json, 1).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::Language;

    #[test]
    fn the_built_in_script_gets_every_language_and_a_foreign_one_is_kept() {
        let mut translations = BTreeMap::new();
        let ru = "[vision]\ntoggle = \"Версия </script>\"\n";
        translations.insert("ru", Translations::parse(Language::Russian, ru).unwrap());
        let en = "[vision]\ntoggle = \"Low vision\"\n";
        translations.insert("en", Translations::parse(Language::English, en).unwrap());
        let script = format!("var LABELS = {MARKER};");
        let out = String::from_utf8(with_labels(script.as_bytes(), &translations)).unwrap();
        assert_eq!(
            out,
            r#"var LABELS = {"en":{"toggle":"Low vision"},"ru":{"toggle":"Версия \u003c/script\u003e"}};"#
        );
        assert_eq!(with_labels(b"var x = {};", &translations), b"var x = {};");
    }
}
