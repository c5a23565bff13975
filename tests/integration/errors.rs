//! Bad input: each mistake gives a clear error naming the file, the line, the field and a hint.

use crate::support::{Edit, Project};

fn example() -> String {
    crate::support::fixture_toml("mytishchi-27")
}

/// Check a project whose only school is the Mytishchi example with `from` replaced by `to`.
fn check_with(from: &str, to: &str) -> String {
    let toml = example();
    assert!(toml.contains(from), "fixture lacks {from:?}");
    let project = Project::with_school("shkola", &toml.edit(from, to));
    project.run(&["check"]).fails_with(1)
}

#[track_caller]
fn assert_mentions(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "expected {part:?} in:\n{stderr}");
    }
}

#[test]
fn malformed_toml_names_line_and_column() {
    let stderr = check_with(
        "short_name = \"МБОУ СОШ № 27\"",
        "short_name = \"МБОУ СОШ № 27",
    );
    assert_mentions(
        &stderr,
        &["schools/shkola/school.toml:", "help:", "1 problem found"],
    );
}

#[test]
fn unknown_key_names_the_key_and_lists_known_ones() {
    let stderr = check_with("short_name =", "shortname =");
    assert_mentions(
        &stderr,
        &[
            "schools/shkola/school.toml:7:1",
            "`school.shortname`: unknown field `shortname`",
            "`short_name`",
            "check the spelling",
        ],
    );
}

#[test]
fn missing_required_field_is_named() {
    let stderr = check_with("timezone = \"Europe/Moscow\"\n", "");
    assert_mentions(
        &stderr,
        &[
            "schools/shkola/school.toml",
            "missing field `timezone`",
            "add the missing key",
        ],
    );
}

#[test]
fn bad_email_phone_time_weekday_are_all_reported_at_once() {
    let toml = example()
        .edit(
            "email = \"scool_27@edu-mytyshi.ru\"",
            "email = \"scool_27@\"",
        )
        .edit("phone = \"+7 495 582 69 00\"", "phone = \"позвоните нам\"")
        .edit("time = \"15:00-17:00\"", "time = \"25:00-26:00\"")
        .edit("weekday = \"wednesday\"", "weekday = \"funday\"");
    let project = Project::with_school("shkola", &toml);
    let stderr = project.run(&["check"]).fails_with(1);
    assert_mentions(
        &stderr,
        &[
            "`staff.channels[2].email`: `scool_27@` is not an email address",
            "`staff.channels[1].phone`: `позвоните нам` is not a phone number",
            "`schedule.slots[0].time`: `25:00` is not a time of day",
            "`schedule.slots[1].weekday`: `funday` is not a day of the week",
            "write monday … sunday",
            "4 problems found",
        ],
    );
}

#[test]
fn end_before_start_is_reported() {
    let stderr = check_with("time = \"15:00-17:00\"", "time = \"17:00-15:00\"");
    assert_mentions(
        &stderr,
        &[
            "`schedule.slots[0].time`: the range `17:00-15:00` ends before it starts",
            &format!("school.toml:{}", position(&example(), "\"15:00-17:00\"")),
        ],
    );
}

#[test]
fn unknown_platform_lists_the_presets() {
    let stderr = check_with("preset = \"shkolnyi-portal-mo\"", "preset = \"eljur\"");
    assert_mentions(
        &stderr,
        &[
            "`platform.preset`: unknown platform `eljur`",
            "dnevnik-ru, shkolnyi-portal-mo",
        ],
    );
}

#[test]
fn unknown_consultant_lists_the_ids() {
    let stderr = check_with("consultant = \"konsultant\"", "consultant = \"ivanova\"");
    assert_mentions(
        &stderr,
        &[
            "`schedule.slots[0].consultant`: unknown consultant `ivanova`",
            "konsultant",
        ],
    );
}

#[test]
fn duplicate_consultant_id_is_reported() {
    let extra = "[[consultants]]\nid = \"konsultant\"\nrole = \"второй\"\n\n[help]";
    let stderr = check_with("[help]", extra);
    assert_mentions(
        &stderr,
        &["`consultants[1].id`: the consultant id `konsultant` is used twice"],
    );
}

