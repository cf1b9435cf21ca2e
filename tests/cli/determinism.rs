//! Same input, same bytes out: the order in which files are created (and so listed by the
//! file system) changes nothing in any output format.

use proptest::prelude::*;

use crate::support::Map;

/// Files of a map with findings in several of them, so that order matters if anything does.
const FILES: &[(&str, &str)] = &[
    ("datacarto.yaml", "organization: {name: Test}\n"),
    ("teams.yaml", "teams:\n  - id: it\n  - id: sales\n"),
    ("stores/a.yaml", "stores:\n  - id: a\n    owner: it\n    fields: [{id: x}, {id: y}]\n"),
    ("stores/b.yaml", "stores:\n  - id: b\n    owner: sale\n    fields: [{id: x}]\n"),
    ("stores/c.yaml", "stores:\n  - id: c\n    kind: crmm\n  - id: a\n"),
    (
        "z/flows.yaml",
        "flows:\n  - {from: a, to: b, fields: [x, y]}\n  - {from: a, to: d, fields: [x]}\n",
    ),
    (
        "flows.yaml",
        "flows:\n  - {from: b, to: c, fields: [x]}\n  - {from: a, to: b, fields: [y]}\n",
    ),
    ("purposes.yaml", "purposes:\n  - {id: p, uses: [c.x, b.q], subjects: [customr]}\n"),
];

fn outputs(order: &[usize]) -> Vec<String> {
    let map = Map::new(&[]);
    for &i in order {
        let (rel, text) = FILES[i];
        map.write(rel, text.as_bytes());
    }
    ["human", "concise", "json", "sarif", "github"]
        .iter()
        .map(|format| {
            let out = map.run(&["check", "--format", format, "--as-of", "2026-01-01"]);
            assert_eq!(out.code, 1, "{}", out.stderr);
            out.stdout
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Shuffling the order files are written in changes no byte of any output.
    #[test]
    fn file_order_changes_nothing(order in Just((0..FILES.len()).collect::<Vec<_>>()).prop_shuffle()) {
        let baseline = outputs(&(0..FILES.len()).collect::<Vec<_>>());
        prop_assert_eq!(outputs(&order), baseline);
    }
}
