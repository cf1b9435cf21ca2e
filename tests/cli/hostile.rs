//! Hostile input: nothing a user can type crashes or hangs the loader. Every run here must end
//! with exit 0 or 1 (2 only when the map folder itself is unusable), print no panic, and give
//! JSON on stdout whose findings say what is wrong and where.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::support::{Map, Output};

/// The loader's file size limit (`load::yaml::limits::MAX_FILE_BYTES`).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One finding of a JSON report, reduced to what these tests look at.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    rule: String,
    level: String,
    file: String,
    line: u64,
    message: String,
}

/// `datacarto check --format json` on the map.
fn check(map: &Map) -> Output {
    map.run(&["check", "--format", "json"])
}

/// What a run printed, for assertion messages.
fn shown(out: &Output) -> String {
    format!("exit {}\n--- stdout\n{}\n--- stderr\n{}", out.code, out.stdout, out.stderr)
}

/// Fails when the run panicked or printed a backtrace.
fn assert_no_panic(out: &Output) {
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("RUST_BACKTRACE"),
        "datacarto panicked:\n{}",
        shown(out)
    );
}

/// The findings of a JSON run, after checking that the run ended as datacarto promises: no
/// panic, exit 0 or 1 (1 exactly when an error-level finding is reported), and a JSON report.
fn findings(out: &Output) -> Vec<Seen> {
    assert_no_panic(out);
    assert!(out.code == 0 || out.code == 1, "exit 0 or 1 expected:\n{}", shown(out));
    let report: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|err| panic!("stdout is not JSON ({err}):\n{}", shown(out)));
    let list = report["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings array:\n{}", shown(out)));
    let text = |f: &Value, key: &str| f[key].as_str().unwrap_or_default().to_owned();
    let seen: Vec<Seen> = list
        .iter()
        .map(|f| Seen {
            rule: text(f, "rule"),
            level: text(f, "level"),
            file: text(f, "file"),
            line: f["line"].as_u64().unwrap_or(0),
            message: text(f, "message"),
        })
        .collect();
    let errors = seen.iter().any(|f| f.level == "error");
    assert_eq!(out.code, i32::from(errors), "exit 1 exactly when errors:\n{}", shown(out));
    seen
}

/// The first finding of `rule` in `file`, or a failure that shows the whole run.
fn finding<'a>(seen: &'a [Seen], out: &Output, rule: &str, file: &str) -> &'a Seen {
    seen.iter()
        .find(|f| f.rule == rule && f.file == file)
        .unwrap_or_else(|| panic!("no {rule} finding in {file}:\n{}", shown(out)))
}

/// The rules of the loader: a file that cannot be read, parsed or converted, and the
/// integrity of what was loaded. The other rules judge the map's content (a store without an
/// owner…), which these tests do not care about.
const LOADER_RULES: &[&str] = &[
    "yaml-syntax",
    "schema",
    "unreadable-file",
    "duplicate-id",
    "unknown-reference",
    "invalid-suppression",
];

/// The findings of the loader's rules.
fn loader_findings(seen: &[Seen]) -> Vec<&Seen> {
    seen.iter().filter(|f| LOADER_RULES.contains(&f.rule.as_str())).collect()
}

/// Checks a map that must load with no loader finding and exit 0.
fn assert_loads_cleanly(map: &Map) {
    let out = check(map);
    let seen = findings(&out);
    assert!(loader_findings(&seen).is_empty(), "no loader findings expected:\n{}", shown(&out));
    assert_eq!(out.code, 0, "{}", shown(&out));
}

/// Deterministic bytes that look like a binary file: every value, NULs included.
fn binary_bytes(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|i| {
            // xorshift64*, with a NUL every 64 bytes to be sure there are some.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let byte = state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_be_bytes()[0];
            if i % 64 == 1 { 0 } else { byte }
        })
        .collect()
}

/// A YAML "billion laughs": 9 levels of 9 aliases each.
fn alias_bomb() -> String {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let refs = vec![format!("*a{}", level - 1); 9].join(", ");
        let _ = writeln!(bomb, "a{level}: &a{level} [{refs}]");
    }
    bomb
}

