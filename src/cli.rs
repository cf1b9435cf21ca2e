//! The command line (clap types), converted into plain option structs before any command
//! sees them.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::commands::{self, Status};
use crate::config::Flag;
use crate::date::Date;
use crate::diag::emit::Format;

#[derive(Debug, Parser)]
#[command(
    name = "datacarto",
    version,
    about = "Data cartography and lineage: check a map of stores, fields, flows and purposes.",
    long_about = None,
)]
pub struct Cli {
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile the map and run every rule.
    Check(CheckArgs),
    /// Print the JSON Schema of the manifest format, for editors.
    Schema(SchemaArgs),
    /// List the rules with their default levels.
    Rules {
        /// As the Markdown index of docs/rules/.
        #[arg(long)]
        markdown: bool,
    },
    /// Print the documentation of a rule.
    Explain {
        /// The rule's name, as `datacarto rules` lists it.
        rule: String,
    },
    /// Write a starter map that passes `check`.
    Init {
        /// Where to write it (default: the current folder). Existing files are never
        /// overwritten.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The map's folder (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Turn a rule off (repeatable; `warnings` for every warning).
    #[arg(short = 'A', long = "allow", value_name = "RULE")]
    pub allow: Vec<String>,
    /// Report a rule as a warning (repeatable).
    #[arg(short = 'W', long = "warn", value_name = "RULE")]
    pub warn: Vec<String>,
    /// Report a rule as an error (repeatable; `-D warnings` makes every warning an error).
    #[arg(short = 'D', long = "deny", value_name = "RULE")]
    pub deny: Vec<String>,
    /// The day to check suppressions' `until` (and adequacy decisions) against,
    /// YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema of datacarto.yaml instead of the manifests'.
    #[arg(long)]
    pub project: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Concise => Format::Concise,
            FormatArg::Json => Format::Json,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Github => Format::Github,
        }
    }
}

/// `-A/-W/-D` in the order they were given: the later flag wins.
fn level_flags(matches: &ArgMatches) -> Vec<(Flag, String)> {
    let mut flags = Vec::new();
    for (id, flag) in [("allow", Flag::Allow), ("warn", Flag::Warn), ("deny", Flag::Deny)] {
        let (Some(values), Some(indices)) =
            (matches.get_many::<String>(id), matches.indices_of(id))
        else {
            continue;
        };
        flags.extend(indices.zip(values).map(|(i, v)| (i, flag, v.clone())));
    }
    flags.sort_by_key(|(i, _, _)| *i);
    flags.into_iter().map(|(_, f, v)| (f, v)).collect()
}

fn color_enabled(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Parses the process arguments and runs the command.
pub fn run_from_args() -> anyhow::Result<Status> {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    let color = color_enabled(cli.color);
    match cli.command {
        Command::Check(args) => {
            let sub = matches.subcommand_matches("check").expect("the check subcommand was parsed");
            let options = commands::check::Options {
                dir: args.dir,
                format: args.format.into(),
                flags: level_flags(sub),
                as_of: args.as_of.unwrap_or_else(Date::today),
                color,
            };
            commands::check::run(&options)
        }
        Command::Schema(args) => commands::schema::run(args.project),
        Command::Rules { markdown } => commands::rules::list(markdown),
        Command::Explain { rule } => commands::rules::explain(&rule),
        Command::Init { dir } => commands::init::run(&dir),
        Command::Completions { shell } => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "datacarto", &mut out);
            Ok(Status::Clean)
        }
    }
}
