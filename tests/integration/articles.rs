//! Shared articles say each school's own facts (shortcodes), and `check` warns when an article's
//! own words name a contact the school's data does not have.

use spravka::internals::{Kind, VOCABULARY};

use crate::support::{Edit, Project, repo};

const REASONS: &str = "pochemu-otklonyayut-obrashchenie";
const EMERGENCY: &str = "nestatnaya-situatsiya";

/// The Дневник.ру preset with its own rejection reasons and emergency email.
fn preset(reasons: &[&str], email: &str) -> String {
    let text = std::fs::read_to_string(repo().join("content/platforms/dnevnik-ru.toml")).unwrap();
    let start = text
        .find("rejection_reasons = [")
        .expect("the preset lists reasons");
    let end = start + text[start..].find("\n]\n").expect("the list closes") + 3;
    let list: Vec<String> = reasons.iter().map(|r| format!("  \"{r}\",\n")).collect();
    let replaced = format!(
        "{}rejection_reasons = [\n{}]\n{}",
        &text[..start],
        list.concat(),
        &text[end..]
    );
    replaced.edit_all("team@company.dnevnik.ru", email)
}

/// A school (the generated example school's data) on preset `platform`.
fn school_on(platform: &str) -> String {
    let text = crate::support::fixture_toml("internat-11");
    assert!(text.contains("preset = \"dnevnik-ru\""));
    // A phone for parents: the school's data is then free of warnings of its own.
    text.edit_all(
        "preset = \"dnevnik-ru\"",
        &format!("preset = \"{platform}\""),
    )
    .edit(
        "[parents]\n",
        "[parents]\n[[parents.channels]]\nkind = \"phone\"\nphone = \"8 (391) 200-00-00\"\n\n",
    )
}

/// Schools `dva`, `tri` and `nol`, whose vendors give two, three and no rejection reasons.
fn three_vendors() -> Project {
    let project = Project::with_school("dva", &school_on("vendor-dva"));
    project
        .write(
            "content/platforms/vendor-dva.toml",
            &preset(&["Причина Д1.", "Причина Д2."], "help@dva.example.ru"),
        )
        .write(
            "content/platforms/vendor-tri.toml",
            &preset(
                &["Причина Т1.", "Причина Т2.", "Причина Т3."],
                "help@tri.example.ru",
            ),
        )
        .write(
            "content/platforms/vendor-nol.toml",
            &preset(&[], "help@nol.example.ru"),
        )
        .write("schools/tri/school.toml", &school_on("vendor-tri"))
        .write("schools/nol/school.toml", &school_on("vendor-nol"));
    project
}

fn article(slug: &str, id: &str) -> String {
    format!("{slug}/faq/{id}.html")
}

#[test]
fn each_school_gets_its_vendors_number_and_list_of_rejection_reasons() {
    let project = three_vendors();
    project.run(&["build", "--out", "out"]).success();
    let dva = project.page_text(&format!("out/{}", article("dva", REASONS)));
    let tri = project.page_text(&format!("out/{}", article("tri", REASONS)));
    assert!(dva.contains("Две причины отклонения"), "{dva}");
    assert!(
        dva.contains("Регламент называет две причины, по которым"),
        "{dva}"
    );
    assert!(dva.contains("Причина Д1. Причина Д2."), "{dva}");
    assert!(
        !dva.contains("Причина Т") && !dva.contains("Три причины"),
        "{dva}"
    );
    assert!(tri.contains("Три причины отклонения"), "{tri}");
    assert!(tri.contains("Причина Т1. Причина Т2. Причина Т3."), "{tri}");
    assert!(
        !tri.contains("Причина Д") && !tri.contains("Две причины"),
        "{tri}"
    );
    let after = project.page_text("out/tri/faq/chto-budet-posle-obrashcheniya.html");
    assert!(
        after.contains("Регламент называет три причины отклонения:"),
        "{after}"
    );
}

#[test]
fn a_vendor_without_rejection_reasons_is_not_given_any() {
    let project = three_vendors();
    project.run(&["build", "--out", "out"]).success();
    let nol = project.page_text(&format!("out/{}", article("nol", REASONS)));
    assert!(
        nol.contains("Регламент вашей школы не называет причин, по которым служба поддержки может отклонить обращение."),
        "{nol}"
    );
    assert!(
        !nol.contains("Причина") && !nol.contains("причины отклонения"),
        "{nol}"
    );
    let after = project.page_text("out/nol/faq/chto-budet-posle-obrashcheniya.html");
    assert!(!after.contains("Что может задержать ответ"), "{after}");
}