/// A valid manifest of at least `bytes` bytes: one `stores:` list of many stores with fields.
fn big_manifest(bytes: usize) -> String {
    // Long descriptions keep the byte count high and the node count (the cost) moderate.
    let description = "lorem ipsum dolor sit amet ".repeat(150);
    let mut text = String::with_capacity(bytes + 64 * 1024);
    text.push_str("stores:\n");
    let mut store = 0;
    while text.len() < bytes {
        let _ = write!(
            text,
            "  - id: store-{store}\n    name: Store {store}\n    kind: database\n    fields:\n"
        );
        for field in 0..10 {
            let _ = write!(
                text,
                "      - id: field-{field}\n        name: Field {field}\n        \
                 description: {description}\n"
            );
        }
        store += 1;
    }
    text
}

/// `text` in UTF-16 with a byte-order mark, little- or big-endian.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        let pair = if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

/// A sparse file of `len` bytes: it takes no room on disk.
fn sparse_file(path: &Path, len: u64) {
    let file = std::fs::File::create(path).expect("create a file");
    file.set_len(len).expect("grow the file");
}

/// An alias bomb stops at the alias replay limit with a `yaml-syntax` finding about aliases.
#[test]
fn alias_bomb_stops_at_the_alias_limit() {
    let map = Map::new(&[("bomb.yaml", &alias_bomb())]);
    let out = check(&map);
    let seen = findings(&out);
    let f = finding(&seen, &out, "yaml-syntax", "bomb.yaml");
    assert!(f.message.contains("alias"), "{}", shown(&out));
    assert_eq!(out.code, 1);
}

/// 10,000 nested brackets stop at the depth limit with a `yaml-syntax` finding about nesting.
#[test]
fn deep_nesting_stops_at_the_depth_limit() {
    let deep = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let map = Map::new(&[("deep.yaml", &deep)]);
    let out = check(&map);
    let seen = findings(&out);
    let f = finding(&seen, &out, "yaml-syntax", "deep.yaml");
    assert!(f.message.contains("nesting"), "{}", shown(&out));
    assert_eq!(f.line, 1);
}

/// Nesting just past the 64-level limit, inside a real key, is reported on its line.
#[test]
fn nesting_past_the_limit_is_reported_on_its_line() {
    let deep = format!("stores:\n  - id: crm\n    name: {}{}\n", "[".repeat(100), "]".repeat(100));
    let map = Map::new(&[("deep.yaml", &deep)]);
    let out = check(&map);
    let seen = findings(&out);
    let f = finding(&seen, &out, "yaml-syntax", "deep.yaml");
    assert!(f.message.contains("nesting deeper than 64"), "{}", shown(&out));
    assert_eq!(f.line, 3, "{}", shown(&out));
}

/// A 20 MB valid manifest (about 500 stores of ten fields) loads with no loader finding.
#[test]
fn twenty_megabyte_manifest_loads_without_findings() {
    let text = big_manifest(20 * 1024 * 1024);
    assert!(text.len() >= 20 * 1024 * 1024);
    let map = Map::new(&[("big.yaml", &text)]);
    assert_loads_cleanly(&map);
}

/// A binary file named `.yaml` (random bytes with NULs) is a `yaml-syntax` finding.
#[test]
fn binary_file_is_reported_as_not_yaml_text() {
    let map = Map::new(&[]);
    map.write("blob.yaml", &binary_bytes(64 * 1024));
    let out = check(&map);
    let seen = findings(&out);
    let f = finding(&seen, &out, "yaml-syntax", "blob.yaml");
    assert!(f.message.contains("binary"), "{}", shown(&out));
    // The place is the first NUL byte, on whatever line the random bytes before it make.
    assert!(f.line >= 1);
}

/// Invalid UTF-8 is a `yaml-syntax` finding on the line of the bad byte.
#[test]
fn invalid_utf8_is_reported_on_its_line() {
    let map = Map::new(&[]);
    map.write("latin1.yaml", b"stores:\n  - id: caf\xe9\n");
    let out = check(&map);
    let seen = findings(&out);
    let f = finding(&seen, &out, "yaml-syntax", "latin1.yaml");
    assert!(f.message.contains("UTF-8") && f.message.contains("0xE9"), "{}", shown(&out));
    assert_eq!(f.line, 2, "{}", shown(&out));
}

