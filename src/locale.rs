//! The language of the program's own words (problems, hints, summaries, the preview's overlay;
//! not the sites, whose text is the theme's): English or Russian, chosen once from `--lang` or
//! the locale. The texts are Fluent files (`locales/*/spravka.ftl`) compiled into the binary;
//! a language's file is parsed the first time one of its messages is asked for (0.5–0.7 ms in a
//! release build, then 0.3 µs a message), so a build with nothing to say pays for one summary line.

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::{LazyLock, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the program's messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Ru,
}

const ENGLISH: &str = include_str!("../locales/en/spravka.ftl");
const RUSSIAN: &str = include_str!("../locales/ru/spravka.ftl");

/// The language chosen for this process; English until `choose` is called (as in tests).
static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Set the language of this process's messages (once; later calls are ignored).
pub fn choose(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

thread_local! {
    /// A language for this thread alone (`with`, for tests of a language's texts).
    static THIS_THREAD: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The language of this process's messages.
pub fn current() -> Lang {
    THIS_THREAD
        .with(Cell::get)
        .or_else(|| CHOSEN.get().copied())
        .unwrap_or_default()
}

/// `f`'s result, with this thread's messages in `lang` while it runs.
#[cfg(test)]
pub fn with<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = THIS_THREAD.with(|cell| cell.replace(Some(lang)));
    let result = f();
    THIS_THREAD.with(|cell| cell.set(before));
    result
}

impl Lang {
    /// The language `--lang` names, or else the locale's: the first of `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` that is set and not empty decides (POSIX precedence); when none is, the
    /// system's own (Windows sets none of them: a teacher's Russian Windows is Russian there).
    #[must_use]
    pub fn detect(flag: Option<Lang>) -> Lang {
        flag.unwrap_or_else(|| {
            Lang::from_env(|name| std::env::var(name).ok(), sys_locale::get_locale)
        })
    }

    fn from_env(
        var: impl Fn(&str) -> Option<String>,
        system: impl FnOnce() -> Option<String>,
    ) -> Lang {
        let set = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.is_empty());
        set.or_else(system)
            .map_or(Lang::En, |value| Lang::from_locale(&value))
    }

    /// `ru`, `ru_RU.UTF-8`, `ru-RU` are Russian; `C`, `POSIX` and any other are English.
    fn from_locale(locale: &str) -> Lang {
        let language = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default();
        if language.eq_ignore_ascii_case("ru") {
            Lang::Ru
        } else {
            Lang::En
        }
    }

    /// The language's code, as `--lang` takes it and the overlay's page says it.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang, source: &str) -> Bundle {
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Terminals and JSON show Unicode isolation marks as garbage.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    // A duplicate id keeps the first text; the unit tests reject both mistakes.
    let _ = bundle.add_resource(resource);
    bundle
}

static EN: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::En, ENGLISH));
static RU: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::Ru, RUSSIAN));

/// The message `id` in the chosen language, with its arguments.
pub fn text(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    text_in(current(), id, args)
}

/// The message `id` in `lang`; in English when `lang` lacks it, and the id itself when English
/// lacks it too (the unit tests make sure neither happens).
pub fn text_in(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let own = match lang {
        Lang::En => &*EN,
        Lang::Ru => &*RU,
    };
    let found = own.get_message(id).map(|m| (own, m));
    let found = found.or_else(|| EN.get_message(id).map(|m| (&*EN, m)));
    let Some((bundle, pattern)) = found.and_then(|(b, m)| Some((b, m.value()?))) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let text: Cow<str> = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    text.into_owned()
}

/// `t!(id, name = value, ...)`: the message in the chosen language. A value is
/// anything a `FluentValue` is made from (text, numbers); pass other types `.to_string()`.
macro_rules! t {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::locale::text(
            $id,
            &[$((stringify!($name), fluent_bundle::FluentValue::from($value))),*],
        )
    };
}
pub(crate) use t;

#[cfg(test)]
mod tests;
