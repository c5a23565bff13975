//! Fingerprints of a build's inputs: when a school's fingerprint equals the one stored with its
//! output, nothing it depends on changed and the build skips it without rendering.

use sha2::{Digest, Sha256};

/// A SHA-256 over labelled parts, so that moving bytes from one part to another changes it.
#[derive(Debug, Clone, Default)]
pub struct Fingerprint(Sha256);

impl Fingerprint {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, label: &str, bytes: &[u8]) -> &mut Self {
        self.0.update((label.len() as u64).to_le_bytes());
        self.0.update(label.as_bytes());
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn hex(&self) -> String {
        self.0
            .clone()
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_kept_apart() {
        let ab = Fingerprint::new().add("x", b"ab").add("y", b"").hex();
        let a_b = Fingerprint::new().add("x", b"a").add("y", b"b").hex();
        assert_ne!(ab, a_b);
        assert_eq!(ab, Fingerprint::new().add("x", b"ab").add("y", b"").hex());
    }
}
