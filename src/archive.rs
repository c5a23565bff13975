//! Deterministic zip archives of a school's files for upload through a hosting control panel,
//! and the difference between two of a school's manifests for an upload of only what changed.
//!
//! The same files give the same bytes: entries are sorted, every entry carries one fixed time
//! and the same permissions, and nothing of the machine (owner, umask, clock) is written.

use crate::locale::t;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Write};

use chrono::{Datelike, NaiveDateTime, Timelike};
use serde::Deserialize;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::render::OutputFile;
use crate::render::manifest::Algorithm;

/// The zip of `files` (paths relative to the school's folder, `/`-separated), each entry dated
/// `time`. Folders get entries of their own, so that every extractor recreates them.
pub fn zip(files: &[&OutputFile], time: NaiveDateTime) -> std::io::Result<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_time(time))
        .unix_permissions(0o644);
    let mut sorted: Vec<&&OutputFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let mut made = BTreeSet::new();
    for file in sorted {
        for folder in folders_of(&file.path) {
            if made.insert(folder) {
                writer
                    .add_directory(folder, options.unix_permissions(0o755))
                    .map_err(std::io::Error::other)?;
            }
        }
        writer
            .start_file(file.path.as_str(), options)
            .map_err(std::io::Error::other)?;
        writer.write_all(&file.bytes)?;
    }
    let cursor = writer.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

/// `a/b/c.html` -> `a/`, `a/b/`: the folders on the way to a file, outermost first.
fn folders_of(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(|(end, _)| &path[..=end])
}

/// Zip times run from 1980 to 2107 and have two-second steps; anything outside is clamped.
fn zip_time(time: NaiveDateTime) -> DateTime {
    let year = time.year().clamp(1980, 2107);
    let parts = (
        u16::try_from(year).unwrap_or(1980),
        u8::try_from(time.month()).unwrap_or(1),
        u8::try_from(time.day()).unwrap_or(1),
        u8::try_from(time.hour()).unwrap_or(0),
        u8::try_from(time.minute()).unwrap_or(0),
        u8::try_from(time.second()).unwrap_or(0),
    );
    if year != time.year() {
        return DateTime::default();
    }
    DateTime::from_date_and_time(parts.0, parts.1, parts.2, parts.3, parts.4, parts.5)
        .unwrap_or_default()
}

/// What an upload after an earlier one has to do: copy `changed`, delete `deleted`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Delta {
    /// New files and files whose content differs, sorted.
    pub changed: Vec<String>,
    /// Files the earlier upload had and this one has not, sorted.
    pub deleted: Vec<String>,
}

/// Why an earlier manifest could not be used.
#[derive(Debug)]
pub enum ManifestError {
    Unreadable(String),
    Algorithm(String),
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            ManifestError::Unreadable(why) => t!("manifest-unreadable", why = why.as_str()),
            ManifestError::Algorithm(kind) => t!("manifest-algorithm", kind = kind.as_str()),
        })
    }
}

impl std::error::Error for ManifestError {}

/// An earlier manifest: how its digests were computed, and each file's digest by path.
#[derive(Debug)]
pub struct Earlier {
    pub algorithm: Algorithm,
    pub files: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct Manifest {
    algorithm: String,
    files: BTreeMap<String, String>,
}

/// An earlier `manifest.json`, of this version or of one that wrote SHA-256.
pub fn parse_manifest(bytes: &[u8]) -> Result<Earlier, ManifestError> {
    let manifest: Manifest = serde_json::from_slice(bytes)
        .map_err(|error| ManifestError::Unreadable(error.to_string()))?;
    let algorithm = Algorithm::from_name(&manifest.algorithm)
        .ok_or(ManifestError::Algorithm(manifest.algorithm))?;
    Ok(Earlier {
        algorithm,
        files: manifest.files,
    })
}

/// What changed from the files of `old` to the files of `new` (both path -> digest).
pub fn delta(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Delta {
    let changed = (new.iter())
        .filter(|(path, digest)| old.get(*path) != Some(digest))
        .map(|(path, _)| path.clone())
        .collect();
    let deleted = (old.keys())
        .filter(|path| !new.contains_key(*path))
        .cloned()
        .collect();
    Delta { changed, deleted }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn noon() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap_or_default()
    }

    fn names(bytes: Vec<u8>) -> Vec<String> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        archive.file_names().map(str::to_owned).collect()
    }

    #[test]
    fn the_same_files_in_any_order_give_the_same_bytes() {
        let (a, b) = (
            file("index.html", "<p>1</p>"),
            file("faq/x.html", "<p>2</p>"),
        );
        let one = zip(&[&a, &b], noon()).expect("zipped");
        let two = zip(&[&b, &a], noon()).expect("zipped");
        assert_eq!(one, two);
        let later = noon() + chrono::Duration::hours(1);
        assert_ne!(one, zip(&[&a, &b], later).expect("zipped"));
    }

    #[test]
    fn entries_are_sorted_with_their_folders_and_read_back() {
        let files = [
            file("index.html", "i"),
            file("assets/style.css", "s"),
            file("calendar/all.ics", "c"),
        ];
        let refs: Vec<&OutputFile> = files.iter().collect();
        let bytes = zip(&refs, noon()).expect("zipped");
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes.clone())).expect("a zip");
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("calendar/all.ics").expect("entry"),
            &mut text,
        )
        .expect("read");
        assert_eq!(text, "c");
        assert_eq!(
            names(bytes),
            [
                "assets/",
                "assets/style.css",
                "calendar/",
                "calendar/all.ics",
                "index.html"
            ]
        );
    }

    #[test]
    fn times_before_1980_are_clamped_not_refused() {
        let old = NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        assert_eq!(zip_time(old), DateTime::default());
        let time = zip_time(noon());
        assert_eq!((time.year(), time.month(), time.hour()), (2026, 12, 12));
    }

    #[test]
    fn delta_lists_changed_new_and_deleted_files() {
        let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            (pairs.iter())
                .map(|(p, d)| ((*p).to_owned(), (*d).to_owned()))
                .collect()
        };
        let old = map(&[("a.html", "1"), ("b.html", "2"), ("gone.html", "3")]);
        let new = map(&[("a.html", "1"), ("b.html", "9"), ("new.html", "4")]);
        assert_eq!(
            delta(&old, &new),
            Delta {
                changed: vec!["b.html".into(), "new.html".into()],
                deleted: vec!["gone.html".into()],
            }
        );
    }

    #[test]
    fn a_manifest_of_another_kind_is_refused() {
        let sha = br#"{"algorithm":"sha256","files":{"a":"1"}}"#;
        let earlier = parse_manifest(sha).expect("parsed");
        assert_eq!(
            (earlier.algorithm, earlier.files.len()),
            (Algorithm::Sha256, 1)
        );
        let xxh = br#"{"algorithm":"xxh3-128","files":{}}"#;
        assert_eq!(
            parse_manifest(xxh).expect("parsed").algorithm,
            Algorithm::Xxh3_128
        );
        let md5 = br#"{"algorithm":"md5","files":{}}"#;
        assert!(matches!(
            parse_manifest(md5),
            Err(ManifestError::Algorithm(_))
        ));
        assert!(matches!(
            parse_manifest(b"[]"),
            Err(ManifestError::Unreadable(_))
        ));
    }
}
