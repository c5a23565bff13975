//! Problems found in input files, with the file, the field and a span, drawn like a compiler error.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

mod parse_error;
pub mod spans;

pub use parse_error::ParseError;

use spans::SpanIndex;

use crate::locale::t;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

/// A text file as read from disk, kept so that problems can point into it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it (relative to the project when possible).
    pub path: PathBuf,
    pub text: Arc<str>,
    /// The part of `text` that is TOML: all of it for `.toml`, the front matter for Markdown.
    pub toml: Range<usize>,
    /// Where each value of the TOML part is, built on the first problem that asks.
    spans: OnceLock<Arc<SpanIndex>>,
    /// Where each line starts, built on the first problem that asks.
    lines: OnceLock<Arc<[usize]>>,
    /// Fields whose value stands in for one that is missing or of the wrong kind (set by
    /// `data::lenient`): that problem is reported, and checks of the stand-in would repeat it.
    stand_ins: OnceLock<Arc<[String]>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        let toml = 0..text.len();
        SourceFile {
            path: path.into(),
            text,
            toml,
            spans: OnceLock::new(),
            lines: OnceLock::new(),
            stand_ins: OnceLock::new(),
        }
    }

    /// The same file, of which only `toml` is TOML (an article's front matter).
    pub fn with_toml(&self, toml: Range<usize>) -> Self {
        SourceFile {
            toml,
            spans: OnceLock::new(),
            stand_ins: OnceLock::new(),
            ..self.clone()
        }
    }

    /// Record the fields whose values are stand-ins (once; later calls are ignored).
    pub fn set_stand_ins(&self, fields: Vec<String>) {
        if !fields.is_empty() {
            let _ = self.stand_ins.set(fields.into());
        }
    }

    /// Whether the field (as `staff.channels[1].email`) is a stand-in or lies inside one.
    pub fn is_stand_in(&self, field: &str) -> bool {
        self.stand_ins.get().is_some_and(|fields| {
            fields.iter().any(|stand_in| {
                field
                    .strip_prefix(stand_in.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
            })
        })
    }

    /// The TOML part of the file.
    pub fn toml_text(&self) -> &str {
        &self.text[self.toml.clone()]
    }

    /// The span of a field in the whole file.
    pub fn span_of(&self, field: &FieldPath) -> Option<Range<usize>> {
        let spans = self
            .spans
            .get_or_init(|| Arc::new(SpanIndex::build(self.toml_text())));
        let span = spans.span_of(field)?;
        Some(span.start + self.toml.start..span.end + self.toml.start)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let (line, start) = self.line_of(offset);
        (line + 1, self.text[start..offset].chars().count() + 1)
    }

    /// The line (0-based) that holds byte `offset`, and the byte where it starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let lines = self.lines.get_or_init(|| {
            let starts = self.text.match_indices('\n').map(|(i, _)| i + 1);
            std::iter::once(0).chain(starts).collect()
        });
        let line = lines.partition_point(|&start| start <= offset) - 1;
        (line, lines[line])
    }
}

