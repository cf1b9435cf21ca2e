//! The YAML parser's errors in our own words, English and French: each error is classified
//! by its kind (the parser's enums, never its wording, which changes between versions and
//! speaks of scanners and tokens), then said so that someone writing a manifest can act.
//! The same for an `exclude:` glob that globset refuses.

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind as Scan;
use serde_saphyr::{Error, ExternalMessageSource};

use super::yaml::limits;
use crate::diag::{Text, t};

/// What is wrong with the YAML, as its author sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A tab where YAML allows none (`yaml::explain` shows it where it is).
    Tab,
    /// A `:` where a value was expected: a second `: ` in a value, or a line indented too
    /// deep (`yaml::explain` tells which).
    Colon,
    /// A line that lines up with none of the lines above it (`yaml::explain` names it).
    LineUp,
    /// `[` or `{` never closed.
    UnclosedBracket(char),
    /// `[` closed by `}`, or the reverse.
    MismatchedBracket(char, char),
    /// Inside `[…]` or `{…}`, something other than `,` or the closing bracket.
    Separator(char),
    /// A quote never closed.
    UnclosedQuote,
    /// Text after the closing quote of a quoted value.
    AfterQuote,
    /// A character that cannot start a plain value (`@`, `` ` ``, `%`…).
    Character(char),
    /// An unknown `\` escape in double quotes.
    Escape,
    /// A text block (`|`, `>`) badly indented or with a bad header.
    TextBlock,
    /// A `:` inside brackets where YAML allows none: often a bracket left open above.
    ColonInBrackets,
    /// A `:` or `-` with no space after it.
    NoSpace,
    /// `*name` with no `&name` before it.
    UnknownAnchor,
    /// A tag (`!…`) the reader cannot use.
    Tag,
    /// A `%` directive.
    Directive,
    /// `---` or `...` out of place.
    DocumentMarker,
    /// A `#` comment where YAML does not allow one.
    Comment,
    /// The file ends inside a list or mapping.
    End,
    /// A key that is empty (null).
    EmptyKey,
    /// A key that is a list or a mapping.
    KeyNotText,
    /// The same key twice in one mapping.
    DuplicateKey,
    /// `<<:` with a value that is not a mapping.
    Merge,
    /// `.nan`, `.inf` or a number too large.
    NotFinite(String),
    /// Aliases that expand beyond the limit.
    AliasBomb,
    /// Nesting deeper than the limit.
    Depth,
    /// Another limit of the loader.
    Limit,
    /// Anything else the parser refuses.
    Other,
}

/// The problem behind a parser error.
pub(crate) fn classify(err: &Error) -> Problem {
    match err {
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => scan_problem(scan.kind()),
            _ => Problem::Other,
        },
        Error::AliasError { error, .. } => classify(error),
        Error::Eof { .. }
        | Error::UnexpectedSequenceEnd { .. }
        | Error::UnexpectedMappingEnd { .. }
        | Error::UnexpectedContainerEndWhileReadingKeyNode { .. } => Problem::End,
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => Problem::Depth,
            BudgetBreach::Aliases { .. } => Problem::AliasBomb,
            _ => Problem::Limit,
        },
        Error::AliasReplayCounterOverflow { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => Problem::AliasBomb,
        Error::UnknownAnchor { .. } => Problem::UnknownAnchor,
        Error::NullIntoString { .. } => Problem::EmptyKey,
        Error::Unexpected { .. } | Error::SerdeInvalidType { .. } => Problem::KeyNotText,
        Error::DuplicateMappingKey { .. } => Problem::DuplicateKey,
        Error::MergeValueNotMapOrSeqOfMaps { .. } | Error::MergeKeyNotAllowed { .. } => {
            Problem::Merge
        }
        Error::NonFiniteFloat { value, .. } => Problem::NotFinite(value.clone()),
        Error::InvalidScalar { .. }
        | Error::TaggedScalarCannotDeserializeIntoString { .. }
        | Error::InvalidBinaryBase64 { .. }
        | Error::BinaryNotUtf8 { .. } => Problem::Tag,
        Error::FoldedBlockScalarMustIndentContent { .. } => Problem::TextBlock,
        _ => Problem::Other,
    }
}

