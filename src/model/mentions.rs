//! The contacts an article's own words name (phones, emails, messengers and social networks,
//! by name or address), found once per article, and the check that the school showing it has
//! each of them in its data: an article must not send a parent to a number the school does not
//! use. Other web addresses are references (a ministry's page, a manual), not contacts: a check
//! of every link flooded a 100-school build with 4,000 warnings about one such link.

use crate::locale::t;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::School;
use super::school::Contact;
use scan::Start;

mod scan;

/// A contact named in an article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the body.
    pub range: Range<usize>,
    pub kind: MentionKind,
    /// As written, for the message.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MentionKind {
    /// Digits to compare, with a leading 8 of a Russian number read as 7.
    Phone(String),
    /// In small letters.
    Email(String),
    /// A messenger or social network, by its name in `CHANNELS`.
    Channel(&'static str),
}

/// Messengers and social networks an article may name, and the words that name each (each is
/// also found capitalised and in capitals; an address among them counts as the school's data
/// naming the network too). Words that are
/// also ordinary Russian («одноклассник», «быть в контакте») are not among them.
const CHANNELS: [(&str, &[&str]); 6] = [
    ("Telegram", &["telegram", "телеграм", "t.me/"]),
    ("WhatsApp", &["whatsapp", "ватсап", "вотсап", "wa.me/"]),
    ("Viber", &["viber", "вайбер"]),
    ("ВКонтакте", &["вконтакте", "вКонтакте", "vk.com", "vk.ru"]),
    ("Одноклассники", &["ok.ru/"]),
    ("Сферум", &["сферум", "sferum"]),
];

/// The spellings of the channel words by their first character (`bucket`): each word small,
/// capitalised and in capitals, Latin compared in any case.
static SPELLINGS: LazyLock<Vec<Vec<(String, &'static str)>>> = LazyLock::new(|| {
    let mut buckets = vec![Vec::new(); BUCKETS];
    for (name, words) in CHANNELS {
        for word in words {
            let mut chars = word.chars();
            let capital: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            for spelling in [word.to_string(), capital, word.to_uppercase()] {
                if let Some(bucket) = bucket(spelling.as_bytes()) {
                    buckets[bucket].push((spelling, name));
                }
            }
        }
    }
    buckets
});

const BUCKETS: usize = 256;

/// A Latin letter in small, or the second byte of a Cyrillic letter led by D0 or D1.
fn bucket(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [c, ..] if c.is_ascii() => Some(usize::from(c.to_ascii_lowercase())),
        [0xD0, second, ..] => Some(128 + usize::from(second & 0x3F)),
        [0xD1, second, ..] => Some(192 + usize::from(second & 0x3F)),
        _ => None,
    }
}

/// The channel whose word is spelled at the start of `rest`, and the word's length.
fn channel_at(rest: &[u8]) -> Option<(&'static str, usize)> {
    let spellings = SPELLINGS.get(bucket(rest)?)?;
    spellings.iter().find_map(|(spelling, name)| {
        let word = rest.get(..spelling.len())?;
        word.eq_ignore_ascii_case(spelling.as_bytes())
            .then_some((*name, spelling.len()))
    })
}

/// Each channel `text` names, with where it first does (a word starting a word, not inside one).
fn channel_words(text: &str) -> Vec<(&'static str, Range<usize>)> {
    let mut words = Words::default();
    scan::candidates(text.as_bytes(), |at, start| {
        if start == Start::Word {
            words.at(text, at);
        }
    });
    words.found
}

