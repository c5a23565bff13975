//! Snapshots (insta) of the whole output of `check` for broken or dubious inputs, in text and in
//! JSON, in English and in Russian: what a teacher reads, pinned. Each case is one small school
//! on the repository's shared content, built on 2026-09-01 (the support's `SOURCE_DATE_EPOCH`)
//! with `NO_COLOR`.

use crate::support::{Edit, Project};

/// A valid school with nothing to warn about; cases append to it or edit it.
const SCHOOL: &str = r#"[school]
full_name = "Муниципальное бюджетное общеобразовательное учреждение «Школа № 1»"
short_name = "МБОУ Школа № 1"
timezone = "Europe/Moscow"
phones = ["+7 495 000 00 01"]

[platform]
preset = "dnevnik-ru"

[[consultants]]
id = "admin"
role = "администратор электронного журнала"

[help]
training_days = 5

[school_year]
start = 2026-09-01
end = 2027-05-25

[[schedule.slots]]
weekday = "вторник"
time = "15:00-16:00"
place = "кабинет 21"
consultant = "admin"
"#;

/// The school with `from` replaced by `to` (which must be there).
fn edited(from: &str, to: &str) -> String {
    assert!(SCHOOL.contains(from), "{from}");
    SCHOOL.edit(from, to)
}

fn appended(more: &str) -> String {
    format!("{SCHOOL}{more}")
}

/// (name, school.toml, extra files, extra arguments)
type Case = (
    &'static str,
    String,
    Vec<(&'static str, &'static str)>,
    Vec<&'static str>,
);

fn cases() -> Vec<Case> {
    let slot = |weekday: &str, time: &str| {
        format!(
            "\n[[schedule.slots]]\nweekday = \"{weekday}\"\ntime = \"{time}\"\nconsultant = \"admin\"\n"
        )
    };
    let plain = |name, toml: String| (name, toml, Vec::new(), Vec::new());
    vec![
        plain("valid", SCHOOL.to_owned()),
        plain(
            "date-day-first-quoted",
            edited("start = 2026-09-01", "start = \"01.09.2026\""),
        ),
        plain(
            "date-day-first-bare",
            edited("start = 2026-09-01", "start = 01.09.2026"),
        ),
        plain(
            "date-in-quotes",
            edited("end = 2027-05-25", "end = \"2027-05-25\""),
        ),
        plain(
            "number-in-quotes",
            edited("training_days = 5", "training_days = \"5\""),
        ),
        plain(
            "open-quote",
            edited("place = \"кабинет 21\"", "place = \"кабинет 21"),
        ),
        plain(
            "text-without-quotes",
            edited("place = \"кабинет 21\"", "place = кабинет 21"),
        ),
        plain(
            "zone-city",
            edited("timezone = \"Europe/Moscow\"", "timezone = \"Новосибирск\""),
        ),
        plain(
            "zone-city-with-prefix",
            edited(
                "timezone = \"Europe/Moscow\"",
                "timezone = \"г. Красноярск\"",
            ),
        ),
        plain(
            "zone-offset",
            edited("timezone = \"Europe/Moscow\"", "timezone = \"МСК+4\""),
        ),
        plain(
            "year-without-production-calendar",
            edited(
                "start = 2026-09-01\nend = 2027-05-25",
                "start = 2027-09-01\nend = 2028-05-25",
            ),
        ),
        plain(
            "school-year-ended",
            edited(
                "start = 2026-09-01\nend = 2027-05-25",
                "start = 2025-09-01\nend = 2026-05-26",
            ),
        ),
        plain(
            "school-year-ending",
            edited(
                "start = 2026-09-01\nend = 2027-05-25",
                "start = 2025-10-01\nend = 2026-09-25",
            ),
        ),
        plain("slots-overlap", appended(&slot("вт", "15:30-17:00"))),
        plain("slot-at-night", appended(&slot("ср", "3:00-4:00"))),
        plain("slot-of-five-minutes", appended(&slot("чт", "15:00-15:05"))),
        plain(
            "slot-ends-before-it-starts",
            edited("time = \"15:00-16:00\"", "time = \"16:00-15:00\""),
        ),
        plain(
            "parents-without-contacts",
            edited("phones = [\"+7 495 000 00 01\"]\n", ""),
        ),
        plain(
            "consent-missing-for-name",
            edited(
                "id = \"admin\"\n",
                "id = \"admin\"\nname = \"Иванова А. П.\"\n",
            ),
        ),
        plain(
            "consent-missing-for-contacts",
            edited(
                "id = \"admin\"\n",
                "id = \"admin\"\nphone = \"+7 900 000 00 02\"\nemail = \"ivanova@school-1.ru\"\n",
            ),
        ),
        plain(
            "consent-recorded",
            edited(
                "id = \"admin\"\n",
                "id = \"admin\"\nname = \"Иванова А. П.\"\nconsent = \"согласие № 12 от 28.08.2026\"\n",
            ),
        ),
        plain(
            "consent-not-a-date",
            edited(
                "id = \"admin\"\n",
                "id = \"admin\"\nname = \"Иванова А. П.\"\nconsent = 2026-08-28T10:00:00\n",
            ),
        ),
        plain("misspelt-key", edited("short_name = ", "short_nam = ")),
        plain(
            "missing-timezone",
            edited("timezone = \"Europe/Moscow\"\n", ""),
        ),
        plain(
            "unknown-weekday",
            edited("weekday = \"вторник\"", "weekday = \"funday\""),
        ),
        plain(
            "unknown-consultant",
            edited("consultant = \"admin\"", "consultant = \"nobody\""),
        ),
        plain(
            "bad-email",
            appended("\n[staff]\n[[staff.channels]]\nkind = \"email\"\nemail = \"help@school\"\n"),
        ),
        plain(
            "duplicate-key",
            edited("short_name = ", "full_name = \"Школа\"\nshort_name = "),
        ),
        plain(
            "several-problems-at-once",
            edited("timezone = \"Europe/Moscow\"\n", "")
                .edit("training_days = 5", "training_days = \"пять\"")
                .edit("weekday = \"вторник\"", "weekday = \"funday\""),
        ),
        (
            "article-no-school-shows",
            SCHOOL.to_owned(),
            vec![(
                "content/faq/portal.md",
                "+++\ntitle = \"Вход на портал\"\nplatforms = [\"shkolnyi-portal-mo\"]\n+++\n\nТекст.\n",
            )],
            Vec::new(),
        ),
        (
            "article-unknown-phone",
            SCHOOL.to_owned(),
            vec![(
                "schools/shkola/faq/zvonki.md",
                "+++\ntitle = \"Звонки\"\n+++\n\nЗвоните 8 (800) 555-35-35.\n",
            )],
            Vec::new(),
        ),
        (
            "warnings-denied",
            appended(&slot("вт", "15:30-17:00")),
            Vec::new(),
            vec!["--deny-warnings"],
        ),
    ]
}

