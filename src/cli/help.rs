//! The command line's help in the messages' language: the texts of `locales/*/spravka.ftl`
//! (`cli-*`) laid over the doc comments of `cli.rs`, which stay for the developer. In Russian,
//! clap's own headings and the help and version options are said in Russian too.

use clap::{Arg, ArgAction, Command};

use crate::locale::{self, Lang, t};

/// `command` (the whole command line) with its help in the chosen language.
pub fn localised(command: Command) -> Command {
    let command = (command.about(t!("cli-about")))
        .long_about(t!("cli-long-about"))
        .mut_arg("lang", |arg| arg.help(t!("cli-lang")));
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    let command = names.iter().fold(command, |command, name| {
        command.mut_subcommand(name, |sub| match command_about(name) {
            Some(about) => with_arg_help(sub.about(about)),
            None => sub,
        })
    });
    match locale::current() {
        Lang::En => command,
        Lang::Ru => in_russian(command, true),
    }
}

/// Each argument's help, by its command.
fn with_arg_help(command: Command) -> Command {
    let ids: Vec<String> = (command.get_arguments())
        .map(|arg| arg.get_id().to_string())
        .collect();
    let name = command.get_name().to_owned();
    ids.iter()
        .fold(command, |command, id| match arg_help(&name, id) {
            Some(help) => command.mut_arg(id, |arg| arg.help(help)),
            None => command,
        })
}

fn command_about(name: &str) -> Option<String> {
    Some(match name {
        "build" => t!("cli-build"),
        "check" => t!("cli-check"),
        "new" => t!("cli-new"),
        "serve" => t!("cli-serve"),
        "package" => t!("cli-package"),
        _ => return None,
    })
}

/// The help of argument `id` of command `command` (some ids mean another thing elsewhere).
fn arg_help(command: &str, id: &str) -> Option<String> {
    Some(match (command, id) {
        ("new", "root") => t!("cli-new-root"),
        ("new", "slug") => t!("cli-new-slug"),
        ("new", "platform") => t!("cli-new-platform"),
        ("package", "out") => t!("cli-package-out"),
        ("package", "base_url") => t!("cli-package-base-url"),
        ("package", "since") => t!("cli-package-since"),
        ("package", "site") => t!("cli-package-site"),
        (_, "root") => t!("cli-root"),
        (_, "schools") => t!("cli-school"),
        (_, "theme") => t!("cli-theme"),
        (_, "deny_warnings") => t!("cli-deny-warnings"),
        (_, "format") => t!("cli-format"),
        (_, "out") => t!("cli-out"),
        (_, "base_url") => t!("cli-base-url"),
        (_, "shard") => t!("cli-shard"),
        (_, "force") => t!("cli-force"),
        (_, "port") => t!("cli-port"),
        (_, "address") => t!("cli-address"),
        (_, "lang") => t!("cli-lang"),
        _ => return None,
    })
}

/// clap's headings, usage line and help and version options in Russian, for `command` and
/// each of its subcommands.
fn in_russian(command: Command, top: bool) -> Command {
    let ids: Vec<String> = (command.get_arguments())
        .map(|arg| arg.get_id().to_string())
        .collect();
    let command = ids.iter().fold(command, |command, id| {
        command.mut_arg(id, |arg| {
            let heading = if arg.is_positional() {
                t!("cli-heading-arguments")
            } else {
                t!("cli-heading-options")
            };
            with_russian_values(arg).help_heading(heading)
        })
    });
    let command = command
        .help_template(t!("cli-help-template"))
        .subcommand_help_heading(t!("cli-heading-commands"))
        .disable_help_flag(true)
        .arg(own_flag("help", 'h', ArgAction::Help, t!("cli-help")));
    let command = if top {
        command.disable_version_flag(true).arg(own_flag(
            "version",
            'V',
            ArgAction::Version,
            t!("cli-version"),
        ))
    } else {
        command
    };
    let names: Vec<String> = (command.get_subcommands())
        .map(|sub| sub.get_name().to_owned())
        .collect();
    names.iter().fold(command, |command, name| {
        command.mut_subcommand(name, |sub| in_russian(sub, false))
    })
}

/// clap's «[default: …]» and «[possible values: …]» said in the help text itself.
fn with_russian_values(arg: Arg) -> Arg {
    if !arg.get_action().takes_values() {
        return arg;
    }
    let defaults: Vec<String> = (arg.get_default_values().iter())
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    let values: Vec<String> = (arg.get_possible_values().iter())
        .filter(|value| !value.is_hide_set())
        .map(|value| value.get_name().to_owned())
        .collect();
    let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    if !defaults.is_empty() {
        help.push_str(&format!(
            " [{}]",
            t!("cli-default", value = defaults.join(", "))
        ));
    }
    if !values.is_empty() {
        help.push_str(&format!(
            " [{}]",
            t!("cli-values", values = values.join(", "))
        ));
    }
    arg.help(help)
        .hide_default_value(true)
        .hide_possible_values(true)
}

fn own_flag(id: &'static str, short: char, action: ArgAction, help: String) -> Arg {
    Arg::new(id)
        .short(short)
        .long(id)
        .action(action)
        .help(help)
        .help_heading(t!("cli-heading-options"))
        .global(false)
}