/// One step of a path into a TOML document: a key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Where a value lives inside a TOML document, such as `staff.channels[1].email`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    pub fn key(&self, key: &str) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Key(key.to_owned()));
        next
    }

    pub fn index(&self, index: usize) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Index(index));
        next
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => write!(f, "{key}")?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Whether a problem stops the command (an error) or is only shown (a warning: something that
/// may be wrong, such as an article naming a phone the school's data does not have).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// A problem with the user's input: what is wrong, where, and how to fix it.
#[derive(Debug, Clone)]
pub struct Problem {
    pub severity: Severity,
    pub file: Option<Arc<SourceFile>>,
    pub span: Option<Range<usize>>,
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// The other place the problem is about (the data that a regulation's text contradicts),
    /// drawn after it with its own source line. Boxed: most problems have none.
    pub related: Option<Box<Problem>>,
}

impl Problem {
    /// A problem that concerns a whole file or no file at all.
    pub fn new(message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: None,
            span: None,
            field: None,
            message: message.into(),
            hint: None,
            related: None,
        }
    }

    #[must_use]
    pub fn with_related(mut self, other: Problem) -> Self {
        self.related = Some(Box::new(other));
        self
    }

    /// The same problem as a warning.
    #[must_use]
    pub fn as_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    #[must_use]
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    #[must_use]
    pub fn in_file(mut self, file: &Arc<SourceFile>) -> Self {
        self.file = Some(Arc::clone(file));
        self
    }

    #[must_use]
    pub fn with_span(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    #[must_use]
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        self.field = (!field.is_empty()).then_some(field);
        self
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The path of the file, if any, as shown to the user.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.file.as_deref().map(|file| file.path.as_path())
    }

    /// `file:line:column` of the start of the span (1-based), or just the file.
    #[must_use]
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_deref()?;
        let Some(span) = &self.span else {
            return Some(file.path.display().to_string());
        };
        let (line, column) = file.line_column(span.start);
        Some(format!("{}:{line}:{column}", file.path.display()))
    }

    /// The problem drawn with the offending source line and a caret, without colours.
    #[must_use]
    pub fn render(&self) -> String {
        self.render_styled(false)
    }

    /// The problem drawn, with ANSI colours when `colour` (see `colour_wanted`). Whatever of
    /// the input it quotes is made visible first, so the colours are the only escapes in it.
    #[must_use]
    pub fn render_styled(&self, colour: bool) -> String {
        let theme = if colour {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_context_lines(1);
        let mut out = String::new();
        let view = ProblemView::from(self);
        if handler.render_report(&mut out, &view).is_err() {
            let headline = shown(&self.headline());
            out = if self.is_warning() {
                t!("diag-warning", headline = headline)
            } else {
                t!("error-line", message = headline)
            } + "\n";
        }
        relabel(out)
    }

    /// One line: location, field and message.
    #[must_use]
    pub fn headline(&self) -> String {
        let mut line = String::new();
        if let Some(location) = self.location() {
            line.push_str(&location);
            line.push_str(": ");
        }
        if let Some(field) = &self.field {
            line.push_str(&format!("`{field}`: "));
        }
        line.push_str(&self.message);
        line
    }
}

/// miette's own labels (`help:` before a hint, `Advice:` before a related place) in the
/// chosen language; a hint's wrapped lines are indented to its new label.
fn relabel(drawn: String) -> String {
    let (help, advice) = (t!("diag-help"), t!("diag-advice"));
    if help == "help" && advice == "Advice" {
        return drawn;
    }
    let indent = " ".repeat(help.chars().count() - "help".len());
    let mut in_hint = false;
    let mut out = String::with_capacity(drawn.len() + 64);
    for line in drawn.split_inclusive('\n') {
        let plain = visible_text(line);
        if plain.starts_with("  help: ") {
            in_hint = true;
            out.push_str(&line.replacen("help", &help, 1));
        } else if plain.starts_with("Advice: ") {
            in_hint = false;
            out.push_str(&line.replacen("Advice", &advice, 1));
        } else if in_hint && line.starts_with("        ") {
            out.push_str(&indent);
            out.push_str(line);
        } else {
            in_hint = false;
            out.push_str(line);
        }
    }
    out
}

/// A drawn line without its ANSI colour sequences.
fn visible_text(line: &str) -> String {
    let mut text = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(char::is_ascii_alphabetic);
        } else {
            text.push(c);
        }
    }
    text
}

/// Whether problems drawn on stderr get colours: only on a terminal, and never when `NO_COLOR`
/// is set to anything but the empty string (no-color.org).
pub fn colour_wanted() -> bool {
    use std::io::IsTerminal;
    colour_for(
        std::env::var_os("NO_COLOR").as_deref(),
        std::io::stderr().is_terminal(),
    )
}

fn colour_for(no_color: Option<&std::ffi::OsStr>, terminal: bool) -> bool {
    terminal && no_color.is_none_or(std::ffi::OsStr::is_empty)
}

/// Problems drawn one after another, coloured when `colour`.
pub fn render_all(problems: &[Problem], colour: bool) -> String {
    use rayon::prelude::*;
    // A regional build can warn thousands of times, after the schools are built: drawn on all
    // cores, in order, not on one while the others wait.
    let drawn: Vec<String> = problems
        .par_iter()
        .map(|p| p.render_styled(colour))
        .collect();
    drawn.join("\n")
}