#[test]
fn bad_time_zone_is_reported() {
    let stderr = check_with("timezone = \"Europe/Moscow\"", "timezone = \"Moscow\"");
    assert_mentions(
        &stderr,
        &[
            "`school.timezone`: `Moscow` is not an IANA time zone",
            "write the zone's name exactly: Europe/Moscow (Москва)",
        ],
    );
}

#[test]
fn invalid_utf8_names_the_file_and_line() {
    let project = Project::with_school("shkola", "");
    let mut bytes = example().into_bytes();
    bytes.splice(0..0, b"# \xff\xfe windows-1251 text\n".iter().copied());
    project.write_bytes("schools/shkola/school.toml", &bytes);
    let stderr = project.run(&["check"]).fails_with(1);
    assert_mentions(
        &stderr,
        &[
            "schools/shkola/school.toml",
            "not valid UTF-8 text (line 1",
            "UTF-8",
        ],
    );
}

#[test]
fn folder_name_must_be_a_slug() {
    let project = Project::with_school("Школа 1", &example());
    let stderr = project.run(&["check"]).fails_with(1);
    assert_mentions(
        &stderr,
        &[
            "the folder name `Школа 1` cannot be used in a web address",
            "Latin letters",
        ],
    );
}

#[test]
fn missing_school_toml_is_reported() {
    let project = Project::with_school("shkola", &example());
    std::fs::create_dir_all(project.path().join("schools/empty")).unwrap();
    let stderr = project.run(&["check"]).fails_with(1);
    assert_mentions(
        &stderr,
        &["schools/empty", "has no school.toml", "spravka new empty"],
    );
}

#[test]
fn article_without_front_matter_is_reported() {
    let project = Project::with_school("shkola", &example());
    project.write(
        "schools/shkola/faq/bez-zagolovka.md",
        "Просто текст без заголовка\n",
    );
    let stderr = project.run(&["check"]).fails_with(1);
    assert_mentions(
        &stderr,
        &[
            "schools/shkola/faq/bez-zagolovka.md",
            "has no front matter",
            "+++",
        ],
    );
}

#[test]
fn front_matter_errors_point_into_the_article() {
    let project = Project::with_school("shkola", &example());
    project.write(
        "schools/shkola/faq/oshibka.md",
        "+++\ntitle = \"Статья\"\nautor = \"Иванова\"\n+++\n\nТекст.\n",
    );
    project.write(
        "schools/shkola/faq/auditoriya.md",
        "+++\ntitle = \"Статья\"\naudiences = [\"teachers\"]\n+++\n\nТекст.\n",
    );
    let stderr = project.run(&["check"]).fails_with(1);
    assert_mentions(
        &stderr,
        &[
            "schools/shkola/faq/oshibka.md:3:1",
            "unknown field `autor`",
            "schools/shkola/faq/auditoriya.md:3:14",
            "`audiences[0]`: `teachers` is not an audience",
        ],
    );
}

#[test]
fn broken_internal_link_is_reported_with_its_position() {
    let project = Project::with_school("shkola", &example());
    project.write(
        "schools/shkola/faq/ssylka.md",
        "+++\ntitle = \"Ссылка\"\n+++\n\nСм. [раздел](@/kontakty).\n",
    );
    let stderr = project.run(&["check"]).fails_with(1);
    assert_mentions(
        &stderr,
        &[
            "schools/shkola/faq/ssylka.md:5:5",
            "the link `@/kontakty` points to no page",
            "@/contacts",
        ],
    );
}

#[test]
fn broken_platform_preset_is_reported() {
    let project = Project::with_school("shkola", &example());
    let preset = project
        .read("content/platforms/shkolnyi-portal-mo.toml")
        .edit_all("cost = \"free\"", "cost = \"gratis\"");
    project.write("content/platforms/shkolnyi-portal-mo.toml", &preset);
    let stderr = project.run(&["check"]).fails_with(1);
    assert_mentions(
        &stderr,
        &[
            "content/platforms/shkolnyi-portal-mo.toml",
            "`support.phones[0].cost`: `gratis` is not a call cost",
        ],
    );
}

#[test]
fn build_with_problems_writes_nothing() {
    let project = Project::with_school(
        "shkola",
        &example().edit_all("weekday = \"monday\"", "weekday = \"x\""),
    );
    project.run(&["build"]).fails_with(1);
    assert!(!project.path().join("public").exists());
}

