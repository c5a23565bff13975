//! How the pages of a school site link to each other. Every page is a file named for it
//! (`contacts.html`, `faq/<id>.html`; the home page is `index.html`) and every link is relative
//! and names that file, so a site works from any folder of any server and opened from disk
//! (`file://`). One file per page, not a folder with an `index.html` each: a school's site is
//! 4 folders instead of 38, which is what an FTP upload and a rebuild spend their time on.

/// From an article page (`faq/<id>.html`) to the school's root folder.
pub const ARTICLE_ROOT: &str = "../";

/// The relative URL of an `@/` target (`contacts`, `faq/<id>#part`, or an empty one for home) from a page
/// whose prefix to the school's root is `root`.
pub fn page_href(root: &str, target: &str) -> String {
    let (path, fragment) = match target.split_once('#') {
        Some((path, fragment)) => (path, format!("#{fragment}")),
        None => (target, String::new()),
    };
    let path = path.trim_matches('/');
    if path.is_empty() {
        format!("{root}index.html{fragment}")
    } else {
        format!("{root}{path}.html{fragment}")
    }
}

/// Small Latin letters, digits and single hyphens: safe in every URL and on every file system.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_latin() {
        assert!(is_slug("kak-sostavit-obrashchenie"));
        assert!(!is_slug("Kak"));
        assert!(!is_slug("как"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
    }

    #[test]
    fn page_href_is_relative_and_explicit() {
        assert_eq!(page_href("../", "contacts"), "../contacts.html");
        assert_eq!(page_href("", ""), "index.html");
        assert_eq!(page_href("", "faq/x#y"), "faq/x.html#y");
        assert_eq!(page_href("../", "faq/"), "../faq.html");
    }
}