/// A problem as one JSON object: the stable schema of `--format json` (README, «JSON output»).
#[derive(Debug, serde::Serialize)]
struct JsonProblem {
    severity: &'static str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    field: Option<String>,
    message: String,
    hint: Option<String>,
    related: Option<Box<JsonProblem>>,
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

impl From<&Problem> for JsonProblem {
    fn from(problem: &Problem) -> Self {
        let position = match (&problem.file, &problem.span) {
            (Some(file), Some(span)) => Some(file.line_column(span.start)),
            _ => None,
        };
        // Control and bidirectional characters of the input are shown as in text output, so
        // that a JSON line printed on a terminal cannot drive it either.
        let shown = |text: &str| visible(text).into_owned();
        JsonProblem {
            severity: severity_name(problem.severity),
            file: problem
                .path()
                .map(|path| shown(&path.display().to_string())),
            line: position.map(|(line, _)| line),
            column: position.map(|(_, column)| column),
            field: problem.field.as_deref().map(shown),
            message: shown(&problem.message),
            hint: problem.hint.as_deref().map(shown),
            // The other place of the same problem: of its severity.
            related: problem.related.as_deref().map(|related| {
                let mut other = JsonProblem::from(related);
                other.severity = severity_name(problem.severity);
                Box::new(other)
            }),
        }
    }
}

impl Problem {
    /// The problem as one line of JSON (no newline).
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(&JsonProblem::from(self))
            .unwrap_or_else(|error| format!("{{\"severity\":\"error\",\"message\":\"{error}\"}}"))
    }
}

