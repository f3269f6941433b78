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
/// of where each word starts in them (one allocation, not one per word: building a std
/// `HashSet` of 167,000 boxed words took ~20 ms, this ~5 ms). A slot holds the word's start
/// (plus one; 0 is an empty slot) and 32 bits of its hash, so that a probe for a missing word,
/// the common case for the one-edit strings, rarely reads the list itself; the table is at
/// most half full.
#[pyclass(frozen, module = "newslint._native")]
pub struct WordSet {
    /// The list's bytes; every stored word is followed by "\n".
    data: Vec<u8>,
    slots: Vec<u64>,
    mask: usize,
    /// Two bits per word of a bit array about 8 times the word count (~256 KB, stays in cache):
    /// most strings that are no word (the one-edit strings) are turned away here, before the
    /// table (~4 MB) is read.
    bloom: Vec<u64>,
    bloom_mask: usize,
}

fn hash(key: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(key);
    let mut x = h.finish();
    x ^= x >> 31;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^ (x >> 29)
}

/// The two bloom-filter bits of a hash (other bits than the slot index's and the tag's low ones).
fn bloom_bits(h: u64, mask: usize) -> (usize, usize) {
    (h.rotate_left(21) as usize & mask, h.rotate_left(42) as usize & mask)
}

impl WordSet {
    /// The slot holding `key` (whose hash is `h`), or the empty slot where it would go.
    fn slot(&self, key: &[u8], h: u64) -> usize {
        let tag = h >> 32;
        let mut i = h as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return i;
            }
            if s & 0xffff_ffff == tag {
                let start = (s >> 32) as usize - 1;
                let end = start + key.len();
                if self.data.get(start..end) == Some(key) && self.data.get(end) == Some(&b'\n') {
                    return i;
                }
            }
            i = (i + 1) & self.mask;
        }
    }

    fn has(&self, key: &[u8]) -> bool {
        if key.is_empty() || key.contains(&b'\n') {
            return false;
        }
        let h = hash(key);
        let (a, b) = bloom_bits(h, self.bloom_mask);
        if self.bloom[a / 64] & (1 << (a % 64)) == 0 || self.bloom[b / 64] & (1 << (b % 64)) == 0 {
            return false;
        }
        self.slots[self.slot(key, h)] != 0
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
        let mut words: Vec<(usize, usize)> = Vec::new();
        for (lo, hi) in parts {
            if lo > hi || hi > data.len() {
                return Err(pyo3::exceptions::PyValueError::new_err("a part lies outside the data"));
            }
            let mut start = lo;
            while let Some(p) = data[start..hi].iter().position(|&b| b == b'\n') {
                if p > 0 {
                    words.push((start, start + p));
                }
                start += p + 1;
            }
        }
        let size = (words.len() * 2).next_power_of_two().max(16);
        let bloom_size = (words.len() * 8).next_power_of_two().max(64); // bits
        let mut set = WordSet {
            data: data.to_vec(),
            slots: vec![0; size],
            mask: size - 1,
            bloom: vec![0; bloom_size / 64],
            bloom_mask: bloom_size - 1,
        };
        for (start, end) in words {
            let key = &set.data[start..end];
            let h = hash(key);
            let i = set.slot(key, h);
            if set.slots[i] == 0 {
                set.slots[i] = ((start as u64 + 1) << 32) | (h >> 32);
            }
            let (a, b) = bloom_bits(h, set.bloom_mask);
            set.bloom[a / 64] |= 1 << (a % 64);
            set.bloom[b / 64] |= 1 << (b % 64);
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
        let mut found = false;
        self.edits(word, letters, &mut |_| {
            found = true;
            false // one is enough
        })?;
        Some(found)
    }

    /// The distinct strings one edit from `word` (as in [`WordSet::edit_known`]) that are in
    /// the set, `word` itself left out, in no particular order; None for a lone surrogate.
    /// (Suggestions for an unknown word: `Lexicon.candidates`.)
    fn known_edits(&self, word: &Bound<'_, PyString>, letters: &str) -> Option<Vec<String>> {
        let mut found: Vec<String> = Vec::new();
        self.edits(word, letters, &mut |edit| {
            if !found.iter().any(|f| f == edit) {
                found.push(edit.to_string());
            }
            true
        })?;
        Some(found)
    }
}