/// The project of one case.
fn project(toml: &str, files: &[(&str, &str)]) -> Project {
    let project = Project::with_school("shkola", toml);
    for (path, text) in files {
        project.write(path, text);
    }
    project
}

/// A run as one stable text: exit code, stdout, stderr (the temporary folder's path hidden).
fn shown(project: &Project, args: &[&str]) -> (i32, String, String) {
    shown_in(project, &[("LC_ALL", "C")], args)
}

/// The same, with the locale variables `locale`.
fn shown_in(project: &Project, locale: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let run = project.run_with("2026-09-01", locale, args);
    let root = project.path().display().to_string();
    let clean = |text: String| text.replace(&root, "[project]");
    (run.code(), clean(run.stdout()), clean(run.stderr()))
}

#[test]
fn check_output_in_text_is_pinned() {
    let cases = cases();
    assert!(cases.len() >= 25);
    for (name, toml, files, extra) in &cases {
        let project = project(toml, files);
        let mut args = vec!["check"];
        args.extend(extra);
        let (code, stdout, stderr) = shown(&project, &args);
        assert!(!stderr.contains('\u{1b}'), "{name}: colour off a terminal");
        insta::assert_snapshot!(
            format!("text-{name}"),
            format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}")
        );
    }
}

#[test]
fn check_output_in_json_is_pinned_and_parses() {
    for (name, toml, files, extra) in &cases() {
        let project = project(toml, files);
        let mut args = vec!["check", "--format", "json"];
        args.extend(extra);
        let (code, stdout, stderr) = shown(&project, &args);
        for line in stdout.lines() {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{name}: not JSON ({e}): {line}"));
            for key in [
                "severity", "file", "line", "column", "field", "message", "hint",
            ] {
                assert!(value.get(key).is_some(), "{name}: no `{key}` in {line}");
            }
            assert!(
                matches!(value["severity"].as_str(), Some("error" | "warning")),
                "{name}: {line}"
            );
        }
        // stdout is JSON only: the summary goes to stderr.
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        insta::assert_snapshot!(
            format!("json-{name}"),
            format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}")
        );
    }
}

const RUSSIAN: &[(&str, &str)] = &[("LANG", "ru_RU.UTF-8")];

/// Whether `text` has an English word of the program's own (not a key, value or command that
/// the message quotes): the Russian output is to have none.
fn english_words(text: &str) -> Vec<&'static str> {
    const WORDS: &[&str] = &[
        "the ", " is ", " are ", "not ", "write ", "warning", "error:", "problem", "help:",
        "hint:", "expected", "invalid", "missing", "unknown", "found", "checked", " here",
        "Advice",
    ];
    WORDS
        .iter()
        .copied()
        .filter(|word| text.contains(word))
        .collect()
}

#[test]
fn check_output_in_russian_text_is_pinned() {
    for (name, toml, files, extra) in &cases() {
        let project = project(toml, files);
        let mut args = vec!["check"];
        args.extend(extra);
        let (code, stdout, stderr) = shown_in(&project, RUSSIAN, &args);
        let english = english_words(&stderr.replace("shkola", "").replace("--deny-warnings", ""));
        assert!(english.is_empty(), "{name}: {english:?} in\n{stderr}");
        insta::assert_snapshot!(
            format!("ru-text-{name}"),
            format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}")
        );
    }
}

