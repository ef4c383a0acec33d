//! Embeds the provider database (`providers/*.json` and `providers/ispdb/*.json`)
//! into the binary, so the app works with no files beside it.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let mut out = String::from("/// (relative path, contents) of every bundled provider file.\n");
    out.push_str("pub static BUNDLED: &[(&str, &str)] = &[\n");
    for dir in ["providers", "providers/ispdb"] {
        let abs = Path::new(&root).join(dir);
        println!("cargo:rerun-if-changed={}", abs.display());
        let Ok(entries) = std::fs::read_dir(&abs) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "json")
                    && p.file_name().is_some_and(|n| n != "schema.json")
            })
            .collect();
        files.sort();
        for path in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let rel = format!("{dir}/{}", name.unwrap_or_default());
            let _ = writeln!(
                out,
                "    ({rel:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("bundled.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
