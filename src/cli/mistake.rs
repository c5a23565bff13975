//! A mistake on the command line, as clap finds it, said in the messages' language: clap's own
//! words are English, so under a Russian locale the usual mistakes (an unknown option or command,
//! a wrong or missing value) are told in Russian with clap's suggestion; anything else, and
//! everything in English, is clap's own message.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::locale::{self, Lang, t};

/// Show `error` and end the process: help and version as clap prints them, a mistake in the
/// messages' language (exit code 2, as clap's).
#[allow(
    clippy::needless_pass_by_value,
    reason = "the error ends the process, as clap's own `Error::exit(self)` does"
)]
pub fn exit(error: clap::Error) -> ! {
    if locale::current() == Lang::Ru {
        if let Some(text) = in_russian(&error) {
            eprint!("{text}");
            std::process::exit(2);
        }
    }
    error.exit()
}

/// The mistake's words in Russian, when it is one of the usual ones.
fn in_russian(error: &clap::Error) -> Option<String> {
    let context = |kind| error.get(kind).map(shown);
    let what = match error.kind() {
        ErrorKind::UnknownArgument => {
            t!(
                "cli-error-unknown-argument",
                arg = context(ContextKind::InvalidArg)?
            )
        }
        ErrorKind::InvalidSubcommand => t!(
            "cli-error-unknown-command",
            command = context(ContextKind::InvalidSubcommand)?
        ),
        ErrorKind::InvalidValue => t!(
            "cli-error-invalid-value",
            value = context(ContextKind::InvalidValue)?,
            arg = context(ContextKind::InvalidArg)?,
            valid = context(ContextKind::ValidValue).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => t!(
            "cli-error-missing",
            args = context(ContextKind::InvalidArg)?
        ),
        ErrorKind::ArgumentConflict => t!(
            "cli-error-conflict",
            arg = context(ContextKind::InvalidArg)?,
            other = context(ContextKind::PriorArg).unwrap_or_default()
        ),
        _ => return None,
    };
    let suggested = (context(ContextKind::SuggestedArg))
        .or_else(|| context(ContextKind::SuggestedSubcommand))
        .map(|suggested| t!("cli-error-suggested", suggested = suggested));
    let usage = context(ContextKind::Usage).unwrap_or_default();
    let mut text = t!("cli-error", what = what);
    text.push('\n');
    if let Some(suggested) = suggested {
        text.push_str(&format!("\n  {suggested}\n"));
    }
    // clap writes «Usage: spravka build …»; the heading is said in the language, as in --help.
    let usage = usage.trim();
    if let Some(line) = usage
        .strip_prefix("Usage:")
        .or(Some(usage).filter(|u| !u.is_empty()))
    {
        text.push_str(&format!("\n{} {}\n", t!("cli-error-usage"), line.trim()));
    }
    text.push_str(&format!("\n{}\n", t!("cli-error-more")));
    Some(text)
}

/// A context value as one line of text (a list joined with commas, a styled usage unstyled).
fn shown(value: &ContextValue) -> String {
    match value {
        ContextValue::String(text) => text.clone(),
        ContextValue::Strings(texts) => texts.join(", "),
        ContextValue::StyledStr(text) => text.to_string(),
        ContextValue::StyledStrs(texts) => (texts.iter())
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(number) => number.to_string(),
        ContextValue::Bool(flag) => flag.to_string(),
        _ => String::new(),
    }
}
