//! The layers of ARCHITECTURE.md, kept true: no module of `src/` names a module of a higher
//! layer through a `crate::` path (in a `use` line or inline).

use std::path::Path;

use crate::support::repo;

/// The layers from the bottom up, as ARCHITECTURE.md draws them. A module may name modules of
/// its own layer or of any layer below it.
const LAYERS: &[&[&str]] = &[
    &["locale"],
    &["diagnostic"],
    &["error"],
    &[
        "fs",
        "fingerprint",
        "interrupt",
        "progress",
        "links",
        "markdown",
    ],
    &["data"],
    &["model", "testing"],
    &["schedule"],
    &["render"],
    &["output", "record", "archive", "serve"],
    &["cli", "cmd"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level modules that `text` names after `crate::`, comment lines left out.
fn named_modules(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut names = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            names.extend(group_heads(group));
        } else {
            names.push(ident(rest).to_owned());
        }
    }
    names
}

/// The first name of each item of a `{a, b::c, d::{e, f}}` group (the text after its `{`).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expecting = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => expecting = true,
            c if expecting && depth == 0 && (c.is_alphanumeric() || c == '_') => {
                heads.push(ident(&group[i..]).to_owned());
                expecting = false;
            }
            _ => {}
        }
    }
    heads
}

fn ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// `file: module -> named` for every upward name in the files (path relative to `src/`, text).
fn upward_imports(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        let module = ident(path);
        let Some(own) = layer_of(module) else {
            continue;
        };
        for named in named_modules(text) {
            if layer_of(&named).is_some_and(|layer| layer > own) {
                found.push(format!("src/{path}: {module} -> {named}"));
            }
        }
    }
    found
}

fn sources(src: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(src)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "rs"))
        .map(|entry| {
            let relative = entry.path().strip_prefix(src).unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            (relative.to_string_lossy().replace('\\', "/"), text)
        })
        .collect()
}

#[test]
fn every_top_level_module_has_a_layer() {
    let unplaced: Vec<String> = sources(&repo().join("src"))
        .into_iter()
        .map(|(path, _)| ident(&path).to_owned())
        .filter(|module| !["lib", "main"].contains(&module.as_str()))
        .filter(|module| layer_of(module).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "place these in LAYERS and ARCHITECTURE.md: {unplaced:?}"
    );
}

#[test]
fn no_module_imports_a_higher_layer() {
    let upward = upward_imports(&sources(&repo().join("src")));
    assert!(
        upward.is_empty(),
        "imports against ARCHITECTURE.md's layers:\n{}",
        upward.join("\n")
    );
}

#[test]
fn an_upward_import_is_found_in_every_form() {
    let file = |path: &str, text: &str| (path.to_owned(), text.to_owned());
    let files = [
        file("model/school.rs", "use crate::render::views::View;\n"),
        file("data/mod.rs", "use crate::{fs, model::School};\n"),
        file(
            "diagnostic.rs",
            "let x = crate::data::spans::path_at(t, 0);\n",
        ),
        file(
            "schedule/mod.rs",
            "use crate::{\n    diagnostic::{FieldPath, Problem},\n    render,\n};\n",
        ),
        file("render/mod.rs", "// crate::cmd in a comment is no import\n"),
        file("model/text.rs", "use crate::diagnostic::ParseError;\n"),
    ];
    assert_eq!(
        upward_imports(&files),
        [
            "src/model/school.rs: model -> render",
            "src/data/mod.rs: data -> model",
            "src/diagnostic.rs: diagnostic -> data",
            "src/schedule/mod.rs: schedule -> render",
        ]
    );
}