/// The `href`s of the list that follows `intro` in a page.
fn list_after(html: &str, intro: &str) -> Vec<String> {
    let at = html
        .find(intro)
        .unwrap_or_else(|| panic!("no «{intro}» in {html}"));
    let list = &html[at..];
    let list = &list[..list.find("</ul>").expect("a list follows")];
    list.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_emergency_contacts_of_an_article_are_the_presets() {
    let project = three_vendors();
    project.run(&["build", "--out", "out"]).success();
    for (slug, email) in [
        ("dva", "help@dva.example.ru"),
        ("tri", "help@tri.example.ru"),
    ] {
        let html = project.read(&format!("out/{}", article(slug, EMERGENCY)));
        // The preset marks one email and one phone `escalation = true`; support-bbz is not one.
        assert_eq!(
            list_after(
                &html,
                "В нештатной ситуации к службе поддержки обращаются так:"
            ),
            [format!("mailto:{email}"), "tel:88124907033".to_owned()],
            "{slug}"
        );
        let text = project.page_text(&format!("out/{}", article(slug, EMERGENCY)));
        assert!(
            text.contains("по телефону 8 (812) 490-70-33 (звонок платный)"),
            "{text}"
        );
        assert!(!text.contains("support-bbz"), "{text}");
    }
}

#[test]
fn who_may_turn_to_the_vendor_is_the_schools_own_list() {
    let project = three_vendors();
    // internat-11's data lets only parents turn to the vendor themselves.
    project.run(&["build", "--out", "out"]).success();
    let text = project.page_text(&format!("out/{}", article("dva", EMERGENCY)));
    assert!(
        text.contains("самостоятельно обратиться в службу поддержки платформы могут родители (законные представители) обучающихся."),
        "{text}"
    );
    assert!(!text.contains("могут сотрудники школы"), "{text}");
}

#[test]
fn an_unknown_shortcode_is_an_error_at_its_position_listing_the_names() {
    let project = three_vendors();
    project.write(
        "schools/dva/faq/zvonki.md",
        "+++\ntitle = \"Звонки\"\n+++\n\nТекст.\n\nЗвоните {{ school.phone }} днём.\n",
    );
    let stderr = project.run(&["check"]).fails_with(1);
    assert!(
        stderr.contains("unknown shortcode `school.phone`"),
        "{stderr}"
    );
    assert!(stderr.contains("schools/dva/faq/zvonki.md:7:9"), "{stderr}");
    assert!(
        stderr.contains("school.short_name, school.full_name"),
        "{stderr}"
    );
    assert!(stderr.contains("reference_materials_rule"), "{stderr}");
    assert!(stderr.contains("error: 1 problem found"), "{stderr}");
}

#[test]
fn an_article_naming_a_phone_the_school_does_not_have_is_a_warning() {
    let project = three_vendors();
    project.write(
        "schools/dva/faq/zvonki.md",
        "+++\ntitle = \"Звонки\"\n+++\n\nЗвоните 8 (800) 555-35-35 или 8 (812) 490-70-33.\n",
    );
    let run = project.run(&["check"]);
    run.success();
    let stderr = run.stderr();
    // The headline is wrapped at 100 columns.
    assert!(
        stderr.contains("warning: the article names the phone `8 (800) 555-35-35`, which the data of school `dva`"),
        "{stderr}"
    );
    assert!(stderr.contains("schools/dva/faq/zvonki.md:5:9"), "{stderr}");
    // The vendor's own phone is in the data: no warning for it.
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(
        run.stdout().contains("no errors; 1 warning"),
        "{}",
        run.stdout()
    );
    // A build warns too, and writes the site.
    let build = project.run(&["build", "--out", "out"]);
    build.success();
    assert!(
        build
            .stderr()
            .contains("warning: the article names the phone")
    );
    assert!(
        project
            .page_text("out/dva/faq/zvonki.html")
            .contains("8 (800) 555-35-35")
    );
    // Warnings stop the command when asked to.
    let denied = project.run(&["check", "--deny-warnings"]).fails_with(1);
    assert!(
        denied.contains("error: 1 warning found (--deny-warnings)"),
        "{denied}"
    );
}

#[test]
fn shared_articles_name_no_contact_of_their_own() {
    let project = Project::fixtures();
    let run = project.run(&["check"]);
    run.success();
    // The example schools' own data may warn (parents without a phone); no article does.
    assert!(
        !run.stderr().contains("the article names"),
        "{}",
        run.stderr()
    );
}

#[test]
fn no_shortcode_or_slot_reaches_a_page() {
    let project = Project::fixtures();
    project.run(&["build", "--out", "out"]).success();
    for entry in walkdir::WalkDir::new(project.path().join("out")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            let name = entry.path().display();
            assert!(!html.contains("{{") && !html.contains("{%"), "{name}");
            assert!(
                !html
                    .chars()
                    .any(|c| ('\u{f0000}'..='\u{ffffd}').contains(&c)),
                "{name}"
            );
        }
    }
}

#[test]
fn every_name_of_the_vocabulary_fills_in_an_article() {
    let mut body = String::from("+++\ntitle = \"Все значения\"\n+++\n\n");
    for entry in VOCABULARY {
        let name = entry.name;
        body.push_str(&match entry.kind {
            Kind::Inline => format!("Значение: {{{{ {name} | capitalize }}}}.\n\n"),
            Kind::Block => format!("Список:\n\n{{{{ {name} }}}}\n\n"),
            Kind::Flag => format!("{{% if {name} %}}\nДа.\n{{% else %}}\nНет.\n{{% end %}}\n\n"),
        });
    }
    let project = three_vendors();
    project.write("schools/tri/faq/vse.md", &body);
    project.run(&["build", "--out", "out"]).success();
    let text = project.page_text("out/tri/faq/vse.html");
    assert!(!text.contains("{{") && !text.contains("{%"), "{text}");
    assert!(
        text.contains("Значение: КГКОУ «Школа-интернат № 11»."),
        "{text}"
    );
    assert!(text.contains("Значение: Три причины."), "{text}");
    assert!(text.contains("Список: Причина Т1."), "{text}");
}

#[test]
fn a_shared_articles_unknown_phone_is_one_warning_for_all_schools() {
    let project = three_vendors();
    project.write(
        "content/faq/zvonki.md",
        "+++\ntitle = \"Звонки\"\n+++\n\nЗвоните 8 (800) 555-35-35. [Министерство](https://edu.example.org/).\n",
    );
    let run = project.run(&["check"]);
    run.success();
    let stderr = run.stderr();
    // Three schools lack the phone; the link to a web page is a reference, not a contact.
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(stderr.contains("content/faq/zvonki.md:5:9"), "{stderr}");
    assert!(
        stderr.contains("which the data of a school showing"),
        "{stderr}"
    );
    assert!(
        run.stdout().contains("no errors; 1 warning"),
        "{}",
        run.stdout()
    );
}
