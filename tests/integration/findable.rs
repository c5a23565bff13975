//! The site's public address (`base_url` in school.toml and spravka.toml, `--base-url`) and what
//! it gives: canonical links, webcal subscribe links, the poster's QR code, sitemap.xml and
//! robots.txt; and on every page, description and Open Graph meta, `FAQPage` JSON-LD on FAQ pages.

use crate::support::{Edit, Project, copy_dir, repo};

/// The examples with `line` added at the start of osh's `[school]` table.
fn osh_with(line: &str) -> Project {
    let project = Project::fixtures();
    let path = "schools/osh/school.toml";
    let toml = project
        .read(path)
        .edit("[school]\n", &format!("[school]\n{line}\n"));
    project.write(path, &toml);
    project
}

fn canonical(project: &Project, page: &str) -> Option<String> {
    let html = project.read(&format!("public/{page}"));
    let start = html.find(r#"<link rel="canonical" href=""#)? + 28;
    Some(html[start..start + html[start..].find('"')?].to_owned())
}

#[test]
fn a_school_base_url_gives_canonical_links_feeds_qr_sitemap_and_robots() {
    let project = osh_with(r#"base_url = "https://osh.example.ru/help""#);
    project.run(&["build"]).success();
    assert_eq!(
        canonical(&project, "osh/index.html").as_deref(),
        Some("https://osh.example.ru/help/")
    );
    assert_eq!(
        canonical(&project, "osh/faq/pravila-obshcheniya.html").as_deref(),
        Some("https://osh.example.ru/help/faq/pravila-obshcheniya.html")
    );
    let home = project.read("public/osh/index.html");
    assert!(home.contains(r#"<meta property="og:url" content="https://osh.example.ru/help/">"#));
    let schedule = project.read("public/osh/schedule.html");
    assert!(
        schedule.contains(r#"href="webcal://osh.example.ru/help/calendar/"#),
        "no webcal link"
    );
    let feed = project.read("public/osh/calendar/all.ics");
    assert!(feed.contains("URL:https://osh.example.ru/help/schedule.html"));
    let poster = project.read("public/osh/poster.html");
    assert!(
        poster.contains("<svg class=\"qr\""),
        "the poster has a QR code"
    );
    assert!(poster.contains("osh.example.ru/help"));
    let sitemap = project.read("public/osh/sitemap.xml");
    for url in [
        "https://osh.example.ru/help/",
        "https://osh.example.ru/help/regulation.html",
        "https://osh.example.ru/help/faq/pravila-obshcheniya.html",
    ] {
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{url}");
    }
    assert!(!sitemap.contains("poster.html"), "the poster is for paper");
    assert_eq!(
        project.read("public/osh/robots.txt"),
        "User-agent: *\nDisallow:\n\nSitemap: https://osh.example.ru/help/sitemap.xml\n"
    );
    let manifest = project.read("public/osh/manifest.json");
    assert!(manifest.contains("sitemap.xml") && manifest.contains("robots.txt"));
    // A school whose address is not known gets none of it.
    assert_eq!(canonical(&project, "mytishchi-27/index.html"), None);
    assert!(
        !project
            .path()
            .join("public/mytishchi-27/sitemap.xml")
            .exists()
    );
    assert!(
        !project
            .path()
            .join("public/mytishchi-27/robots.txt")
            .exists()
    );
    let other = project.read("public/mytishchi-27/poster.html");
    assert!(!other.contains("<svg class=\"qr\""));
}

#[test]
fn the_project_base_url_serves_every_school_and_the_flag_wins() {
    let project = osh_with(r#"base_url = "https://osh.example.ru/""#);
    project.write(
        "spravka.toml",
        "base_url = \"https://help.example.ru/sites//\"\n",
    );
    project.run(&["build"]).success();
    assert_eq!(
        canonical(&project, "mytishchi-27/contacts.html").as_deref(),
        Some("https://help.example.ru/sites/mytishchi-27/contacts.html")
    );
    assert_eq!(
        canonical(&project, "osh/index.html").as_deref(),
        Some("https://osh.example.ru/"),
        "a school's own address wins over the project's"
    );
    let sitemap = project.read("public/internat-11/sitemap.xml");
    assert!(sitemap.contains("<loc>https://help.example.ru/sites/internat-11/faq.html</loc>"));
    project
        .run(&["build", "--base-url", "https://flag.example.ru/x/"])
        .success();
    for school in ["osh", "mytishchi-27"] {
        assert_eq!(
            canonical(&project, &format!("{school}/index.html")),
            Some(format!("https://flag.example.ru/x/{school}/")),
            "--base-url wins"
        );
    }
    assert!(
        project
            .read("public/osh/robots.txt")
            .contains("Sitemap: https://flag.example.ru/x/osh/sitemap.xml")
    );
}

#[test]
fn a_regional_build_with_an_address_has_one_sitemap_index_of_the_schools_under_it() {
    // osh has an address of its own, elsewhere: the region's index lists the other two.
    let project = osh_with(r#"base_url = "https://osh.example.ru/help""#);
    project.write("spravka.toml", "base_url = \"https://help.region.ru/s\"\n");
    project.run(&["build"]).success();
    let index = project.read("public/sitemap.xml");
    let sitemaps: Vec<&str> = (index.split("<loc>").skip(1))
        .filter_map(|rest| rest.split_once("</loc>").map(|(loc, _)| loc))
        .collect();
    assert_eq!(
        sitemaps,
        [
            "https://help.region.ru/s/internat-11/sitemap.xml",
            "https://help.region.ru/s/mytishchi-27/sitemap.xml"
        ]
    );
    assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    for sitemap in &sitemaps {
        let relative = sitemap.trim_start_matches("https://help.region.ru/s/");
        assert!(
            project
                .read(&format!("public/{relative}"))
                .contains("<urlset")
        );
    }
    assert!(
        (project.read("public/robots.txt"))
            .ends_with("Sitemap: https://help.region.ru/s/sitemap.xml\n")
    );
    // --base-url puts every school under it.
    project
        .run(&["build", "--base-url", "https://other.ru/"])
        .success();
    assert_eq!(
        project
            .read("public/sitemap.xml")
            .matches("<sitemap>")
            .count(),
        3
    );
}

#[test]
fn root_files_a_build_no_longer_makes_are_removed_and_no_other() {
    let project = Project::fixtures();
    project
        .run(&["build", "--base-url", "https://help.region.ru/"])
        .success();
    project.write("public/notes.txt", "the webmaster's");
    assert!(project.path().join("public/sitemap.xml").exists());
    let summary = project.run(&["build"]).success().stdout();
    assert!(
        !project.path().join("public/sitemap.xml").exists(),
        "{summary}"
    );
    assert!(!project.path().join("public/robots.txt").exists());
    assert!(project.path().join("public/index.html").exists());
    assert_eq!(project.read("public/notes.txt"), "the webmaster's");
    // Down to one school: no index of all schools either.
    for slug in ["internat-11", "mytishchi-27"] {
        std::fs::remove_dir_all(project.path().join("schools").join(slug)).unwrap();
    }
    project.run(&["build"]).success();
    assert!(!project.path().join("public/index.html").exists());
    assert!(project.path().join("public/osh/index.html").exists());
    assert_eq!(project.read("public/notes.txt"), "the webmaster's");
}

#[test]
fn a_bad_base_url_is_a_problem_at_its_place() {
    let project = osh_with(r#"base_url = "https://admin:secret@osh.example.ru/""#);
    let stderr = project.run(&["check"]).fails_with(1);
    assert!(stderr.contains("school.base_url"), "{stderr}");
    assert!(stderr.contains("schools/osh/school.toml:12:"), "{stderr}");
    assert!(stderr.contains("remove `admin:secret@`"), "{stderr}");

    let project = Project::fixtures();
    project.write("spravka.toml", "base_url = \"help.example.ru\"\n");
    let stderr = project.run(&["build"]).fails_with(1);
    assert!(stderr.contains("spravka.toml:1:"), "{stderr}");
    assert!(stderr.contains("starts with https://"), "{stderr}");
    assert!(!project.path().join("public").exists(), "nothing written");

    project.write("spravka.toml", "base_ulr = \"https://help.example.ru/\"\n");
    let stderr = project.run(&["check"]).fails_with(1);
    assert!(stderr.contains("base_ulr"), "{stderr}");

    let project = Project::fixtures();
    let stderr = project
        .run(&["build", "--base-url", "https://help.example.ru/?a=1"])
        .fails_with(2);
    assert!(stderr.contains("--base-url"), "{stderr}");
    assert!(stderr.contains("cannot hold `?`"), "{stderr}");
}

#[test]
fn every_page_has_a_description_and_open_graph_meta() {
    let project = Project::examples();
    project.run(&["build"]).success();
    let pages = crate::support::snapshot(&project.path().join("public/mytishchi-27"));
    let mut seen = 0;
    for (path, bytes) in pages.iter().filter(|(path, _)| path.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let head = &html[..html.find("</head>").expect("a head")];
        for meta in [
            "<meta name=\"description\" content=\"",
            "<meta property=\"og:title\" content=\"",
            "<meta property=\"og:description\" content=\"",
            "<meta property=\"og:type\" content=\"",
            "<meta property=\"og:site_name\" content=\"МБОУ СОШ №\u{a0}27\"",
            "<meta property=\"og:locale\" content=\"ru_RU\"",
        ] {
            assert!(head.contains(meta), "{path}: {meta}");
        }
        seen += 1;
    }
    assert!(seen > 10, "{seen} pages");
    let article = project.read("public/mytishchi-27/faq/kak-sostavit-obrashchenie.html");
    assert!(article.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(
        article.contains("<meta name=\"description\" content=\"Что написать или сказать"),
        "an article's description is its own"
    );
}

/// The JSON of each `<script type="application/ld+json">` of `html`.
fn json_ld(html: &str) -> Vec<serde_json::Value> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(start, _)| {
            let body = &html[start + open.len()..];
            let end = body.find("</script>").expect("the element ends");
            serde_json::from_str(&body[..end]).unwrap_or_else(|e| panic!("{e}: {}", &body[..end]))
        })
        .collect()
}

#[test]
fn faq_pages_carry_valid_faq_page_data_even_with_hostile_text() {
    let project = Project::empty();
    copy_dir(&repo().join("content"), &project.path().join("content"));
    copy_dir(&repo().join("tests/fixtures/hostile"), project.path());
    project
        .run(&["build", "--base-url", "https://help.example.ru/"])
        .success();
    let article = project.read("public/hostile/faq/vhod.html");
    let data = json_ld(&article);
    assert_eq!(data.len(), 1, "one FAQPage");
    let question = &data[0]["mainEntity"][0];
    assert_eq!(data[0]["@type"], "FAQPage");
    let answer = question["acceptedAnswer"]["text"].as_str().unwrap();
    assert!(
        answer.starts_with("article.description <!--<script>alert(")
            && answer.contains("</script>"),
        "the description comes back as written: {answer}"
    );
    assert_eq!(
        question["acceptedAnswer"]["url"],
        "https://help.example.ru/hostile/faq/vhod.html"
    );
    let index = project.read("public/hostile/faq.html");
    let data = json_ld(&index);
    assert_eq!(data.len(), 1);
    let names: Vec<&str> = (data[0]["mainEntity"].as_array().unwrap().iter())
        .filter_map(|q| q["name"].as_str())
        .collect();
    assert!(names.len() > 1, "{names:?}");
    // Only the home page has the school's data; other pages have none.
    assert!(json_ld(&project.read("public/hostile/contacts.html")).is_empty());
}