/// A file that is not text is reported once, and none of its entities is loaded (the
/// `yaml-syntax` rule: "nothing in the file can be read").
#[test]
fn not_text_file_is_reported_once_and_not_loaded() {
    let map = Map::new(&[("other.yaml", "stores:\n  - id: crm\n")]);
    map.write("latin1.yaml", b"stores:\n  - id: crm\n  - id: caf\xe9\n");
    map.write("blob.yaml", &binary_bytes(4096));
    map.write("wide.yaml", &utf16("stores:\n  - id: crm\n", true));
    let out = check(&map);
    let seen = findings(&out);
    let got: Vec<(&str, &str)> =
        loader_findings(&seen).iter().map(|f| (f.rule.as_str(), f.file.as_str())).collect();
    assert_eq!(
        got,
        [
            ("yaml-syntax", "blob.yaml"),
            ("yaml-syntax", "latin1.yaml"),
            ("yaml-syntax", "wide.yaml")
        ],
        "{}",
        shown(&out)
    );
}

/// An empty file, a file of comments and a lone `---` document load with no loader finding.
#[test]
fn empty_comment_only_and_bare_document_files_are_clean() {
    let map = Map::new(&[
        ("empty.yaml", ""),
        ("comments.yaml", "# nothing here yet\n# still nothing\n"),
        ("bare.yaml", "---\n"),
        ("bare-twice.yml", "---\n---\n...\n"),
    ]);
    assert_loads_cleanly(&map);
}

/// A symbolic link loop (`loop -> .`) is not followed: the run finishes and reports the link
/// as `unreadable-file` at info level, exit 0; the real manifest is still checked.
#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_and_not_followed() {
    let map = Map::new(&[("stores.yaml", "stores:\n  - id: crm\n")]);
    std::os::unix::fs::symlink(".", map.path().join("loop")).expect("a symbolic link");
    let out = check(&map);
    let seen = findings(&out);
    let f = finding(&seen, &out, "unreadable-file", "loop");
    assert_eq!(f.level, "info", "{}", shown(&out));
    assert_eq!(loader_findings(&seen).len(), 1, "only the link is reported:\n{}", shown(&out));
    assert_eq!(out.code, 0);
}

