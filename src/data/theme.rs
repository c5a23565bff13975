//! Disk -> a user theme folder's files (templates/, static/, i18n/), read through the safe path
//! for inputs; `render::theme` lays them over the built-in theme without touching the disk.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::SourceFile;
use crate::error::Error;
use crate::fs::{self, ReadError};

/// The files of a user theme folder, each overriding the built-in file of the same name.
#[derive(Debug, Default)]
pub struct RawTheme {
    /// Template file name (`header.html`) -> its text, kept so a problem can point into it.
    pub templates: BTreeMap<String, Arc<SourceFile>>,
    /// Path under `static/` with forward slashes (`img/logo.png`) -> bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Language code (`ru`) -> the parsed `i18n/<code>.toml`.
    pub translations: BTreeMap<String, toml::Table>,
}

/// Read the theme folder `dir`; translations only for the `languages` the built-in theme has.
pub fn load_theme(dir: &Path, languages: &[&str]) -> Result<RawTheme, Error> {
    let root = fs::Root::new(dir, "the theme folder");
    Ok(RawTheme {
        templates: read_templates(&root)?,
        assets: read_assets(&root)?,
        translations: read_translations(&root, languages)?,
    })
}

/// Read a file of the theme folder (through the one safe path for inputs); a refused file or
/// one that is not UTF-8 stops the command with a problem.
fn read_theme_file(root: &fs::Root, path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    match fs::read_input(root, path, limit) {
        Ok(bytes) => Ok(bytes),
        Err(ReadError::Failed(error)) => Err(error),
        Err(ReadError::Refused(refusal)) => Err(Error::Invalid(vec![super::refused(
            path,
            &refusal,
            root.name,
            Path::to_path_buf,
        )])),
    }
}

fn read_theme_text(root: &fs::Root, path: &Path, limit: u64) -> Result<Arc<SourceFile>, Error> {
    let bytes = read_theme_file(root, path, limit)?;
    super::decode(path.to_path_buf(), bytes).map_err(|problem| Error::Invalid(vec![problem]))
}

/// Whether a folder of the theme exists and may be listed (not a link out of the theme).
fn theme_folder(root: &fs::Root, dir: &Path) -> Result<bool, Error> {
    match fs::input_folder(root, dir) {
        Ok(exists) => Ok(exists),
        Err(ReadError::Failed(error)) => Err(error),
        Err(ReadError::Refused(refusal)) => Err(Error::Invalid(vec![super::refused(
            dir,
            &refusal,
            root.name,
            Path::to_path_buf,
        )])),
    }
}

fn read_templates(root: &fs::Root) -> Result<BTreeMap<String, Arc<SourceFile>>, Error> {
    let mut templates = BTreeMap::new();
    let folder = root.path().join("templates");
    if !theme_folder(root, &folder)? {
        return Ok(templates);
    }
    for path in fs::sorted_entries(&folder)? {
        if super::is_input(&path, "html") {
            let file = read_theme_text(root, &path, fs::limits::TEMPLATE)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            templates.insert(name, file);
        }
    }
    Ok(templates)
}

/// Every file under `static/`, sub-folders included. Links are followed (a linked folder only
/// when it stays inside the theme), and each file is read through the safe path.
fn read_assets(root: &fs::Root) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let mut assets = BTreeMap::new();
    let folder = root.path().join("static");
    if !theme_folder(root, &folder)? {
        return Ok(assets);
    }
    let walk = walkdir::WalkDir::new(&folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walk {
        let entry = entry.map_err(|error| Error::Io {
            action: "list folder",
            path: error.path().unwrap_or(&folder).to_path_buf(),
            source: error.into(),
        })?;
        if entry.file_type().is_dir() {
            if entry.path_is_symlink() {
                theme_folder(root, entry.path())?;
            }
            continue;
        }
        let relative = entry.path().strip_prefix(&folder).unwrap_or(entry.path());
        let key = relative.to_string_lossy().replace('\\', "/");
        assets.insert(key, read_theme_file(root, entry.path(), fs::limits::ASSET)?);
    }
    Ok(assets)
}

fn read_translations(
    root: &fs::Root,
    languages: &[&str],
) -> Result<BTreeMap<String, toml::Table>, Error> {
    let mut translations = BTreeMap::new();
    let folder = root.path().join("i18n");
    if !theme_folder(root, &folder)? {
        return Ok(translations);
    }
    for code in languages {
        let path = folder.join(format!("{code}.toml"));
        if std::fs::symlink_metadata(&path).is_ok() {
            let file = read_theme_text(root, &path, fs::limits::TOML)?;
            let parsed: toml::Table =
                super::parse_toml(&file).map_err(|problem| Error::Invalid(vec![problem]))?;
            translations.insert((*code).to_string(), parsed);
        }
    }
    Ok(translations)
}
