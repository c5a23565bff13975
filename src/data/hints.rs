//! Hints for what teachers really type where TOML wants something else: a date day first
//! (`01.09.2026`), text without quotes, a quote left open.

use crate::locale::t;

/// `2026-09-01` for a date written `2026-09-01`, `01.09.2026`, `1.9.2026` or `01/09/2026`
/// (day first, as Russian documents write it); `None` if it is no real date.
pub fn iso_date(text: &str) -> Option<String> {
    let numbers: Vec<&str> = text.split(['.', '/', '-']).collect();
    let [a, b, c] = numbers.as_slice() else {
        return None;
    };
    let digits = |part: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    let (year, month, day) = if digits(a, 4..=4) && digits(b, 1..=2) && digits(c, 1..=2) {
        (a, b, c)
    } else if digits(a, 1..=2) && digits(b, 1..=2) && digits(c, 4..=4) {
        (c, b, a)
    } else {
        return None;
    };
    let date = chrono::NaiveDate::from_ymd_opt(
        year.parse().ok()?,
        month.parse().ok()?,
        day.parse().ok()?,
    )?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// A hint for a TOML syntax error at byte `at` of `text`, from the line it is on: `None` when
/// the line shows none of the usual mistakes (the generic hint then applies).
pub fn syntax_hint(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    // Bytes, not chars: `at` may fall inside a character.
    let start = (text.as_bytes()[..at].iter())
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].split('\n').next().unwrap_or_default();
    let line = line.strip_suffix('\r').unwrap_or(line);
    let (key, value) = line.split_once('=')?;
    let (key, value) = (key.trim(), value.trim());
    if key.is_empty() || key.starts_with('[') {
        return None;
    }
    if let Some(quote) = open_quote(value) {
        let text = value.trim_start_matches(quote).trim_end();
        let example = format!("{key} = {quote}{text}{quote}");
        return Some(t!(
            "hint-close-quote",
            quote = quote.to_string(),
            example = example
        ));
    }
    let bare = value.split(" #").next().unwrap_or(value).trim();
    if let Some(date) = iso_date(bare).filter(|_| !bare.starts_with(['"', '\''])) {
        return Some(t!("hint-date-order", example = format!("{key} = {date}")));
    }
    let unquoted = !bare.is_empty()
        && !bare.starts_with(['"', '\'', '[', '{'])
        && bare.chars().any(char::is_alphabetic)
        && !matches!(bare, "true" | "false");
    unquoted.then(|| t!("hint-quote-text", example = format!("{key} = \"{bare}\"")))
}

/// The quote a value opens and does not close on its line, if any.
fn open_quote(value: &str) -> Option<char> {
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    if value.starts_with("\"\"\"") || value.starts_with("'''") {
        return None;
    }
    let mut escaped = false;
    for c in value.chars().skip(1) {
        match c {
            '\\' if quote == '"' && !escaped => escaped = true,
            c if c == quote && !escaped => return None,
            _ => escaped = false,
        }
    }
    Some(quote)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_day_first_become_year_month_day() {
        assert_eq!(iso_date("01.09.2026").as_deref(), Some("2026-09-01"));
        assert_eq!(iso_date("1.9.2026").as_deref(), Some("2026-09-01"));
        assert_eq!(iso_date("01/09/2026").as_deref(), Some("2026-09-01"));
        assert_eq!(iso_date("2026-9-1").as_deref(), Some("2026-09-01"));
        assert_eq!(iso_date("31.02.2026"), None);
        assert_eq!(iso_date("01.09.26"), None);
        assert_eq!(iso_date("пн"), None);
    }

    fn hint(line: &str) -> Option<String> {
        let text = format!("[school_year]\n{line}\nend = 2027-05-25\n");
        syntax_hint(&text, text.find(line).unwrap() + line.len() / 2)
    }

    #[test]
    fn a_date_day_first_is_rewritten() {
        assert_eq!(
            hint("start = 01.09.2026").as_deref(),
            Some("write the date as year-month-day: start = 2026-09-01")
        );
        assert!(
            hint("start = 1.9.2026 # first day")
                .unwrap()
                .contains("start = 2026-09-01")
        );
    }

    #[test]
    fn an_open_quote_is_to_close() {
        let found = hint("who = \"Иванова").unwrap();
        assert!(found.starts_with("close the quote"), "{found}");
        assert!(found.contains("who = \"Иванова\""), "{found}");
        assert!(hint("who = 'Иванова").unwrap().contains("who = 'Иванова'"));
        assert_eq!(hint("who = \"a \\\" b\" x"), None);
    }

    #[test]
    fn text_without_quotes_is_to_quote() {
        assert_eq!(
            hint("who = Иванова А. П.").as_deref(),
            Some("put text in quotes: who = \"Иванова А. П.\"")
        );
        assert_eq!(hint("parents = true"), None);
        assert_eq!(hint("[school_year"), None);
    }

    #[test]
    fn any_offset_of_any_text_is_safe() {
        let text = "a = \"яя\nб = 01.09.2026\r\n= x\n";
        for at in 0..=text.len() + 2 {
            let _ = syntax_hint(text, at);
        }
    }
}
