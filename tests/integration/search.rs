//! Search: the index each school gets (valid JSON in a script), its size, and the real
//! `search.js` run under node over it (Russian word forms, «ё»), with its stemmer checked word for
//! word against the Snowball crate `rust-stemmers`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use rust_stemmers::{Algorithm, Stemmer};
use serde_json::Value;
use spravka::internals::html_text;

use crate::support::{Project, repo};

const SCHOOLS: [&str; 3] = ["internat-11", "mytishchi-27", "osh"];

/// An article of the school's own, with the word forms the queries below look for.
const ARTICLE: &str = "+++\ntitle = \"Как восстановить пароль\"\ntopics = [\"Вход\"]\n+++\n\n\
Если вы забыли пароль от **электронного** дневника, нажмите «Забыли пароль?» на странице входа. \
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
    let project = Project::fixtures();
    project.write("schools/osh/faq/parol.md", ARTICLE);
    project.run(&["build"]).success();
    project
}

/// Runs `script` under node with `search` (search.js's exports) and `index` (the school's index,
/// run as the script it is) defined; returns what it prints. CI has node (the browser tests and
/// site-audit need it); a machine without it fails here rather than skipping the claims.
fn run_node(project: &Project, school: &str, script: &str) -> String {
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
    let out = Command::new("node")
        .args(["-e", &harness])
        .output()
        .expect("node runs (install Node.js to run the search tests)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "node failed: {stderr}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// For each query, the links of the pages it finds, best first, each with its marked words.
fn found(project: &Project, school: &str, queries: &[&str]) -> Vec<Vec<String>> {
    let script = format!(
        "for (const q of {queries:?}) {{ console.log(search.search(index, q).map(r => r.url + '\\t' + \
         r.parts.filter(p => p[1]).map(p => p[0]).join('|')).join('\\n')); console.log('--'); }}"
    );
    let out = run_node(project, school, &script);
    let mut results: Vec<Vec<String>> = out
        .split("--\n")
        .map(|block| {
            let lines = block.lines().filter(|line| !line.is_empty());
            lines.map(str::to_owned).collect()
        })
        .collect();
    results.pop();
    assert_eq!(results.len(), queries.len(), "{out}");
    results
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
            (docs.iter()).all(|(_, title, text)| !title.is_empty() && !text.is_empty()),
            "{docs:?}"
        );
        // The page's own text, not the header or the navigation around it.
        let (_, _, contacts) = &docs[urls.iter().position(|u| *u == "contacts.html").unwrap()];
        assert!(!contacts.contains("Перейти к основному"), "{contacts}");
        assert_eq!(
            index["found"].as_array().map(Vec::len),
            Some(docs.len() + 1),
            "{school}: a message for every count"
        );
    }
    // An article's text as a reader sees it: no Markdown marks, words whole.
    let osh = docs(&index(&project, "osh"));
    let (_, title, text) = (osh.iter())
        .find(|(url, _, _)| url == "faq/parol.html")
        .expect("the school's own article");
    assert_eq!(title, "Как восстановить пароль");
    assert!(
        text.starts_with(
            "Если вы забыли пароль от электронного дневника, нажмите «Забыли пароль?»"
        ),
        "{text}"
    );
}

#[test]
fn the_index_is_a_script_that_defines_the_index() {
    let project = built_examples();
    let out = run_node(
        &project,
        "osh",
        "console.log(Array.isArray(index.docs) && index.docs.every(d => d.length === 3));",
    );
    assert_eq!(out, "true\n");
}