/// Problems as JSON Lines: one object per problem and line.
pub fn json_lines(problems: &[Problem]) -> String {
    problems.iter().map(|p| p.to_json() + "\n").collect()
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The shape miette wants: a `Diagnostic` with the source attached.
#[derive(Debug)]
struct ProblemView {
    warning: bool,
    headline: String,
    hint: Option<String>,
    source: Option<Excerpt>,
    label: Option<LabeledSpan>,
    related: Option<Box<ProblemView>>,
    /// A related place is drawn as advice, not as an error of its own.
    is_related: bool,
}

impl From<&Problem> for ProblemView {
    fn from(problem: &Problem) -> Self {
        let headline = match &problem.field {
            Some(field) => format!("`{field}`: {}", problem.message),
            None => problem.message.clone(),
        };
        let headline = match (&problem.file, &problem.span) {
            (Some(file), None) => format!("{}: {headline}", file.path.display()),
            _ => headline,
        };
        let headline = match problem.severity {
            Severity::Warning => t!("diag-warning", headline = headline),
            Severity::Error => headline,
        };
        let source = match (&problem.file, &problem.span) {
            (Some(file), Some(span)) => Some(Excerpt::new(file, span.clone())),
            _ => None,
        };
        let label = source.as_ref().map(|excerpt| {
            let span = &excerpt.span;
            LabeledSpan::new_with_span(
                problem.field.clone().map(|_| t!("diag-here")),
                (span.start, span.len().max(1)),
            )
        });
        ProblemView {
            warning: problem.is_warning(),
            headline: shown(&headline),
            hint: problem
                .hint
                .as_deref()
                .map(|hint| shown_within(hint, HINT_WIDTH)),
            source,
            label,
            related: problem.related.as_deref().map(|related| {
                Box::new(ProblemView {
                    is_related: true,
                    ..ProblemView::from(related)
                })
            }),
            is_related: false,
        }
    }
}

/// At most this many characters of a message or hint are shown: a serde message quotes the
/// whole wrong value, which may be a megabyte long.
const MESSAGE_WIDTH: usize = 400;

/// A hint may be longer: the one of an unknown shortcode lists every valid name.
const HINT_WIDTH: usize = 1_000;

/// A message as shown: control characters made visible, the middle of a long one cut out.
fn shown(text: &str) -> String {
    shown_within(text, MESSAGE_WIDTH)
}

fn shown_within(text: &str, width: usize) -> String {
    let text = visible(text);
    let count = text.chars().count();
    if count <= width {
        return text.into_owned();
    }
    let head: String = text.chars().take(width * 3 / 4).collect();
    let tail: String = text.chars().skip(count - width / 4).collect();
    format!("{head} … {tail}")
}

/// At most this many characters of a source line are shown, with «…» where it was cut.
const EXCERPT_WIDTH: usize = 120;
/// How many of them come before the start of the span on a long line.
const EXCERPT_BEFORE: usize = 40;
/// At most this many lines of a span that covers several.
const EXCERPT_SPAN_LINES: usize = 6;

/// The few lines of a file that a problem shows, cut to a window around the span and with
/// control characters made visible: miette gets only this, never a whole file. Its drawing
/// panics on a column past 65,535 and would echo a 100 MB line whole.
#[derive(Debug)]
struct Excerpt {
    name: String,
    text: String,
    /// The line of the file (0-based) that the excerpt's first line is.
    first_line: usize,
    /// The column of the span's start in the file, in characters (0-based).
    column: usize,
    /// The span, in the excerpt.
    span: Range<usize>,
}

impl Excerpt {
    fn new(file: &SourceFile, span: Range<usize>) -> Excerpt {
        let text = &*file.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let (line, line_start) = file.line_of(start);
        let column = text[line_start..start].chars().count();
        let line_len = text[line_start..]
            .split('\n')
            .next()
            .map_or(0, |l| l.chars().count());
        let from = if line_len > EXCERPT_WIDTH {
            column.saturating_sub(EXCERPT_BEFORE)
        } else {
            0
        };
        let mut builder = ExcerptBuilder {
            text: String::new(),
            window: from..from + EXCERPT_WIDTH,
            span: (start, end),
            mapped: (None, None),
            lines: 0,
        };
        let first_line = if line > 0 {
            let previous = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
            builder.line(text, previous);
            line - 1
        } else {
            line
        };
        let (mut at, mut shown) = (line_start, 0);
        let next = loop {
            let next = builder.line(text, at);
            shown += 1;
            if end < next || shown == EXCERPT_SPAN_LINES || next > text.len() {
                break next;
            }
            at = next;
        };
        // One line of context after a span that ended on the lines shown.
        if end < next && next <= text.len() {
            builder.line(text, next);
        }
        let span = builder.mapped_span();
        Excerpt {
            name: visible(&file.path.display().to_string()).into_owned(),
            text: builder.text,
            first_line,
            column,
            span,
        }
    }
}

/// Appends windowed lines of a file to an excerpt and finds where the span lands in it.
struct ExcerptBuilder {
    text: String,
    /// The characters of each line shown.
    window: Range<usize>,
    /// The span, in the file.
    span: (usize, usize),
    /// The span, in the excerpt, once reached.
    mapped: (Option<usize>, Option<usize>),
    /// Lines appended so far.
    lines: usize,
}

impl ExcerptBuilder {
    /// Append the line that starts at byte `start` of `text`; the start of the next line.
    fn line(&mut self, text: &str, start: usize) -> usize {
        if self.lines > 0 {
            self.text.push('\n');
        }
        self.lines += 1;
        let rest = &text[start..];
        let line = rest.split('\n').next().unwrap_or_default();
        let content = line.strip_suffix('\r').unwrap_or(line);
        if self.window.start > 0 && content.chars().nth(self.window.start).is_some() {
            self.text.push('…');
        }
        let mut cut = false;
        for (index, (offset, c)) in content.char_indices().enumerate() {
            if index < self.window.start {
                continue;
            }
            if index >= self.window.end {
                cut = true;
                break;
            }
            self.mark(start + offset);
            push_visible(&mut self.text, c);
        }
        self.mark_end(start, content);
        if cut {
            self.text.push('…');
        }
        start + line.len() + 1
    }

    /// Record the excerpt's position for the span's ends that are at `offset` of the file.
    fn mark(&mut self, offset: usize) {
        if offset >= self.span.0 && self.mapped.0.is_none() {
            self.mapped.0 = Some(self.text.len());
        }
        if offset >= self.span.1 && self.mapped.1.is_none() {
            self.mapped.1 = Some(self.text.len());
        }
    }

    /// The ends of the span that fall at the end of the line (or past its window) land there.
    fn mark_end(&mut self, start: usize, content: &str) {
        let line_end = start + content.len();
        if self.span.0 <= line_end && self.mapped.0.is_none() {
            self.mapped.0 = Some(self.text.len());
        }
        if self.span.1 <= line_end && self.mapped.1.is_none() && self.mapped.0.is_some() {
            self.mapped.1 = Some(self.text.len());
        }
    }

    fn mapped_span(&self) -> Range<usize> {
        let start = self.mapped.0.unwrap_or(self.text.len());
        let end = self.mapped.1.unwrap_or(self.text.len()).max(start);
        start..end
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self.text.read_span(span, before, after)?;
        // Columns count characters of the file, as editors do (miette counts bytes, which puts
        // every column of a Cyrillic line far to the right), and lines count from the file's top.
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            *contents.span(),
            self.first_line + contents.line(),
            self.column,
            contents.line_count(),
        )))
    }
}

