//! Page weight for parents on slow connections: every page of every example school, with the
//! style sheet and scripts it loads (and, on the FAQ page, the search index), stays under 60 KB
//! compressed.

use std::collections::BTreeMap;
use std::io::Write;

use crate::support::{Project, snapshot};

const BUDGET: usize = 60 * 1024;

fn gzipped(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory").len()
}

/// The files a page loads: `src` of its scripts and `href` of its style sheets, relative to it.
fn loaded(page: &str, html: &str) -> Vec<String> {
    let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut files = Vec::new();
    for (attribute, tag) in [
        ("src=\"", "<script"),
        ("href=\"", "<link rel=\"stylesheet\""),
    ] {
        for part in html.split(tag).skip(1) {
            let head = &part[..part.find('>').unwrap_or(part.len())];
            if let Some(at) = head.find(attribute) {
                let value = &head[at + attribute.len()..];
                let value = &value[..value.find('"').expect("a closed attribute")];
                files.push(resolve(folder, value));
            }
        }
    }
    files
}

fn resolve(folder: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            part => parts.push(part),
        }
    }
    parts.join("/")
}

#[test]
fn every_page_with_what_it_loads_is_under_60_kb_compressed() {
    let project = Project::examples();
    project.run(&["build"]).success();
    let files: BTreeMap<String, Vec<u8>> = snapshot(&project.path().join("public"))
        .into_iter()
        .collect();
    let mut pages = 0;
    let mut heaviest = (0, String::new());
    for (path, bytes) in files.iter().filter(|(path, _)| path.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let mut total = gzipped(bytes);
        for file in loaded(path, &html) {
            let body = files
                .get(&file)
                .unwrap_or_else(|| panic!("{path} loads {file}"));
            total += gzipped(body);
        }
        assert!(total < BUDGET, "{path}: {total} bytes compressed");
        heaviest = heaviest.max((total, path.clone()));
        pages += 1;
    }
    assert!(pages >= 30, "{pages} pages");
    // The FAQ page loads the search index: it is counted, so the budget covers the heaviest page.
    let faq = String::from_utf8_lossy(&files["mytishchi-27/faq.html"]).into_owned();
    assert!(
        loaded("mytishchi-27/faq.html", &faq)
            .contains(&"mytishchi-27/assets/search-index.js".to_owned()),
        "{faq}"
    );
    eprintln!(
        "heaviest page: {} ({} bytes compressed)",
        heaviest.1, heaviest.0
    );
}
