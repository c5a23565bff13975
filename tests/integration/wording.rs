//! What the pages say, word for word: nothing of the Дневник.ру template that a school's own
//! regulation does not say, no abbreviation a parent cannot read, and the typography of a web
//! page rather than of an order.

use std::sync::OnceLock;

use crate::support::{Edit, Project, text_of};

const SCHOOLS: [&str; 3] = ["internat-11", "mytishchi-27", "osh"];

fn built() -> &'static Project {
    static BUILT: OnceLock<Project> = OnceLock::new();
    BUILT.get_or_init(|| {
        let project = Project::fixtures();
        project.run(&["build"]).success();
        project
    })
}

/// Every page of every example school but the printed regulation (the school's document, in
/// its own words), as `(path, raw HTML)`.
fn pages_for_parents() -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for slug in SCHOOLS {
        let dir = built().path().join("public").join(slug);
        for entry in walkdir::WalkDir::new(&dir) {
            let path = entry.unwrap().into_path();
            let is_page = path.extension().is_some_and(|ext| ext == "html");
            if is_page && !path.ends_with("regulation.html") {
                let html = std::fs::read_to_string(&path).unwrap();
                pages.push((path.display().to_string(), html));
            }
        }
    }
    assert!(pages.len() > 30, "{} pages", pages.len());
    pages
}

fn without_scripts(html: &str) -> String {
    let mut shown = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        shown.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("</script>")
            .map_or("", |(_, after)| after);
    }
    shown + rest
}

fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
}

#[test]
fn a_verbatim_regulation_gets_no_template_sentence_it_does_not_have() {
    // osh's regulation (seed 004) says nothing of where the schedule is posted or who appoints
    // the consultant: the template's sentences are not on its pages.
    let schedule = built().page_text("public/osh/schedule.html");
    assert!(!schedule.contains("Где размещён график"), "{schedule}");
    assert!(!schedule.contains("информационном стенде"), "{schedule}");
    let home = built().page_text("public/osh/index.html");
    assert!(!home.contains("назначается приказом"), "{home}");
    let article = built().page_text("public/osh/faq/chto-budet-posle-obrashcheniya.html");
    assert!(!article.contains("График размещается"), "{article}");
    // mytishchi-27's regulation says it (point 2): its data repeats it, in plain words.
    let schedule = built().page_text("public/mytishchi-27/schedule.html");
    assert!(
        schedule.contains("Где размещён график на информационном стенде школы на сайте школы"),
        "{schedule}"
    );
    // The generated regulation of internat-11 keeps the template's sentence.
    let home = built().page_text("public/internat-11/index.html");
    assert!(
        home.contains("назначается приказом руководителя общеобразовательной организации."),
        "{home}"
    );
}

#[test]
fn pages_for_parents_never_use_the_regulation_s_abbreviations() {
    for (path, html) in pages_for_parents() {
        let text = text_of(&html);
        for abbreviation in ["ОО", "ББЖ"] {
            assert!(
                !words_of(&text).any(|word| word == abbreviation),
                "«{abbreviation}» on {path}: {text}"
            );
        }
    }
    // The platform by the preset's plain names (`[pages]`), not «ИС «Дневник.ру»».
    let home = built().page_text("public/osh/index.html");
    for words in [
        "Помощь по электронному журналу: Дневник.ру",
        "при работе в системе «Дневник.ру»: кто помогает",
    ] {
        assert!(home.contains(words), "no «{words}» in {home}");
    }
    let escalation = built().page_text("public/osh/escalation.html");
    assert!(
        escalation.contains("Служба поддержки системы «Дневник.ру»"),
        "{escalation}"
    );
    assert!(!escalation.contains("ИС «Дневник.ру»"), "{escalation}");
    let generated = built().page_text("public/internat-11/regulation.html");
    assert!(
        generated.contains("Службу поддержки ИС «Дневник.ру»"),
        "{generated}"
    );
    // The printed regulation keeps the school's words.
    let regulation = built().page_text("public/internat-11/regulation.html");
    assert!(regulation.contains("сотрудник ОО"), "{regulation}");
    // internat-11 wrote «на сайте ОО» in its data: the page says it in plain words.
    let schedule = built().page_text("public/internat-11/schedule.html");
    assert!(schedule.contains("на сайте школы"), "{schedule}");
    assert!(schedule.contains("Сотрудник школы"), "{schedule}");
}

#[test]
fn dates_on_pages_are_written_as_in_a_sentence() {
    let schedule = built().page_text("public/osh/schedule.html");
    for date in [
        "11 сентября 2026 г., пятница",
        "Учебный год: с 1 сентября 2026 г. по 25 мая 2027 г.",
        "I четверть 1 сентября 2026 г. – 23 октября 2026 г.",
    ] {
        assert!(schedule.contains(date), "no «{date}» in: {schedule}");
    }
    for (path, html) in pages_for_parents() {
        let text = text_of(&html);
        let quoted_day = text.split('«').skip(1).any(|rest| {
            rest.split('»')
                .next()
                .is_some_and(|d| d.trim().parse::<u8>().is_ok())
        });
        assert!(!quoted_day, "a day in guillemets on {path}: {text}");
    }
    // The approval stamps of the printed document keep them.
    let regulation = built().page_text("public/osh/regulation.html");
    assert!(regulation.contains("«31» августа 2021 г."), "{regulation}");
}

