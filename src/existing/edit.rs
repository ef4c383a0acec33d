//! Byte-range edits on the original file: the only way a fixed file is made.
//!
//! A fix is a list of "replace these bytes with those" (an insertion is an empty
//! range). Everything outside the ranges is copied unchanged, which is what "only
//! the wrong parts change" means in code.

use std::ops::Range;

/// One replacement: `range` of the original becomes `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Bytes of the original replaced (empty for an insertion).
    pub range: Range<usize>,
    /// What goes there instead.
    pub text: Vec<u8>,
}

impl Edit {
    /// Replaces `range` with `text`.
    pub fn replace(range: Range<usize>, text: impl Into<Vec<u8>>) -> Edit {
        Edit {
            range,
            text: text.into(),
        }
    }

    /// Inserts `text` at byte `at`.
    pub fn insert(at: usize, text: impl Into<Vec<u8>>) -> Edit {
        Edit {
            range: at..at,
            text: text.into(),
        }
    }
}

/// Why edits could not be applied (a reader bug, never the user's input).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("internal error: edits overlap or fall outside the file at byte {0}")]
pub struct EditError(pub usize);

/// Applies `edits` to `original`. Edits are sorted by position; insertions at the
/// same place keep their order. Overlapping or out-of-range edits are refused.
pub fn apply(original: &[u8], mut edits: Vec<Edit>) -> Result<Vec<u8>, EditError> {
    // Stable sort: two insertions at one offset stay in the order they were made.
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let extra: usize = edits.iter().map(|e| e.text.len()).sum();
    let mut out = Vec::with_capacity(original.len() + extra);
    let mut pos = 0;
    for e in edits {
        if e.range.start < pos || e.range.end < e.range.start || e.range.end > original.len() {
            return Err(EditError(e.range.start));
        }
        out.extend_from_slice(&original[pos..e.range.start]);
        out.extend_from_slice(&e.text);
        pos = e.range.end;
    }
    out.extend_from_slice(&original[pos..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_order() {
        let out = apply(
            b"host a\nport 1\n",
            vec![
                Edit::replace(12..13, "995"),
                Edit::replace(5..6, "b.example"),
                Edit::insert(14, "x\n"),
                Edit::insert(14, "y\n"),
            ],
        )
        .unwrap();
        assert_eq!(out, b"host b.example\nport 995\nx\ny\n");
        assert_eq!(apply(b"abc", vec![]).unwrap(), b"abc");
        assert!(
            apply(
                b"abc",
                vec![Edit::replace(0..2, ""), Edit::replace(1..3, "")]
            )
            .is_err()
        );
        assert!(apply(b"abc", vec![Edit::replace(2..9, "")]).is_err());
    }
}
