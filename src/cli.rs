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
    /// When to colour the output: auto (on a terminal that supports it; NO_COLOR, CLICOLOR=0
    /// and TERM=dumb turn it off, CLICOLOR_FORCE on), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Say nothing on standard error but errors: no notes, warnings or progress.
    #[arg(short = 'q', long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also say on standard error which map folder was read, and how many files.
    #[arg(short = 'v', long, global = true)]
    pub verbose: bool,

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
        /// The language of the summaries (default: en).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Print the documentation of a rule.
    Explain {
        /// The rule's name, as `datacarto rules` lists it.
        #[arg(value_parser = RuleName(false), hide_possible_values = true)]
        rule: String,
        /// The language (default: en; in French, the summary, then the detailed text, which
        /// is in English).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Write a starter map that passes `check`.
    Init {
        /// Where to write it (default: the current folder). Existing files are never
        /// overwritten.
        #[arg(default_value = ".", value_hint = clap::ValueHint::DirPath)]
        dir: PathBuf,
    },
    /// Build the offline site of the map: pages, maps, register, findings (the main job).
    Build(BuildArgs),
    /// Draw a map of the information system, or a focused view of it.
    Map(MapArgs),
    /// Write the GDPR record of processing activities (art. 30) derived from the map.
    Register(RegisterArgs),
    /// Where a field's data comes from and everywhere it goes, with the purposes on the way.
    Trace(TraceArgs),
    /// What is lost if a store or a field is removed: flows, fields, purposes, register rows.
    Impact(ImpactArgs),
    /// What changed between two maps (two folders, or two git revisions with --git).
    Diff(DiffArgs),
    /// Write the map into a format other tools or a workshop use (the spreadsheet inventory,
    /// fideslang YAML, OpenLineage events).
    #[command(subcommand)]
    Export(ExportCommand),
    /// Read a map (or changes to one) from a format other tools or a workshop use.
    #[command(subcommand)]
    Import(ImportCommand),
    /// The rights-request checklist of one category of person: stores, keys, erasure,
    /// processors to notify.
    Dsr(DsrArgs),
    /// Hold the stores against their real systems: undeclared columns, fields gone, coverage.
    Scan(ScanArgs),
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
    /// Serve the site from memory on this machine, each page made when asked for; open
    /// pages repaint as the manifests change (see docs/serve.md).
    Serve(ServeArgs),
    /// Serve editors over the Language Server Protocol on standard input and output: the
    /// findings of `check` as you type (see docs/editors.md).
    Lsp,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The workshop's spreadsheet: stores, fields, flows, purposes and the rest, one sheet
    /// each, with drop-down lists of allowed values (xlsx) — or one CSV file.
    Inventory {
        /// The map's folder (default: the current folder).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The file to write, .xlsx or .csv (replaced if it exists).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// The language of sheet names and headings (default: datacarto.yaml's, else en).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// fideslang YAML: the organisation, one system per store (privacy declarations from
    /// the purposes, egress/ingress from the flows), datasets of the fields, and an export
    /// report of what has no place in fides (OUTDIR/EXPORT-REPORT.md).
    Fides {
        /// The map's folder (default: the current folder).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The folder to write (replaced if datacarto wrote it, or if it is empty).
        #[arg(long, short = 'o', value_name = "OUTDIR")]
        output: PathBuf,
    },
    /// The declared lineage as OpenLineage events (a JSON array): one dataset event per
    /// store with its fields, one job event per flow with the column lineage of its fields.
    Openlineage {
        /// The map's folder (default: the current folder).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The JSON file to write (replaced if it exists), or - for standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// The time every event carries, RFC 3339 (default: 1970-01-01T00:00:00Z, so that
        /// the same map gives the same bytes).
        #[arg(long, value_name = "TIME")]
        event_time: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A spreadsheet inventory (xlsx or CSV, English or French headings) into a new map
    /// (-o) or into an existing one, edited in place (--into).
    #[command(group(clap::ArgGroup::new("target").required(true).args(["output", "into"])))]
    Inventory {
        /// The inventory to read, .xlsx or .csv.
        file: PathBuf,
        /// Write a new map into this folder (no existing file is overwritten).
        #[arg(long, short = 'o', value_name = "OUT")]
        output: Option<PathBuf>,
        /// Edit this map in place: changed attributes rewritten where they stand, new
        /// entities added; comments and layout are kept.
        #[arg(long, value_name = "MAP")]
        into: Option<PathBuf>,
        /// List what would change, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// fideslang YAML (systems, datasets, privacy declarations; files or folders) into a
    /// new map, with an import report of what has no place in it (OUT/IMPORT-REPORT.md).
    Fides {
        /// fides YAML files, or folders searched for .yml/.yaml files.
        #[arg(required = true, value_name = "SRC")]
        sources: Vec<PathBuf>,
        /// Write the new map into this folder (no existing file is overwritten).
        #[arg(long, short = 'o', value_name = "OUT")]
        output: PathBuf,
    },
    /// A Threagile model (technical assets, data assets, trust boundaries, communication
    /// links) into a new map, with an import report (OUT/IMPORT-REPORT.md).
    Threagile {
        /// The Threagile model, YAML.
        file: PathBuf,
        /// Write the new map into this folder (no existing file is overwritten).
        #[arg(long, short = 'o', value_name = "OUT")]
        output: PathBuf,
        /// A YAML mapping from data asset ids to category keys (default: the category each
        /// data asset's name suggests, reported to check).
        #[arg(long, value_name = "FILE")]
        categories: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct TraceArgs {
    /// The field to trace, as STORE.FIELD.
    #[arg(value_name = "STORE.FIELD")]
    pub field: String,
    /// The map's folder (default: the nearest folder holding datacarto.yaml, from the
    /// current folder up to the repository's root; else the current folder).
    #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// The map's folder, as an option (same as DIR).
    #[arg(short = 'C', long = "map", value_name = "DIR", conflicts_with = "dir",
          value_hint = clap::ValueHint::DirPath)]
    pub map: Option<PathBuf>,
    /// Only where the data comes from.
    #[arg(long)]
    pub up: bool,
    /// Only where the data goes.
    #[arg(long)]
    pub down: bool,
    /// At most N flows away.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub depth: Option<u32>,
    /// The output format.
    #[arg(long, short = 'f', value_enum, default_value_t = LineageFormatArg::Text)]
    pub format: LineageFormatArg,
}

#[derive(Debug, Args)]
pub struct ImpactArgs {
    /// The store or field whose removal to assess: STORE or STORE.FIELD.
    #[arg(value_name = "STORE[.FIELD]")]
    pub target: String,
    /// The map's folder (default: the nearest folder holding datacarto.yaml, from the
    /// current folder up to the repository's root; else the current folder).
    #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// The map's folder, as an option (same as DIR).
    #[arg(short = 'C', long = "map", value_name = "DIR", conflicts_with = "dir",
          value_hint = clap::ValueHint::DirPath)]
    pub map: Option<PathBuf>,
    /// The output format.
    #[arg(long, short = 'f', value_enum, default_value_t = LineageFormatArg::Text)]
    pub format: LineageFormatArg,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The map before the change: a folder, or with --git a revision (`origin/main`).
    pub old: String,
    /// The map after the change: a folder, or with --git a revision (`HEAD`).
    pub new: String,
    /// OLD and NEW are revisions of the git repository holding the map (see -C).
    #[arg(long)]
    pub git: bool,
    /// With --git, the map's folder in the working tree (default: the nearest folder holding
    /// datacarto.yaml, from the current folder up to the repository's root).
    #[arg(value_name = "DIR", requires = "git", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// The map's folder, as an option (same as DIR).
    #[arg(short = 'C', long = "map", value_name = "DIR", requires = "git", conflicts_with = "dir",
          value_hint = clap::ValueHint::DirPath)]
    pub map: Option<PathBuf>,
    /// The output format; md is a pull-request comment.
    #[arg(long, short = 'f', value_enum, default_value_t = LineageFormatArg::Text)]
    pub format: LineageFormatArg,
    /// Exit 1 when the change adds findings at error level.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<FailOnArg>,
    /// The day both maps are checked on (suppressions, adequacy), YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

