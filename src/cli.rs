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
    /// Draw a map of the information system, or a focused view of it.
    Map(MapArgs),
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
}

/// A language of the outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Fr,
    En,
}

impl From<LangArg> for crate::manifest::enums::Language {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Fr => crate::manifest::enums::Language::Fr,
            LangArg::En => crate::manifest::enums::Language::En,
        }
    }
}

#[derive(Debug, Args)]
pub struct MapArgs {
    /// The map's folder (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Only this store and its neighbours (see --depth).
    #[arg(long, value_name = "STORE", group = "view")]
    pub focus: Option<String>,
    /// How many flows away from --focus to go.
    #[arg(long, default_value_t = 1, requires = "focus")]
    pub depth: usize,
    /// What a purpose relies on: its stores, fields and flows, upstream included.
    #[arg(long, value_name = "ID", group = "view")]
    pub purpose: Option<String>,
    /// The lineage of one field, upstream and downstream.
    #[arg(long, value_name = "STORE.FIELD", group = "view")]
    pub field: Option<String>,
    /// What the purposes concerning a category of data subjects rely on.
    #[arg(long, value_name = "ID", group = "view")]
    pub subject: Option<String>,
    /// A team's stores and the flows in and out of them.
    #[arg(long, value_name = "ID", group = "view")]
    pub team: Option<String>,
    /// Where to write the map (default: standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long, short = 'f', value_enum, default_value_t = MapFormatArg::Svg)]
    pub format: MapFormatArg,
    /// The layout engine for SVG: builtin (layout-rs) or dot (Graphviz, when installed).
    #[arg(long, value_enum, default_value_t = EngineArg::Builtin)]
    pub engine: EngineArg,
    /// Show findings: isolated stores, unused and redundant flows, transfers without safeguard.
    #[arg(long)]
    pub findings: bool,
    /// A date (or any text) to print under the title; none by default.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The language of the labels (default: `language` in datacarto.yaml, else en).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The day findings are judged on (suppression expiry), YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MapFormatArg {
    Svg,
    Dot,
    Mermaid,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineArg {
    Builtin,
    Dot,
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
        Command::Map(args) => {
            let view = if let Some(store) = args.focus {
                commands::map::ViewArg::Focus { store, depth: args.depth }
            } else if let Some(p) = args.purpose {
                commands::map::ViewArg::Purpose(p)
            } else if let Some(f) = args.field {
                commands::map::ViewArg::Field(f)
            } else if let Some(s) = args.subject {
                commands::map::ViewArg::Subject(s)
            } else if let Some(t) = args.team {
                commands::map::ViewArg::Team(t)
            } else {
                commands::map::ViewArg::System
            };
            let options = commands::map::Options {
                dir: args.dir,
                view,
                output: args.output,
                format: match args.format {
                    MapFormatArg::Svg => commands::map::Format::Svg,
                    MapFormatArg::Dot => commands::map::Format::Dot,
                    MapFormatArg::Mermaid => commands::map::Format::Mermaid,
                    MapFormatArg::Json => commands::map::Format::Json,
                },
                graphviz: args.engine == EngineArg::Dot,
                findings: args.findings,
                date: args.date,
                lang: args.lang.map(Into::into),
                as_of: args.as_of.unwrap_or_else(Date::today),
            };
            commands::map::run(&options)
        }
        Command::Completions { shell } => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "datacarto", &mut out);
            Ok(Status::Clean)
        }
    }
}
