//! An iCalendar document read back independently of the writer: physical lines checked (CRLF only,
//! at most 75 octets, no control character), unfolded, split into properties, and parsed again by
//! the `icalendar` crate.

/// Longest physical line in octets, without its CRLF (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// One unfolded content line: `NAME;KEY=value;…:value`, parameter values without their quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
}

/// Panics unless `doc` is a well-formed iCalendar object that the `icalendar` crate parses;
/// returns its properties in order.
pub fn assert_well_formed(doc: &str) -> Vec<Property> {
    let properties: Vec<Property> = logical_lines(doc).iter().map(|l| property(l)).collect();
    assert_components_nest(&properties);
    let unfolded = icalendar::parser::unfold(doc);
    if let Err(error) = icalendar::parser::read_calendar(&unfolded) {
        panic!("icalendar cannot parse the document: {error}\n{doc}");
    }
    properties
}

/// Physical lines joined: a line that starts with a space continues the one before (the writer
/// folds with a single space).
fn logical_lines(doc: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in physical_lines(doc) {
        match (line.strip_prefix(' '), lines.last_mut()) {
            (Some(continued), Some(last)) => last.push_str(continued),
            (Some(_), None) => panic!("the document starts with a continuation line: {doc:?}"),
            (None, _) => lines.push(line.to_owned()),
        }
    }
    lines
}

/// The document's physical lines; each ends with CRLF and is short and free of controls.
fn physical_lines(doc: &str) -> Vec<&str> {
    if doc.is_empty() {
        return Vec::new();
    }
    let body = doc
        .strip_suffix("\r\n")
        .unwrap_or_else(|| panic!("the document does not end with CRLF: {doc:?}"));
    let lines: Vec<&str> = body.split("\r\n").collect();
    for line in &lines {
        assert!(
            line.len() <= MAX_LINE_OCTETS,
            "a line of {} octets: {line:?}",
            line.len()
        );
        assert!(
            !line.chars().any(is_control),
            "a control character (or a bare CR or LF) in {line:?}"
        );
        assert!(!line.is_empty(), "an empty line in {doc:?}");
    }
    lines
}

/// RFC 5545's CONTROL: every ASCII control character but TAB.
fn is_control(c: char) -> bool {
    c.is_ascii_control() && c != '\t'
}

/// Split an unfolded content line into name, parameters and value.
fn property(line: &str) -> Property {
    let name_len = line
        .find([';', ':'])
        .unwrap_or_else(|| panic!("no `:` in {line:?}"));
    let name = line[..name_len].to_owned();
    assert!(
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
        "bad property name {name:?} in {line:?}"
    );
    let mut rest = &line[name_len..];
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let (param, tail) = parameter(after, line);
        params.push(param);
        rest = tail;
    }
    let value = rest
        .strip_prefix(':')
        .unwrap_or_else(|| panic!("no `:` after the parameters of {line:?}"));
    Property {
        name,
        params,
        value: value.to_owned(),
    }
}

/// `KEY=value` or `KEY="value"`, then the rest of the line from the `;` or `:` that follows.
fn parameter<'a>(text: &'a str, line: &str) -> ((String, String), &'a str) {
    let (key, rest) = text
        .split_once('=')
        .unwrap_or_else(|| panic!("a parameter without `=` in {line:?}"));
    let (value, rest) = if let Some(quoted) = rest.strip_prefix('"') {
        let (value, rest) = quoted
            .split_once('"')
            .unwrap_or_else(|| panic!("an unclosed quote in {line:?}"));
        (value, rest)
    } else {
        let end = rest.find([';', ':']).unwrap_or(rest.len());
        let value = &rest[..end];
        assert!(
            !value.contains(','),
            "an unquoted `,` in a parameter of {line:?}"
        );
        (value, &rest[end..])
    };
    assert!(
        rest.starts_with([';', ':']),
        "text after a quoted parameter in {line:?}"
    );
    ((key.to_owned(), value.to_owned()), rest)
}

/// Every BEGIN has its END, in order, and everything is inside one VCALENDAR.
fn assert_components_nest(properties: &[Property]) {
    let mut open: Vec<&str> = Vec::new();
    for (i, property) in properties.iter().enumerate() {
        match property.name.as_str() {
            "BEGIN" => open.push(&property.value),
            "END" => {
                let begun = open.pop();
                assert_eq!(
                    begun,
                    Some(property.value.as_str()),
                    "END:{} does not close",
                    property.value
                );
            }
            _ => assert!(!open.is_empty(), "property {i} is outside every component"),
        }
        if open.is_empty() {
            assert_eq!(i + 1, properties.len(), "content after the calendar ends");
        }
    }
    assert!(open.is_empty(), "components left open: {open:?}");
}

/// Reverse of TEXT escaping (RFC 5545 §3.3.11), written apart from the writer's own: `\\` `\;`
/// `\,` `\n` `\N`. Any other backslash is a bug of the writer, which escapes every backslash.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            assert!(
                c != ';' && c != ',',
                "an unescaped `{c}` in the TEXT value {value:?}"
            );
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(e @ ('\\' | ';' | ',')) => out.push(e),
            other => panic!("a stray escape `\\{other:?}` in {value:?}"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY;X-A=\"a,b\":x\\, y\r\n z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn a_good_document_reads_back() {
        let properties = assert_well_formed(GOOD);
        assert_eq!(properties[2].params, [("X-A".to_owned(), "a,b".to_owned())]);
        assert_eq!(unescape(&properties[2].value), "x, yz");
    }

    #[test]
    #[should_panic(expected = "a line of 76 octets")]
    fn a_long_line_fails() {
        let long = format!("SUMMARY:{}", "я".repeat(34));
        assert_well_formed(&GOOD.replace("SUMMARY;X-A=\"a,b\":x\\, y", &long));
    }

    #[test]
    #[should_panic(expected = "control character")]
    fn a_bare_line_feed_fails() {
        assert_well_formed(&GOOD.replace("x\\, y", "x\n y"));
    }

    #[test]
    #[should_panic(expected = "unescaped `,`")]
    fn an_unescaped_comma_fails() {
        unescape("a, b");
    }
}
