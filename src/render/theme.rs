//! The theme: templates, static files and translations, built into the binary and overridable
//! file by file from a user theme folder.

use std::collections::BTreeMap;
use std::sync::Arc;

use tera::Tera;

use super::i18n::Translations;
use crate::data::theme::RawTheme;
use crate::diagnostic::{Problem, SourceFile};
use crate::error::Error;
use crate::locale::t;
use crate::model::types::Language;

macro_rules! embedded {
    ($dir:literal, $($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $dir, "/", $name)))),+]
    };
}

const TEMPLATES: &[(&str, &str)] = embedded!(
    "templates",
    "base.html",
    "header.html",
    "footer.html",
    "components.html",
    "home.html",
    "schedule.html",
    "contacts.html",
    "escalation.html",
    "faq_index.html",
    "article.html",
    "regulation.html",
    "regulation_text.html",
    "poster.html",
    "search.html",
    "search_box.html",
    "root_index.html",
);

const STATIC: &[(&str, &str)] = embedded!(
    "static",
    "style.css",
    "spravka.js",
    "vision.js",
    "search.js"
);

/// The languages the built-in theme is translated into: a theme folder may override these.
pub const LANGUAGES: [Language; 2] = [Language::Russian, Language::English];

const TRANSLATIONS: &[(Language, &str)] = &[
    (
        Language::Russian,
        include_str!("../../themes/default/i18n/ru.toml"),
    ),
    (
        Language::English,
        include_str!("../../themes/default/i18n/en.toml"),
    ),
];

/// Compiled templates plus the files every school site gets.
#[derive(Debug)]
pub struct Theme {
    pub tera: Tera,
    /// Path inside a school's site (`assets/style.css`) -> bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// The manifest digest of each asset, computed once rather than per school.
    pub asset_digests: BTreeMap<String, String>,
    translations: BTreeMap<&'static str, Translations>,
    /// The translations as templates see them (`t`, `doc`), converted once: every school's
    /// context shares them instead of converting them again (a Tera value is reference-counted).
    translation_values: BTreeMap<&'static str, tera::Value>,
    /// Fingerprint of every template, asset and translation, built-in or overridden.
    pub fingerprint: String,
}

impl Theme {
    /// The built-in theme, with any file of `custom` (templates/, static/, i18n/, read from disk
    /// by `data::theme`) taking precedence.
    pub fn load(custom: Option<RawTheme>) -> Result<Theme, Error> {
        let mut templates: BTreeMap<String, (String, Option<Arc<SourceFile>>)> = TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), (text.to_string(), None)))
            .collect();
        let mut assets: BTreeMap<String, Vec<u8>> = STATIC
            .iter()
            .map(|(name, text)| (format!("assets/{name}"), text.as_bytes().to_vec()))
            .collect();
        let mut translations = built_in_translations();
        if let Some(custom) = custom {
            apply_overrides(custom, &mut templates, &mut assets, &mut translations)?;
        }
        if let Some(script) = assets.get_mut("assets/vision.js") {
            *script = super::vision::with_labels(script, &translations);
        }
        let fingerprint = theme_fingerprint(&templates, &assets, &translations);
        let translation_values = translations
            .iter()
            .map(|(code, table)| (*code, tera::Value::from_serializable(table)))
            .collect();
        let asset_digests = assets
            .iter()
            .map(|(path, bytes)| (path.clone(), super::manifest::digest(bytes)))
            .collect();
        Ok(Theme {
            tera: compile(&templates)?,
            assets,
            asset_digests,
            translations,
            translation_values,
            fingerprint,
        })
    }

    #[must_use]
    pub fn translations(&self, language: Language) -> &Translations {
        &self.translations[language.code()]
    }

    /// The translations of `language` ready for a template context.
    #[must_use]
    pub fn translation_value(&self, language: Language) -> tera::Value {
        self.translation_values[language.code()].clone()
    }
}

fn theme_fingerprint(
    templates: &BTreeMap<String, (String, Option<Arc<SourceFile>>)>,
    assets: &BTreeMap<String, Vec<u8>>,
    translations: &BTreeMap<&'static str, Translations>,
) -> String {
    let mut fingerprint = crate::fingerprint::Fingerprint::new();
    for (name, (text, _)) in templates {
        fingerprint.add(name, text.as_bytes());
    }
    for (path, bytes) in assets {
        fingerprint.add(path, bytes);
    }
    for (code, table) in translations {
        fingerprint.add(code, format!("{:?}", table.table()).as_bytes());
    }
    fingerprint.hex()
}