#[test]
fn problems_of_every_school_are_reported_and_nothing_is_written() {
    let project = Project::with_school(
        "shkola",
        &example().edit_all("weekday = \"monday\"", "weekday = \"x\""),
    );
    project.write(
        "schools/vtoraya/school.toml",
        &example().edit_all(
            "timezone = \"Europe/Moscow\"",
            "timezone = \"Mars/Olympus\"",
        ),
    );
    project.write("schools/tretya/school.toml", &example());
    let stderr = project.run(&["build"]).fails_with(1);
    assert!(stderr.contains("schools/shkola/school.toml"), "{stderr}");
    assert!(stderr.contains("schools/vtoraya/school.toml"), "{stderr}");
    assert!(stderr.contains("Mars/Olympus"), "{stderr}");
    assert!(!project.path().join("public").exists());
}

/// `line:column` (1-based, in characters) where `needle` starts in `text`.
fn position(text: &str, needle: &str) -> String {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the file"));
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    format!("{line}:{column}")
}

#[test]
fn structural_and_value_problems_of_a_school_are_all_reported_in_one_run() {
    let toml = example()
        .edit("timezone = \"Europe/Moscow\"\n", "")
        .edit("person = \"Можяева Л.В.\"", "persn = \"Можяева Л.В.\"")
        .edit("training_days = 3", "training_days = \"три\"")
        .edit(
            "email = \"scool_27@edu-mytyshi.ru\"",
            "email = \"scool_27@\"",
        );
    let project = Project::with_school("shkola", &toml);
    let stderr = project.run(&["check"]).fails_with(1);
    let at = |needle: &str| format!("schools/shkola/school.toml:{}", position(&toml, needle));
    assert_mentions(
        &stderr,
        &[
            // A missing key in [school]: the table, and what to add.
            &at("[school]"),
            "`school`: missing field `timezone`",
            "add the missing key `timezone` (text in \"quotes\") to `[school]`",
            // An unknown key in [[document.approvals]], with the key meant.
            &at("persn"),
            "`document.approvals[0].persn`: unknown field `persn`",
            "did you mean `person`?",
            // A value of the wrong kind in [help], with what was expected.
            &at("\"три\""),
            "`help.training_days`: invalid type: string \"три\", expected a whole number",
            "write a whole number without quotes",
            // And a bad value in a part that did parse.
            &at("\"scool_27@\""),
            "`staff.channels[2].email`: `scool_27@` is not an email address",
            "4 problems found",
        ],
    );
    // By position: the file's order, whatever order serde met them in.
    let order: Vec<usize> = ["missing field `timezone`", "persn", "три", "scool_27@`"]
        .iter()
        .map(|needle| stderr.find(needle).unwrap())
        .collect();
    assert!(order.is_sorted(), "{order:?} in:\n{stderr}");
}

#[test]
fn structural_and_value_problems_of_a_preset_are_all_reported_in_one_run() {
    let project = Project::with_school("shkola", &example());
    let path = "content/platforms/shkolnyi-portal-mo.toml";
    let preset = project
        .read(path)
        .edit("\nname = \"Школьный портал Московской области\"\n", "\n")
        .edit("voicemail = true", "voicemail = \"да\"")
        .edit("cost = \"free\"", "cost = \"gratis\"\ncots = \"free\"");
    project.write(path, &preset);
    let stderr = project.run(&["check"]).fails_with(1);
    let at = |needle: &str| format!("{path}:{}", position(&preset, needle));
    assert_mentions(
        &stderr,
        &[
            &format!("{path}:1:1"),
            "missing field `name`",
            "at the top of the file",
            &at("\"да\""),
            "`support.voicemail`: invalid type: string \"да\", expected true or false",
            &at("cots"),
            "`support.phones[0].cots`: unknown field `cots`",
            "did you mean `cost`?",
            &at("\"gratis\""),
            "`support.phones[0].cost`: `gratis` is not a call cost",
            "4 problems found",
        ],
    );
    // The preset exists: the school that chooses it is not told that its platform is unknown.
    assert!(!stderr.contains("unknown platform"), "{stderr}");
}

