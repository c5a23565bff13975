//! Search: the index each school gets, its size, and the real `search.js` run under node over
//! it (Russian word forms, «ё»), with its stemmer checked word for word against the build's.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use spravka::render::search::{html_text, normalize, stem, words};

use crate::support::{Project, repo};

const SCHOOLS: [&str; 3] = ["internat-11", "mytishchi-27", "osh"];

/// An article of the school's own, with the word forms the queries below look for.
const ARTICLE: &str = "+++\ntitle = \"Как восстановить пароль\"\ntopics = [\"Вход\"]\n+++\n\n\
Если вы забыли пароль от электронного дневника, нажмите «Забыли пароль?» на странице входа. \
Новогодняя ёлка в школе — 25 декабря. Новая оценка видна в дневнике сразу.\n";

fn index(project: &Project, school: &str) -> Value {
    let js = project.read(&format!("public/{school}/assets/search-index.js"));
    let json = (js.strip_prefix("window.SPRAVKA_SEARCH="))
        .and_then(|rest| rest.strip_suffix(";\n"))
        .unwrap_or_else(|| panic!("{school}: not an index script: {js:.80}"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{school}: {e}"))
}

fn docs(index: &Value) -> Vec<(String, String, String)> {
    let docs = index["docs"].as_array().expect("docs");
    (docs.iter())
        .map(|doc| {
            let part = |i: usize| doc[i].as_str().expect("a string").to_owned();
            (part(0), part(1), part(2))
        })
        .collect()
}

fn built_examples() -> Project {
    let project = Project::examples();
    project.write("schools/osh/faq/parol.md", ARTICLE);
    project.run(&["build"]).success();
    project
}

fn node() -> Option<&'static str> {
    let found = Command::new("node").arg("--version").output();
    if found.is_ok_and(|out| out.status.success()) {
        Some("node")
    } else {
        eprintln!("SKIPPED: node is not installed; search.js is not run");
        None
    }
}

/// Runs `script` under node with `search` (search.js's exports) and `index` (the school's index)
/// defined; returns what it prints.
fn run_node(project: &Project, school: &str, script: &str) -> Option<String> {
    let node = node()?;
    let search_js = repo().join("themes/default/static/search.js");
    let index_js = project
        .path()
        .join(format!("public/{school}/assets/search-index.js"));
    let harness = format!(
        "const vm = require('vm'), fs = require('fs');\
         const sandbox = {{ window: {{}} }};\
         vm.runInNewContext(fs.readFileSync({index:?}, 'utf8'), sandbox);\
         const index = sandbox.window.SPRAVKA_SEARCH;\
         const search = require({search:?});\
         {script}",
        index = index_js.display().to_string(),
        search = search_js.display().to_string(),
    );
    let out = Command::new(node)
        .args(["-e", &harness])
        .output()
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "node failed: {stderr}");
    Some(String::from_utf8(out.stdout).expect("UTF-8"))
}

/// The links of the pages `query` finds, best first.
fn found(project: &Project, school: &str, query: &str) -> Option<Vec<String>> {
    let script = format!(
        "for (const r of search.search(index, {query:?})) console.log(r.url + '\\t' + \
         r.parts.filter(p => p[1]).map(p => p[0]).join('|'));"
    );
    let out = run_node(project, school, &script)?;
    Some(out.lines().map(str::to_owned).collect())
}

#[test]
fn every_school_has_an_index_of_its_pages_and_articles() {
    let project = built_examples();
    for school in SCHOOLS {
        let index = index(&project, school);
        let docs = docs(&index);
        let urls: Vec<&str> = docs.iter().map(|(url, _, _)| url.as_str()).collect();
        for page in [
            "index.html",
            "schedule.html",
            "contacts.html",
            "escalation.html",
        ] {
            assert!(urls.contains(&page), "{school}: {page} not in {urls:?}");
        }
        let articles = std::fs::read_dir(project.path().join(format!("public/{school}/faq")))
            .expect("faq folder")
            .count();
        let indexed = urls.iter().filter(|url| url.starts_with("faq/")).count();
        assert_eq!(indexed, articles, "{school}: {urls:?}");
        assert!(
            docs.iter()
                .all(|(_, title, text)| !title.is_empty() && !text.is_empty())
        );
        // The page's own text, not the header or the navigation around it.
        let (_, _, contacts) = &docs[urls.iter().position(|u| *u == "contacts.html").unwrap()];
        assert!(
            !contacts.contains("Перейти к основному содержанию"),
            "{contacts}"
        );
        assert_eq!(
            index["found"].as_array().map(Vec::len),
            Some(docs.len() + 1),
            "{school}: a message for every count"
        );
    }
    let osh = docs(&index(&project, "osh"));
    assert!(osh.iter().any(|(url, _, _)| url == "faq/parol.html"));
}

