//! RFC 5545 content lines: TEXT escaping, folding at 75 octets, CRLF, and the value formats of
//! dates, times and UTC offsets. Feeds (`feeds.rs`, with VTIMEZONE from `vtimezone.rs`) and vCards
//! (`render/vcard.rs`) are written with it.
//!
//! Our own instead of the `ical` crate, which folds at 75 characters (150 octets of Cyrillic), writes
//! TEXT unescaped and puts a TZID on DTSTAMP. Output is deterministic: properties come out in the order
//! the caller writes them.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Longest physical line in octets, without the CRLF (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// Builds one iCalendar object line by line.
#[derive(Debug, Default)]
pub struct IcsWriter {
    buf: String,
}

impl IcsWriter {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// `BEGIN:<component>`.
    pub fn begin(&mut self, component: &str) {
        self.line("BEGIN", &[], component);
    }

    /// `END:<component>`.
    pub fn end(&mut self, component: &str) {
        self.line("END", &[], component);
    }

    /// A property whose value is already in its RFC 5545 form (dates, RRULE, durations, URIs): written
    /// as is. Control characters, valid in no value, are dropped so a stray one cannot end the line.
    pub fn raw(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        self.line(name, params, &strip_controls(value));
    }

    /// A TEXT property: the value is escaped with [`escape_text`].
    pub fn text(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        self.line(name, params, &escape_text(value));
    }

    /// Append lines that another writer already finished (folded, CRLF-terminated), such as a
    /// VTIMEZONE shared by several feeds.
    pub fn append_finished(&mut self, finished: &str) {
        self.buf.push_str(finished);
    }

    /// The document: every line folded and CRLF-terminated.
    #[must_use]
    pub fn finish(self) -> String {
        self.buf
    }