fn scan_problem(kind: &Scan) -> Problem {
    match kind {
        Scan::TabNotAllowed
        | Scan::TabInBlockIndentation
        | Scan::TabInIndentation
        | Scan::TabInPlainScalar
        | Scan::TabAtBlockScalarStart => Problem::Tab,
        Scan::MappingValueNotAllowed | Scan::MappingKeyNotAllowed | Scan::SimpleKeyExpected => {
            Problem::Colon
        }
        Scan::ExpectedBlockMappingKey
        | Scan::ExpectedBlockSequenceEntry
        | Scan::InvalidIndentation
        | Scan::BlockSequenceEntryNotAllowed
        | Scan::InvalidFlowScalarIndent
        | Scan::InvalidQuotedScalarIndent => Problem::LineUp,
        Scan::UnclosedFlowCollection { open } => Problem::UnclosedBracket(*open),
        Scan::MismatchedFlowCollectionEnd { open, close } => {
            Problem::MismatchedBracket(*open, *close)
        }
        Scan::MisplacedFlowCollectionEnd => Problem::Character(']'),
        Scan::ExpectedFlowSequenceSeparator => Problem::Separator(']'),
        Scan::ExpectedFlowMappingSeparator => Problem::Separator('}'),
        Scan::UnexpectedEofFlowSequence => Problem::UnclosedBracket('['),
        Scan::UnexpectedEofFlowMapping | Scan::UnexpectedEofImplicitFlowMapping => {
            Problem::UnclosedBracket('{')
        }
        Scan::UnexpectedEofBlockSequence
        | Scan::UnexpectedEofBlockMapping
        | Scan::UnexpectedEof => Problem::End,
        Scan::UnclosedQuotedScalar | Scan::DocumentIndicatorInQuotedScalar => {
            Problem::UnclosedQuote
        }
        Scan::InvalidTrailingSingleQuotedScalar | Scan::InvalidTrailingDoubleQuotedScalar => {
            Problem::AfterQuote
        }
        Scan::UnexpectedCharacter { character } => Problem::Character(*character),
        Scan::PlainScalarStartsWithDashFlowIndicator | Scan::BlockEntryInFlowCollection => {
            Problem::Character('-')
        }
        Scan::UnknownQuotedScalarEscape
        | Scan::InvalidQuotedScalarHexEscape
        | Scan::InvalidLowSurrogateHexEscape
        | Scan::InvalidLowSurrogate
        | Scan::MissingLowSurrogate
        | Scan::UnpairedLowSurrogate
        | Scan::InvalidUnicodeEscape => Problem::Escape,
        Scan::ZeroBlockScalarIndent
        | Scan::InvalidBlockScalarHeader
        | Scan::InvalidBlockScalarIndent => Problem::TextBlock,
        Scan::FlowMappingValueAdjacentCollection | Scan::InvalidColonPlacement => {
            Problem::ColonInBrackets
        }
        Scan::InvalidMappingValueWhitespace
        | Scan::InvalidBlockEntryWhitespace
        | Scan::ExpectedWhitespace => Problem::NoSpace,
        Scan::UnknownAnchor | Scan::MissingAnchorOrAliasName | Scan::AnchorCountOverflow => {
            Problem::UnknownAnchor
        }
        Scan::ExpectedTagBang
        | Scan::ExpectedTagDirectiveBang
        | Scan::InvalidGlobalTagCharacter
        | Scan::UndeclaredTagHandle
        | Scan::InvalidTagTerminator
        | Scan::MissingTagUri
        | Scan::UnclosedVerbatimTag
        | Scan::InvalidTagEscape
        | Scan::InvalidTagUtf8LeadingByte
        | Scan::InvalidTagUtf8TrailingByte
        | Scan::InvalidTagUtf8 => Problem::Tag,
        Scan::DuplicateVersionDirective
        | Scan::UnsupportedYamlMajorVersion
        | Scan::DuplicateTagDirective
        | Scan::InvalidDirectiveTerminator
        | Scan::DirectiveDisallowed
        | Scan::MissingYamlVersionSeparator
        | Scan::MissingDirectiveName
        | Scan::InvalidDirectiveName
        | Scan::YamlVersionTooLong
        | Scan::MissingYamlVersion
        | Scan::InvalidTagDirectiveTerminator
        | Scan::MissingDocumentEndBeforeDirective => Problem::Directive,
        Scan::InvalidDocumentEnd | Scan::ExpectedDocumentStart | Scan::BomInsideDocument => {
            Problem::DocumentMarker
        }
        Scan::CommentInterceptedScalar | Scan::CommentNotSeparated => Problem::Comment,
        Scan::RecursionLimitExceeded => Problem::Depth,
        Scan::InputByteLimitExceeded { .. }
        | Scan::DirectiveByteLimitExceeded { .. }
        | Scan::TooManyReservedDirectiveParams { .. } => Problem::Limit,
        _ => Problem::Other,
    }
}