#[test]
fn the_index_gives_every_distinct_word_its_stem() {
    let project = built_examples();
    let index = index(&project, "osh");
    let mut distinct = BTreeSet::new();
    for (_, title, text) in docs(&index) {
        distinct.extend(words(&title).chain(words(&text)).map(normalize));
    }
    let cuts = index["cuts"].as_str().expect("cuts");
    assert_eq!(cuts.chars().count(), distinct.len());
    for (word, cut) in distinct.iter().zip(cuts.chars()) {
        let cut = cut.to_digit(36).expect("a base-36 digit") as usize;
        let kept: String = word.chars().take(word.chars().count() - cut).collect();
        assert_eq!(kept, stem(word), "{word}");
    }
}

#[test]
fn search_page_works_without_script_and_loads_only_local_scripts() {
    let project = built_examples();
    let html = project.read("public/osh/search.html");
    assert!(
        html.contains("<form class=\"search-form\" role=\"search\""),
        "{html}"
    );
    assert!(html.contains("<label for=\"search-q\">"), "{html}");
    assert!(html.contains("aria-live=\"polite\""), "{html}");
    assert!(
        html.contains("href=\"faq.html\""),
        "a way to the FAQ without script"
    );
    assert!(
        html.contains("href=\"faq/parol.html\""),
        "every article listed"
    );
    assert!(html.contains("<script src=\"assets/search-index.js\"></script>"));
    // Other pages point their header's search box at the search page and do not load the index.
    let article = project.read("public/osh/faq/parol.html");
    assert!(article.contains("action=\"../search.html\""), "{article}");
    assert!(!article.contains("search-index.js"));
    assert!(!project.read("public/osh/index.html").contains("search.js"));
}

#[test]
fn russian_word_forms_find_the_page() {
    let project = built_examples();
    let Some(hits) = found(&project, "osh", "пароля") else {
        return;
    };
    assert_eq!(
        hits.first().map(String::as_str),
        Some("faq/parol.html\tпароль|пароль")
    );
    for query in [
        "электронный дневник",
        "ЭЛЕКТРОННОГО ДНЕВНИКА",
        "ёлка",
        "елки",
        "забыл пароль",
    ] {
        let hits = found(&project, "osh", query).unwrap_or_default();
        assert!(
            hits.iter().any(|hit| hit.starts_with("faq/parol.html\t")),
            "{query}: {hits:?}"
        );
    }
    let hits = found(&project, "osh", "ёлка").unwrap_or_default();
    assert_eq!(hits, ["faq/parol.html\tёлка"], "ё and е meet");
    // «оценки» finds «оценка» (the school's article) and «оценки» (a shared one).
    let hits = found(&project, "osh", "оценки").unwrap_or_default();
    assert!(
        hits.contains(&"faq/parol.html\tоценка".to_owned()),
        "{hits:?}"
    );
    let shared = "faq/kak-sostavit-obrashchenie.html\tоценки";
    assert!(hits.contains(&shared.to_owned()), "{hits:?}");
    // The pages are searched too, not only the articles.
    let hits = found(&project, "osh", "приемные часы").unwrap_or_default();
    assert!(
        hits.iter().any(|hit| hit.starts_with("schedule.html\t")),
        "{hits:?}"
    );
    assert!(
        found(&project, "osh", "абракадабра")
            .unwrap_or_default()
            .is_empty()
    );
}

#[test]
fn the_status_counts_in_russian() {
    let project = built_examples();
    let script = "for (const n of [0, 1, 2, 5, 11]) console.log(index.found[n]);";
    let Some(out) = run_node(&project, "osh", script) else {
        return;
    };
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("Ничего не найдено"), "{out}");
    assert_eq!(
        lines[1..],
        [
            "Найдена 1 страница",
            "Найдено 2 страницы",
            "Найдено 5 страниц",
            "Найдено 11 страниц",
        ]
    );
}