    fn line(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let mut line = String::with_capacity(name.len() + value.len() + 1);
        line.push_str(name);
        for (key, val) in params {
            line.push(';');
            line.push_str(key);
            line.push('=');
            line.push_str(&param_value(val));
        }
        line.push(':');
        line.push_str(value);
        self.buf.push_str(&fold(&line));
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` get a backslash, CR LF / CR / LF become `\n`,
/// other control characters except TAB are dropped (CONTROL is not allowed in TEXT).
#[must_use]
pub fn escape_text(text: &str) -> String {
    // Byte by byte, copying each run without a special byte whole: every title, place and
    // description of every session of every feed passes here.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        let (replacement, len) = match bytes[i] {
            b'\\' => ("\\\\", 1),
            b';' => ("\\;", 1),
            b',' => ("\\,", 1),
            // CR LF is one line break, not two.
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => ("\\n", 2),
            b'\r' | b'\n' => ("\\n", 1),
            b'\t' => {
                i += 1;
                continue;
            }
            0..=0x1F | 0x7F => ("", 1),
            // U+0080-U+009F, the C1 controls.
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => ("", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        i += len;
        copied = i;
    }
    out.push_str(&text[copied..]);
    out
}

/// Reverses [`escape_text`]: `\\` `\;` `\,` `\n` `\N`. Unknown escapes and a trailing backslash are kept
/// as they are, as the clients do.
#[must_use]
pub fn unescape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(e @ ('\\' | ';' | ',')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Folds one unfolded content line (without line break) into physical lines of at most 75 octets each
/// (the leading space of a continuation line counts), never splitting a UTF-8 character; each ends with
/// CRLF.
#[must_use]
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 24 + 2);
    let (head, mut rest) = line.split_at(fold_point(line, MAX_LINE_OCTETS));
    out.push_str(head);
    out.push_str("\r\n");
    while !rest.is_empty() {
        let (part, tail) = rest.split_at(fold_point(rest, MAX_LINE_OCTETS - 1));
        out.push(' ');
        out.push_str(part);
        out.push_str("\r\n");
        rest = tail;
    }
    out
}

/// The longest prefix of `s` of at most `limit` octets that ends on a character boundary.
fn fold_point(s: &str, limit: usize) -> usize {
    if s.len() <= limit {
        return s.len();
    }
    // A character has at most 4 octets, so with our limits a boundary lies within the last 4
    // positions; the fallback (no fold) only keeps a tiny limit from panicking.
    (1..=limit)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len())
}

/// Reverse of fold for a whole document: joins continuation lines (CRLF or LF followed by one space or
/// tab).
#[must_use]
pub fn unfold(document: &str) -> String {
    let bytes = document.as_bytes();
    let mut out = String::with_capacity(document.len());
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let fold_len = match bytes[i..] {
            [b'\r', b'\n', b' ' | b'\t', ..] => 3,
            [b'\n', b' ' | b'\t', ..] => 2,
            _ => 0,
        };
        if fold_len == 0 {
            i += 1;
            continue;
        }
        // Only ASCII octets are skipped, so both slice ends are character boundaries.
        out.push_str(&document[start..i]);
        i += fold_len;
        start = i;
    }
    out.push_str(&document[start..]);
    out
}

/// Parameter values: quoted with DQUOTE when they contain ':' ';' ','; DQUOTE and control characters
/// are removed (not allowed in param values, RFC 5545 §3.1).
fn param_value(value: &str) -> Cow<'_, str> {
    let clean = if value.chars().any(|c| c == '"' || is_forbidden_control(c)) {
        Cow::Owned(
            value
                .chars()
                .filter(|&c| c != '"' && !is_forbidden_control(c))
                .collect(),
        )
    } else {
        Cow::Borrowed(value)
    };
    if clean.contains([':', ';', ',']) {
        Cow::Owned(format!("\"{clean}\""))
    } else {
        clean
    }
}

/// Control characters other than TAB, which RFC 5545 allows nowhere in a value.
fn is_forbidden_control(c: char) -> bool {
    c.is_control() && c != '\t'
}

fn strip_controls(value: &str) -> Cow<'_, str> {
    if value.chars().any(is_forbidden_control) {
        Cow::Owned(
            value
                .chars()
                .filter(|&c| !is_forbidden_control(c))
                .collect(),
        )
    } else {
        Cow::Borrowed(value)
    }
}

/// `YYYYMMDDTHHMMSS`: local wall time, for values with a `TZID=` parameter.
#[must_use]
pub fn local_datetime(dt: NaiveDateTime) -> String {
    dt.format("%Y%m%dT%H%M%S").to_string()
}

/// `YYYYMMDDTHHMMSSZ`.
#[must_use]
pub fn utc_datetime(dt: DateTime<Utc>) -> String {
    dt.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `YYYYMMDD`.
#[must_use]
pub fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// `+0700`, `-0330`, `+053015` style UTC offset (seconds only when non-zero; zero is `+0000`, as
/// `-0000` is not allowed).
#[must_use]
pub fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::calendar::vtimezone::write_vtimezone;
    use chrono::TimeDelta;
    use proptest::prelude::*;

    /// Physical lines as octets, checking that each one ends with CRLF.
    fn physical_lines(doc: &str) -> Vec<&[u8]> {
        let body = doc
            .as_bytes()
            .strip_suffix(b"\n")
            .expect("document ends with a line break");
        body.split(|&b| b == b'\n')
            .map(|line| line.strip_suffix(b"\r").expect("every line ends with CRLF"))
            .collect()
    }

    fn assert_well_folded(doc: &str) {
        let doc_without_line_ends = doc.replace("\r\n", "");
        assert!(
            !doc_without_line_ends.contains(['\r', '\n']),
            "bare CR or LF"
        );
        for line in physical_lines(doc) {
            assert!(line.len() <= MAX_LINE_OCTETS, "{} octets", line.len());
            assert!(std::str::from_utf8(line).is_ok(), "fold splits a character");
        }
    }

    #[test]
    fn escapes_backslash_semicolon_comma_and_line_breaks() {
        assert_eq!(escape_text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape_text("1\r\n2\n3\r4"), r"1\n2\n3\n4");
        assert_eq!(escape_text("tab\tbell\u{7}del\u{7f}"), "tab\tbelldel");
        assert_eq!(escape_text("c1\u{85}\u{9f} nbsp\u{a0}Ж"), "c1 nbsp\u{a0}Ж");
    }

    #[test]
    fn unescape_reverses_escape_and_keeps_unknown_escapes() {
        let s = "Кабинет 12; вход, справа\\слева\nэтаж 2";
        assert_eq!(unescape_text(&escape_text(s)), s);
        assert_eq!(unescape_text(r"a\Nb\tc\"), "a\nb\\tc\\");
    }

    #[test]
    fn cyrillic_description_folds_on_character_boundaries() {
        let text: String = "Консультацияпородительскомучастию"
            .chars()
            .cycle()
            .take(200)
            .collect();
        let mut w = IcsWriter::new();
        w.text("DESCRIPTION", &[], &text);
        let doc = w.finish();
        assert_well_folded(&doc);
        let lines = physical_lines(&doc);
        assert_eq!(lines.len(), 6, "12 + 400 octets in lines of 75 and 1 + 74");
        for line in &lines[1..] {
            assert_eq!(line[0], b' ');
            assert_ne!(line[1], b' ');
        }
        for line in &lines[..lines.len() - 1] {
            assert!(
                line.len() >= MAX_LINE_OCTETS - 1,
                "folded early: {}",
                line.len()
            );
        }
        assert_eq!(unfold(&doc), format!("DESCRIPTION:{text}\r\n"));
    }

    #[test]
    fn line_of_exactly_75_octets_is_not_folded() {
        let line = format!("DESCRIPTION:{}", "a".repeat(63));
        assert_eq!(fold(&line), format!("{line}\r\n"));
        let longer = format!("{line}b");
        assert_eq!(fold(&longer), format!("{line}\r\n b\r\n"));
    }

    #[test]
    fn unfold_joins_crlf_and_lf_continuations_with_space_or_tab() {
        assert_eq!(
            unfold("A:1\r\n 2\r\n\t3\n 4\r\nB:5\r\n"),
            "A:1234\r\nB:5\r\n"
        );
    }

    #[test]
    fn param_values_are_quoted_or_cleaned() {
        assert!(matches!(
            param_value("Asia/Krasnoyarsk"),
            Cow::Borrowed("Asia/Krasnoyarsk")
        ));
        assert_eq!(param_value("mailto:a@b.ru"), "\"mailto:a@b.ru\"");
        assert_eq!(param_value("a;b,c"), "\"a;b,c\"");
        assert_eq!(param_value("say \"hi\"\n"), "say hi");
        let mut w = IcsWriter::new();
        w.raw(
            "DTSTART",
            &[("TZID", "Asia/Krasnoyarsk")],
            "20250901T150000",
        );
        w.text("ORGANIZER", &[("CN", "Иванова, И. И.")], "x");
        assert_eq!(
            w.finish(),
            "DTSTART;TZID=Asia/Krasnoyarsk:20250901T150000\r\n\
             ORGANIZER;CN=\"Иванова, И. И.\":x\r\n"
        );
    }

    #[test]
    fn raw_values_are_written_as_given_without_controls() {
        let mut w = IcsWriter::new();
        w.raw("RRULE", &[], "FREQ=WEEKLY;BYDAY=MO,WE\r\nX");
        assert_eq!(w.finish(), "RRULE:FREQ=WEEKLY;BYDAY=MO,WEX\r\n");
    }

    #[test]
    fn formats_dates_times_and_offsets() {
        let d = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
        let dt = d.and_hms_opt(7, 5, 0).unwrap();
        assert_eq!(date(d), "20250901");
        assert_eq!(local_datetime(dt), "20250901T070500");
        assert_eq!(utc_datetime(dt.and_utc()), "20250901T070500Z");
        assert_eq!(utc_offset(7 * 3600), "+0700");
        assert_eq!(utc_offset(-(3 * 3600 + 30 * 60)), "-0330");
        assert_eq!(utc_offset(5 * 3600 + 30 * 60 + 15), "+053015");
        assert_eq!(utc_offset(0), "+0000");
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The calendar of the parse-back test and the ics-check run.
    fn sample_calendar(summary: &str) -> String {
        let mut w = IcsWriter::new();
        w.begin("VCALENDAR");
        w.raw("VERSION", &[], "2.0");
        w.text("PRODID", &[], "-//Spravka//Spravka 0.1//RU");
        write_vtimezone(
            &mut w,
            chrono_tz::Asia::Krasnoyarsk,
            ymd(2025, 9, 1),
            ymd(2026, 5, 31),
        );
        w.begin("VEVENT");
        w.text("UID", &[], "consultation-2025-09-01@spravka.example");
        w.raw(
            "DTSTAMP",
            &[],
            &utc_datetime(ymd(2025, 8, 25).and_hms_opt(0, 0, 0).unwrap().and_utc()),
        );
        let start = ymd(2025, 9, 1).and_hms_opt(15, 0, 0).unwrap();
        let tzid = [("TZID", "Asia/Krasnoyarsk")];
        w.raw("DTSTART", &tzid, &local_datetime(start));
        w.raw("DTEND", &tzid, &local_datetime(start + TimeDelta::hours(1)));
        w.text("SUMMARY", &[], summary);
        w.text(
            "DESCRIPTION",
            &[],
            &"Вход через главный подъезд, кабинет 12. ".repeat(5),
        );
        w.end("VEVENT");
        w.end("VCALENDAR");
        w.finish()
    }

    const SUMMARY: &str = "Консультация: электронный журнал, вход; путь C:\\Школа\nвторая строка";

    #[test]
    fn sample_calendar_parses_back_with_icalendar() {
        let text = sample_calendar(SUMMARY);
        assert_well_folded(&text);
        let unfolded = icalendar::parser::unfold(&text);
        let calendar = icalendar::parser::read_calendar(&unfolded).expect("parses");
        let names: Vec<&str> = calendar
            .components
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, ["VTIMEZONE", "VEVENT"]);
        let event = &calendar.components[1];
        // The parser unescapes TEXT properties itself.
        let summary = event.find_prop("SUMMARY").expect("SUMMARY");
        assert_eq!(summary.val.as_str(), SUMMARY);
        let dtstart = event.find_prop("DTSTART").expect("DTSTART");
        assert_eq!(dtstart.val.as_str(), "20250901T150000");
        let raw_summary = unfold(&text)
            .lines()
            .find_map(|l| l.strip_prefix("SUMMARY:"))
            .map(unescape_text);
        assert_eq!(raw_summary.as_deref(), Some(SUMMARY));
    }

    /// What survives escaping: line breaks as `\n`, no control characters but TAB.
    fn normalised(s: &str) -> String {
        let unified = s.replace("\r\n", "\n").replace('\r', "\n");
        unified
            .chars()
            .filter(|&c| c == '\n' || !is_forbidden_control(c))
            .collect()
    }

    fn any_text() -> impl Strategy<Value = String> {
        let interesting = prop_oneof![
            Just('\r'),
            Just('\n'),
            Just('\t'),
            Just('\\'),
            Just(';'),
            Just(','),
            Just(' '),
            Just('Ж'),
            Just('€'),
            Just('😀'),
            Just('\u{7f}'),
            // C1 controls (C2 80 to C2 9F in UTF-8) and their neighbours, which are not.
            (0x80u32..0xA2).prop_map(|c| char::from_u32(c).expect("a character")),
            (0u8..0x20).prop_map(char::from),
        ];
        proptest::collection::vec(prop_oneof![any::<char>(), interesting], 0..400)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn any_text_folds_and_round_trips(s in any_text()) {
            let mut w = IcsWriter::new();
            w.text("DESCRIPTION", &[], &s);
            let doc = w.finish();
            assert_well_folded(&doc);
            let unfolded = unfold(&doc);
            let line = unfolded.strip_suffix("\r\n").expect("CRLF at end");
            let value = line.strip_prefix("DESCRIPTION:").expect("property name");
            prop_assert_eq!(unescape_text(value), normalised(&s));
        }
    }
}
