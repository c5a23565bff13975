//! Target `article`: any bytes as a school's own FAQ article, through the whole article pipeline
//! (UTF-8, front matter, validation, Markdown, link checks, problems drawn). No panic; the HTML
//! of every article that validates is safe (see [`super::html::assert_safe`]).

use std::path::Path;

use spravka::internals::{Article, Collector, Kind, Piece, Style, Value, lookup};

use super::{Project, html, render_problems};

/// The school the articles are shown by: a valid example school of the project.
const SCHOOL: &str = "schools/osh/school.toml";

/// What the checks share: the project and the school around the article, read once.
#[derive(Debug)]
pub struct Articles {
    project: Project,
    school_toml: Vec<u8>,
}

impl Articles {
    pub fn load(root: &Path) -> Articles {
        let path = root.join(SCHOOL);
        let school_toml =
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        Articles {
            project: Project::load(root),
            school_toml,
        }
    }

    /// Feed `bytes` in as `faq/fuzzed.md` of the school; whether the article validated (and so
    /// its HTML was checked).
    pub fn check(&self, bytes: &[u8]) -> bool {
        let mut checked = false;
        let mut problems = Vec::new();
        let dir = self
            .project
            .parse(&self.school_toml, &[("fuzzed", bytes)], &mut problems);
        if let Some(dir) = dir {
            let platforms: Vec<&str> = self
                .project
                .shared
                .platforms
                .keys()
                .map(String::as_str)
                .collect();
            for loaded in &dir.articles {
                let mut report = Collector::new(&loaded.file, &mut problems);
                if let Some(article) = Article::validate(&loaded.value, &platforms, &mut report) {
                    // Each condition both ways, every value hostile.
                    for set in [false, true] {
                        html::assert_safe(&article.html.fill(&|name| hostile(name, set)));
                    }
                    checked = true;
                }
            }
            if let Err(more) = self.project.shared.validate_school(&dir) {
                problems.extend(more);
            }
        }
        render_problems(problems);
        checked
    }
}

/// A value of `name`'s kind made to break out of its place, were it not escaped.
fn hostile(name: &str, set: bool) -> Value {
    let text = "<script>alert(1)</script>&\"'";
    let link = Piece::Link {
        href: "javascript:alert(1)".to_owned(),
        text: text.to_owned(),
    };
    match lookup(name).map(|entry| entry.kind) {
        Some(Kind::Inline) if set => Value::text(text),
        Some(Kind::Block) if set => Value::Block(Style::Quote, vec![vec![link]]),
        _ => Value::Flag(set),
    }
}