/// The formats of `trace`, `impact` and `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LineageFormatArg {
    Text,
    Json,
    Md,
}

impl From<LineageFormatArg> for crate::lineage::Format {
    fn from(f: LineageFormatArg) -> crate::lineage::Format {
        match f {
            LineageFormatArg::Text => crate::lineage::Format::Text,
            LineageFormatArg::Json => crate::lineage::Format::Json,
            LineageFormatArg::Md => crate::lineage::Format::Md,
        }
    }
}

/// What makes `diff` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// Findings at error level that the old map did not have.
    NewErrors,
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// The map's folder (default: the nearest folder holding datacarto.yaml, from the
    /// current folder up to the repository's root; else the current folder).
    #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// The layout: art30 (the cells of art. 30 and where they come from), cnil (one fiche
    /// per activity, French by default), ico (the ICO template's columns 1-30), processors
    /// (the register of processors, art. 30(2)) or retention (the retention schedule).
    #[arg(long, value_enum, default_value_t = RegisterLayoutArg::Art30)]
    pub layout: RegisterLayoutArg,
    /// The format (default: from the extension of -o, else md); xlsx needs -o.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<RegisterFormatArg>,
    /// The file to write (replaced if it exists); default: standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The language (default: `language` in datacarto.yaml, else en; fr for --layout cnil).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Print the coverage report and exit 1 when a mandatory art. 30 cell is empty (for CI);
    /// the register is written only with -o.
    #[arg(long)]
    pub check: bool,
    /// The day adequacy decisions are judged on, YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