impl Problem {
    /// What is wrong, in both languages. `Tab`, `Colon` and `LineUp` get a more precise
    /// sentence from `yaml::explain` when it can see the line.
    pub(crate) fn message(&self) -> Text {
        match self {
            Problem::Tab => t!(
                "a tab where YAML does not allow one",
                "une tabulation là où YAML n'en admet pas"
            ),
            Problem::Colon => {
                t!("a ':' where YAML expects none", "un ':' là où YAML n'en attend pas")
            }
            Problem::LineUp => t!(
                "this line does not line up with the lines above it",
                "cette ligne n'est pas alignée sur les lignes au-dessus"
            ),
            Problem::UnclosedBracket(open) => {
                t!("'{open}' is never closed", "'{open}' n'est jamais fermé")
            }
            Problem::MismatchedBracket(open, close) => {
                t!("'{open}' closed by '{close}'", "'{open}' fermé par '{close}'")
            }
            Problem::Separator(close) => t!(
                "inside brackets, items are separated by ',' and end with '{close}'",
                "entre crochets, les éléments se séparent par ',' et finissent par '{close}'"
            ),
            Problem::UnclosedQuote => {
                t!("a quote that is never closed", "un guillemet jamais fermé")
            }
            Problem::AfterQuote => t!(
                "text after the closing quote of a value",
                "du texte après le guillemet fermant d'une valeur"
            ),
            Problem::Character(c) => t!(
                "a value cannot start with '{c}' unless it is quoted",
                "une valeur ne peut commencer par '{c}' que entre guillemets"
            ),
            Problem::Escape => t!(
                "an unknown escape ('\\' and a letter) in double quotes",
                "un échappement inconnu ('\\' et une lettre) entre guillemets doubles"
            ),
            Problem::TextBlock => t!(
                "a text block ('|' or '>') badly written or indented",
                "un bloc de texte ('|' ou '>') mal écrit ou mal indenté"
            ),
            Problem::ColonInBrackets => t!(
                "a ':' inside brackets where YAML does not allow one: is a bracket left open above?",
                "un ':' entre crochets là où YAML n'en admet pas : un crochet est-il resté ouvert plus haut ?"
            ),
            Problem::NoSpace => t!(
                "YAML wants a space after this ':' or '-'",
                "YAML veut une espace après ce ':' ou ce '-'"
            ),
            Problem::UnknownAnchor => t!(
                "an alias '*name' with no anchor '&name' before it",
                "un alias '*nom' sans ancre '&nom' avant lui"
            ),
            Problem::Tag => t!(
                "a YAML tag ('!…') that a manifest cannot use",
                "une étiquette YAML ('!…') qu'un manifeste ne peut pas utiliser"
            ),
            Problem::Directive => t!(
                "a YAML directive ('%…') that a manifest cannot use",
                "une directive YAML ('%…') qu'un manifeste ne peut pas utiliser"
            ),
            Problem::DocumentMarker => t!(
                "a document marker ('---' or '...') out of place",
                "une marque de document ('---' ou '...') mal placée"
            ),
            Problem::Comment => t!(
                "a comment ('#') where YAML does not allow one",
                "un commentaire ('#') là où YAML n'en admet pas"
            ),
            Problem::End => t!(
                "the file ends in the middle of a list or a mapping",
                "le fichier s'arrête au milieu d'une liste ou d'un mapping"
            ),
            Problem::EmptyKey => t!("an empty key", "une clé vide"),
            Problem::KeyNotText => t!(
                "a key that is a list or a mapping: keys are text",
                "une clé qui est une liste ou un mapping : les clés sont du texte"
            ),
            Problem::DuplicateKey => {
                t!("a key repeated in this mapping", "une clé répétée dans ce mapping")
            }
            Problem::Merge => t!(
                "'<<' merges a mapping: its value is not one",
                "'<<' fusionne un mapping : sa valeur n'en est pas un"
            ),
            Problem::NotFinite(value) => t!(
                "'{value}' is not a number a manifest can hold",
                "'{value}' n'est pas un nombre qu'un manifeste peut contenir"
            ),
            Problem::AliasBomb => {
                let max = limits::MAX_ALIAS_REPLAY;
                t!(
                    "aliases expand to more than {max} values: a YAML alias bomb, or far more aliases than a manifest needs",
                    "les alias se développent en plus de {max} valeurs : une bombe d'alias YAML, ou bien plus d'alias qu'un manifeste n'en demande"
                )
            }
            Problem::Depth => {
                let max = limits::MAX_DEPTH;
                t!("nesting deeper than {max} levels", "une imbrication de plus de {max} niveaux")
            }
            Problem::Limit => t!(
                "the file exceeds a limit of the loader (too many values, documents or parser events)",
                "le fichier dépasse une limite du chargeur (trop de valeurs, de documents ou d'événements d'analyse)"
            ),
            Problem::Other => {
                t!("the YAML cannot be read from here", "le YAML ne se lit plus à partir d'ici")
            }
        }
    }