/// A file without read permission is `unreadable-file` (skipped when running as root, which
/// reads it anyway: then the file simply loads).
#[cfg(unix)]
#[test]
fn unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt as _;

    let map = Map::new(&[("locked.yaml", "stores:\n  - id: crm\n")]);
    let path = map.path().join("locked.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    let readable_anyway = std::fs::File::open(&path).is_ok();
    let out = check(&map);
    let seen = findings(&out);
    if readable_anyway {
        // Root (or a capability) bypasses the permission: the file loads like any other.
        assert!(loader_findings(&seen).is_empty(), "{}", shown(&out));
    } else {
        let f = finding(&seen, &out, "unreadable-file", "locked.yaml");
        assert_eq!(f.level, "error");
        assert!(f.message.contains("locked.yaml"), "{}", shown(&out));
        assert_eq!(out.code, 1);
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod back");
}

/// A key repeated in one mapping is `yaml-syntax` on the line of the second key.
#[test]
fn duplicate_key_is_reported_at_the_second_key() {
    let map = Map::new(&[("dup.yaml", "stores:\n  - id: crm\n    name: CRM\n    name: Other\n")]);
    let out = check(&map);
    let seen = findings(&out);
    let f = finding(&seen, &out, "yaml-syntax", "dup.yaml");
    assert!(f.message.contains("duplicate"), "{}", shown(&out));
    assert_eq!(f.line, 4, "{}", shown(&out));
}

/// A key repeated through an alias (`*k : …`) is reported on the line of the alias, the
/// second key, not at the anchor.
#[test]
fn duplicate_key_through_an_alias_is_reported_at_the_alias() {
    let map = Map::new(&[("dup.yaml", "&k name: crm\nid: crm\n*k : other\n")]);
    let out = check(&map);
    let seen = findings(&out);
    let f = finding(&seen, &out, "yaml-syntax", "dup.yaml");
    assert_eq!(f.line, 3, "{}", shown(&out));
}

/// Messages speak to the user, without the parser's API or positions that contradict the
/// finding's own place.
#[test]
fn syntax_messages_speak_to_the_user() {
    let map = Map::new(&[
        ("bomb.yaml", &alias_bomb()),
        ("dup.yaml", "stores:\n  - id: crm\n    name: CRM\n    name: Other\n"),
        ("null-key.yaml", "~: 1\n"),
    ]);
    let out = check(&map);
    let seen = findings(&out);
    for file in ["bomb.yaml", "dup.yaml", "null-key.yaml"] {
        let message = &finding(&seen, &out, "yaml-syntax", file).message;
        for jargon in ["DuplicateKeyPolicy", "Option<", " at line ", "(used at", "(defined at"] {
            assert!(!message.contains(jargon), "{file}: {message}");
        }
    }
}

/// A tab used for indentation is `yaml-syntax` on its line.
#[test]
fn tab_indentation_is_a_syntax_error() {
    let map = Map::new(&[("tabs.yaml", "stores:\n\t- id: crm\n")]);
    let out = check(&map);
    let seen = findings(&out);
    let f = finding(&seen, &out, "yaml-syntax", "tabs.yaml");
    assert!(f.message.contains("tab"), "{}", shown(&out));
    assert_eq!(f.line, 2, "{}", shown(&out));
}

/// Windows line ends (CRLF) do not shift the reported lines.
#[test]
fn crlf_line_ends_report_the_right_line() {
    let map = Map::new(&[
        ("schema.yaml", "stores:\r\n  - id: crm\r\n    colour: blue\r\n"),
        ("dup.yaml", "stores:\r\n  - id: erp\r\n    name: A\r\n    name: B\r\n"),
    ]);
    let out = check(&map);
    let seen = findings(&out);
    assert_eq!(finding(&seen, &out, "schema", "schema.yaml").line, 3, "{}", shown(&out));
    assert_eq!(finding(&seen, &out, "yaml-syntax", "dup.yaml").line, 4, "{}", shown(&out));
}

/// Old Mac line ends (a lone CR, a line break in YAML) report the line YAML sees.
#[test]
fn lone_cr_line_ends_report_the_right_line() {
    let map = Map::new(&[("schema.yaml", "stores:\r  - id: crm\r    colour: blue\r")]);
    let out = check(&map);
    let seen = findings(&out);
    assert_eq!(finding(&seen, &out, "schema", "schema.yaml").line, 3, "{}", shown(&out));
}

/// A file over the 64 MiB limit is `unreadable-file` and is not read; the other files are
/// still loaded and checked (a store declared in two of them is a `duplicate-id`).
#[test]
fn file_over_the_size_limit_is_skipped_and_the_rest_is_checked() {
    let map =
        Map::new(&[("a.yaml", "stores:\n  - id: crm\n"), ("b.yaml", "stores:\n  - id: crm\n")]);
    sparse_file(&map.path().join("huge.yaml"), MAX_FILE_BYTES + 1);
    let out = check(&map);
    let seen = findings(&out);
    let f = finding(&seen, &out, "unreadable-file", "huge.yaml");
    assert!(f.message.contains("64 MiB"), "{}", shown(&out));
    assert!(seen.iter().any(|f| f.rule == "duplicate-id"), "{}", shown(&out));
    assert_eq!(out.code, 1);
}

/// A UTF-16 file (either byte order) is `yaml-syntax` saying it is UTF-16.
#[test]
fn utf16_file_is_reported_as_utf16() {
    let map = Map::new(&[]);
    map.write("le.yaml", &utf16("stores:\n  - id: crm\n", true));
    map.write("be.yaml", &utf16("stores:\n  - id: erp\n", false));
    let out = check(&map);
    let seen = findings(&out);
    for file in ["le.yaml", "be.yaml"] {
        let f = finding(&seen, &out, "yaml-syntax", file);
        assert!(f.message.contains("UTF-16"), "{}", shown(&out));
        assert_eq!(f.line, 1);
    }
}

/// A single 1 MB line (a long description) loads with no loader finding.
#[test]
fn megabyte_long_line_loads() {
    let text = format!("stores:\n  - id: crm\n    description: {}\n", "a".repeat(1 << 20));
    let map = Map::new(&[("long.yaml", &text)]);
    assert_loads_cleanly(&map);
}

/// A document whose root is a list or a scalar is a `schema` finding.
#[test]
fn root_list_or_scalar_is_a_schema_error() {
    let map = Map::new(&[
        ("list.yaml", "- id: crm\n- id: erp\n"),
        ("scalar.yaml", "just some text\n"),
        ("number.yaml", "42\n"),
    ]);
    let out = check(&map);
    let seen = findings(&out);
    for file in ["list.yaml", "scalar.yaml", "number.yaml"] {
        let f = finding(&seen, &out, "schema", file);
        assert!(f.message.contains("mapping"), "{}", shown(&out));
        assert_eq!(f.line, 1);
    }
    assert!(!seen.iter().any(|f| f.rule == "yaml-syntax"), "{}", shown(&out));
}

/// A map folder that does not exist exits 2 with a clear `error:` on stderr.
#[test]
fn missing_map_folder_exits_2_with_an_error() {
    let map = Map::new(&[]);
    let out = map.run(&["check", "--format", "json", "no-such-folder"]);
    assert_no_panic(&out);
    assert_eq!(out.code, 2, "{}", shown(&out));
    assert!(out.stderr.starts_with("error:"), "{}", shown(&out));
    assert!(out.stderr.contains("no-such-folder"), "{}", shown(&out));
    assert!(out.stdout.trim().is_empty(), "{}", shown(&out));
}

/// A map path that is a file, not a folder, exits 2 with a clear `error:` on stderr.
#[test]
fn map_path_that_is_a_file_exits_2_with_an_error() {
    let map = Map::new(&[("stores.yaml", "stores: []\n")]);
    let out = map.run(&["check", "--format", "json", "stores.yaml"]);
    assert_no_panic(&out);
    assert_eq!(out.code, 2, "{}", shown(&out));
    assert!(out.stderr.starts_with("error:"), "{}", shown(&out));
    assert!(out.stderr.contains("not a folder"), "{}", shown(&out));
}

/// The problems of several files all come back in one run, each in its own file.
#[test]
fn problems_in_several_files_come_back_in_one_run() {
    let map = Map::new(&[
        ("a.yaml", "stores:\n  - id: crm\n    fields: [email\n"),
        ("b.yaml", "stores:\n  - id: erp\n    colour: blue\n"),
        ("nested/c.yaml", "flows:\n  - id: sync\n    id: again\n"),
        ("ok.yaml", "stores:\n  - id: billing\n"),
    ]);
    let out = check(&map);
    let seen = findings(&out);
    finding(&seen, &out, "yaml-syntax", "a.yaml");
    assert_eq!(finding(&seen, &out, "schema", "b.yaml").line, 3, "{}", shown(&out));
    assert_eq!(finding(&seen, &out, "yaml-syntax", "nested/c.yaml").line, 3, "{}", shown(&out));
    let in_ok = loader_findings(&seen).into_iter().filter(|f| f.file == "ok.yaml").count();
    assert_eq!(in_ok, 0, "ok.yaml loads:\n{}", shown(&out));
    assert_eq!(out.code, 1);
}

/// A file with problems by the thousand reports the first thousand and says how many more
/// there are, instead of flooding the report.
#[test]
fn problems_per_file_are_capped() {
    let mut text = String::from("stores:\n  - id: a\n");
    for i in 0..1500 {
        text.push_str(&format!("    k{i}: x\n"));
    }
    let map = Map::new(&[("many.yaml", &text)]);
    let out = check(&map);
    let seen = findings(&out);
    let in_file = seen.iter().filter(|f| f.file == "many.yaml" && f.rule == "schema").count();
    assert_eq!(in_file, 1001, "{}", shown(&out));
    assert!(seen.iter().any(|f| f.message == "500 more problems in this file are not shown"));
}
