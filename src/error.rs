//! The error of a whole command: input problems (all of them) or a failure to read, render or write.

use std::io;
use std::path::PathBuf;

use crate::diagnostic::Format;
use crate::diagnostic::Problem;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has problems; every one found is listed.
    #[error("{} problem(s) found", .0.len())]
    Invalid(Vec<Problem>),
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("cannot render {page} of school `{school}`: {message}")]
    Render {
        school: String,
        page: String,
        message: String,
    },
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },
    /// Another build holds the lock of the output folder.
    #[error("another build is writing into {}", out.display())]
    Busy { out: PathBuf },
    /// SIGINT, SIGTERM or SIGHUP arrived before the build switched its output over.
    #[error("interrupted; the output folder was left as it was")]
    Interrupted,
}

/// «2 problems found», «1 problem and 3 warnings found», «2 warnings found (--deny-warnings)».
fn counted(problems: &[Problem]) -> String {
    let warnings = problems.iter().filter(|p| p.is_warning()).count();
    let errors = problems.len() - warnings;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (errors, warnings) {
        (_, 0) => format!("{} found", plural(errors, "problem", "problems")),
        (0, _) => format!(
            "{} found (--deny-warnings)",
            plural(warnings, "warning", "warnings")
        ),
        _ => format!(
            "{} and {} found",
            plural(errors, "problem", "problems"),
            plural(warnings, "warning", "warnings")
        ),
    }
}

/// The line after the problems drawn: how many, and that nothing was written.
fn invalid_summary(problems: &[Problem]) -> String {
    format!("\nerror: {}; nothing was written\n", counted(problems))
}

impl Error {
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// Exit codes: 1 for invalid input, 2 for a wrong command line, 3 for a failure to read or write.
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
                format!("error: {}; nothing was written\n", counted(problems)),
            ),
            (Format::Json, Error::Usage { message, hint }) => {
                let mut problem = Problem::new(message.clone());
                problem.hint = hint.clone();
                let stderr = format!("error: {}\n", crate::diagnostic::visible(message));
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
    pub fn render(&self) -> String {
        crate::diagnostic::visible(&self.render_raw()).into_owned()
    }

    fn render_raw(&self) -> String {
        match self {
            Error::Invalid(problems) => {
                let drawn = crate::diagnostic::render_all(problems, false);
                format!("{drawn}{}", invalid_summary(problems))
            }
            Error::Usage { message, hint } => {
                let hint = hint
                    .as_deref()
                    .map(|h| format!("  hint: {h}\n"))
                    .unwrap_or_default();
                format!("error: {message}\n{hint}")
            }
            Error::Render { .. } => format!(
                "error: {self}\n  hint: {}\n",
                "check the template named last; header.html and footer.html are made once for \
                 all pages of a kind and see only `school`, `t`, `doc`, `calendar`, `nav` and \
                 `page.key`, `page.root`, `page.site_index` (README, Themes)"
            ),
            Error::Busy { .. } => format!(
                "error: {self}\n  hint: {}\n",
                "wait until it ends (a running `spravka serve` rebuilds into its output folder), \
                 or build into another folder with --out DIR"
            ),
            other => format!("error: {other}\n"),
        }
    }
}