/// Whether `c` must not reach a terminal as it is: controls (C0 but tab and newline, DEL, C1),
/// the bidirectional overrides and isolates that reorder what is shown, and line separators.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
        )
        || matches!(c, '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// `text` with every character that could drive or garble a terminal made visible: C0 controls
/// as their Unicode pictures (␛, ␇, ␀), others as `\u{202e}`. Tabs and newlines stay.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

fn push_visible(out: &mut String, c: char) {
    if !is_hidden(c) {
        out.push(c);
    } else if let Some(picture) = control_picture(c) {
        out.push(picture);
    } else {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    }
}

/// The Unicode picture of a C0 control or DEL (U+2400 block).
pub(crate) fn control_picture(c: char) -> Option<char> {
    match u32::from(c) {
        code @ 0..=0x1f => char::from_u32(0x2400 + code),
        0x7f => Some('\u{2421}'),
        _ => None,
    }
}

impl fmt::Display for ProblemView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl std::error::Error for ProblemView {}

impl miette::Diagnostic for ProblemView {
    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.is_related {
            miette::Severity::Advice
        } else if self.warning {
            miette::Severity::Warning
        } else {
            miette::Severity::Error
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.hint
            .as_ref()
            .map(|hint| Box::new(hint) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|source| source as &dyn SourceCode)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        let related = self.related.as_deref()?;
        Some(Box::new(std::iter::once(
            related as &dyn miette::Diagnostic,
        )))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|label| Box::new(std::iter::once(label)) as Box<_>)
    }
}

/// Problems gathered while reading one file: every check reports here instead of stopping.
#[derive(Debug)]
pub struct Collector<'a> {
    file: &'a Arc<SourceFile>,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Collector<'a> {
    pub fn new(file: &'a Arc<SourceFile>, problems: &'a mut Vec<Problem>) -> Self {
        Collector { file, problems }
    }

    #[must_use]
    pub fn file(&self) -> &Arc<SourceFile> {
        self.file
    }

    /// Report a problem with the value at `field`, pointing at it in the source.
    pub fn report(
        &mut self,
        field: &FieldPath,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let shown = field.to_string();
        if self.file.is_stand_in(&shown) {
            return;
        }
        let span = self.file.span_of(field);
        let hint: String = hint.into();
        let mut problem = Problem::new(message)
            .in_file(self.file)
            .with_span(span)
            .with_field(shown);
        if !hint.is_empty() {
            problem = problem.with_hint(hint);
        }
        self.problems.push(problem);
    }

    /// Record a problem built by the caller (it should already name the file).
    pub fn push(&mut self, problem: Problem) {
        let file = problem.file.as_ref().unwrap_or(self.file);
        if !problem
            .field
            .as_deref()
            .is_some_and(|f| file.is_stand_in(f))
        {
            self.problems.push(problem);
        }
    }

    /// Run a parse step; on failure report its message and hint at `field`.
    pub fn parse<T>(&mut self, field: &FieldPath, result: Result<T, ParseError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.report(field, error.message, error.hint);
                None
            }
        }
    }
}