    /// What to do.
    pub(crate) fn help(&self) -> Text {
        match self {
            Problem::Tab => {
                t!("replace the tab with spaces", "remplacez la tabulation par des espaces")
            }
            Problem::ColonInBrackets => t!(
                "close the '[' or '{{' left open above, or quote the value",
                "fermez le '[' ou le '{{' resté ouvert plus haut, ou mettez la valeur entre guillemets"
            ),
            Problem::Colon | Problem::NoSpace | Problem::Character(_) | Problem::AfterQuote => {
                t!("quote the value: key: \"…\"", "mettez la valeur entre guillemets : clé: \"…\"")
            }
            Problem::LineUp => t!(
                "keys of one mapping start in the same column, and so do the '- ' of one list: indent this line like the line it belongs with",
                "les clés d'un même mapping commencent dans la même colonne, comme les '- ' d'une même liste : indentez cette ligne comme celle dont elle fait partie"
            ),
            Problem::UnclosedBracket(open) => {
                let close = if *open == '{' { '}' } else { ']' };
                t!("close it with '{close}'", "fermez-le par '{close}'")
            }
            Problem::MismatchedBracket(open, _) | Problem::Separator(open) => {
                let close = match open {
                    '{' | '}' => '}',
                    _ => ']',
                };
                t!(
                    "separate the items with ', ' and close the brackets with '{close}'",
                    "séparez les éléments par ', ' et fermez les crochets par '{close}'"
                )
            }
            Problem::UnclosedQuote => t!(
                "close the quote with the same quote mark on the same value",
                "fermez le guillemet par le même guillemet, dans la même valeur"
            ),
            Problem::Escape => t!(
                "write '\\\\' for a backslash, or use single quotes",
                "écrivez '\\\\' pour une barre oblique inverse, ou prenez des guillemets simples"
            ),
            Problem::TextBlock => t!(
                "indent every line of the block more than its key",
                "indentez chaque ligne du bloc plus que sa clé"
            ),
            Problem::UnknownAnchor => t!(
                "define '&name' before '*name', or quote the value if '*' is text",
                "définissez '&nom' avant '*nom', ou mettez la valeur entre guillemets si '*' est du texte"
            ),
            Problem::Tag | Problem::Directive => t!(
                "remove it, or quote the value if it is text",
                "retirez-la, ou mettez la valeur entre guillemets si c'est du texte"
            ),
            Problem::DocumentMarker => t!(
                "'---' starts a document on a line of its own; remove what follows it",
                "'---' commence un document sur une ligne à lui ; retirez ce qui le suit"
            ),
            Problem::Comment => t!(
                "put a space before '#', or quote the value if '#' is text",
                "mettez une espace avant '#', ou la valeur entre guillemets si '#' est du texte"
            ),
            Problem::End => t!(
                "close what the file left open, or remove the unfinished line",
                "fermez ce que le fichier a laissé ouvert, ou retirez la ligne inachevée"
            ),
            Problem::EmptyKey => t!(
                "write the key before ':', or quote it (\"~\")",
                "écrivez la clé avant ':', ou mettez-la entre guillemets (\"~\")"
            ),
            Problem::KeyNotText => {
                t!("write the key as text before ':'", "écrivez la clé en texte avant ':'")
            }
            Problem::DuplicateKey => t!(
                "keep one of the two, or rename one",
                "gardez l'une des deux, ou renommez-en une"
            ),
            Problem::Merge => t!(
                "write '<<: *anchor' with the anchor of a mapping",
                "écrivez '<<: *ancre' avec l'ancre d'un mapping"
            ),
            Problem::NotFinite(_) => t!(
                "write a number, or quote the value if it is text",
                "écrivez un nombre, ou mettez la valeur entre guillemets si c'est du texte"
            ),
            Problem::AliasBomb | Problem::Depth | Problem::Limit => t!(
                "split the file, or write the values out instead of through aliases",
                "découpez le fichier, ou écrivez les valeurs plutôt que des alias"
            ),
            Problem::Other => t!(
                "check the line shown and the one before it: indentation, quotes, brackets, ':'",
                "vérifiez la ligne montrée et celle d'avant : indentation, guillemets, crochets, ':'"
            ),
        }
    }
}