#[test]
fn the_faq_page_searches_and_the_header_box_leads_to_it() {
    let project = built_examples();
    let html = project.read("public/osh/faq.html");
    assert!(
        html.contains("<div class=\"search\" id=\"search\" hidden>"),
        "hidden until search.js runs: {html}"
    );
    assert!(html.contains("<label for=\"search-q\">"), "{html}");
    assert!(
        html.contains("role=\"status\" aria-live=\"polite\""),
        "{html}"
    );
    assert!(html.contains("<script src=\"assets/search-index.js\" defer></script>"));
    assert!(html.contains("<script src=\"assets/search.js\" defer></script>"));
    assert!(
        !html.contains("class=\"site-search\""),
        "one box on the FAQ page"
    );
    // Every other page's header box is a GET to the FAQ page (which, without script, lists every
    // article), and does not load the index.
    for page in ["faq/parol.html", "index.html", "contacts.html"] {
        let html = project.read(&format!("public/osh/{page}"));
        let root = if page.contains('/') { "../" } else { "" };
        let form = format!(
            "<form class=\"site-search\" role=\"search\" action=\"{root}faq.html\" method=\"get\">"
        );
        assert!(html.contains(&form), "{page}: {html}");
        assert!(!html.contains("search-index.js"), "{page}");
    }
}

#[test]
fn russian_word_forms_find_the_page() {
    let project = built_examples();
    let queries = [
        "пароля",
        "оценки",
        "электронный дневник",
        "ЭЛЕКТРОННОГО ДНЕВНИКА",
        "ёлка",
        "елки",
        "забыл пароль",
        "приемные часы",
        "абракадабра",
    ];
    let hits = found(&project, "osh", &queries);
    let finds = |i: usize, url: &str| {
        assert!(
            hits[i]
                .iter()
                .any(|hit| hit.starts_with(&format!("{url}\t"))),
            "{}: {:?}",
            queries[i],
            hits[i]
        );
    };
    assert_eq!(hits[0][0], "faq/parol.html\tпароль|пароль");
    // «оценки» finds «оценка» (the school's article) and «оценки» (a shared one).
    assert!(
        hits[1].contains(&"faq/parol.html\tоценка".to_owned()),
        "{:?}",
        hits[1]
    );
    finds(1, "faq/kak-sostavit-obrashchenie.html");
    for i in 2..=3 {
        assert!(
            hits[i].contains(&"faq/parol.html\tэлектронного|дневника|дневнике".to_owned()),
            "{}: {:?}",
            queries[i],
            hits[i]
        );
    }
    // «ё» and «е» meet, and the snippet marks the word as written.
    assert_eq!(hits[4], ["faq/parol.html\tёлка"]);
    assert_eq!(hits[5], ["faq/parol.html\tёлка"]);
    finds(6, "faq/parol.html");
    // The pages are searched too, not only the articles.
    finds(7, "schedule.html");
    assert!(hits[8].is_empty(), "{:?}", hits[8]);
}

#[test]
fn the_status_counts_in_russian() {
    let project = built_examples();
    let script = "for (const n of [0, 1, 2, 5, 11]) console.log(index.found[n]);";
    let out = run_node(&project, "osh", script);
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

/// The words of `text` as search.js splits and folds them: runs of ASCII letters and digits and
/// Cyrillic, lower case, «ё» as «е».
fn folded_words(text: &str) -> impl Iterator<Item = String> + '_ {
    let word = |c: char| c.is_ascii_alphanumeric() || ('\u{400}'..='\u{4FF}').contains(&c);
    (text.split(move |c: char| !word(c)))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е"))
}

/// Every distinct word of the example sites (the shared articles and every page of each school),
/// of the repository's Russian text and of the schools' real regulations when ../shared is there,
/// each also with every ending: stemmed by the Snowball crate and by search.js, not one
/// difference.
#[test]
fn search_js_stems_every_word_as_the_snowball_crate_does() {
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
    let real: BTreeSet<String> = texts.iter().flat_map(|t| folded_words(t)).collect();
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
    let out = run_node(&project, "osh", &script);
    let stemmer = Stemmer::create(Algorithm::Russian);
    let mut differences = Vec::new();
    for (word, line) in distinct.iter().zip(out.lines()) {
        let expected = format!("{word} {}", stemmer.stem(word));
        if line != expected {
            differences.push(format!("{line} (Snowball: {expected})"));
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
    assert!(generator.exists(), "{} not found", generator.display());
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
