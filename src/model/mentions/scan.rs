//! Where in a text a contact may start, found a block of bytes at a time: a scan that looks at
//! each byte once, with no state carried from one byte to the next, so that the compiler turns
//! it into vector instructions. A byte-by-byte automaton took a sixth of a 1,000-school build.

/// Bytes looked at together.
const BLOCK: usize = 64;

/// What may start at a candidate position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// A digit, or `+` before a digit, not right after a Latin letter, a digit or a full stop.
    Phone,
    /// The first two letters of a channel's word (Latin te, t., wh, wa, vi, vk, ok, sf in any
    /// case; Cyrillic те, ва, во, вк, сф, first or both letters capital) at a word's start, or
    /// after a non-ASCII character that is not a Cyrillic letter: the caller decides whether
    /// that character ends a word. Two letters, not one: a word starting with в, с or т (every
    /// «в» and «с» of Russian prose) made a candidate for every tenth byte.
    Word,
}

/// Calls `each` with every candidate position of `text`, in order.
pub fn candidates(text: &[u8], mut each: impl FnMut(usize, Start)) {
    let mut phone = [false; BLOCK];
    let mut word = [false; BLOCK];
    let mut start = 0;
    while start < text.len() {
        let len = BLOCK.min(text.len() - start);
        match block(text, start) {
            Some(bytes) => classify_block(bytes, &mut phone, &mut word),
            None => classify_block(&padded(text, start), &mut phone, &mut word),
        }
        // The padded last block's flags past the text's end are not positions of the text.
        let inside = if len == BLOCK {
            u64::MAX
        } else {
            (1 << len) - 1
        };
        let (phones, words) = (bits(&phone) & inside, bits(&word) & inside);
        let mut any = phones | words;
        while any != 0 {
            let at = any.trailing_zeros();
            let kind = if phones >> at & 1 == 1 {
                Start::Phone
            } else {
                Start::Word
            };
            each(start + at as usize, kind);
            any &= any - 1;
        }
        start += len;
    }
}

/// Bytes a block needs after its last: the rest of a word's first two letters.
const AFTER: usize = 3;

/// The block at `start` with the two bytes before it and the three after, when all exist.
fn block(text: &[u8], start: usize) -> Option<&[u8; BLOCK + 2 + AFTER]> {
    let from = start.checked_sub(2)?;
    text.get(from..start + BLOCK + AFTER)?.try_into().ok()
}

fn classify_block(
    bytes: &[u8; BLOCK + 2 + AFTER],
    phone: &mut [bool; BLOCK],
    word: &mut [bool; BLOCK],
) {
    for j in 0..BLOCK {
        let (p2, p1) = (bytes[j], bytes[j + 1]);
        let next = [bytes[j + 2], bytes[j + 3], bytes[j + 4], bytes[j + 5]];
        phone[j] = phone_start(p1, next[0], next[1]);
        word[j] = word_start(p2, p1, next);
    }
}

/// The block at `start` with the bytes around it, where some are missing (the first and last
/// blocks): the text's edges count as spaces, so the block is copied between spaces.
fn padded(text: &[u8], start: usize) -> [u8; BLOCK + 2 + AFTER] {
    let mut bytes = [b' '; BLOCK + 2 + AFTER];
    let from = start.saturating_sub(2);
    let to = text.len().min(start + BLOCK + AFTER);
    let at = 2 - (start - from);
    bytes[at..at + (to - from)].copy_from_slice(&text[from..to]);
    bytes
}

/// The flags as the bits of one number, eight at a time: a multiplication gathers the low bit
/// of each of eight bytes into the top byte.
fn bits(flags: &[bool; BLOCK]) -> u64 {
    let mut mask = 0;
    for (i, eight) in flags.chunks_exact(8).enumerate() {
        let bytes: [u8; 8] = std::array::from_fn(|k| u8::from(eight[k]));
        let gathered = u64::from_le_bytes(bytes).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= gathered << (8 * i);
    }
    mask
}

// The tests below use `&` and `|`, not `&&` and `||`: no branch, so that the loop vectorises.

fn is_digit(b: u8) -> bool {
    b.wrapping_sub(b'0') < 10
}

#[allow(
    clippy::needless_bitwise_bool,
    reason = "no branch, so that the loop vectorises"
)]
fn is_ascii_alnum(b: u8) -> bool {
    is_digit(b) | ((b | 0x20).wrapping_sub(b'a') < 26)
}

#[allow(
    clippy::needless_bitwise_bool,
    reason = "no branch, so that the loop vectorises"
)]
fn phone_start(prev: u8, c: u8, next: u8) -> bool {
    let starts = is_digit(c) | ((c == b'+') & is_digit(next));
    starts & !(is_ascii_alnum(prev) | (prev == b'.'))
}

