//! What an article's HTML may never contain, checked on its tags and attributes (text may mention
//! `javascript:` or `<script>` freely: it is escaped, and escaped text runs nothing).

/// Elements that run code, load other documents or change how the page is read.
const FORBIDDEN_ELEMENTS: [&str; 18] = [
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
    "link", "form", "svg", "math", "template", "noscript", "textarea", "button",
];

/// Attributes whose value is fetched or followed as a URL.
const URL_ATTRIBUTES: [&str; 8] = [
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "background",
    "xlink:href",
];

/// Schemes that run code or embed a document in a link or an image.
const FORBIDDEN_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// Panics when `html` has a tag, attribute or URL that could run a script, restyle the page or
/// load something from another host.
pub fn assert_safe(html: &str) {
    for tag in tags(html) {
        assert_safe_tag(&tag, html);
    }
}

fn assert_safe_tag(tag: &Tag, html: &str) {
    let name = tag.name.as_str();
    assert!(
        !FORBIDDEN_ELEMENTS.contains(&name),
        "forbidden element <{name}> in {html:?}"
    );
    for (attr, value) in &tag.attributes {
        assert!(
            !attr.starts_with("on"),
            "event attribute `{attr}` on <{name}> in {html:?}"
        );
        if attr == "style" {
            assert!(
                is_table_alignment(value),
                "style attribute `{value}` on <{name}> in {html:?}"
            );
        }
        if URL_ATTRIBUTES.contains(&attr.as_str()) {
            let url = normalised_url(value);
            assert!(
                !FORBIDDEN_SCHEMES.iter().any(|s| url.starts_with(s)),
                "`{attr}` with a script or data URL `{value}` on <{name}> in {html:?}"
            );
            if name == "img" {
                assert!(!is_remote(&url), "remote image `{value}` in {html:?}");
            }
        }
    }
}

/// The only style pulldown-cmark writes: a table column's alignment.
fn is_table_alignment(style: &str) -> bool {
    ["left", "center", "right"]
        .iter()
        .any(|side| style.trim() == format!("text-align: {side}"))
}

/// A URL as a browser reads its scheme: entities decoded, ASCII whitespace and control characters
/// removed (`java\tscript:` is `javascript:`), lower case.
fn normalised_url(value: &str) -> String {
    decode_entities(value)
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Whether an image URL leaves the site: a scheme (`https:`, `http:host/p.png`) or `//host`.
fn is_remote(url: &str) -> bool {
    let url = url.replace('\\', "/");
    if url.starts_with("//") {
        return true;
    }
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']).unwrap_or(url.len());
    scheme_end.is_some_and(|end| end < path_start)
}

/// One start tag: lower-case name and attributes (values with entities left as written).
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// Panics unless every `<script` of a built page is one the theme writes: the site's own script
/// file, or a JSON data block that parses and holds no `<` (so neither `</script>` nor `<!--` can
/// end or swallow it, whatever the data says).
pub fn assert_page_scripts(page: &str, path: &str) {
    let lower = page.to_ascii_lowercase();
    let mut rest = 0;
    while let Some(found) = lower[rest..].find("<script") {
        let start = rest + found;
        let open_end = lower[start..].find('>').map_or_else(
            || panic!("an unclosed <script tag in {path}"),
            |i| start + i + 1,
        );
        let close = lower[open_end..].find("</script").map_or_else(
            || panic!("a <script> without its end in {path}"),
            |i| open_end + i,
        );
        assert_theme_script(&page[start..open_end], &page[open_end..close], path);
        rest = close;
    }
}

fn assert_theme_script(open: &str, content: &str, path: &str) {
    // The theme's script files: spravka.js deferred, vision.js in <head> (it applies the reader's
    // low-vision settings before the first paint); the FAQ page loads the search index and its
    // code, deferred.
    let files = [
        "assets/spravka.js\" defer",
        "assets/vision.js\">",
        "assets/search-index.js\" defer",
        "assets/search.js\" defer",
    ];
    if files.iter().any(|file| open.contains(file)) {
        assert!(
            content.is_empty(),
            "the script file's element has content in {path}"
        );
        return;
    }
    let data = [
        r#"type="application/json""#,
        r#"type="application/ld+json""#,
    ];
    assert!(
        data.iter().any(|kind| open.contains(kind)),
        "a script the theme does not write, `{open}`, in {path}"
    );
    assert!(
        !content.contains('<'),
        "a `<` in the JSON of `{open}` in {path}: {content}"
    );
    if let Err(error) = serde_json::from_str::<serde_json::Value>(content) {
        panic!("the JSON of `{open}` in {path} does not parse ({error}): {content}");
    }
}

/// The start tags of `html`. Escaped text holds no `<`, so every `<` opens a tag.
fn tags(html: &str) -> Vec<Tag> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let (tag, after) = read_tag(&rest[open + 1..]);
        found.extend(tag);
        rest = after;
    }
    found
}

