//! The error of a whole command: input problems (all of them) or a failure to read, render or write.

use std::io;
use std::path::PathBuf;

use crate::diagnostic::Format;
use crate::diagnostic::Problem;
use crate::locale::t;

/// `error: message` and, on the next line, `  hint: hint`.
fn with_hint(message: &str, hint: Option<&str>) -> String {
    let hint = hint
        .map(|hint| format!("  {}\n", t!("hint-line", hint = hint)))
        .unwrap_or_default();
    format!("{}\n{hint}", t!("error-line", message = message))
}

#[derive(Debug)]
pub enum Error {
    /// The input has problems; every one found is listed.
    Invalid(Vec<Problem>),
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    Render {
        school: String,
        page: String,
        message: String,
    },
    Usage {
        message: String,
        hint: Option<String>,
    },
    /// Another build holds the lock of the output folder.
    Busy { out: PathBuf },
    /// SIGINT, SIGTERM or SIGHUP arrived before the build switched its output over.
    Interrupted,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Error::Invalid(problems) => t!("error-problems-found", n = problems.len()),
            Error::Io {
                action,
                path,
                source,
            } => t!(
                "error-io",
                action = action_text(action),
                path = path.display().to_string(),
                source = source.to_string()
            ),
            Error::Render {
                school,
                page,
                message,
            } => t!(
                "error-render",
                page = page.as_str(),
                school = school.as_str(),
                message = message.as_str()
            ),
            Error::Usage { message, .. } => message.clone(),
            Error::Busy { out } => t!("error-busy", out = out.display().to_string()),
            Error::Interrupted => t!("error-interrupted"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// What an `Error::Io` was doing, in words (`action` is the English text's verb).
fn action_text(action: &str) -> String {
    match action {
        "read" => t!("io-read"),
        "write" => t!("io-write"),
        "create folder" => t!("io-create-folder"),
        "remove folder" => t!("io-remove-folder"),
        "remove" => t!("io-remove"),
        "move" => t!("io-move"),
        "list folder" => t!("io-list-folder"),
        "open folder" => t!("io-open-folder"),
        "find" => t!("io-find"),
        "lock" => t!("io-lock"),
        "watch" => t!("io-watch"),
        "zip" => t!("io-zip"),
        "start the preview server for" => t!("io-start-server"),
        "install the handler of" => t!("io-install-handler"),
        "complete the interrupted build recorded in" => t!("io-complete-journal"),
        other => other.to_owned(),
    }
}

/// «2 problems found», «1 problem and 3 warnings found», «2 warnings found (--deny-warnings)».
fn counted(problems: &[Problem]) -> String {
    let warnings = problems.iter().filter(|p| p.is_warning()).count();
    let errors = problems.len() - warnings;
    match (errors, warnings) {
        (_, 0) => t!("count-problems-found", n = errors),
        (0, _) => t!("count-warnings-denied", n = warnings),
        _ => t!(
            "count-problems-and-warnings",
            n = errors,
            warnings = warnings
        ),
    }
}

/// The line after the problems drawn: how many, and that nothing was written.
fn invalid_summary(problems: &[Problem]) -> String {
    format!(
        "\n{}\n",
        t!("error-nothing-written", counted = counted(problems))
    )
}

impl Error {
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// Exit codes: 1 for invalid input, 2 for a wrong command line, 3 for a failure to read or write.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) => 1,
            Error::Usage { .. } => 2,
            Error::Io { .. } | Error::Render { .. } | Error::Busy { .. } => 3,
            // 128 + SIGINT, as shells report a command stopped with Ctrl-C.
            Error::Interrupted => 130,
        }
    }

    /// What to write to stdout and to stderr: in `text`, the rendered error on stderr; in
    /// `json`, one JSON object per problem on stdout and the summary line on stderr.
    #[must_use]
    pub fn report(&self, format: Format) -> (String, String) {
        match (format, self) {
            (Format::Text, Error::Invalid(problems)) => {
                let colour = crate::diagnostic::colour_wanted();
                let drawn = crate::diagnostic::render_all(problems, colour);
                (
                    String::new(),
                    format!("{drawn}{}", invalid_summary(problems)),
                )
            }
            (Format::Text, _) => (String::new(), self.render()),
            (Format::Json, Error::Invalid(problems)) => (
                crate::diagnostic::json_lines(problems),
                format!(
                    "{}\n",
                    t!("error-nothing-written", counted = counted(problems))
                ),
            ),
            (Format::Json, Error::Usage { message, hint }) => {
                let mut problem = Problem::new(message.clone());
                problem.hint.clone_from(hint);
                let message = crate::diagnostic::visible(message).into_owned();
                let stderr = format!("{}\n", t!("error-line", message = message));
                (crate::diagnostic::json_lines(&[problem]), stderr)
            }
            (Format::Json, other) => {
                let line = crate::diagnostic::json_lines(&[Problem::new(other.to_string())]);
                (line, other.render())
            }
        }
    }

    /// The full text shown to the user, ending with a newline. Whatever of the input it quotes
    /// (values, file names, source lines), no control character reaches the terminal raw.
    #[must_use]
    pub fn render(&self) -> String {
        crate::diagnostic::visible(&self.render_raw()).into_owned()
    }

    fn render_raw(&self) -> String {
        match self {
            Error::Invalid(problems) => {
                let drawn = crate::diagnostic::render_all(problems, false);
                format!("{drawn}{}", invalid_summary(problems))
            }
            Error::Usage { message, hint } => with_hint(message, hint.as_deref()),
            Error::Render { .. } => with_hint(&self.to_string(), Some(&t!("error-render-hint"))),
            Error::Busy { .. } => with_hint(&self.to_string(), Some(&t!("error-busy-hint"))),
            other => with_hint(&other.to_string(), None),
        }
    }
}