#[allow(
    clippy::needless_bitwise_bool,
    reason = "no branch, so that the loop vectorises"
)]
/// Whether a channel's word may start at `c` (`[c, and the three bytes after]`), after `prev2`
/// and `prev`.
fn word_start(prev2: u8, prev: u8, [c, n1, n2, n3]: [u8; 4]) -> bool {
    // Every two-byte character led by D0 or D1 is a Cyrillic letter, so it never ends a word.
    let ascii_boundary = (prev < 0x80) & !is_ascii_alnum(prev);
    let other_char = (prev >= 0x80) & ((prev2 & 0xFE) != 0xD0);
    (latin_pair(c, n1) | cyrillic_pair(c, n1, n2, n3)) & (ascii_boundary | other_char)
}

#[allow(
    clippy::needless_bitwise_bool,
    reason = "no branch, so that the loop vectorises"
)]
/// te, t., wh, wa, vi, vk, ok, sf in any case.
fn latin_pair(c: u8, n: u8) -> bool {
    let (c, low) = (c | 0x20, n | 0x20);
    ((c == b't') & ((low == b'e') | (n == b'.')))
        | ((c == b'w') & ((low == b'h') | (low == b'a')))
        | ((c == b'v') & ((low == b'i') | (low == b'k')))
        | ((c == b'o') & (low == b'k'))
        | ((c == b's') & (low == b'f'))
}

#[allow(
    clippy::needless_bitwise_bool,
    reason = "no branch, so that the loop vectorises"
)]
/// те, ва, во, вк, сф with the first letter or both capital (and вК), as UTF-8: the first
/// letter is `c n1`, the second `n2 n3`.
fn cyrillic_pair(c: u8, n1: u8, n2: u8, n3: u8) -> bool {
    // т D1 82, Т D0 A2; в D0 B2, В D0 92; с D1 81, С D0 A1; е D0 B5, Е D0 95; а D0 B0, А D0 90;
    // о D0 BE, О D0 9E; к D0 BA, К D0 9A; ф D1 84, Ф D0 A4.
    let second = |small: u8| (n2 == 0xD0) & ((n3 == small) | (n3 == small - 0x20));
    let te = ((c == 0xD1) & (n1 == 0x82)) | ((c == 0xD0) & (n1 == 0xA2));
    let v = (c == 0xD0) & ((n1 == 0xB2) | (n1 == 0x92));
    let s = ((c == 0xD1) & (n1 == 0x81)) | ((c == 0xD0) & (n1 == 0xA1));
    let f = ((n2 == 0xD1) & (n3 == 0x84)) | ((n2 == 0xD0) & (n3 == 0xA4));
    (te & second(0xB5)) | (v & (second(0xB0) | second(0xBE) | second(0xBA))) | (s & f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_keep_each_flag_in_its_place() {
        let mut flags = [false; BLOCK];
        for at in [0, 1, 7, 8, 9, 31, 56, 63] {
            flags[at] = true;
        }
        let want = [0, 1, 7, 8, 9, 31, 56, 63]
            .iter()
            .fold(0u64, |m, at| m | 1 << at);
        assert_eq!(bits(&flags), want);
        assert_eq!(bits(&[true; BLOCK]), u64::MAX);
    }

    fn found(text: &str) -> Vec<(usize, Start)> {
        let mut all = Vec::new();
        candidates(text.as_bytes(), |at, kind| all.push((at, kind)));
        all
    }

    /// What `candidates` must find, one position at a time.
    fn expected(text: &str) -> Vec<(usize, Start)> {
        let bytes = text.as_bytes();
        let at = |i: Option<usize>| i.and_then(|i| bytes.get(i)).copied().unwrap_or(b' ');
        (0..bytes.len())
            .filter_map(|p| {
                let (p2, p1) = (at(p.checked_sub(2)), at(p.checked_sub(1)));
                let next = [bytes[p], at(Some(p + 1)), at(Some(p + 2)), at(Some(p + 3))];
                if phone_start(p1, next[0], next[1]) {
                    Some((p, Start::Phone))
                } else if word_start(p2, p1, next) {
                    Some((p, Start::Word))
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn blocks_and_edges_agree_with_a_byte_by_byte_scan() {
        let piece = "Звоните 8 (812) 490-70-33, пишите в Telegram «ВКонтакте» vk.com/x; с 9.00 ";
        for count in [0, 1, 2, 5, 20] {
            let text = piece.repeat(count);
            for cut in [0, 1, 3] {
                let text: String = text.chars().skip(cut).collect();
                assert_eq!(found(&text), expected(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn word_starts_and_phone_starts() {
        let kinds = found("ва 8 т9 telegram xvk «Сферум» 1.5");
        let at: Vec<_> = kinds.iter().map(|(at, _)| *at).collect();
        let text = "ва 8 т9 telegram xvk «Сферум» 1.5";
        let pick = |s: &str| text.find(s).unwrap();
        assert_eq!(
            kinds,
            [
                (0, Start::Word),
                (pick("8"), Start::Phone),
                (pick("9"), Start::Phone),
                (pick("telegram"), Start::Word),
                (pick("Сферум"), Start::Word),
                (pick("1.5"), Start::Phone),
            ],
            "{at:?}"
        );
    }
}
