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
    /// The first letter of a channel's word (Latin t, w, v, o, s in any case; Cyrillic т, в,
    /// с in either case) at a word's start, or after a non-ASCII character that is not a
    /// Cyrillic letter: the caller decides whether that character ends a word.
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
            None => classify_edge(text, start, len, &mut phone, &mut word),
        }
        let (phones, words) = (bits(&phone), bits(&word));
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

/// The block at `start` with the two bytes before it and the one after, when all exist.
fn block(text: &[u8], start: usize) -> Option<&[u8; BLOCK + 3]> {
    let from = start.checked_sub(2)?;
    text.get(from..start + BLOCK + 1)?.try_into().ok()
}

fn classify_block(bytes: &[u8; BLOCK + 3], phone: &mut [bool; BLOCK], word: &mut [bool; BLOCK]) {
    for j in 0..BLOCK {
        let (p2, p1, c, n) = (bytes[j], bytes[j + 1], bytes[j + 2], bytes[j + 3]);
        phone[j] = phone_start(p1, c, n);
        word[j] = word_start(p2, p1, c, n);
    }
}

/// The first and last blocks, where the bytes around may be missing (the text's edges count as
/// spaces).
fn classify_edge(
    text: &[u8],
    start: usize,
    len: usize,
    phone: &mut [bool; BLOCK],
    word: &mut [bool; BLOCK],
) {
    let at = |i: Option<usize>| i.and_then(|i| text.get(i)).copied().unwrap_or(b' ');
    for j in 0..BLOCK {
        if j >= len {
            (phone[j], word[j]) = (false, false);
            continue;
        }
        let p = start + j;
        let (p2, p1, c) = (at(p.checked_sub(2)), at(p.checked_sub(1)), text[p]);
        let n = at(Some(p + 1));
        phone[j] = phone_start(p1, c, n);
        word[j] = word_start(p2, p1, c, n);
    }
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
fn word_start(prev2: u8, prev: u8, c: u8, next: u8) -> bool {
    let lower = c | 0x20;
    let latin =
        (lower == b't') | (lower == b'w') | (lower == b'v') | (lower == b'o') | (lower == b's');
    // т, с are D1 82, D1 81; Т, в, В, С are D0 A2, D0 B2, D0 92, D0 A1.
    let folded = next & !0x20;
    let small = (c == 0xD1) & ((next == 0x82) | (next == 0x81));
    let other = (c == 0xD0) & ((folded == 0x82) | (folded == 0x92) | (next == 0xA1));
    // Every two-byte character led by D0 or D1 is a Cyrillic letter, so it never ends a word.
    let ascii_boundary = (prev < 0x80) & !is_ascii_alnum(prev);
    let other_char = (prev >= 0x80) & ((prev2 & 0xFE) != 0xD0);
    (latin | small | other) & (ascii_boundary | other_char)
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
                let (p2, p1, c, n) = (
                    at(p.checked_sub(2)),
                    at(p.checked_sub(1)),
                    bytes[p],
                    at(Some(p + 1)),
                );
                if phone_start(p1, c, n) {
                    Some((p, Start::Phone))
                } else if word_start(p2, p1, c, n) {
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
        let kinds = found("в 8 т9 telegram xvk «Сферум» 1.5");
        let at: Vec<_> = kinds.iter().map(|(at, _)| *at).collect();
        let text = "в 8 т9 telegram xvk «Сферум» 1.5";
        let pick = |s: &str| text.find(s).unwrap();
        assert_eq!(
            kinds,
            [
                (0, Start::Word),
                (pick("8"), Start::Phone),
                (pick("т9"), Start::Word),
                (pick("9"), Start::Phone),
                (pick("telegram"), Start::Word),
                (pick("Сферум"), Start::Word),
                (pick("1.5"), Start::Phone),
            ],
            "{at:?}"
        );
    }
}