#[derive(Debug, Args)]
pub struct DsrArgs {
    /// The map's folder (default: the nearest folder holding datacarto.yaml, from the
    /// current folder up to the repository's root; else the current folder).
    #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// The category of person (a subject id: customer, employee, or one the map declares).
    #[arg(long, value_name = "ID")]
    pub subject: String,
    /// The format (default: from the extension of -o, else md); xlsx needs -o.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<DsrFormatArg>,
    /// The file to write (replaced if it exists); default: standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The language (default: `language` in datacarto.yaml, else en).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DsrFormatArg {
    Md,
    Html,
    Xlsx,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegisterLayoutArg {
    Art30,
    Cnil,
    Ico,
    /// The processor register (art. 30(2)): one row per store run by a vendor.
    Processors,
    /// The retention schedule: per store and data category, period, trigger, end action.
    Retention,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegisterFormatArg {
    Csv,
    Xlsx,
    Html,
    Md,
    Json,
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
pub struct BuildArgs {
    /// The map's folder (default: the nearest folder holding datacarto.yaml, from the
    /// current folder up to the repository's root; else the current folder).
    #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// The folder to write the site into. It is replaced if datacarto made it; any other
    /// existing folder is left untouched (exit 2).
    #[arg(long, short = 'o', value_name = "OUT", default_value = "site")]
    pub output: PathBuf,
    /// The language of the site (default: `language` in datacarto.yaml, else en).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// A folder of templates replacing the built-in ones by name (base.html, store.html…).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Also exit 1 when `check` would (a finding at error level).
    #[arg(long)]
    pub check: bool,
    /// A date (or any text) for the footer; none by default.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The day findings are judged on, YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The map's folder (default: the nearest folder holding datacarto.yaml, from the
    /// current folder up to the repository's root; else the current folder).
    #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// The port to listen on (0: any free port, printed).
    #[arg(long, default_value_t = 8765)]
    pub port: u16,
    /// The address to listen on. The default serves this machine only; another address
    /// (0.0.0.0: every interface) lets anyone who can reach the machine read the map.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// Open the site in the desktop's browser.
    #[arg(long)]
    pub open: bool,
    /// The language of the site (default: `language` in datacarto.yaml, else en).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The day findings are judged on, YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

#[derive(Debug, Args)]
pub struct MapArgs {
    /// The map's folder (default: the nearest folder holding datacarto.yaml, from the
    /// current folder up to the repository's root; else the current folder).
    #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
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
    /// A domain's stores and the flows in and out of them, the stores outside the domain
    /// collapsed into one box per domain (the map a box of the overview opens).
    #[arg(long, value_name = "DOMAIN", group = "view")]
    pub domain: Option<String>,
    /// Where to write the map (default: standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long, short = 'f', value_enum, default_value_t = MapFormatArg::Svg)]
    pub format: MapFormatArg,
    /// The layout engine for SVG: builtin (layout-rs) or dot (Graphviz, when installed).
    #[arg(long, value_enum, default_value_t = EngineArg::Builtin)]
    pub engine: EngineArg,
    /// With --engine dot or --format dot: box each domain in a Graphviz cluster. Off by
    /// default: dot's clusters multiply the crossings (6–10× on the maps measured).
    #[arg(long)]
    pub clusters: bool,
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
    /// The map's folder (default: the nearest folder holding datacarto.yaml, from the
    /// current folder up to the repository's root; else the current folder).
    #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// The output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Turn a rule off (repeatable; `warnings` for every warning).
    #[arg(short = 'A', long = "allow", value_name = "RULE", value_parser = RuleName(true), hide_possible_values = true)]
    pub allow: Vec<String>,
    /// Report a rule as a warning (repeatable).
    #[arg(short = 'W', long = "warn", value_name = "RULE", value_parser = RuleName(true), hide_possible_values = true)]
    pub warn: Vec<String>,
    /// Report a rule as an error (repeatable; `-D warnings` makes every warning an error).
    #[arg(short = 'D', long = "deny", value_name = "RULE", value_parser = RuleName(true), hide_possible_values = true)]
    pub deny: Vec<String>,
    /// The day to check suppressions' `until` (and adequacy decisions) against,
    /// YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
    /// Also list the findings silenced by an `allow:` (the accepted risks), with the reason.
    #[arg(long)]
    pub show_suppressed: bool,
    /// The language of the findings' messages, labels and help (default: `language` in
    /// datacarto.yaml, else en). Finding ids and order are the same in both.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The map's folder (default: the nearest folder holding datacarto.yaml, from the
    /// current folder up to the repository's root; else the current folder).
    #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// The output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Scan only this store.
    #[arg(long, value_name = "ID")]
    pub store: Option<String>,
    /// With --store: the environment variable holding the database URL, as env:NAME (a URL
    /// is never given on the command line, where shell history and process lists keep it).
    #[arg(long, value_name = "env:NAME", requires = "store", conflicts_with = "file")]
    pub url: Option<String>,
    /// With --store: the file the store is (.sqlite, .csv, .xlsx).
    #[arg(long, value_name = "PATH", requires = "store")]
    pub file: Option<PathBuf>,
    /// Test the category guessed for each undeclared column on up to N of its values (e-mail,
    /// phone, IBAN and card checksums, French NIR). Values are never printed or stored.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10000))]
    pub sample: Option<u32>,
    /// Add the undeclared columns to their stores' manifests (with the guessed category) and
    /// mark the missing fields with a comment, editing the text in place.
    #[arg(long)]
    pub write: bool,
    /// Print what --write would change, as a patch, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Exit 1 when a store's coverage (declared columns / found columns) is below PERCENT.
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    pub min_coverage: Option<f64>,
    /// Turn a rule off (repeatable; `warnings` for every warning).
    #[arg(short = 'A', long = "allow", value_name = "RULE")]
    pub allow: Vec<String>,
    /// Report a rule as a warning (repeatable).
    #[arg(short = 'W', long = "warn", value_name = "RULE")]
    pub warn: Vec<String>,
    /// Report a rule as an error (repeatable; `-D warnings` makes every warning an error).
    #[arg(short = 'D', long = "deny", value_name = "RULE")]
    pub deny: Vec<String>,
    /// The day to check suppressions' `until` against, YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

/// A percentage from 0 to 100 (`80`, `80%`, `72.5`), as a share from 0 to 1.
fn parse_percent(text: &str) -> Result<f64, String> {
    let number = text.trim().trim_end_matches('%');
    match number.parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p / 100.0),
        _ => Err(format!("'{text}' is not a percentage from 0 to 100")),
    }
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

/// A rule name on the command line: any text is accepted (an unknown name is reported by
/// the command, with the closest rule suggested), but shell completions offer the rules of
/// the catalogue, and `warnings` when the field is true (`-A/-W/-D`).
#[derive(Clone, Copy, Debug)]
struct RuleName(bool);

impl clap::builder::TypedValueParser for RuleName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let rules = crate::rules::RULES.iter().map(|r| r.name);
        Some(Box::new(
            std::iter::once("warnings")
                .filter(|_| self.0)
                .chain(rules)
                .map(|n| clap::builder::PossibleValue::new(n).help(summary_of(n))),
        ))
    }
}

fn summary_of(name: &str) -> &'static str {
    crate::rules::find(name).map_or("every warning", |r| r.summary)
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

/// What the environment says about colour, read as anstream reads it (anstyle-query):
/// `NO_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR`, `TERM=dumb`, CI runners.
#[derive(Clone, Copy, Debug, Default)]
struct ColorEnv {
    no_color: bool,
    force: bool,
    clicolor: Option<bool>,
    term_supports_color: bool,
    ci: bool,
    terminal: bool,
}

impl ColorEnv {
    fn read() -> ColorEnv {
        ColorEnv {
            no_color: anstyle_query::no_color(),
            force: anstyle_query::clicolor_force(),
            clicolor: anstyle_query::clicolor(),
            term_supports_color: anstyle_query::term_supports_color(),
            ci: anstyle_query::is_ci(),
            terminal: std::io::stdout().is_terminal(),
        }
    }
}

/// `--color auto` follows anstream's choice: NO_COLOR wins, then CLICOLOR_FORCE, then
/// CLICOLOR=0; otherwise colour on a terminal that supports it (not `TERM=dumb`).
fn color_enabled(when: ColorWhen, env: ColorEnv) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            if env.no_color {
                false
            } else if env.force {
                true
            } else if env.clicolor == Some(false) {
                false
            } else {
                env.terminal && (env.term_supports_color || env.clicolor == Some(true) || env.ci)
            }
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
    let color = color_enabled(cli.color, ColorEnv::read());
    commands::set_verbosity(if cli.quiet {
        commands::Verbosity::Quiet
    } else if cli.verbose {
        commands::Verbosity::Verbose
    } else {
        commands::Verbosity::Normal
    });
    match cli.command {
        Command::Check(args) => {
            let sub = matches.subcommand_matches("check").expect("the check subcommand was parsed");
            let options = commands::check::Options {
                dir: commands::map_dir(args.dir),
                format: args.format.into(),
                flags: level_flags(sub),
                as_of: args.as_of.unwrap_or_else(Date::today),
                color,
                show_suppressed: args.show_suppressed,
                lang: args.lang.map(Into::into),
            };
            commands::check::run(&options)
        }
        Command::Scan(args) => {
            let sub = matches.subcommand_matches("scan").expect("the scan subcommand was parsed");
            commands::scan::run(&commands::scan::Options {
                dir: commands::map_dir(args.dir),
                format: args.format.into(),
                flags: level_flags(sub),
                as_of: args.as_of.unwrap_or_else(Date::today),
                color,
                store: args.store,
                over: crate::scan::Override {
                    url: args.url,
                    file: args.file,
                    sample: args.sample.map(|n| n as usize),
                },
                min_coverage: args.min_coverage,
                write: args.write,
                dry_run: args.dry_run,
            })
        }
        Command::Schema(args) => commands::schema::run(args.project),
        Command::Rules { markdown, lang } => commands::rules::list(
            markdown,
            lang.map_or(crate::manifest::enums::Language::En, Into::into),
        ),
        Command::Explain { rule, lang } => commands::rules::explain(
            &rule,
            lang.map_or(crate::manifest::enums::Language::En, Into::into),
        ),
        Command::Init { dir } => commands::init::run(&dir),
        Command::Build(args) => commands::build::run(&commands::build::Options {
            dir: commands::map_dir(args.dir),
            output: args.output,
            lang: args.lang.map(Into::into),
            templates: args.templates,
            check: args.check,
            date: args.date,
            as_of: args.as_of.unwrap_or_else(Date::today),
        }),
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
            } else if let Some(d) = args.domain {
                commands::map::ViewArg::Domain(d)
            } else {
                commands::map::ViewArg::System
            };
            let options = commands::map::Options {
                dir: commands::map_dir(args.dir),
                view,
                output: args.output,
                format: match args.format {
                    MapFormatArg::Svg => commands::map::Format::Svg,
                    MapFormatArg::Dot => commands::map::Format::Dot,
                    MapFormatArg::Mermaid => commands::map::Format::Mermaid,
                    MapFormatArg::Json => commands::map::Format::Json,
                },
                graphviz: args.engine == EngineArg::Dot,
                clusters: args.clusters,
                findings: args.findings,
                date: args.date,
                lang: args.lang.map(Into::into),
                as_of: args.as_of.unwrap_or_else(Date::today),
            };
            commands::map::run(&options)
        }
        Command::Register(args) => {
            use crate::register::{Document, Format, Layout};
            let options = commands::register::Options {
                dir: commands::map_dir(args.dir),
                layout: match args.layout {
                    RegisterLayoutArg::Art30 => Document::Activities(Layout::Art30),
                    RegisterLayoutArg::Cnil => Document::Activities(Layout::Cnil),
                    RegisterLayoutArg::Ico => Document::Activities(Layout::Ico),
                    RegisterLayoutArg::Processors => Document::Processors,
                    RegisterLayoutArg::Retention => Document::Retention,
                },
                format: match args.format {
                    Some(RegisterFormatArg::Csv) => Some(Format::Csv),
                    Some(RegisterFormatArg::Xlsx) => Some(Format::Xlsx),
                    Some(RegisterFormatArg::Html) => Some(Format::Html),
                    Some(RegisterFormatArg::Md) => Some(Format::Md),
                    Some(RegisterFormatArg::Json) => Some(Format::Json),
                    None => None,
                },
                output: args.output,
                lang: args.lang.map(Into::into),
                check: args.check,
                as_of: args.as_of.unwrap_or_else(Date::today),
            };
            commands::register::run(&options)
        }
        Command::Trace(args) => commands::trace::run(&commands::trace::Options {
            map: commands::map_dir(args.dir.or(args.map)),
            field: args.field,
            walk: crate::lineage::trace::Options {
                up: args.up,
                down: args.down,
                depth: args.depth.map(|d| d as usize),
            },
            format: args.format.into(),
        }),
        Command::Impact(args) => commands::impact::run(&commands::impact::Options {
            map: commands::map_dir(args.dir.or(args.map)),
            target: args.target,
            format: args.format.into(),
        }),
        Command::Diff(args) => commands::diff::run(&commands::diff::Options {
            old: args.old,
            new: args.new,
            git: args.git,
            map: commands::map_dir(args.dir.or(args.map)),
            format: args.format.into(),
            fail_on_new_errors: args.fail_on == Some(FailOnArg::NewErrors),
            as_of: args.as_of.unwrap_or_else(Date::today),
        }),
        Command::Export(ExportCommand::Inventory { dir, output, lang }) => {
            commands::inventory::export(&commands::inventory::ExportOptions {
                dir,
                output,
                lang: lang.map(Into::into),
            })
        }
        Command::Import(ImportCommand::Inventory { file, output, into, dry_run }) => {
            commands::inventory::import(&commands::inventory::ImportOptions {
                file,
                output,
                into,
                dry_run,
            })
        }
        Command::Dsr(args) => commands::dsr::run(&commands::dsr::Options {
            dir: commands::map_dir(args.dir),
            subject: args.subject,
            format: args.format.map(|f| match f {
                DsrFormatArg::Md => crate::dsr::Format::Md,
                DsrFormatArg::Html => crate::dsr::Format::Html,
                DsrFormatArg::Xlsx => crate::dsr::Format::Xlsx,
                DsrFormatArg::Json => crate::dsr::Format::Json,
            }),
            output: args.output,
            lang: args.lang.map(Into::into),
        }),
        Command::Export(ExportCommand::Openlineage { dir, output, event_time }) => {
            commands::openlineage::run(&commands::openlineage::Options { dir, output, event_time })
        }
        Command::Export(ExportCommand::Fides { dir, output }) => {
            commands::fides::export(&commands::fides::ExportOptions { dir, output })
        }
        Command::Import(ImportCommand::Threagile { file, output, categories }) => {
            commands::threagile::import(&commands::threagile::Options { file, output, categories })
        }
        Command::Import(ImportCommand::Fides { sources, output }) => {
            commands::fides::import(&commands::fides::Options { sources, output })
        }
        Command::Completions { shell } => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "datacarto", &mut out);
            Ok(Status::Clean)
        }
        Command::Lsp => commands::lsp::run(),
        Command::Serve(args) => commands::serve::run(&commands::serve::Options {
            build: crate::serve::Options {
                dir: commands::map_dir(args.dir),
                lang: args.lang.map(Into::into),
                as_of: args.as_of.unwrap_or_else(Date::today),
            },
            host: args.host,
            port: args.port,
            open: args.open,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--color auto` honours NO_COLOR, CLICOLOR_FORCE, CLICOLOR=0 and TERM=dumb.
    #[test]
    fn colour_follows_the_environment() {
        let tty = ColorEnv { terminal: true, term_supports_color: true, ..ColorEnv::default() };
        assert!(color_enabled(ColorWhen::Auto, tty));
        assert!(!color_enabled(ColorWhen::Auto, ColorEnv { no_color: true, ..tty }));
        assert!(!color_enabled(ColorWhen::Auto, ColorEnv { clicolor: Some(false), ..tty }));
        let dumb = ColorEnv { term_supports_color: false, ..tty };
        assert!(!color_enabled(ColorWhen::Auto, dumb), "TERM=dumb");
        let piped = ColorEnv { terminal: false, ..tty };
        assert!(!color_enabled(ColorWhen::Auto, piped));
        assert!(color_enabled(ColorWhen::Auto, ColorEnv { force: true, ..piped }));
        let both = ColorEnv { force: true, no_color: true, ..piped };
        assert!(!color_enabled(ColorWhen::Auto, both), "NO_COLOR wins");
        assert!(!color_enabled(ColorWhen::Never, ColorEnv { force: true, ..tty }));
        assert!(color_enabled(ColorWhen::Always, piped));
    }
}
