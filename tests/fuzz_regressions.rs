//! The fuzz targets' checks (`fuzz/src/lib.rs`, compiled here as a module: no second build)
//! over every committed seed and regression input (`fuzz/seeds/<target>/`,
//! `fuzz/regressions/<target>/`), as plain tests of `cargo test`: a crash the fuzzer found once
//! is kept as a file in `regressions/` and fails this test if it ever comes back.
//! The fuzzing itself: `make fuzz` (scripts/fuzz.sh).

#[path = "../fuzz/src/lib.rs"]
mod itcare_fuzz;

use std::path::Path;

fn replay(folder: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder);
    let mut count = 0;
    for (name, check) in itcare_fuzz::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            eprintln!("{name}: {}", file.display());
            check(&data);
            count += 1;
        }
    }
    count
}

#[test]
fn seeds_pass_every_check() {
    assert!(replay("seeds") > 0, "no seeds found");
}

#[test]
fn regressions_stay_fixed() {
    replay("regressions");
}

/// Found by `client_read` (a property too strict, not a bug): `Retry-After:
/// 00005024183245818310754` saturates to `u64::MAX` ms; the retry policy then gives up instead
/// of sleeping (T5), which is what the target now checks.
#[test]
fn absurd_retry_after_gives_up() {
    let data = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/client_read/retry_after_saturates"),
    )
    .unwrap();
    itcare_fuzz::client_read(&data);
    let now = 1_767_225_600_000;
    assert_eq!(
        itcare_postgresql::client::parse_retry_after("00005024183245818310754", now),
        Some(u64::MAX)
    );
}