#[test]
fn check_output_in_russian_json_keeps_the_schema() {
    for (name, toml, files, extra) in &cases() {
        let project = project(toml, files);
        let mut args = vec!["check", "--format", "json", "--lang", "ru"];
        args.extend(extra);
        let (code, stdout, stderr) = shown_in(&project, &[("LC_ALL", "C")], &args);
        for line in stdout.lines() {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{name}: not JSON ({e}): {line}"));
            assert!(
                matches!(value["severity"].as_str(), Some("error" | "warning")),
                "{name}: the severity stays English: {line}"
            );
            let message = value["message"].as_str().unwrap_or_default();
            let english = english_words(message);
            assert!(english.is_empty(), "{name}: {english:?} in {message}");
        }
        insta::assert_snapshot!(
            format!("ru-json-{name}"),
            format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}")
        );
    }
}

#[test]
fn the_locale_chooses_the_language_and_lang_wins_over_it() {
    let project = project(
        &appended(
            "\n[[schedule.slots]]\nweekday = \"ср\"\ntime = \"3:00-4:00\"\nconsultant = \"admin\"\n",
        ),
        &[],
    );
    let stderr = |locale: &[(&str, &str)], args: &[&str]| {
        let mut all = vec!["check"];
        all.extend(args);
        shown_in(&project, locale, &all).2
    };
    let russian = "предупреждение: `schedule.slots[1].time`";
    let english = "warning: `schedule.slots[1].time`";
    assert!(stderr(&[("LANG", "ru_RU.UTF-8")], &[]).contains(russian));
    assert!(stderr(&[("LC_MESSAGES", "ru_RU.UTF-8")], &[]).contains(russian));
    assert!(stderr(&[("LC_ALL", "C")], &["--lang", "ru"]).contains(russian));
    assert!(stderr(&[("LANG", "C")], &[]).contains(english));
    assert!(stderr(&[], &[]).contains(english));
    assert!(stderr(&[("LANG", "ru_RU.UTF-8")], &["--lang", "en"]).contains(english));
    assert!(stderr(&[("LC_ALL", "C"), ("LANG", "ru_RU.UTF-8")], &[]).contains(english));
}

#[test]
fn colour_stays_off_when_stderr_is_no_terminal_even_without_no_color() {
    let project = project(
        &appended(
            "\n[[schedule.slots]]\nweekday = \"вт\"\ntime = \"15:30-17:00\"\nconsultant = \"admin\"\n",
        ),
        &[],
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_spravka"))
        .arg("check")
        .current_dir(project.path())
        .env("SOURCE_DATE_EPOCH", "1788220800")
        .env("LC_ALL", "C")
        .env_remove("NO_COLOR")
        .output()
        .expect("spravka runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("overlaps slot 1"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn build_writes_its_warnings_as_json_lines_on_stdout() {
    let project = project(
        &appended(
            "\n[[schedule.slots]]\nweekday = \"ср\"\ntime = \"3:00-4:00\"\nconsultant = \"admin\"\n",
        ),
        &[],
    );
    let run = project.run(&["build", "--format", "json", "--out", "out"]);
    run.success();
    let lines: Vec<serde_json::Value> = (run.stdout().lines())
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout());
    assert_eq!(lines[0]["severity"], "warning");
    assert_eq!(lines[0]["field"], "schedule.slots[1].time");
    assert_eq!(lines[0]["file"], "schools/shkola/school.toml");
    assert!(run.stderr().contains("1 warning"), "{}", run.stderr());
    assert!(project.path().join("out/shkola/index.html").is_file());
}

/// `check` under a pseudo-terminal (util-linux `script`): coloured, unless `NO_COLOR` is set.
#[test]
fn colour_on_a_terminal_unless_no_color() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` to run spravka on a pseudo-terminal");
        return;
    }
    let project = project(
        &appended(
            "\n[[schedule.slots]]\nweekday = \"ср\"\ntime = \"3:00-4:00\"\nconsultant = \"admin\"\n",
        ),
        &[],
    );
    let on_terminal = |no_color: Option<&str>| {
        let mut command = std::process::Command::new("script");
        command
            .args([
                "-qec",
                concat!(env!("CARGO_BIN_EXE_spravka"), " check"),
                "/dev/null",
            ])
            .current_dir(project.path())
            .env("SOURCE_DATE_EPOCH", "1788220800")
            .env("LC_ALL", "C")
            .env_remove("NO_COLOR");
        if let Some(value) = no_color {
            command.env("NO_COLOR", value);
        }
        let output = command.output().expect("script runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let coloured = on_terminal(None);
    assert!(coloured.contains("is outside 07:00"), "{coloured}");
    assert!(coloured.contains('\u{1b}'), "{coloured:?}");
    let plain = on_terminal(Some("1"));
    assert!(plain.contains("is outside 07:00"), "{plain}");
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
}
