//! FAQ articles: `+++` TOML front matter followed by Markdown.

use serde::Deserialize;
use toml::value::Datetime;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: String,
    pub description: Option<String>,
    #[serde(default)]
    pub audiences: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub platforms: Vec<String>,
    #[serde(default)]
    pub weight: i64,
    pub updated: Option<Datetime>,
}

/// The two halves of an article file, with the byte offset where the front matter starts.
#[derive(Debug)]
pub struct SplitArticle<'a> {
    pub front_matter: &'a str,
    pub front_matter_offset: usize,
    pub body: &'a str,
}

/// Split `+++\n…\n+++\n body`; `None` when the file does not open with a closed `+++` block.
pub fn split_front_matter(text: &str) -> Option<SplitArticle<'_>> {
    let rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - rest.len();
    let after_open = rest.strip_prefix("+++")?;
    let after_open = after_open
        .strip_prefix("\r\n")
        .or_else(|| after_open.strip_prefix('\n'))?;
    let start = bom + 3 + (rest.len() - 3 - after_open.len());
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front_matter = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            return Some(SplitArticle {
                front_matter,
                front_matter_offset: start,
                body,
            });
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"A\"\n+++\n\nBody\n";
        let split = split_front_matter(text).unwrap();
        assert_eq!(split.front_matter, "title = \"A\"\n");
        assert_eq!(&text[split.front_matter_offset..][..5], "title");
        assert_eq!(split.body, "\nBody\n");
    }

    #[test]
    fn unclosed_front_matter_is_none() {
        assert!(split_front_matter("+++\ntitle = \"A\"\nBody\n").is_none());
        assert!(split_front_matter("title = \"A\"\n").is_none());
    }
}