/// Every ending the Snowball Russian stemmer knows, put after each real word below, so that each
/// rule meets each kind of stem (short words whose RV is empty included).
const ENDINGS: &str = "в вши вшись ив ивши ившись ыв ывши ывшись ее ие ые ое ими ыми ей ий ый ой ем им ым \
ом его ого ему ому их ых ую юю ая яя ою ею нн вш ющ щ ивш ывш ующ ся сь ла на ете йте ли й л н ло \
но ет ют ны ть ешь нно ила ыла ена ейте уйте ите или ыли уй ил ыл ен ило ыло ено ят ует уют ит ыт \
ены ить ыть ишь ю а ев ов ье е иями ями ами еи ии и ией иям ям ием ам о у ах иях ях ы ь ию ью ия \
ья я ост ость ейш ейше авшись явшись ающ яющ аем яем анн янн ающийся енность ейшее";

/// Every distinct word of the example sites (the shared articles and every page of each school),
/// of the repository's Russian text and of the schools' real regulations when ../shared is there,
/// each also with every ending: stemmed by the build's Snowball crate and by search.js, not one
/// difference.
#[test]
fn search_js_stems_every_word_as_the_build_does() {
    let project = built_examples();
    let mut texts = Vec::new();
    let roots = [
        project.path().join("public"),
        repo().join("content"),
        repo().join("schools"),
        repo().join("themes/default/i18n"),
        repo().join("../shared/seeds"),
    ];
    for root in roots.iter().filter(|root| root.exists()) {
        for entry in walkdir::WalkDir::new(root) {
            let path = entry.expect("a file").into_path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let html = path.extension().is_some_and(|ext| ext == "html");
            texts.push(if html { html_text(&text) } else { text });
        }
    }
    let real: BTreeSet<String> = texts.iter().flat_map(|t| words(t)).map(normalize).collect();
    assert!(real.len() > 2000, "{} words only", real.len());
    let mut distinct = real.clone();
    for word in real
        .iter()
        .filter(|w| w.chars().any(|c| ('а'..='я').contains(&c)))
    {
        distinct.extend(ENDINGS.split(' ').map(|ending| format!("{word}{ending}")));
    }
    let list = project.path().join("words.txt");
    let joined: Vec<&str> = distinct.iter().map(String::as_str).collect();
    std::fs::write(&list, joined.join("\n")).expect("write the words");
    let script = format!(
        "const words = fs.readFileSync({:?}, 'utf8').split('\\n');\
         console.log(words.map(w => w + ' ' + search.stem(w)).join('\\n'));",
        list.display().to_string()
    );
    let Some(out) = run_node(&project, "osh", &script) else {
        return;
    };
    let mut differences = Vec::new();
    for (word, line) in distinct.iter().zip(out.lines()) {
        let expected = format!("{word} {}", stem(word));
        if line != expected {
            differences.push(format!("{line} (build: {expected})"));
        }
    }
    assert_eq!(out.lines().count(), distinct.len());
    assert!(
        differences.is_empty(),
        "{} of {}: {differences:#?}",
        differences.len(),
        distinct.len()
    );
}

/// The bench corpus's school of 30 articles (../shared/bench): its index under 30 KB gzipped.
#[test]
fn thirty_articles_fit_the_budget() {
    let generator = repo().join("../shared/bench/gen_corpus.py");
    if !generator.exists() {
        eprintln!("SKIPPED: {} not found", generator.display());
        return;
    }
    let project = Project::empty();
    let corpus = project.path().join("corpus");
    let root = project.path().join("project");
    python(&[
        generator.as_os_str(),
        "--out".as_ref(),
        corpus.as_os_str(),
        "--schools".as_ref(),
        "1".as_ref(),
        "--layouts".as_ref(),
        "neutral".as_ref(),
    ]);
    let convert = repo().join("benches/convert_neutral.py");
    python(&[
        convert.as_os_str(),
        corpus.join("neutral").as_os_str(),
        root.as_os_str(),
    ]);
    let out = project.path().join("site");
    let root_arg = root.display().to_string();
    let out_arg = out.display().to_string();
    project
        .run(&["build", "--root", &root_arg, "--out", &out_arg])
        .success();
    let school = std::fs::read_dir(&out)
        .expect("site")
        .filter_map(Result::ok)
        .find(|entry| entry.path().is_dir())
        .expect("a school");
    let articles = std::fs::read_dir(school.path().join("faq"))
        .unwrap()
        .count();
    assert!(articles >= 30, "{articles} articles");
    let index = school.path().join("assets/search-index.js");
    let size = gzipped(&index);
    assert!(size < 30 * 1024, "{size} bytes gzipped");
}

fn python(args: &[&std::ffi::OsStr]) {
    let out = Command::new("python3")
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn gzipped(path: &Path) -> usize {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .expect("gzip runs");
    assert!(out.status.success());
    out.stdout.len()
}
