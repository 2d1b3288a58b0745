//! The API spec lives inside the repository (`docs/spec/`), so a clone resolves every rule number
//! it cites. These tests fail when the copy is stale against `../shared/spec/` (where that folder
//! exists: refresh with `scripts/sync-spec.sh`) or when code cites a rule the spec does not define.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const SPEC_FILES: [&str; 2] = ["API.md", "itcare-postgresql-reference.txt"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn spec_copy_matches_the_shared_spec() {
    let shared = root().join("../shared/spec");
    if !shared.is_dir() {
        eprintln!("no ../shared/spec beside this clone: the in-repo copy is the reference");
        return;
    }
    for file in SPEC_FILES {
        let ours = fs::read(root().join("docs/spec").join(file)).expect("docs/spec copy exists");
        let theirs = fs::read(shared.join(file)).expect("shared spec file exists");
        assert!(
            ours == theirs,
            "docs/spec/{file} is stale: run scripts/sync-spec.sh"
        );
    }
}

/// Rule ids defined by the spec: a list item opening with the id (`- T1 …`, `- C11 …`).
fn defined_rules() -> BTreeSet<String> {
    let text = fs::read_to_string(root().join("docs/spec/API.md")).expect("docs/spec/API.md");
    text.lines()
        .filter_map(|l| l.trim_start().strip_prefix("- "))
        .filter_map(|l| l.split_whitespace().next())
        .map(|w| w.trim_end_matches(['.', ':', ',']).to_string())
        .filter(|w| is_rule_id(w))
        .collect()
}

fn is_rule_id(w: &str) -> bool {
    let mut chars = w.chars();
    matches!(chars.next(), Some('T' | 'A' | 'C' | 'O' | 'L' | 'P'))
        && (2..=3).contains(&w.len())
        && chars.all(|c| c.is_ascii_digit())
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_rule_cited_in_code_is_defined_in_the_spec() {
    let defined = defined_rules();
    assert!(defined.len() > 30, "spec rules parsed: {defined:?}");
    let mut files = Vec::new();
    for dir in ["src", "sim/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    let mut missing = BTreeSet::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap_or_default();
        for line in text.lines().filter(|l| l.contains("//")) {
            let comment = &line[line.find("//").unwrap_or(0)..];
            for word in comment.split(|c: char| !c.is_ascii_alphanumeric()) {
                if is_rule_id(word) && !defined.contains(word) {
                    missing.insert(format!("{word} ({})", file.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rules cited but not in docs/spec/API.md: {missing:?}"
    );
}