/// Read one tag after its `<`: the tag (`None` for an end tag or comment) and the text after it.
fn read_tag(text: &str) -> (Option<Tag>, &str) {
    let name_len = text
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(text.len());
    let name = text[..name_len].to_ascii_lowercase();
    let mut rest = &text[name_len..];
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() || rest.starts_with('>') {
            break;
        }
        let (attribute, after) = read_attribute(rest);
        attributes.push(attribute);
        rest = after;
    }
    let rest = rest.strip_prefix('>').unwrap_or(rest);
    let tag =
        (!name.is_empty() && !name.starts_with(['/', '!'])).then_some(Tag { name, attributes });
    (tag, rest)
}

/// Read `name`, `name=value`, `name="value"` or `name='value'`.
fn read_attribute(text: &str) -> ((String, String), &str) {
    let name_len = text
        .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>')
        .unwrap_or(text.len())
        .max(1)
        .min(text.len());
    let name = text[..name_len].to_ascii_lowercase();
    let rest = text[name_len..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else {
        return ((name, String::new()), rest);
    };
    let rest = rest.trim_start();
    let (value, after) = if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
        let inner = &rest[1..];
        let end = inner.find(quote).unwrap_or(inner.len());
        (&inner[..end], inner.get(end + 1..).unwrap_or(""))
    } else {
        let end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '>')
            .unwrap_or(rest.len());
        (&rest[..end], &rest[end..])
    };
    ((name, value.to_owned()), after)
}

/// Decode `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NN;`, `&#xHH;` (what a writer may use to
/// hide a scheme); other entities are kept as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&end| end <= 12);
        let decoded = end.and_then(|end| entity(&rest[1..end]));
        if let (Some(end), Some(c)) = (end, decoded) {
            out.push(c);
            rest = &rest[end + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let number = |digits: &str, radix| {
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
    };
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => number(&hex[1..], 16),
            Some(decimal) => number(decimal, 10),
            None => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_html_passes() {
        assert_safe(
            r#"<h2 id="a" class="b">Как войти</h2><p><a href="../contacts.html">x</a> javascript: &lt;script&gt;</p><img src="scheme.png" alt="s" /><th style="text-align: left">"#,
        );
    }

    #[test]
    #[should_panic(expected = "event attribute")]
    fn event_attribute_fails() {
        assert_safe(r#"<h2 id="a" autofocus onfocus="alert(1)">x</h2>"#);
    }

    #[test]
    #[should_panic(expected = "script or data URL")]
    fn hidden_javascript_scheme_fails() {
        assert_safe(r#"<a href="jav&#x61;&#9;script:alert(1)">x</a>"#);
    }

    #[test]
    #[should_panic(expected = "remote image")]
    fn scheme_without_slashes_is_remote() {
        assert_safe(r#"<img src="http:host/p.png" alt="x" />"#);
    }

    #[test]
    fn theme_scripts_pass() {
        assert_page_scripts(
            r#"<script src="../assets/spravka.js" defer></script><script type="application/json" id="d">{"a":"\u003c/script>"}</script>"#,
            "p",
        );
    }

    #[test]
    #[should_panic(expected = "a `<` in the JSON")]
    fn json_that_can_end_its_script_fails() {
        assert_page_scripts(
            r#"<script type="application/ld+json">{"name":"<!--<script>"}</script>"#,
            "p",
        );
    }

    #[test]
    #[should_panic(expected = "does not write")]
    fn a_foreign_script_fails() {
        assert_page_scripts("<p>x</p><SCRIPT>alert(1)</SCRIPT>", "p");
    }

    #[test]
    #[should_panic(expected = "forbidden element")]
    fn script_element_fails() {
        assert_safe("<p>x</p><SCRIPT>alert(1)</SCRIPT>");
    }
}
