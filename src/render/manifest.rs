//! `manifest.json` of a school's folder: every file's path and SHA-256, so an upload to object
//! storage or a CDN can copy only what changed.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::OutputFile;

/// Where the manifest goes inside a school's folder.
pub const PATH: &str = "manifest.json";

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
        algorithm: "sha256",
        files,
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).expect("a map of strings serializes");
    bytes.push(b'\n');
    OutputFile {
        path: PATH.to_owned(),
        bytes,
    }
}

/// The SHA-256 of `bytes` in lowercase hex, as the manifest lists it.
pub fn digest(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    // One buffer, not a String per byte, and two table lookups per byte rather than a `write!`:
    // this runs for every file of every school (50,000 at 1,000 schools).
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
            .find(
                "\"a.html\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"",
            )
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
            digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
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