impl WordSet {
    /// Calls `hit` with each string one edit from `word` that is in the set (a string may come
    /// more than once: "aa" from "a" by two insertions), until it returns false.
    fn edits(&self, word: &Bound<'_, PyString>, letters: &str, hit: &mut dyn FnMut(&str) -> bool) -> Option<()> {
        let encoded = word.encode_utf8().ok()?;
        let text = std::str::from_utf8(encoded.as_bytes()).ok()?;
        let chars: Vec<char> = text.chars().collect();
        let letters: Vec<char> = letters.chars().collect();
        let mut buf = String::with_capacity(text.len() + 8);
        // Builds one edit from its pieces; true to go on.
        let mut try_edit = |pieces: &[&[char]]| -> bool {
            buf.clear();
            pieces.iter().for_each(|p| buf.extend(p.iter()));
            !(buf != text && self.has(buf.as_bytes())) || hit(&buf)
        };
        for i in 0..=chars.len() {
            let (a, b) = chars.split_at(i);
            if !b.is_empty() && !try_edit(&[a, &b[1..]]) {
                return Some(()); // a deletion
            }
            if b.len() > 1 && !try_edit(&[a, &[b[1], b[0]], &b[2..]]) {
                return Some(()); // a transposition
            }
            for c in &letters {
                let c = std::slice::from_ref(c);
                if !b.is_empty() && !try_edit(&[a, c, &b[1..]]) {
                    return Some(()); // a substitution
                }
                if !try_edit(&[a, c, b]) {
                    return Some(()); // an insertion
                }
            }
        }
        Some(())
    }
}

/// One of Python's `str` predicates (`isspace`, `isdigit`) of a character: ASCII decided here
/// by `ascii`, any other asked of Python once per call (news text has few distinct non-ASCII
/// characters next to the marks these scans read), so Python's Unicode database decides.
struct PyCharTest<'py> {
    py: Python<'py>,
    method: &'static str,
    ascii: fn(char) -> bool,
    other: rustc_hash::FxHashMap<char, bool>,
}

impl<'py> PyCharTest<'py> {
    fn new(py: Python<'py>, method: &'static str, ascii: fn(char) -> bool) -> Self {
        PyCharTest { py, method, ascii, other: Default::default() }
    }

    /// `str.isspace()`: also the separators \x1c-\x1f, which Rust's `is_whitespace` is not.
    fn space(py: Python<'py>) -> Self {
        Self::new(py, "isspace", |c| matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f'))
    }

    fn digit(py: Python<'py>) -> Self {
        Self::new(py, "isdigit", |c| c.is_ascii_digit())
    }

    fn is(&mut self, c: char) -> PyResult<bool> {
        if c.is_ascii() {
            return Ok((self.ascii)(c));
        }
        if let Some(&known) = self.other.get(&c) {
            return Ok(known);
        }
        let mut buf = [0u8; 4];
        let answer = PyString::new(self.py, c.encode_utf8(&mut buf)).call_method0(self.method)?.is_truthy()?;
        self.other.insert(c, answer);
        Ok(answer)
    }
}

/// Offsets (code points) of the punctuation marks NL304 looks at: the matches of
/// `newslint.rules.spacing._BEFORE`, `[,.;:?!](?<=[ \t][,.;:?!])(?=[\s”’"')]|$)` (re.M): a
/// mark after a space or tab, followed by whitespace, a closing mark or the end. None when the
/// text cannot be encoded (lone surrogates): the caller runs the regex.
///
/// Why: the regex engine tests every comma and period of the text (~100,000 in a 1.75 M
/// character piece) against the look-behind; this loop reads each character once.
#[pyfunction]
pub fn spaced_marks(text: &Bound<'_, PyString>) -> PyResult<Option<Vec<usize>>> {
    let Ok(encoded) = text.encode_utf8() else { return Ok(None) };
    let Ok(utf8) = std::str::from_utf8(encoded.as_bytes()) else { return Ok(None) };
    let mut space = PyCharTest::space(text.py());
    let mut found = Vec::new();
    // Bytes, not chars: every character tested here is ASCII (a byte below 0x80 is never part
    // of another character), so only the code point index needs counting (one per non-
    // continuation byte), and only a non-ASCII character after a mark is decoded.
    let bytes = utf8.as_bytes();
    let mut index = 0; // code points before byte i
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xC0 == 0x80 {
            continue; // inside a character
        }
        if matches!(b, b',' | b'.' | b';' | b':' | b'?' | b'!') && i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
            let ok = match bytes.get(i + 1) {
                None => true, // `$` at the end
                Some(&next) if next < 0x80 => matches!(next, b'"' | b'\'' | b')') || space.is(next as char)?,
                Some(_) => {
                    let next = utf8[i + 1..].chars().next().unwrap_or(' ');
                    matches!(next, '”' | '’') || space.is(next)?
                }
            };
            if ok {
                found.push(index);
            }
        }
        index += 1;
    }
    Ok(Some(found))
}