#[test]
fn no_sentence_ends_with_two_full_stops() {
    for (path, html) in pages_for_parents() {
        let text = text_of(&html);
        assert!(!text.contains(".."), "«..» on {path}: {text}");
    }
}

#[test]
fn a_number_sign_and_a_phone_never_break_across_lines() {
    let home = built().read("public/mytishchi-27/index.html");
    assert!(home.contains("МБОУ СОШ №\u{a0}27"), "{home}");
    let contacts = built().read("public/mytishchi-27/contacts.html");
    assert!(
        contacts.contains(">+7\u{a0}495\u{a0}582\u{a0}69\u{a0}00<"),
        "{contacts}"
    );
    let escalation = built().read("public/internat-11/escalation.html");
    assert!(
        escalation.contains(">8\u{a0}(812)\u{a0}490-70-33<"),
        "{escalation}"
    );
    // What a reader sees; structured data (JSON-LD) keeps the names as written.
    for (path, html) in pages_for_parents() {
        let shown = without_scripts(&html);
        assert!(!shown.contains("№ "), "«№ » on {path}: {shown}");
    }
}

#[test]
fn no_brackets_inside_brackets() {
    for (path, html) in pages_for_parents() {
        let text = text_of(&html);
        let mut depth = 0_i32;
        for c in text.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            assert!(depth < 2, "nested brackets on {path}: {text}");
        }
    }
    let schedule = built().page_text("public/internat-11/schedule.html");
    assert!(
        schedule
            .contains("График консультаций на 2026/27 учебный год. Время местное: МСК+4, UTC+7"),
        "{schedule}"
    );
}

/// Values that end with their own full stop (a name ending with an initial, a school's words)
/// before a sentence's: one stop, on the pages, in the articles and in the generated regulation.
#[test]
fn a_value_ending_with_a_full_stop_ends_the_sentence_once() {
    let toml = crate::support::fixture_toml("mytishchi-27")
        .edit(
            "id = \"konsultant\"",
            "id = \"konsultant\"\nname = \"Иванова Н. В.\"",
        )
        .edit(
            "posted = [\"на информационном стенде школы\", \"на сайте школы\"]",
            "posted = [\"на информационном стенде школы\", \"на сайте школы.\"]",
        );
    let project = Project::with_school("shkola", &toml);
    project.run(&["build"]).success();
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(project.path().join("public/shkola")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|ext| ext == "html") {
            let text = text_of(&std::fs::read_to_string(&path).unwrap());
            assert!(!text.contains(".."), "«..» on {}: {text}", path.display());
            seen += 1;
        }
    }
    assert!(seen > 10, "{seen} pages");
    let article = project.page_text("public/shkola/faq/chto-budet-posle-obrashcheniya.html");
    assert!(article.contains("на сайте школы."), "{article}");
    let regulation = project.page_text("public/shkola/regulation.html");
    assert!(regulation.contains("и на сайте школы. "), "{regulation}");
}

/// What read as a form now reads as text: a contact's purpose after a dash, the school's name
/// under its own label, the vendor's hours with the zone in brackets.
#[test]
fn pages_read_as_sentences_not_forms() {
    let escalation = built().page_text("public/osh/escalation.html");
    assert!(
        escalation.contains("8 (812) 490-70-33 звонок платный — многоканальный телефон"),
        "{escalation}"
    );
    let contacts = built().page_text("public/internat-11/contacts.html");
    assert!(!contacts.contains("Школа Школа"), "{contacts}");
    assert!(
        contacts.contains("Полное наименование Краевое"),
        "{contacts}"
    );
    let article = built().page_text("public/internat-11/faq/chto-budet-posle-obrashcheniya.html");
    assert!(
        article.contains(
            "ежедневно, 09:00–21:00 (МСК, UTC+3); по вашему местному времени — 13:00–01:00"
        ),
        "{article}"
    );
}

/// The contacts page says «лично» only when the school's channels include meeting in person.
#[test]
fn the_contacts_page_promises_only_the_ways_the_school_has() {
    let contacts = built().page_text("public/mytishchi-27/contacts.html");
    assert!(
        contacts.contains("Обратиться за помощью можно лично или с помощью средств связи."),
        "{contacts}"
    );
    let toml = crate::support::fixture_toml("mytishchi-27")
        .edit_all("kind = \"in_person\"", "kind = \"chat\"")
        .edit("kind = \"parent_meeting\"", "kind = \"chat\"");
    let project = Project::with_school("shkola", &toml);
    project.run(&["build"]).success();
    let contacts = project.page_text("public/shkola/contacts.html");
    assert!(
        contacts.contains("Обратиться за помощью можно с помощью средств связи."),
        "{contacts}"
    );
    assert!(!contacts.contains("можно лично"), "{contacts}");
}
