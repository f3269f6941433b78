//! Native helpers for the per-piece rules: membership in the word list.
//!
//! Why: NL101 asks the dictionary about every distinct word of a text once (about 20,000 words
//! in the first piece of a big file) and about many derived strings (stems, halves of
//! compounds, and for ~400 words every string one edit away, ~500 each). In Python a probe of
//! the word list costs ~2 us (`newslint.lexicon.SortedWords`: bisect over the bucket keys, two
//! hexadecimal offsets, a `bytes.find`), and a frozenset of all 167,000 words ~38 ms to build.
//! A [`WordSet`] is built in ~5 ms and answers in well under a microsecond, and it makes the
//! one-edit strings itself instead of a Python string each. `SortedWords` stays the reference;
//! tests/test_native.py compares both.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// The words of a word list's sorted parts: the list's bytes and an open-addressing hash table
/// of (start, length) of each word in them (one allocation, not one per word: building a std
/// `HashSet` of 167,000 boxed words took ~20 ms, this ~5 ms).
#[pyclass(frozen, module = "newslint._native")]
pub struct WordSet {
    data: Vec<u8>,
    /// (start, length) of a word in `data`; length 0 marks an empty slot (no word is empty).
    slots: Vec<(u32, u32)>,
    mask: usize,
}

fn hash(key: &[u8]) -> usize {
    let mut h = FxHasher::default();
    h.write(key);
    let mut x = h.finish();
    x ^= x >> 31;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (x ^ (x >> 29)) as usize
}

impl WordSet {
    /// The slot holding `key`, or the empty slot where it would go.
    fn slot(&self, key: &[u8]) -> usize {
        let mut i = hash(key) & self.mask;
        loop {
            let (start, len) = self.slots[i];
            if len == 0 || &self.data[start as usize..(start + len) as usize] == key {
                return i;
            }
            i = (i + 1) & self.mask;
        }
    }

    fn has(&self, key: &[u8]) -> bool {
        !key.is_empty() && !key.contains(&b'\n') && self.slots[self.slot(key)].1 != 0
    }
}

#[pymethods]
impl WordSet {
    /// The lines of `data[start..end]` for each (start, end) of `parts`; each part holds one
    /// word a line, every line ending with "\n" (what follows the last "\n" is not a word, as
    /// in `SortedWords`).
    #[new]
    fn new(data: &[u8], parts: Vec<(usize, usize)>) -> PyResult<Self> {
        if data.len() >= u32::MAX as usize {
            return Err(pyo3::exceptions::PyValueError::new_err("the word list is too big"));
        }
        let mut words: Vec<(u32, u32)> = Vec::new();
        for (lo, hi) in parts {
            if lo > hi || hi > data.len() {
                return Err(pyo3::exceptions::PyValueError::new_err("a part lies outside the data"));
            }
            let mut start = lo;
            while let Some(p) = data[start..hi].iter().position(|&b| b == b'\n') {
                if p > 0 {
                    words.push((start as u32, p as u32));
                }
                start += p + 1;
            }
        }
        let size = (words.len() + words.len() / 2).next_power_of_two().max(16); // at most 2/3 full
        let mut set = WordSet { data: data.to_vec(), slots: vec![(0, 0); size], mask: size - 1 };
        for (start, len) in words {
            let i = set.slot(&set.data[start as usize..(start + len) as usize]);
            set.slots[i] = (start, len);
        }
        Ok(set)
    }

    /// The items of `words` that are in the set, in order, as the same objects: what
    /// `word in SortedWords` answers for each (a non-str, an empty word, one holding a line
    /// break, or one that cannot be encoded, a lone surrogate, is never found).
    fn known<'py>(&self, words: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let found = PyList::empty(words.py());
        for item in words.try_iter()? {
            let item = item?;
            let Ok(word) = item.cast::<PyString>() else { continue };
            let Ok(encoded) = word.encode_utf8() else { continue };
            if self.has(encoded.as_bytes()) {
                found.append(item)?;
            }
        }
        Ok(found)
    }

    /// Is one of the strings one edit from `word` in the set? The edits are
    /// `newslint.rules.spelling.edits1`'s: every deletion, transposition of neighbours,
    /// substitution and insertion of one of `letters`, except `word` itself. None when `word`
    /// cannot be encoded (a lone surrogate): the caller asks Python.
    fn edit_known(&self, word: &Bound<'_, PyString>, letters: &str) -> Option<bool> {
        let encoded = word.encode_utf8().ok()?;
        let text = std::str::from_utf8(encoded.as_bytes()).ok()?;
        let chars: Vec<char> = text.chars().collect();
        let letters: Vec<char> = letters.chars().collect();
        let mut buf = String::with_capacity(text.len() + 8);
        let mut known = |pieces: &[&[char]]| -> bool {
            buf.clear();
            pieces.iter().for_each(|p| buf.extend(p.iter()));
            buf != text && self.has(buf.as_bytes())
        };
        for i in 0..=chars.len() {
            let (a, b) = chars.split_at(i);
            if !b.is_empty() && known(&[a, &b[1..]]) {
                return Some(true); // a deletion
            }
            if b.len() > 1 && known(&[a, &[b[1], b[0]], &b[2..]]) {
                return Some(true); // a transposition
            }
            for c in &letters {
                let c = std::slice::from_ref(c);
                if !b.is_empty() && known(&[a, c, &b[1..]]) {
                    return Some(true); // a substitution
                }
                if known(&[a, c, b]) {
                    return Some(true); // an insertion
                }
            }
        }
        Some(false)
    }
}