fn built_in_translations() -> BTreeMap<&'static str, Translations> {
    TRANSLATIONS
        .iter()
        .map(|(language, text)| {
            let parsed = Translations::parse(*language, text)
                .expect("built-in translations are valid TOML (tested)");
            (language.code(), parsed)
        })
        .collect()
}

fn compile(templates: &BTreeMap<String, (String, Option<Arc<SourceFile>>)>) -> Result<Tera, Error> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html"]);
    tera.set_escape_fn(super::escape::escape_html);
    super::filters::register(&mut tera);
    tera.register_filter("safe", safe);
    let list = templates
        .iter()
        .map(|(name, (text, _))| (name.as_str(), text.as_str()));
    tera.add_raw_templates(list).map_err(|error| {
        let problem = Problem::new(t!("theme-compile", error = describe(&error)))
            .with_hint(t!("theme-compile-hint"));
        Error::Invalid(vec![locate(problem, &error, templates)])
    })?;
    Ok(tera)
}

/// Tera's `safe` filter, without its copy: Tera's own builds a new string from the value's text,
/// where marking the same (reference-counted) string safe is enough. Every page passes its header
/// and footer through it, and every article page its whole article.
fn safe(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.is_string() {
        value.mark_safe()
    } else {
        tera::Value::safe_string(&value.to_string())
    }
}

/// Points a template problem at the overriding file and the span Tera reports, when the
/// template at fault is the user's own (the built-in ones are tested to compile).
fn locate(
    problem: Problem,
    error: &tera::Error,
    templates: &BTreeMap<String, (String, Option<Arc<SourceFile>>)>,
) -> Problem {
    let Some(report) = report(error) else {
        return problem;
    };
    match templates.get(report.filename()) {
        Some((_, Some(file))) => problem
            .in_file(file)
            .with_span(Some(report.span().range.clone())),
        _ => problem,
    }
}

fn report(error: &tera::Error) -> Option<&tera::ReportError> {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    }
}

/// Lays the user's theme files over the built-in ones, file by file. A static file may replace
/// a built-in one (`style.css`), but not a file that the build writes for each school.
fn apply_overrides(
    custom: RawTheme,
    templates: &mut BTreeMap<String, (String, Option<Arc<SourceFile>>)>,
    assets: &mut BTreeMap<String, Vec<u8>>,
    translations: &mut BTreeMap<&'static str, Translations>,
) -> Result<(), Error> {
    let generated: Vec<Problem> = (custom.assets.keys())
        .filter(|path| super::search::INDEX_PATH.strip_prefix("assets/") == Some(path.as_str()))
        .map(|path| {
            Problem::new(t!("theme-static-generated", path = path.as_str()))
                .with_hint(t!("theme-static-generated-hint"))
        })
        .collect();
    if !generated.is_empty() {
        return Err(Error::Invalid(generated));
    }
    for (name, file) in custom.templates {
        templates.insert(name, (file.text.to_string(), Some(file)));
    }
    for (path, bytes) in custom.assets {
        assets.insert(format!("assets/{path}"), bytes);
    }
    for (code, table) in translations.iter_mut() {
        if let Some(parsed) = custom.translations.get(*code) {
            table.merge(parsed.clone());
        }
    }
    Ok(())
}

/// A Tera error on one line: the template, line and column when Tera knows them, the message,
/// and any causes (Tera's own rendering of a report spans several lines of source).
pub fn describe(error: &tera::Error) -> String {
    let mut text = match report(error) {
        Some(report) => {
            let span = report.span();
            format!(
                "{}, line {}, column {}: {}",
                report.filename(),
                span.start_line,
                span.start_col + 1,
                report.message()
            )
        }
        None => error.to_string(),
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_theme_compiles() {
        let theme = Theme::load(None).unwrap();
        assert!(
            theme
                .tera
                .get_template_names()
                .any(|name| name == "regulation.html")
        );
        assert!(theme.assets.contains_key("assets/style.css"));
    }

    #[test]
    fn every_language_has_every_key() {
        let theme = Theme::load(None).unwrap();
        let russian = theme.translations(Language::Russian).keys();
        let english = theme.translations(Language::English).keys();
        let missing: Vec<_> = russian
            .iter()
            .filter(|key| !english.contains(key))
            .collect();
        assert!(missing.is_empty(), "en.toml lacks {missing:?}");
        let extra: Vec<_> = english
            .iter()
            .filter(|key| !russian.contains(key))
            .collect();
        assert!(extra.is_empty(), "ru.toml lacks {extra:?}");
    }
}
