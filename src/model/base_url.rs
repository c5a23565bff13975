//! The public address of a published folder (`base_url` in school.toml and spravka.toml,
//! `--base-url`): checked as a web address, with a scheme, no credentials, no query.

use super::types::WebUrl;
use crate::diagnostic::ParseError;
use crate::locale::t;

/// How a folder's address is written, the end of its hints.
fn hint() -> String {
    t!("base-url-hint")
}

/// An `http(s)://` address without a query, fragment or credentials, kept without a trailing
/// slash so that joining a path never doubles one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, ParseError> {
        let text = text.trim_matches(' ');
        let lower = text.to_ascii_lowercase();
        if !lower.starts_with("https://") && !lower.starts_with("http://") {
            return Err(ParseError {
                message: t!("base-url-scheme", text = text),
                hint: hint(),
            });
        }
        let url = WebUrl::parse(text)?;
        if let Some(c) = url.href().chars().find(|c| matches!(c, '?' | '#')) {
            return Err(ParseError {
                message: t!("base-url-char", c = c.to_string()),
                hint: t!("base-url-char-hint", c = c.to_string(), hint = hint()),
            });
        }
        Ok(BaseUrl(url.href().trim_end_matches('/').to_owned()))
    }

    /// The folder's address with one trailing slash, ready to have a file name appended.
    pub fn folder(&self) -> String {
        format!("{}/", self.0)
    }

    /// The address of the sub-folder `name` (a school's folder), with a trailing slash.
    pub fn join(&self, name: &str) -> BaseUrl {
        BaseUrl(format!("{}/{name}", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_slashes_are_normalised_and_the_scheme_lowered() {
        for text in [
            "https://school.ru/help",
            "https://school.ru/help/",
            "HTTPS://school.ru/help//",
        ] {
            let url = BaseUrl::parse(text).unwrap();
            assert_eq!(url.folder(), "https://school.ru/help/", "{text}");
        }
        assert_eq!(
            BaseUrl::parse("http://school.ru")
                .unwrap()
                .join("osh")
                .folder(),
            "http://school.ru/osh/"
        );
    }

    #[test]
    fn addresses_that_cannot_be_a_folder_are_refused_with_a_hint() {
        for (bad, says) in [
            ("school.ru/help", "starts with https://"),
            ("ftp://school.ru/", "starts with https://"),
            ("https://admin:secret@school.ru/", "remove `admin:secret@`"),
            ("https://school.ru/help?page=1", "cannot hold `?`"),
            ("https://school.ru/help#top", "cannot hold `#`"),
            ("https://school.ru/a b", "a space"),
            ("https://", "is not a web address"),
        ] {
            let error = BaseUrl::parse(bad).unwrap_err();
            let text = format!("{} {}", error.message, error.hint);
            assert!(text.contains(says), "{bad}: {text}");
        }
    }
}
