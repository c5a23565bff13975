//! What a link or an image of an article may point to, judged on the address as a browser reads it.

use std::borrow::Cow;

/// Schemes a link may have; anything else (`javascript:`, `data:`, `file:`, …) is refused.
pub const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The address as a browser's URL parser sees it: spaces and control characters around it
/// dropped, tabs and line breaks removed anywhere (so `java&#9;script:` is `javascript:`).
pub fn normalize(url: &str) -> Cow<'_, str> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    if trimmed.contains(['\t', '\n', '\r']) {
        trimmed.replace(['\t', '\n', '\r'], "").into()
    } else {
        trimmed.into()
    }
}

/// The scheme of a normalized address, in small letters, if it has one (`HTTP:x` → `http`).
pub fn scheme(url: &str) -> Option<String> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_valid = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (starts_with_letter && rest_valid).then(|| scheme.to_ascii_lowercase())
}

/// A link may go to a relative address or one with an allowed scheme.
pub fn link_allowed(url: &str) -> bool {
    match scheme(&normalize(url)) {
        None => true,
        Some(scheme) => LINK_SCHEMES.contains(&scheme.as_str()),
    }
}

/// An image may only be a file of the site: a plain relative path, with no scheme and nothing a
/// browser could read as another host (`//host`, `/\host`, `\\host`).
pub fn image_is_local(url: &str) -> bool {
    let url = normalize(url);
    !url.is_empty() && scheme(&url).is_none() && !url.starts_with('/') && !url.contains('\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_with_a_dangerous_scheme_are_refused_however_written() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "C:\\Users\\doc.docx",
        ] {
            assert!(!link_allowed(url), "{url:?}");
        }
    }

    #[test]
    fn web_mail_phone_and_relative_links_are_allowed() {
        for url in [
            "https://example.org/a",
            "HTTP://example.org",
            "mailto:help@school.ru",
            "tel:+74951234567",
            "../contacts.html#phones",
            "#part",
            "faq/kak-voyti.html",
        ] {
            assert!(link_allowed(url), "{url:?}");
        }
    }

    #[test]
    fn only_plain_relative_paths_are_local_images() {
        assert!(image_is_local("scheme.png"));
        assert!(image_is_local("../assets/shema.png"));
        for url in [
            "http:host/p.png",
            "HTTP://host/p.png",
            "https://evil.example/x.png",
            "//evil.example/x.png",
            "/\\evil.example/x.png",
            "\\\\evil.example\\x.png",
            "/assets/x.png",
            "data:image/png;base64,AAAA",
            " \thttp://evil.example/x.png",
            "ht\ttp://evil.example/x.png",
            "",
        ] {
            assert!(!image_is_local(url), "{url:?}");
        }
    }
}