/// How problems are written: for a person, or one JSON object per line for a program (a command
/// line option, so it derives clap's parsing here, at the bottom, where errors are written).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        use std::ffi::OsStr;
        assert!(colour_for(None, true));
        assert!(colour_for(Some(OsStr::new("")), true));
        assert!(!colour_for(Some(OsStr::new("1")), true));
        assert!(!colour_for(None, false));
        let problem = problem_at("a = 1\nname = \"x\"\n", "\"x\"").with_hint("fix it");
        let coloured = problem.render_styled(true);
        assert!(coloured.contains('\u{1b}'), "{coloured:?}");
        assert!(!problem.render_styled(false).contains('\u{1b}'));
        assert!(!problem.render().contains('\u{1b}'));
    }

    #[test]
    fn a_problem_is_one_json_object_with_its_position() {
        let problem = problem_at("a = 1\nname = \"\u{1b}x\"\n", "\"\u{1b}x\"")
            .with_hint("fix it")
            .as_warning();
        let line = problem.to_json();
        assert!(!line.contains('\n'));
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["severity"], "warning");
        assert_eq!(value["file"], "school.toml");
        assert_eq!(
            (value["line"].as_u64(), value["column"].as_u64()),
            (Some(2), Some(8))
        );
        assert_eq!(value["field"], "school.name");
        assert_eq!(value["message"], "bad value");
        assert_eq!(value["hint"], "fix it");
        assert!(value["related"].is_null());
        let bare: serde_json::Value =
            serde_json::from_str(&Problem::new("no file").to_json()).unwrap();
        assert_eq!(bare["severity"], "error");
        assert!(bare["file"].is_null() && bare["line"].is_null() && bare["hint"].is_null());
    }

    #[test]
    fn field_path_reads_like_toml() {
        let path = FieldPath::root()
            .key("staff")
            .key("channels")
            .index(1)
            .key("email");
        assert_eq!(path.to_string(), "staff.channels[1].email");
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "a = 1\nимя = \"x\"\n";
        let offset = text.find('"').unwrap();
        let file = SourceFile::new("a.toml", text);
        assert_eq!(file.line_column(offset), (2, 7));
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(text.len()), (3, 1));
    }

    fn problem_at(text: &str, needle: &str) -> Problem {
        let file = Arc::new(SourceFile::new("school.toml", text));
        let start = text.find(needle).unwrap();
        Problem::new("bad value")
            .in_file(&file)
            .with_span(Some(start..start + needle.len()))
            .with_field("school.name")
    }

    #[test]
    fn a_span_past_column_65535_is_drawn_in_a_window_of_its_line() {
        let text = format!(
            "a = 1\nname = \"{}BAD{}\"\nb = 2\n",
            "x".repeat(100_000),
            "y".repeat(100_000)
        );
        let out = problem_at(&text, "BAD").render();
        assert!(out.contains("school.toml:2:100009"), "{out}");
        assert!(out.contains("…xxx") && out.contains("yyy…"), "{out}");
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(out.contains("BAD"), "{out}");
    }

    #[test]
    fn control_characters_of_the_source_and_message_are_made_visible() {
        let text = "name = \"\u{1b}[2J\u{7}\u{9b}1m\u{202e}txt\"\r\nnext = 1\r\n";
        let mut problem = problem_at(text, "\"\u{1b}");
        problem.message = "the name `\u{1b}]0;title\u{7}` is wrong".to_owned();
        let out = problem.render();
        for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\r'] {
            assert!(!out.contains(raw), "{raw:?} in {out:?}");
        }
        assert!(out.contains("␛[2J␇\\u{9b}1m\\u{202e}txt"), "{out}");
        assert!(out.contains("the name `␛]0;title␇`"), "{out}");
    }

    #[test]
    fn a_megabyte_value_quoted_in_a_message_is_cut() {
        let value = "я".repeat(1 << 20);
        let out = Problem::new(format!(
            "invalid type: string \"{value}\", expected an integer"
        ))
        .render();
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(out.contains('…') && out.contains("integer"), "{out}");
    }

    #[test]
    fn a_long_multi_line_span_shows_its_first_lines_only() {
        let body: String = (0..1000).map(|i| format!("k{i} = {i}\n")).collect();
        let text = format!("[table]\n{body}");
        let file = Arc::new(SourceFile::new("a.toml", text.as_str()));
        let out = Problem::new("missing key")
            .in_file(&file)
            .with_span(Some(0..text.len()))
            .render();
        assert!(out.contains("k4 = 4") && !out.contains("k10 = 10"), "{out}");
    }

    fn hostile_text() -> impl Strategy<Value = String> {
        let interesting = prop_oneof![
            Just('\n'),
            Just('\r'),
            Just('\t'),
            Just('\u{1b}'),
            Just('\u{9b}'),
            Just('\u{202e}'),
            Just('я'),
            Just('🙂'),
        ];
        proptest::collection::vec(prop_oneof![any::<char>(), interesting], 0..300)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        /// Whatever the file and wherever the span, drawing never panics, never shows a raw
        /// control character and stays short.
        #[test]
        fn any_span_of_any_text_is_drawn_briefly(
            text in hostile_text(),
            wide in prop_oneof![Just(0usize), Just(70_000usize)],
            start in any::<usize>(),
            len in any::<usize>(),
        ) {
            let text = format!("{}{text}", "x".repeat(wide));
            let start = start % (text.len() + 2);
            let end = start.saturating_add(len % (text.len() + 2));
            let file = Arc::new(SourceFile::new("a\u{1b}.toml", text.as_str()));
            let out = Problem::new(format!("bad `{text}`"))
                .in_file(&file)
                .with_span(Some(start..end))
                .with_field("a.b")
                .with_hint("fix it")
                .render();
            prop_assert!(!out.chars().any(is_hidden), "{out:?}");
            prop_assert!(out.len() < 12_000, "{} bytes", out.len());
        }
    }
}
