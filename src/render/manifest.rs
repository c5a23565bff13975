//! `manifest.json` of a school's folder: every file's path and digest, so an upload to object
//! storage or a CDN can copy only what changed (`spravka package --since`).
//!
//! The digest detects change; it defends against no one (whoever can change the files can change
//! the manifest beside them), so it is XXH3-128, the checksum rsync uses by default since 3.2,
//! rather than SHA-256: hashing every output file with SHA-256 was 9.6 % of a 1,000-school
//! build's CPU time (BENCHMARKS.md). Manifests written with SHA-256 by earlier versions are still
//! read, and compared by recomputing SHA-256.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::OutputFile;

/// Where the manifest goes inside a school's folder.
pub const PATH: &str = "manifest.json";

/// How a manifest's digests are computed, by its `algorithm` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// What this version writes.
    Xxh3_128,
    /// What versions before 2026-12 wrote; read for `package --since` with an old manifest.
    Sha256,
}

impl Algorithm {
    pub const WRITTEN: Algorithm = Algorithm::Xxh3_128;

    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Xxh3_128 => "xxh3-128",
            Algorithm::Sha256 => "sha256",
        }
    }

    pub fn from_name(name: &str) -> Option<Algorithm> {
        [Algorithm::Xxh3_128, Algorithm::Sha256]
            .into_iter()
            .find(|algorithm| algorithm.name() == name)
    }

    /// The digest of `bytes` in lowercase hex.
    pub fn digest(self, bytes: &[u8]) -> String {
        match self {
            Algorithm::Xxh3_128 => format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes)),
            Algorithm::Sha256 => hex(&Sha256::digest(bytes)),
        }
    }
}

#[derive(Debug, Serialize)]
struct Manifest<'a> {
    algorithm: &'static str,
    files: BTreeMap<&'a str, String>,
}

/// The manifest of `files` (paths relative to the school's folder), as pretty, sorted JSON.
/// `known` holds digests already computed for some of the paths (the theme's assets, the same
/// bytes in every school), which are taken as they are instead of hashed again.
pub fn manifest(files: &[OutputFile], known: &BTreeMap<String, String>) -> OutputFile {
    let files = files
        .iter()
        .map(|file| {
            let digest = known
                .get(&file.path)
                .cloned()
                .unwrap_or_else(|| digest(&file.bytes));
            (file.path.as_str(), digest)
        })
        .collect();
    let manifest = Manifest {
        algorithm: Algorithm::WRITTEN.name(),
        files,
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).expect("a map of strings serializes");
    bytes.push(b'\n');
    OutputFile {
        path: PATH.to_owned(),
        bytes,
    }
}

/// The digest of `bytes` as this version's manifests list it.
pub fn digest(bytes: &[u8]) -> String {
    Algorithm::WRITTEN.digest(bytes)
}

fn hex(bytes: &[u8]) -> String {
    // One buffer, not a String per byte, and two table lookups per byte rather than a `write!`.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_file_with_its_hash_in_order() {
        let files = [
            OutputFile {
                path: "b.html".into(),
                bytes: b"b".to_vec(),
            },
            OutputFile {
                path: "a.html".into(),
                bytes: b"".to_vec(),
            },
        ];
        let known = BTreeMap::from([("c.css".to_owned(), "given".to_owned())]);
        let text = String::from_utf8(manifest(&files, &known).bytes).unwrap();
        let a = text
            .find("\"a.html\": \"99aa06d3014798d86001c324468d497f\"")
            .unwrap();
        assert!(a < text.find("\"b.html\"").unwrap(), "{text}");
        assert!(
            !text.contains("given"),
            "a known digest is used only for its own path"
        );
    }

    #[test]
    fn digests_are_lowercase_hex_of_every_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa0, 0xff, 0x5c]), "000fa0ff5c");
        assert_eq!(
            Algorithm::Sha256.digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // XXH3-128 of "abc", as the reference implementation's `xxhsum -H2` prints it.
        assert_eq!(digest(b"abc"), "06b05ab6733a618578af5f94892f3950");
        assert_eq!(digest(b"").len(), 32);
    }

    #[test]
    fn a_known_digest_is_taken_as_given() {
        let files = [OutputFile {
            path: "assets/style.css".into(),
            bytes: b"body{}".to_vec(),
        }];
        let known = BTreeMap::from([("assets/style.css".to_owned(), digest(b"body{}"))]);
        assert_eq!(
            manifest(&files, &known).bytes,
            manifest(&files, &BTreeMap::new()).bytes
        );
    }
}