#[test]
fn structural_problems_of_an_article_and_a_calendar_are_all_reported_in_one_run() {
    let project = Project::with_school("shkola", &example());
    let article =
        "+++\ntitel = \"Статья\"\nweight = \"один\"\naudiences = [\"teachers\"]\n+++\n\nТекст.\n";
    project.write("schools/shkola/faq/oshibki.md", article);
    let path = "content/calendar/ru-2026.toml";
    let calendar = project
        .read(path)
        .edit("complete = true", "complete = \"да\"")
        .edit("working_days = 247", "workdays = 247");
    project.write(path, &calendar);
    let stderr = project.run(&["check"]).fails_with(1);
    assert_mentions(
        &stderr,
        &[
            "schools/shkola/faq/oshibki.md:2:1",
            "unknown field `titel`",
            "did you mean `title`?",
            "schools/shkola/faq/oshibki.md:3:10",
            "`weight`: invalid type: string \"один\", expected a whole number",
            "schools/shkola/faq/oshibki.md:4:14",
            "`audiences[0]`: `teachers` is not an audience",
            &format!("{path}:{}", position(&calendar, "\"да\"")),
            "`complete`: invalid type: string \"да\", expected true or false",
            &format!("{path}:{}", position(&calendar, "workdays")),
            "unknown field `workdays`",
            "did you mean `working_days`?",
            "5 problems found",
        ],
    );
    // The misspelt title is one problem, not also a missing one.
    assert!(!stderr.contains("missing field `title`"), "{stderr}");
}

#[test]
fn a_syntax_error_is_still_one_problem() {
    let toml = example()
        .edit(
            "short_name = \"МБОУ СОШ № 27\"",
            "short_name = \"МБОУ СОШ № 27",
        )
        .edit("training_days = 3", "training_days = \"три\"");
    let project = Project::with_school("shkola", &toml);
    let stderr = project.run(&["check"]).fails_with(1);
    assert_mentions(&stderr, &["1 problem found"]);
    assert!(!stderr.contains("training_days"), "{stderr}");
}

/// Every value that takes several forms (serde's untagged enums: a phone, a response time, a
/// rule, vendor hours) says which forms it accepts, where, and for which field, instead of
/// «data did not match any variant of untagged enum `RawPhone`».
#[test]
fn a_value_with_several_forms_lists_the_forms_it_accepts() {
    let school = example()
        .edit("label = \"тел/факс\"", "lable = \"тел/факс\"")
        .edit("response = { days = 7 }", "response = { dayz = 7 }")
        + "\n[rules]\netiquette = 3\n";
    let project = Project::with_school("shkola", &school);
    let path = "content/platforms/shkolnyi-portal-mo.toml";
    let preset = project
        .read(path)
        .edit("email_registration = \"24x7\"", "email_registration = 24");
    project.write(path, &preset);
    let stderr = project.run(&["check"]).fails_with(1);
    let in_school =
        |needle: &str| format!("schools/shkola/school.toml:{}", position(&school, needle));
    assert_mentions(
        &stderr,
        &[
            &in_school("[{ number = \"582-69-00\""),
            "`school.phones`: accepted forms: a phone number in quotes",
            "with `number` and an optional `label`",
            &format!(
                "schools/shkola/school.toml:{}",
                value_position(&school, "response = ")
            ),
            "`staff.response`: accepted forms: the school's words in quotes",
            "`hours`, `days`, `working_days`",
            &format!(
                "schools/shkola/school.toml:{}",
                value_position(&school, "etiquette = ")
            ),
            "`rules.etiquette`: accepted forms: true (the standard wording)",
            &format!(
                "{path}:{}",
                value_position(&preset, "email_registration = ")
            ),
            "`support.email_registration`: accepted forms: \"24x7\", or a table",
            "write the value in one of these forms",
            "4 problems found",
        ],
    );
    assert!(!stderr.contains("untagged"), "{stderr}");
}

/// Where the value after the first `key` is, as «line:column».
fn value_position(text: &str, key: &str) -> String {
    let start = text.find(key).expect("key in the file") + key.len();
    let before = &text[..start];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    format!("{}:{column}", before.matches('\n').count() + 1)
}
