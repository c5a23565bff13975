//! Characters that cannot belong in a value: control and invisible characters, and letters of
//! one script disguised among another's (a Cyrillic «о» in a Latin address).

use std::fmt::Write;

use crate::diagnostic::ParseError;
use crate::locale::t;

/// How many characters of a value a message quotes before eliding the rest.
const QUOTED_CHARS: usize = 60;

/// A value as a message may quote it: C0 controls as their pictures (`␛`), other invisible
/// characters as `\u{…}`, as `diagnostic::visible` shows source lines (never raw to a terminal),
/// and a long value cut short.
pub fn shown(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == QUOTED_CHARS {
            out.push('…');
            break;
        }
        if let Some(picture) = crate::diagnostic::control_picture(c) {
            out.push(picture);
        } else if is_invisible(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Control characters (C0, DEL, C1) and format characters that change how text reads without
/// being seen: bidi controls, zero-width characters, the BOM, the soft hyphen, line separators.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Bidi embeddings, overrides and isolates: they can make text read backwards («RLO» attacks).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `U+202E (right-to-left override)`: how a hint names an invisible character.
pub fn char_name(c: char) -> String {
    let name = match c {
        '\0' => t!("char-nul"),
        '\u{7}' => t!("char-bell"),
        '\u{8}' => t!("char-backspace"),
        '\t' => t!("char-tab"),
        '\n' => t!("char-line-feed"),
        '\r' => t!("char-carriage-return"),
        '\u{1b}' => t!("char-escape"),
        '\u{7f}' => t!("char-delete"),
        '\u{85}' => t!("char-next-line"),
        '\u{a0}' => t!("char-nbsp"),
        '\u{ad}' => t!("char-soft-hyphen"),
        '\u{200b}' => t!("char-zwsp"),
        '\u{200c}' => t!("char-zwnj"),
        '\u{200d}' => t!("char-zwj"),
        '\u{200e}' | '\u{200f}' => t!("char-direction-mark"),
        '\u{2028}' => t!("char-line-separator"),
        '\u{2029}' => t!("char-paragraph-separator"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => t!("char-direction-control"),
        '\u{feff}' => t!("char-bom"),
        c if c.is_control() => t!("char-control"),
        _ => t!("char-invisible"),
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

fn refuse(what: &str, text: &str, position: usize, c: char, hint: &str) -> ParseError {
    ParseError {
        message: t!(
            "text-invisible",
            what = what_words(what),
            text = shown(text),
            char = char_name(c),
            at = position + 1
        ),
        hint: hint.to_owned(),
    }
}

/// What `check_strict` is told a value is (in English), in words.
fn what_words(what: &str) -> String {
    match what {
        "day of the week" => t!("what-weekday"),
        "email address" | "email" => t!("what-email"),
        "list of days" => t!("what-days"),
        "phone number" => t!("what-phone"),
        "time range" => t!("what-time-range"),
        "time zone" => t!("what-zone"),
        "time" => t!("what-time"),
        "web address" => t!("what-url"),
        "text" => t!("what-text"),
        other => other.to_owned(),
    }
}

/// The hint of an invisible character in a value with a syntax.
fn retype() -> String {
    t!("text-retype")
}

/// A value with a syntax (an address, a time, an id): no control or invisible character at all.
pub fn check_strict(what: &str, text: &str) -> Result<(), ParseError> {
    match text.chars().enumerate().find(|&(_, c)| is_invisible(c)) {
        Some((i, c)) => Err(refuse(what, text, i, c, &retype())),
        None => Ok(()),
    }
}

/// Free text on one line (a name, a place): any letter or sign, but no control character, line
/// break or bidi control. A tab is allowed.
pub fn check_line(text: &str) -> Result<(), ParseError> {
    let bad = |c: char| (c.is_control() && c != '\t') || c == '\u{2028}' || c == '\u{2029}';
    check_free(text, bad, &t!("text-one-line"))
}

/// Free text that may span lines (an introduction, a note): line breaks and tabs are allowed.
pub fn check_block(text: &str) -> Result<(), ParseError> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    check_free(text, bad, &retype())
}

fn check_free(text: &str, bad: impl Fn(char) -> bool, hint: &str) -> Result<(), ParseError> {
    let found = text
        .chars()
        .enumerate()
        .find(|&(_, c)| bad(c) || is_bidi_control(c));
    match found {
        Some((i, c)) => Err(refuse("text", text, i, c, hint)),
        None => Ok(()),
    }
}

/// The writing system of a letter, for spotting look-alikes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Other,
}

impl Script {
    pub fn of(c: char) -> Option<Script> {
        if !c.is_alphabetic() {
            return None;
        }
        Some(match u32::from(c) {
            0x41..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
            0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            _ => Script::Other,
        })
    }

    fn name(self) -> String {
        match self {
            Script::Latin => t!("script-latin"),
            Script::Cyrillic => t!("script-cyrillic"),
            Script::Greek => t!("script-greek"),
            Script::Other => t!("script-other"),
        }
    }
}

/// The letters of `word` that are not of its main script, when it mixes scripts: `shkоla` with a
/// Cyrillic «о» gives that letter. The main script is the one most letters are in.
pub fn foreign_letters(word: &str) -> Vec<(usize, char, Script)> {
    let letters: Vec<(usize, char, Script)> = word
        .chars()
        .enumerate()
        .filter_map(|(i, c)| Script::of(c).map(|s| (i, c, s)))
        .collect();
    let count = |script: Script| letters.iter().filter(|l| l.2 == script).count();
    let Some(main) = letters.iter().map(|l| l.2).max_by_key(|s| count(*s)) else {
        return Vec::new();
    };
    letters.into_iter().filter(|l| l.2 != main).collect()
}

/// «the 5th character `о` is Cyrillic (U+043E)» for each foreign letter.
pub fn describe_letters(letters: &[(usize, char, Script)]) -> String {
    let parts: Vec<String> = letters
        .iter()
        .take(5)
        .map(|(i, c, script)| {
            t!(
                "text-foreign-letter",
                at = i + 1,
                c = c.to_string(),
                script = script.name(),
                code = format!("U+{:04X}", u32::from(*c))
            )
        })
        .collect();
    parts.join(", ")
}

/// The first `limit` names joined, then how many more: a hint never lists thousands of ids.
pub fn list_some<'a>(names: impl ExactSizeIterator<Item = &'a str>, limit: usize) -> String {
    let total = names.len();
    let shown_names: Vec<String> = names.take(limit).map(shown).collect();
    let mut list = shown_names.join(", ");
    if total > limit {
        let _ = write!(list, " {}", t!("list-and-more", n = total - limit));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_escapes_invisible_and_cuts_long_values() {
        assert_eq!(shown("a\u{1b}[31mb\0\u{200b}"), "a␛[31mb␀\\u{200b}");
        assert_eq!(shown(&"я".repeat(100)).chars().count(), QUOTED_CHARS + 1);
    }

    #[test]
    fn strict_values_refuse_every_invisible_character() {
        for bad in [
            "a\0b",
            "a\tb",
            "a\nb",
            "a\u{85}b",
            "a\u{202e}b",
            "a\u{200b}b",
            "a\u{feff}",
        ] {
            let error = check_strict("email", bad).unwrap_err();
            assert!(error.message.contains("U+"), "{bad:?}: {}", error.message);
            assert!(!error.message.contains(bad), "raw value echoed for {bad:?}");
        }
        assert!(check_strict("email", "ok@school.ru").is_ok());
    }

    #[test]
    fn free_text_keeps_unicode_but_not_controls() {
        assert!(check_line("Кабинет № 21 — «актовый зал» 🙂").is_ok());
        assert!(check_line("a\tb").is_ok());
        assert!(check_line("a\nb").is_err());
        assert!(check_line("a\u{9b}b").is_err());
        assert!(check_line("a\u{202e}b").is_err());
        assert!(check_block("line one\r\nline two").is_ok());
        assert!(check_block("a\u{7}b").is_err());
        assert!(check_block("a\u{2066}b").is_err());
    }

    #[test]
    fn foreign_letters_name_the_cyrillic_one() {
        let found = foreign_letters("shk\u{43e}la");
        assert_eq!(found, vec![(3, '\u{43e}', Script::Cyrillic)]);
        assert!(describe_letters(&found).contains("character 4 `о` is Cyrillic (U+043E)"));
        assert!(foreign_letters("школа").is_empty());
        assert!(foreign_letters("school-27").is_empty());
    }

    #[test]
    fn list_some_stops_after_the_limit() {
        let ids = ["a", "b", "c"];
        assert_eq!(list_some(ids.iter().copied(), 2), "a, b … and 1 more");
        assert_eq!(list_some(ids.iter().copied(), 5), "a, b, c");
    }
}
