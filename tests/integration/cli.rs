//! The command line: check, new, help, exit codes.

use crate::support::{Project, snapshot};

#[test]
fn check_passes_on_the_example_schools() {
    let project = Project::examples();
    let run = project.run(&["check"]);
    run.success();
    assert!(
        run.stdout().contains("checked 3 school(s)"),
        "{}",
        run.stdout()
    );
    assert!(
        !project.path().join("public").exists(),
        "check writes nothing"
    );
}

#[test]
fn new_school_lists_its_blanks_until_filled() {
    let project = Project::fixtures();
    let run = project.run(&["new", "shkola-5", "--platform", "dnevnik-ru"]);
    run.success();
    assert!(
        run.stdout().contains("schools/shkola-5/school.toml"),
        "{}",
        run.stdout()
    );
    let stderr = project
        .run(&["check", "--school", "shkola-5"])
        .fails_with(1);
    for field in [
        "school.full_name",
        "school.short_name",
        "consultants[0].name",
        "help.training_days",
        "schedule.slots[0].weekday",
        "school.timezone",
        "school_years[0].start",
        "school_years[0].end",
    ] {
        assert!(
            stderr.contains(&format!("`{field}`: this blank has not been filled in")),
            "{field}:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("schools/shkola-5/school.toml:6:13"),
        "{stderr}"
    );
}

#[test]
fn new_writes_its_comments_in_the_language_and_check_reads_both_alike() {
    let project = Project::examples();
    let russian = [("LANG", "ru_RU.UTF-8")];
    let run = project.run_with(
        "2026-09-01",
        &russian,
        &["new", "shkola-ru", "--platform", "dnevnik-ru"],
    );
    assert!(
        run.success().stdout().starts_with("создан "),
        "{}",
        run.stdout()
    );
    project
        .run(&["new", "shkola-en", "--platform", "dnevnik-ru"])
        .success();
    let ru = project.read("schools/shkola-ru/school.toml");
    let en = project.read("schools/shkola-en/school.toml");
    assert!(ru.starts_with("# Новая школа"), "{ru}");
    assert!(en.starts_with("# A new school"), "{en}");
    let data = |text: &str| -> Vec<String> {
        (text.lines())
            .map(|line| if line.starts_with('#') { "#" } else { line }.to_owned())
            .collect()
    };
    assert_eq!(data(&ru), data(&en), "the same data on the same lines");
    // Every problem with its file, line, column, field, message and hint (no source excerpt,
    // whose comment lines differ).
    let check = |slug: &str| {
        let run = project.run(&["check", "--school", slug, "--format", "json"]);
        run.fails_with(1);
        run.stdout().replace(slug, "SLUG")
    };
    let (from_ru, from_en) = (check("shkola-ru"), check("shkola-en"));
    assert!(
        from_ru.contains("this blank has not been filled in"),
        "{from_ru}"
    );
    assert_eq!(from_ru, from_en);
}

#[test]
fn filled_scaffold_builds() {
    let project = Project::fixtures();
    project
        .run(&["new", "shkola-5", "--platform", "shkolnyi-portal-mo"])
        .success();
    let toml = project.read("schools/shkola-5/school.toml");
    let filled: String = toml
        .lines()
        .map(|line| match line.split_once(" = \"ЗАПОЛНИТЕ") {
            Some((key, _)) => match key {
                "training_days" => "training_days = 5".to_owned(),
                "weekday" => "weekday = \"вт\"".to_owned(),
                "time" => "time = \"14:00-16:00\"".to_owned(),
                "phone" => "phone = \"8 (495) 123-45-67\"".to_owned(),
                "email" => "email = \"school@example.ru\"".to_owned(),
                "timezone" => "timezone = \"Asia/Krasnoyarsk\"".to_owned(),
                "start" => "start = 2026-09-01".to_owned(),
                "end" => "end = 2027-05-25".to_owned(),
                key => format!("{key} = \"Значение\""),
            },
            None if line.contains("[\"ЗАПОЛНИТЕ") => {
                line.split('=').next().unwrap().to_owned() + "= []"
            }
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    project.write("schools/shkola-5/school.toml", &filled);
    project.run(&["check"]).success();
    project.run(&["build", "--school", "shkola-5"]).success();
    assert!(
        project
            .page_text("public/shkola-5/schedule.html")
            .contains("Вторник")
    );
    // The school year and time zone it was given: a feed of Tuesdays in Krasnoyarsk time.
    let feed = project.read("public/shkola-5/calendar/all.ics");
    assert!(
        feed.contains("DTSTART;TZID=Asia/Krasnoyarsk:20260901T140000"),
        "{feed}"
    );
}

#[test]
fn new_refuses_bad_names_unknown_platforms_and_existing_schools() {
    let project = Project::fixtures();
    let stderr = project
        .run(&["new", "Школа", "--platform", "dnevnik-ru"])
        .fails_with(2);
    assert!(
        stderr.contains("cannot be a school's folder name"),
        "{stderr}"
    );
    let stderr = project
        .run(&["new", "x", "--platform", "eljur"])
        .fails_with(2);
    assert!(
        stderr.contains("unknown platform `eljur`") && stderr.contains("dnevnik-ru"),
        "{stderr}"
    );
    let stderr = project
        .run(&["new", "osh", "--platform", "dnevnik-ru"])
        .fails_with(2);
    assert!(stderr.contains("already exists"), "{stderr}");
}

#[test]
fn unknown_school_is_a_usage_error() {
    let project = Project::fixtures();
    let stderr = project.run(&["build", "--school", "nope"]).fails_with(2);
    assert!(
        stderr.contains("there is no school `nope`") && stderr.contains("internat-11"),
        "{stderr}"
    );
}

#[test]
fn missing_schools_folder_is_a_usage_error() {
    let project = Project::empty();
    let stderr = project.run(&["build"]).fails_with(2);
    assert!(stderr.contains("there is no `schools` folder"), "{stderr}");
}

#[test]
fn the_help_is_in_russian_for_a_russian_locale_or_lang_ru() {
    let project = Project::empty();
    let russian = project.run_with("2026-09-01", &[("LANG", "ru_RU.UTF-8")], &["--help"]);
    let text = russian.success().stdout();
    for words in [
        "Коды завершения",
        "Использование: spravka",
        "Команды:",
        "Параметры:",
    ] {
        assert!(text.contains(words), "{words}:\n{text}");
    }
    let check = project.run(&["check", "--help", "--lang", "ru"]);
    assert!(
        check.success().stdout().contains("Проверить все файлы"),
        "{}",
        check.stdout()
    );
    let english = project.run_with(
        "2026-09-01",
        &[("LANG", "ru_RU.UTF-8")],
        &["--lang", "en", "--help"],
    );
    assert!(
        english.success().stdout().contains("Exit codes"),
        "{}",
        english.stdout()
    );
}

#[test]
fn every_command_has_help() {
    let project = Project::empty();
    let top = project.run(&["--help"]);
    top.success();
    assert!(top.stdout().contains("Exit codes"), "{}", top.stdout());
    // Every command the top-level help lists (clap's own `help` aside), so a new one is covered.
    let listed = top.stdout();
    let commands: Vec<&str> = listed
        .split("Commands:\n")
        .nth(1)
        .expect("a list of commands")
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|command| *command != "help")
        .collect();
    assert_eq!(
        commands,
        ["build", "check", "new", "serve", "package"],
        "{listed}"
    );
    for command in commands {
        let run = project.run(&[command, "--help"]);
        run.success();
        let usage = format!("Usage: spravka {command}");
        assert!(run.stdout().contains(&usage), "{}", run.stdout());
    }
}

#[test]
fn user_theme_overrides_one_template() {
    let project = Project::fixtures();
    project.write(
        "mytheme/templates/schedule.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Свой график</h1>{% endblock content %}",
    );
    project.write(
        "mytheme/i18n/ru.toml",
        "[page]\nschedule = \"Часы приёма\"\n",
    );
    project.run(&["build", "--theme", "mytheme"]).success();
    let schedule = project.read("public/osh/schedule.html");
    assert!(schedule.contains("<h1>Свой график</h1>"), "{schedule}");
    assert!(
        project
            .read("public/osh/index.html")
            .contains("Часы приёма"),
        "translation keys merge"
    );
    assert!(
        project
            .read("public/osh/contacts.html")
            .contains("<h1>Контакты</h1>"),
        "other templates stay built-in"
    );
}

#[test]
fn a_theme_file_named_like_the_search_index_is_refused_not_written_over_it() {
    let project = Project::fixtures();
    project.write(
        "mytheme/static/search-index.js",
        "window.SPRAVKA_SEARCH = {};\n",
    );
    project.write(
        "mytheme/static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    for command in ["check", "build"] {
        let stderr = project.run(&[command, "--theme", "mytheme"]).fails_with(1);
        assert!(
            stderr.contains("static/search-index.js")
                && stderr.contains("assets/search-index.js")
                && stderr.contains("rename the file"),
            "{command}: {stderr}"
        );
    }
    assert!(!project.path().join("public").exists(), "nothing written");
    std::fs::remove_file(project.path().join("mytheme/static/search-index.js")).unwrap();
    project.run(&["build", "--theme", "mytheme"]).success();
    let index = project.read("public/osh/assets/search-index.js");
    assert!(
        index.starts_with("window.SPRAVKA_SEARCH={\"found\""),
        "{index}"
    );
    assert!(project.path().join("public/osh/assets/logo.svg").is_file());
}

#[test]
fn a_theme_header_is_rendered_once_per_kind_of_page_with_the_right_links() {
    let project = Project::fixtures();
    project.write(
        "mytheme/templates/header.html",
        "<p class=\"mine\">{{ page.key }}|{{ page.root }}|{% for item in nav %}{% if item.current %}{{ item.href }}{% endif %}{% endfor %}</p>",
    );
    project.run(&["build", "--theme", "mytheme"]).success();
    let header = |page: &str| {
        let html = project.read(&format!("public/osh/{page}"));
        let start = html.find("<p class=\"mine\">").expect("the theme's header");
        html[start..].split("</p>").next().unwrap().to_owned()
    };
    assert_eq!(header("index.html"), "<p class=\"mine\">home||index.html");
    assert_eq!(header("faq.html"), "<p class=\"mine\">faq||faq.html");
    assert_eq!(
        header("faq/kak-sostavit-obrashchenie.html"),
        "<p class=\"mine\">faq|../|../faq.html"
    );
}

#[test]
fn a_header_that_uses_a_page_title_is_reported() {
    let project = Project::fixtures();
    project.write("mytheme/templates/header.html", "<p>{{ page.title }}</p>");
    let stderr = project.run(&["build", "--theme", "mytheme"]).fails_with(3);
    assert!(stderr.contains("header.html, line 1, column"), "{stderr}");
    assert!(stderr.contains("`title` is not defined"), "{stderr}");
    assert!(
        stderr.contains("hint: check the template named last"),
        "{stderr}"
    );
    assert!(!project.path().join("public").exists());
}

#[test]
fn check_renders_in_memory_and_fails_where_build_fails() {
    let project = Project::fixtures();
    project.write("mytheme/templates/header.html", "<p>{{ page.title }}</p>");
    let before = snapshot(project.path());
    let stderr = project.run(&["check", "--theme", "mytheme"]).fails_with(3);
    assert!(stderr.contains("header.html, line 1, column"), "{stderr}");
    assert!(stderr.contains("`title` is not defined"), "{stderr}");
    assert!(snapshot(project.path()) == before, "check wrote a file");
}

#[test]
fn check_of_valid_schools_writes_nothing() {
    let project = Project::fixtures();
    let before = snapshot(project.path());
    let stdout = project.run(&["check"]).success().stdout();
    assert!(stdout.contains("checked 3 school(s)"), "{stdout}");
    assert!(snapshot(project.path()) == before, "check wrote a file");
}

#[test]
fn broken_user_template_is_reported() {
    let project = Project::fixtures();
    project.write("mytheme/templates/home.html", "ok\n{% if %}");
    let stderr = project.run(&["build", "--theme", "mytheme"]).fails_with(1);
    assert!(stderr.contains("templates do not compile"), "{stderr}");
    // The user's own file, at the line and column of the fault.
    assert!(stderr.contains("home.html:2:7"), "{stderr}");
}

#[test]
fn a_command_line_mistake_is_told_in_the_messages_language() {
    let project = Project::fixtures();
    let russian = |args: &[&str]| {
        (project.run_with("2026-09-01", &[("LANG", "ru_RU.UTF-8")], args)).fails_with(2)
    };
    let text = russian(&["biuld"]);
    assert!(
        text.contains("ошибка: неизвестная команда `biuld`"),
        "{text}"
    );
    assert!(text.contains("возможно, имелось в виду `build`"), "{text}");
    assert!(text.contains("Использование: spravka"), "{text}");
    let text = russian(&["build", "--frce"]);
    assert!(text.contains("неизвестный параметр `--frce`"), "{text}");
    assert!(text.contains("`--force`"), "{text}");
    let text = russian(&["check", "--format", "yaml"]);
    assert!(text.contains("недопустимое значение `yaml`"), "{text}");
    assert!(text.contains("text, json"), "{text}");
    let text = russian(&["new"]);
    assert!(text.contains("не указаны обязательные параметры"), "{text}");
    assert!(!text.contains("error:"), "{text}");
    // In English, clap's own words.
    let english = project.run(&["build", "--frce"]).fails_with(2);
    assert!(
        english.contains("unexpected argument '--frce'"),
        "{english}"
    );
}