/// An `exclude:` glob globset refuses, said from the kind of its error (globset's words
/// are English).
pub(crate) fn glob_problem(glob: &str, kind: &globset::ErrorKind) -> Text {
    use globset::ErrorKind as G;
    let why = match kind {
        G::InvalidRecursive => t!(
            "'**' stands alone between slashes ('a/**/b')",
            "'**' est seul entre deux barres obliques ('a/**/b')"
        ),
        G::UnclosedClass => t!("a '[' is never closed", "un '[' n'est jamais fermé"),
        G::InvalidRange(a, b) => {
            t!("the range '{a}-{b}' goes backwards", "l'intervalle '{a}-{b}' est à l'envers")
        }
        G::UnopenedAlternates => {
            t!("a '}}' closes no '{{'", "un '}}' ne ferme aucun '{{'")
        }
        G::UnclosedAlternates => t!("a '{{' is never closed", "un '{{' n'est jamais fermé"),
        G::NestedAlternates => {
            t!("'{{…}}' cannot hold another '{{…}}'", "'{{…}}' ne peut pas en contenir un autre")
        }
        G::DanglingEscape => t!("it ends with a lone '\\'", "il finit par un '\\' seul"),
        _ => t!(
            "it is not a glob datacarto can read",
            "ce n'est pas un motif que datacarto sait lire"
        ),
    };
    t!("invalid glob '{glob}': {why}", "motif invalide '{glob}' : {why}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::enums::Language;

    /// A glob's error is said in our words, in both languages.
    #[test]
    fn globs_in_our_words() {
        let err = globset::Glob::new("a/[b").unwrap_err();
        let text = glob_problem("a/[b", err.kind());
        assert_eq!(text.en, "invalid glob 'a/[b': a '[' is never closed");
        assert_eq!(
            text.get(Language::Fr),
            "motif invalide 'a/[b'\u{a0}: un '[' n'est jamais fermé"
        );
    }

    /// Every problem has a message and a help in both languages, the French its own.
    #[test]
    fn every_problem_speaks_both_languages() {
        let all = [
            Problem::Tab,
            Problem::Colon,
            Problem::LineUp,
            Problem::UnclosedBracket('['),
            Problem::MismatchedBracket('[', '}'),
            Problem::Separator('}'),
            Problem::UnclosedQuote,
            Problem::AfterQuote,
            Problem::Character('@'),
            Problem::Escape,
            Problem::TextBlock,
            Problem::ColonInBrackets,
            Problem::NoSpace,
            Problem::UnknownAnchor,
            Problem::Tag,
            Problem::Directive,
            Problem::DocumentMarker,
            Problem::Comment,
            Problem::End,
            Problem::EmptyKey,
            Problem::KeyNotText,
            Problem::DuplicateKey,
            Problem::Merge,
            Problem::NotFinite(".nan".into()),
            Problem::AliasBomb,
            Problem::Depth,
            Problem::Limit,
            Problem::Other,
        ];
        for problem in all {
            for text in [problem.message(), problem.help()] {
                let fr = text.get(Language::Fr);
                assert!(text.fr.is_some() && fr != text.en, "{problem:?}: {fr}");
            }
        }
    }
}
