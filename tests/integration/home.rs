//! The home page's first screen: the next consultation parents can come to (or why there is
//! none), the parents' phone and email, the way to the emergency page. That it fits a phone's
//! screen is tests/browser/first-screen.mjs, run by `.ci/test`.

use std::process::Command;

use crate::support::{Project, embedded_json, text_of};

/// The first screen's text of `school`'s home page.
fn first_screen(project: &Project, school: &str) -> String {
    let html = project.read(&format!("public/{school}/index.html"));
    let start = html
        .find("<div class=\"first-screen\">")
        .expect("a first screen");
    let end = start
        + html[start..]
            .find("</div>\n<p class=\"lead\">")
            .expect("its end");
    text_of(&html[start..end])
}

#[test]
fn the_first_screen_names_the_next_consultation_for_parents_and_how_to_reach_the_school() {
    let project = Project::fixtures();
    project.run(&["build"]).success();
    let screen = first_screen(&project, "mytishchi-27");
    // Built on Tuesday 2026-09-01: Wednesday's hours are for parents (Monday's are a week away).
    assert!(
        screen.contains("Ближайшая консультация для родителей 2 сентября 2026 г., среда , 16:00–18:00 Место: кабинет 21"),
        "{screen}"
    );
    assert!(
        screen.contains("Сведения на 1 сентября 2026 г."),
        "{screen}"
    );
    assert!(screen.contains("Телефон: +7 495 582 69 00"), "{screen}");
    assert!(
        screen.contains("Электронная почта: scool_27@edu-mytyshi.ru"),
        "{screen}"
    );
    assert!(
        screen.contains("Электронный журнал не работает?"),
        "{screen}"
    );
    let html = project.read("public/mytishchi-27/index.html");
    assert!(html.contains("<a href=\"escalation.html\">Что делать в нештатной ситуации</a>"));
    // A school whose parents' section gives no phone or email shows the ways it does give.
    let screen = first_screen(&project, "internat-11");
    assert!(
        screen.contains("Связаться со школой При личном обращении На родительских собраниях"),
        "{screen}"
    );
}

#[test]
fn after_the_school_year_the_first_screen_says_why_there_is_no_consultation() {
    let project = Project::fixtures();
    // 2027-07-01, after osh's school year (it ends on 2027-05-25).
    let output = Command::new(env!("CARGO_BIN_EXE_spravka"))
        .args(["build", "--school", "osh"])
        .current_dir(project.path())
        .env("SOURCE_DATE_EPOCH", "1814400000")
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .output()
        .expect("spravka runs");
    assert!(output.status.success(), "{output:?}");
    let screen = first_screen(&project, "osh");
    assert!(
        screen.contains("Учебный год закончился 25 мая 2027 г.; график консультаций на новый учебный год ещё не опубликован."),
        "{screen}"
    );
    assert!(!screen.contains("Место:"), "{screen}");
}

/// What spravka.js's `nextState` gives for the home page's parents' sessions at `now` (a
/// JavaScript date expression), as JSON.
fn next_state_at(project: &Project, school: &str, now: &str, last_day: &str) -> String {
    let html = project.read(&format!("public/{school}/index.html"));
    let json = embedded_json(&html, "next-data");
    let script = project
        .path()
        .join(format!("public/{school}/assets/spravka.js"));
    let code = format!(
        "const s = require(process.argv[1]);\
         const data = JSON.parse(process.argv[2]);\
         process.stdout.write(JSON.stringify(s.nextState(data, {now}.getTime(), '{last_day}')));"
    );
    let output = Command::new("node")
        .args(["-e", &code])
        .arg(&script)
        .arg(json)
        .output()
        .expect("node runs (the test suite needs Node.js)");
    assert!(output.status.success(), "node failed: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A site built on 2026-09-01 and read on 2026-12-01 names December's next consultation for
/// parents, not September's; after the last school year, the script says the year has ended.
#[test]
fn the_script_keeps_the_next_consultation_current_after_the_build_date() {
    let project = Project::fixtures();
    project
        .run_on("2026-09-01", &["build", "--school", "mytishchi-27"])
        .success();
    let html = project.read("public/mytishchi-27/index.html");
    assert!(html.contains(r#"data-last-day="2027-05-25""#), "{html}");
    assert!(html.contains("data-none-ended=\"Учебный год закончился 25 мая 2027 г.;"));
    // Tuesday 1 December 2026, 12:00 in Moscow: Wednesday's parents' hours are next.
    let state = next_state_at(
        &project,
        "mytishchi-27",
        "new Date(Date.UTC(2026, 11, 1, 9))",
        "2027-05-25",
    );
    assert!(
        state.contains(r#""date":"2 декабря 2026 г., среда""#),
        "{state}"
    );
    assert!(state.contains(r#""time":"16:00–18:00""#), "{state}");
    // Only sessions parents may attend: the staff seminar is not in the data.
    let json = embedded_json(&html, "next-data");
    assert!(!json.contains("Сотрудникам"), "{json}");
    let after = next_state_at(
        &project,
        "mytishchi-27",
        "new Date(Date.UTC(2027, 5, 10, 9))",
        "2027-05-25",
    );
    assert_eq!(after, r#"{"ended":true}"#);
}