/// The channels found so far, each once, and where the last word found ends.
#[derive(Default)]
struct Words {
    found: Vec<(&'static str, Range<usize>)>,
    after: usize,
}

impl Words {
    fn at(&mut self, text: &str, at: usize) {
        if at < self.after {
            return;
        }
        // Most candidates are ordinary words («в», «с», «то»): the spellings rule them out
        // before the character before is decoded.
        let Some((name, len)) = channel_at(&text.as_bytes()[at..]) else {
            return;
        };
        if starts_word(text, at) {
            self.after = at + len;
            if !self.found.iter().any(|(seen, _)| *seen == name) {
                self.found.push((name, at..at + len));
            }
        }
    }
}

/// Whether the character before `at` is not a letter or digit (the scan leaves this open for
/// characters other than ASCII and Cyrillic letters).
fn starts_word(text: &str, at: usize) -> bool {
    !text
        .get(..at)
        .and_then(|before| before.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// Every contact the body names, in one scan for phones and channel words.
pub fn find(body: &str) -> Vec<Mention> {
    let mut phones = Phones::default();
    let mut words = Words::default();
    scan::candidates(body.as_bytes(), |at, start| match start {
        Start::Phone => phones.at(body, at),
        Start::Word => words.at(body, at),
    });
    let mut found = phones.found;
    found.extend(emails(body));
    found.extend(words.found.into_iter().map(|(name, range)| Mention {
        text: body[range.clone()].to_owned(),
        range,
        kind: MentionKind::Channel(name),
    }));
    found.sort_by_key(|m| m.range.start);
    found
}

/// The phones found so far, and where the last number looked at ends (a number's own digits
/// after a bracket or a dash are not the start of another).
#[derive(Default)]
struct Phones {
    found: Vec<Mention>,
    after: usize,
}

impl Phones {
    fn at(&mut self, body: &str, at: usize) {
        if at < self.after {
            return;
        }
        let end = phone_end(body, at);
        self.after = end.max(at + 1);
        let text = &body[at..end];
        let count = text.bytes().filter(u8::is_ascii_digit).count();
        if (10..=12).contains(&count) && !text.contains("--") {
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            self.found.push(Mention {
                range: at..end,
                kind: MentionKind::Phone(dial_digits(&digits)),
                text: text.to_owned(),
            });
        }
    }
}

/// Where a phone number that starts at `start` ends: its last digit, with at most three
/// spaces, brackets or dashes between two digits.
fn phone_end(body: &str, start: usize) -> usize {
    let mut last_digit = start;
    let mut gap = 0;
    for (i, c) in body[start..].char_indices() {
        if c.is_ascii_digit() {
            last_digit = start + i + 1;
            gap = 0;
        } else if (c == '+' && i == 0) || matches!(c, '(' | ')' | '-' | ' ' | '\u{a0}') {
            gap += 1;
            if gap > 3 {
                break;
            }
        } else {
            break;
        }
    }
    last_digit
}

/// `+7 495 …` and `8 (495) …` dial the same digits.
pub fn dial_digits(digits: &str) -> String {
    match digits.strip_prefix('8') {
        Some(rest) if digits.len() == 11 => format!("7{rest}"),
        _ => digits.to_owned(),
    }
}

fn emails(body: &str) -> Vec<Mention> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_alphanumeric() || c == '.' || c == '-';
    let mut found = Vec::new();
    for (at, _) in body.match_indices('@') {
        let start = body[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| local(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let rest = &body[at + 1..];
        let len = rest.find(|c: char| !domain(c)).unwrap_or(rest.len());
        let host = rest[..len].trim_end_matches(['.', '-']);
        if start == at || !host.contains('.') || host.starts_with('.') {
            continue;
        }
        let end = at + 1 + host.len();
        found.push(Mention {
            range: start..end,
            kind: MentionKind::Email(body[start..end].to_lowercase()),
            text: body[start..end].to_owned(),
        });
    }
    found
}

/// What the school's data names: its contacts, its consultants', its channels', its vendor's.
#[derive(Debug, Default)]
pub struct Known {
    phones: HashSet<String>,
    emails: HashSet<String>,
    /// Every free text and address of the data, to find a messenger's name in.
    texts: String,
}

impl Known {
    pub fn of(school: &School) -> Known {
        let mut known = Known::default();
        let identity = &school.identity;
        for phone in &identity.phones {
            known.phone(phone.phone.tel_uri().as_str());
        }
        for email in &identity.emails {
            known.email(email.as_str());
        }
        if let Some(site) = &identity.website {
            known.text(site.href());
        }
        for consultant in &school.consultants {
            consultant
                .phone
                .iter()
                .for_each(|p| known.phone(&p.tel_uri()));
            consultant
                .email
                .iter()
                .for_each(|e| known.email(e.as_str()));
        }
        for help in [&school.staff, &school.parents].into_iter().flatten() {
            for channel in &help.channels {
                match &channel.contact {
                    Some(Contact::Phone(phone)) => known.phone(&phone.tel_uri()),
                    Some(Contact::Email(email)) => known.email(email.as_str()),
                    Some(Contact::Web(url)) => known.text(url.href()),
                    None => {}
                }
                known.text(channel.note.as_deref().unwrap_or_default());
            }
        }
        let support = &school.platform.support;
        support
            .phones
            .iter()
            .for_each(|p| known.phone(&p.number.tel_uri()));
        support
            .emails
            .iter()
            .for_each(|e| known.email(e.address.as_str()));
        for channel in &support.channels {
            known.text(&channel.text);
            if let Some(via) = &channel.via {
                known.text(via);
            }
            if let Some(url) = &channel.url {
                known.text(url.href());
            }
        }
        school.helpers.iter().for_each(|h| known.text(&h.who));
        known
    }

    fn phone(&mut self, tel: &str) {
        let digits: String = tel.chars().filter(char::is_ascii_digit).collect();
        self.phones.insert(dial_digits(&digits));
    }

    fn email(&mut self, address: &str) {
        self.emails.insert(address.to_lowercase());
        self.text(address);
    }

    fn text(&mut self, text: &str) {
        self.texts.push_str(text);
        self.texts.push('\n');
    }

    /// Whether the data has what `mention` names.
    pub fn has(&self, mention: &MentionKind) -> bool {
        match mention {
            MentionKind::Phone(digits) => self.phones.contains(digits),
            MentionKind::Email(address) => self.emails.contains(address),
            MentionKind::Channel(name) => channel_words(&self.texts).iter().any(|(n, _)| n == name),
        }
    }
}

impl MentionKind {
    /// «the phone», «the email address», … for a message.
    pub fn noun(&self) -> String {
        match self {
            MentionKind::Phone(_) => t!("mention-phone"),
            MentionKind::Email(_) => t!("mention-email"),
            MentionKind::Channel(_) => t!("mention-channel"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(body: &str) -> Vec<(String, MentionKind)> {
        find(body)
            .into_iter()
            .map(|m| (body[m.range].to_owned(), m.kind))
            .collect()
    }

    #[test]
    fn phones_in_the_usual_spellings_are_found_and_dates_are_not() {
        let body = "Звоните 8 (812) 490-70-33 или +7 495 582-69-00; 01.09.2025, 2025-09-01, 9:00-21:00, 1234567.";
        assert_eq!(
            kinds(body),
            [
                (
                    "8 (812) 490-70-33".to_owned(),
                    MentionKind::Phone("78124907033".into())
                ),
                (
                    "+7 495 582-69-00".to_owned(),
                    MentionKind::Phone("74955826900".into())
                ),
            ]
        );
    }

    #[test]
    fn emails_are_found_but_not_internal_links_or_web_pages() {
        let body = "Пишите на [почту](mailto:Help@School.ru) или help@школа.рф. См. [сайт](https://www.school.ru/page) и [контакты](@/contacts).";
        let found = kinds(body);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].1, MentionKind::Email("help@school.ru".into()));
        assert_eq!(found[1].1, MentionKind::Email("help@школа.рф".into()));
    }

    #[test]
    fn every_spelling_of_every_channel_word_is_a_candidate_of_the_scan() {
        // The scan knows the words' first two letters; a word added to CHANNELS must be found.
        for spellings in SPELLINGS.iter() {
            for (spelling, _) in spellings {
                let text = format!("«{spelling}»");
                let mut words = Vec::new();
                scan::candidates(text.as_bytes(), |at, start| {
                    if start == Start::Word {
                        words.push(at);
                    }
                });
                assert_eq!(words, ["«".len()], "{spelling}");
            }
        }
    }

    #[test]
    fn ordinary_words_are_not_networks() {
        let body = "Спросите одноклассников, будьте в контакте; facebook.ru/x и avk.com не сети.";
        assert!(kinds(body).is_empty(), "{:?}", kinds(body));
    }

    #[test]
    fn a_group_address_names_its_network() {
        let found = kinds("Группа: https://vk.com/school27, канал: https://t.me/school27");
        let names: Vec<_> = found.iter().map(|(_, kind)| kind.clone()).collect();
        assert_eq!(
            names,
            [
                MentionKind::Channel("ВКонтакте"),
                MentionKind::Channel("Telegram")
            ]
        );
    }

    #[test]
    fn every_spelling_of_every_network_is_found_at_a_word_start_only() {
        let body = "ВАТСАП, (Viber)/SFERUM; вКонтакте ok.ru/x. «Телеграм» xwa.me/1 t.me/s";
        let names: Vec<_> = kinds(body).into_iter().map(|(text, _)| text).collect();
        assert_eq!(
            names,
            [
                "ВАТСАП",
                "Viber",
                "SFERUM",
                "вКонтакте",
                "ok.ru/",
                "Телеграм"
            ]
        );
        let glued = "вtelegram teлеграм телеграмма";
        assert_eq!(
            kinds(glued).len(),
            1,
            "only «телеграм» of «телеграмма» starts a word"
        );
    }

    #[test]
    fn messengers_are_found_once_each_in_any_case() {
        let body = "Напишите в Telegram или в группу «ВКонтакте»; telegram снова.";
        let found = kinds(body);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0],
            ("Telegram".to_owned(), MentionKind::Channel("Telegram"))
        );
        assert_eq!(
            found[1],
            ("ВКонтакте".to_owned(), MentionKind::Channel("ВКонтакте"))
        );
    }
}