const OPEN: u8 = 1;
const CLOSE: u8 = 2;
const EITHER: u8 = 3;

/// `newslint.rules.balance._straight_role` of a '"' between `before` and `after` (None at the
/// paragraph's start or end, read as a space): 0 for an inch mark, else OPEN, CLOSE or EITHER.
fn straight_role(before: Option<char>, after: Option<char>, space: &mut PyCharTest, digit: &mut PyCharTest) -> PyResult<u8> {
    let b = before.unwrap_or(' ');
    let a = after.unwrap_or(' ');
    let b_space = space.is(b)?;
    let a_space = space.is(a)?;
    let role = if (b_space || "([{—–-/".contains(b)) && !a_space {
        OPEN
    } else if !b_space && (a_space || ".,;:!?)]}—–-…".contains(a)) {
        CLOSE
    } else {
        EITHER
    };
    if before.is_some() && digit.is(b)? && role != OPEN {
        return Ok(0); // an inch mark: 12" screen
    }
    Ok(role)
}

/// Of the paragraphs `visit` (indices into `paragraphs`, ascending; the paragraphs sorted and
/// disjoint, as `_paragraphs_with` checked), those `newslint.rules.balance._plainly_balanced`
/// accepts: no curly double mark, and the straight ones, inch marks aside, open and close in
/// turn. None for lone surrogates (the caller judges in Python).
///
/// Why: NL405 judges every paragraph with a quotation mark; in Python that is a regex scan and
/// a few list operations per paragraph, here one pass over the characters.
#[pyfunction]
pub fn balanced_paragraphs(text: &Bound<'_, PyString>, paragraphs: Vec<(usize, usize)>, visit: Vec<usize>) -> PyResult<Option<Vec<usize>>> {
    let Ok(encoded) = text.encode_utf8() else { return Ok(None) };
    let Ok(utf8) = std::str::from_utf8(encoded.as_bytes()) else { return Ok(None) };
    let py = text.py();
    let mut space = PyCharTest::space(py);
    let mut digit = PyCharTest::digit(py);
    let mut chars = utf8.chars();
    let mut at = 0; // the index of the next character `chars` gives
    let mut found = Vec::new();
    let mut roles: Vec<u8> = Vec::new();
    for n in visit {
        let Some(&(ps, pe)) = paragraphs.get(n) else { continue };
        if ps < at {
            return Err(pyo3::exceptions::PyValueError::new_err("paragraphs must be visited in order, disjoint"));
        }
        while at < ps {
            if chars.next().is_none() {
                break;
            }
            at += 1;
        }
        if at < ps {
            break; // past the end of the text
        }
        roles.clear();
        let mut curly = false;
        let mut before: Option<char> = None; // within the paragraph
        let mut current = if at < pe { chars.next() } else { None };
        while let Some(c) = current {
            at += 1;
            let next = if at < pe { chars.next() } else { None };
            match c {
                '“' | '”' | '«' | '»' | '„' => curly = true,
                '"' => roles.push(straight_role(before, next, &mut space, &mut digit)?),
                _ => {}
            }
            before = Some(c);
            current = next; // (read only while inside the paragraph: the one at `pe` is left)
        }
        if curly {
            continue;
        }
        let marks: Vec<u8> = roles.iter().copied().filter(|&r| r != 0).collect();
        let alternate = marks.len() % 2 == 0
            && marks.iter().step_by(2).all(|&r| r != CLOSE)
            && marks.iter().skip(1).step_by(2).all(|&r| r != OPEN);
        if alternate {
            found.push(n);
        }
    }
    Ok(Some(found))
}

/// `array("q", ids).tobytes()`: the word ids of a table packed as native-endian 64-bit
/// integers, for `uses` (newslint.lexicon.tokens.TokenTable.uses packs them once per table).
///
/// Why: `array("q", ...)` converts each of a piece's ~290,000 ints through a generic path
/// (~8 ms a piece); reading them here takes a fraction of that. An item that is not an int,
/// or does not fit 64 bits, raises as `array` does (TypeError, OverflowError).
#[pyfunction]
pub fn pack_ids<'py>(py: Python<'py>, ids: &Bound<'py, PyList>) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
    let mut out: Vec<u8> = Vec::with_capacity(ids.len() * 8);
    for item in ids.iter() {
        let value: i64 = item.extract()?;
        out.extend_from_slice(&value.to_ne_bytes());
    }
    Ok(pyo3::types::PyBytes::new(py, &out))
}
