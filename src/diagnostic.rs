//! Problems found in input files, with the file, the field and a span, drawn like a compiler error.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

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
    /// Byte offsets of line starts, built on the first problem: each problem then finds its
    /// line by binary search instead of counting newlines from the top of the file.
    pub(crate) lines: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        let toml = 0..text.len();
        SourceFile {
            path: path.into(),
            text,
            toml,
            lines: OnceLock::new(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let lines = self.lines.get_or_init(|| line_starts(&self.text));
        let line = lines.partition_point(|&start| start <= offset);
        let line_start = lines[line - 1];
        (line, self.text[line_start..offset].chars().count() + 1)
    }

    /// The TOML part of the file.
    pub fn toml_text(&self) -> &str {
        &self.text[self.toml.clone()]
    }

    /// The span of a field in the whole file.
    pub fn span_of(&self, field: &FieldPath) -> Option<Range<usize>> {
        let span = crate::data::spans::span_of(self.toml_text(), field)?;
        Some(span.start + self.toml.start..span.end + self.toml.start)
    }
}

/// One step of a path into a TOML document: a key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// A problem with the user's input: what is wrong, where, and how to fix it.
#[derive(Debug, Clone)]
pub struct Problem {
    pub file: Option<Arc<SourceFile>>,
    pub span: Option<Range<usize>>,
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    /// A problem that concerns a whole file or no file at all.
    pub fn new(message: impl Into<String>) -> Self {
        Problem {
            file: None,
            span: None,
            field: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn in_file(mut self, file: &Arc<SourceFile>) -> Self {
        self.file = Some(Arc::clone(file));
        self
    }

    pub fn with_span(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        self.field = (!field.is_empty()).then_some(field);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The path of the file, if any, as shown to the user.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_deref().map(|file| file.path.as_path())
    }

    /// `file:line:column` of the start of the span (1-based), or just the file.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_deref()?;
        let Some(span) = &self.span else {
            return Some(file.path.display().to_string());
        };
        let (line, column) = file.line_column(span.start);
        Some(format!("{}:{line}:{column}", file.path.display()))
    }

    /// The problem drawn with the offending source line and a caret, without colours.
    pub fn render(&self) -> String {
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .with_width(100)
            .with_context_lines(1);
        let mut out = String::new();
        let view = ProblemView::from(self);
        if handler.render_report(&mut out, &view).is_err() {
            out = format!("error: {}\n", self.headline());
        }
        out
    }

    /// One line: location, field and message.
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

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn line_starts(text: &str) -> Vec<usize> {
    let newlines = text.bytes().enumerate().filter(|&(_, b)| b == b'\n');
    std::iter::once(0)
        .chain(newlines.map(|(i, _)| i + 1))
        .collect()
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
    headline: String,
    hint: Option<String>,
    source: Option<CharColumns>,
    label: Option<LabeledSpan>,
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
        let source = problem
            .file
            .as_ref()
            .filter(|_| problem.span.is_some())
            .map(|file| CharColumns {
                name: file.path.display().to_string(),
                file: Arc::clone(file),
            });
        let label = problem.span.clone().map(|span| {
            let len = span.len().max(1);
            LabeledSpan::new_with_span(
                problem.field.clone().map(|_| "here".to_owned()),
                (span.start, len),
            )
        });
        ProblemView {
            headline,
            hint: problem.hint.clone(),
            source,
            label,
        }
    }
}

/// A named source whose reported column counts characters, as editors do (miette counts bytes,
/// which puts every column of a Cyrillic line far to the right).
#[derive(Debug)]
struct CharColumns {
    name: String,
    file: Arc<SourceFile>,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // miette finds lines by walking the text from its start, once per problem: quadratic for
        // a file with thousands of problems (8,000 bad slots: 52 s). Hand it only the lines shown.
        let text = &self.file.text;
        // A label at the very end of a truncated file reaches one byte past it.
        let from = span.offset().min(text.len());
        let to = (from + span.len()).min(text.len());
        let (start, end) = line_window(text, from, to, before, after);
        let local = SourceSpan::new((from - start).into(), span.len());
        let contents = text[start..end].read_span(&local, before, after)?;
        let (first_line, _) = self.file.line_column(start);
        let (_, column) = self.file.line_column(from);
        let shown = SourceSpan::new(
            (contents.span().offset() + start).into(),
            contents.span().len(),
        );
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            shown,
            contents.line() + first_line - 1,
            column - 1,
            contents.line_count(),
        )))
    }
}

/// Byte range of the lines from `before` lines above `from` to `after` lines below `to`.
fn line_window(text: &str, from: usize, to: usize, before: usize, after: usize) -> (usize, usize) {
    let from = floor_char_boundary(text, from);
    let to = floor_char_boundary(text, to);
    let mut start = text[..from].rfind('\n').map_or(0, |i| i + 1);
    for _ in 0..before {
        if start == 0 {
            break;
        }
        start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
    let mut end = text[to..].find('\n').map_or(text.len(), |i| to + i + 1);
    for _ in 0..after {
        if end >= text.len() {
            break;
        }
        end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    }
    (start, end)
}

impl fmt::Display for ProblemView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl std::error::Error for ProblemView {}

impl miette::Diagnostic for ProblemView {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.hint
            .as_ref()
            .map(|hint| Box::new(hint) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|source| source as &dyn SourceCode)
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
    /// Built on the first problem, so a valid file is never parsed for spans.
    spans: Option<crate::data::spans::SpanIndex>,
}

impl<'a> Collector<'a> {
    pub fn new(file: &'a Arc<SourceFile>, problems: &'a mut Vec<Problem>) -> Self {
        Collector {
            file,
            problems,
            spans: None,
        }
    }

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
        let file = self.file;
        let spans = self
            .spans
            .get_or_insert_with(|| crate::data::spans::SpanIndex::new(file.toml_text()));
        let start = file.toml.start;
        let span = spans.span_of(field).map(|s| s.start + start..s.end + start);
        let hint: String = hint.into();
        let mut problem = Problem::new(message)
            .in_file(self.file)
            .with_span(span)
            .with_field(field.to_string());
        if !hint.is_empty() {
            problem = problem.with_hint(hint);
        }
        self.problems.push(problem);
    }

    /// Record a problem built by the caller (it should already name the file).
    pub fn push(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// Run a parse step; on failure report its message and hint at `field`.
    pub fn parse<T>(
        &mut self,
        field: &FieldPath,
        result: Result<T, crate::model::ParseError>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.report(field, error.message, error.hint);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(line_column(text, offset), (2, 7));
    }
}
