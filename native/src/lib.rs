//! Native scans for newslint: the per-word passes that dominate the pure-Python profile.
//!
//! Why: on a 10 MB text the word table (`newslint/lexicon/tokens.py`) and the repeated-word
//! regex (`newslint/rules/repetition.py`) are whole-text loops that Python can only run one
//! object per word. The Python code stays the reference and the fallback: every function here
//! must give exactly what it gives (tests/test_native.py proves it on seeds, corpus and
//! generated texts).
//!
//! Exactness rules kept throughout:
//! * Offsets are code points (Python `str` indices), so the text is scanned as `char`s.
//! * Character classes are Python's, not Rust's: `str.isalnum()` and `str.isdecimal()` of the
//!   running interpreter (its Unicode database may differ from Rust's). ASCII is decided by a
//!   table; every other distinct character is asked of Python once per call (news text has a
//!   few dozen of them).
//! * Case-insensitive comparison is the regex engine's own (see [`repeats`]).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyInt, PyList, PyString};
use rustc_hash::FxHashMap;

/// `str.isalnum()` of a character.
const ALNUM: u8 = 1;
/// `str.isdecimal()` of a character (what Python's `\d` means for `str` patterns).
const DECIMAL: u8 = 2;

/// Python's view of each character, memoised for one call.
struct Classes<'py> {
    py: Python<'py>,
    other: FxHashMap<char, u8>,
}

impl<'py> Classes<'py> {
    fn new(py: Python<'py>) -> Self {
        Classes {
            py,
            other: FxHashMap::default(),
        }
    }

    /// `ALNUM` / `DECIMAL` bits of `c`, as Python's `str` methods say.
    fn of(&mut self, c: char) -> PyResult<u8> {
        if c.is_ascii() {
            // ASCII agrees in every Unicode version: letters and digits are alnum, digits decimal.
            return Ok(if c.is_ascii_digit() {
                ALNUM | DECIMAL
            } else if c.is_ascii_alphabetic() {
                ALNUM
            } else {
                0
            });
        }
        if let Some(&bits) = self.other.get(&c) {
            return Ok(bits);
        }
        let mut buf = [0u8; 4];
        let s = PyString::new(self.py, c.encode_utf8(&mut buf));
        let mut bits = 0;
        if s.call_method0("isalnum")?.extract::<bool>()? {
            bits |= ALNUM;
        }
        if s.call_method0("isdecimal")?.extract::<bool>()? {
            bits |= DECIMAL;
        }
        self.other.insert(c, bits);
        Ok(bits)
    }

    /// `[^\W_]`: a letter or digit in Python's sense.
    fn alnum(&mut self, c: char) -> PyResult<bool> {
        Ok(self.of(c)? & ALNUM != 0)
    }

    /// `[^\W\d_]`: alnum but not a decimal digit (so "²" and "Ⅻ" count, as in Python).
    fn letter(&mut self, c: char) -> PyResult<bool> {
        Ok(self.of(c)? == ALNUM)
    }

    /// `\w`: alnum or "_".
    fn word(&mut self, c: char) -> PyResult<bool> {
        Ok(c == '_' || self.alnum(c)?)
    }
}

/// The text as code points, or None when it holds lone surrogates (not UTF-8 encodable):
/// the caller then takes the Python path, which handles them.
fn chars_of(text: &Bound<'_, PyString>) -> Option<Vec<char>> {
    // A temporary UTF-8 copy (PyUnicode_AsUTF8String), not `to_str`, which would cache a
    // UTF-8 copy inside the str object for as long as the document lives.
    match text.encode_utf8() {
        Ok(bytes) => std::str::from_utf8(bytes.as_bytes()).ok().map(|s| s.chars().collect()),
        Err(_) => None,
    }
}

/// Inside a word (`[\w'’ʼ\-.]` of `_WORD`): a word character, an apostrophe, a hyphen or a dot.
fn inner(classes: &mut Classes<'_>, c: char) -> PyResult<bool> {
    Ok(matches!(c, '\'' | '’' | 'ʼ' | '-' | '.') || classes.word(c)?)
}

/// Characters a word may not follow (`_BAD_BEFORE` in tokens.py).
fn bad_before(c: char) -> bool {
    matches!(c, '@' | '#' | '$' | '£' | '€' | '¥' | '/' | '\\' | '_')
}

/// Characters a word may not precede (`_BAD_AFTER` in tokens.py).
fn bad_after(c: char) -> bool {
    matches!(c, '@' | '/' | '\\' | '_')
}

/// The word table of `text`: `(vocab, index, ids, starts, flags)` as `TokenTable` stores them,
/// or None when the text cannot be scanned natively (lone surrogates).
///
/// Words are `_WORD` matches (`[^\W\d_](?:[\w'’ʼ\-.]*[^\W_])?`, scanned left to right like
/// `finditer`), dropped when glued to what surrounds them, exactly as `tokens._scan` does.
/// `vocab` is in first-use order; `ids` reuses one int object per word id (as the Python
/// table does); `starts` is native-endian i64 bytes; `flags` has bit 1 for a token at one of
/// `sentence_starts` and bit 2 for one inside the half-open `headline` span.
#[pyfunction]
#[pyo3(signature = (text, sentence_starts, headline))]
fn token_table<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    sentence_starts: Vec<i64>,
    headline: Option<(i64, i64)>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let Some(t) = chars_of(text) else { return Ok(None) };
    let n = t.len();
    let mut classes = Classes::new(py);
    let mut index: FxHashMap<&[char], usize> = FxHashMap::default();
    let mut vocab_spans: Vec<(usize, usize)> = Vec::new();
    let mut ids: Vec<usize> = Vec::new();
    let mut starts: Vec<i64> = Vec::new();

    let mut i = 0;
    while i < n {
        if !classes.letter(t[i])? {
            i += 1;
            continue;
        }
        // Greedy `[\w'’ʼ\-.]*` then backtrack to the last `[^\W_]`: the word ends after the
        // last letter or digit of the run of word-inner characters.
        let s = i;
        let mut e = s + 1;
        let mut j = s + 1;
        while j < n && inner(&mut classes, t[j])? {
            if classes.alnum(t[j])? {
                e = j + 1;
            }
            j += 1;
        }
        // finditer resumes at the match end; t[e..j] holds no letter, so nothing is skipped.
        i = e;
        if s > 0 && (bad_before(t[s - 1]) || classes.alnum(t[s - 1])?) {
            continue; // "#tag", "£4.8bn", "79th"
        }
        if e < n && (bad_after(t[e]) || (t[e] == '.' && e + 1 < n && classes.alnum(t[e + 1])?)) {
            continue; // "user@", "a.b" joined by a dot
        }
        let next_id = vocab_spans.len();
        let id = *index.entry(&t[s..e]).or_insert(next_id);
        if id == next_id {
            vocab_spans.push((s, e));
        }
        ids.push(id);
        starts.push(s as i64);
    }

    // Flags: both lists are in text order, so one merge pass marks the sentence starts.
    let mut sentence = sentence_starts;
    sentence.sort_unstable();
    let mut flags = vec![0u8; starts.len()];
    let mut k = 0;
    for (flag, &s) in flags.iter_mut().zip(&starts) {
        while k < sentence.len() && sentence[k] < s {
            k += 1;
        }
        if k < sentence.len() && sentence[k] == s {
            *flag |= 1;
        }
        if let Some((h0, h1)) = headline {
            if h0 <= s && s < h1 {
                *flag |= 2;
            }
        }
    }

    // One int object per word id, shared by `index` and `ids` (8 bytes a token, no int each).
    let id_objs: Vec<Bound<'py, PyAny>> = (0..vocab_spans.len()).map(|i| PyInt::new(py, i).into_any()).collect();
    let vocab = PyList::empty(py);
    let index_dict = PyDict::new(py);
    for (&(s, e), id) in vocab_spans.iter().zip(&id_objs) {
        let word = PyString::new(py, &t[s..e].iter().collect::<String>());
        index_dict.set_item(&word, id)?;
        vocab.append(word)?;
    }
    let ids_list = PyList::new(py, ids.iter().map(|&i| &id_objs[i]))?;
    let start_bytes: Vec<u8> = starts.iter().flat_map(|s| s.to_ne_bytes()).collect();
    let result = (
        vocab,
        index_dict,
        ids_list,
        PyBytes::new(py, &start_bytes),
        PyByteArray::new(py, &flags),
    );
    Ok(Some(result.into_pyobject(py)?.into_any()))
}

/// `(start, end)` of a repeated word's first copy, then of its second copy.
type RepeatSpans = (usize, usize, usize, usize);

/// Spans `(start1, end1, start2, end2)` of every NL401 repetition, as
/// `_REPEAT.finditer(text)` gives them (groups 1 and 3), or None for lone surrogates.
///
/// The pattern: `\b([^\W\d_]++)([ \t]++|[ \t]*+(?:\r\n|\r|\n)[ \t]*+)(\1)\b` with `re.I`.
/// Its back-reference compares code points by the regex engine's own case folding, which is
/// not `str.lower()`; `same_ignoring_case(a, b)` (Python, memoised here per pair) asks the
/// engine itself, so a "K" (Kelvin sign) matches "k" exactly when Python says so.
#[pyfunction]
fn repeats<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    same_ignoring_case: &Bound<'py, PyAny>,
) -> PyResult<Option<Vec<RepeatSpans>>> {
    let Some(t) = chars_of(text) else { return Ok(None) };
    let n = t.len();
    let mut classes = Classes::new(py);
    let mut folded: FxHashMap<(char, char), bool> = FxHashMap::default();
    let mut found = Vec::new();

    // `(\1)\b` at `at`: the end of the second copy, if the group `t[p..q]` matches there.
    let mut backref = |classes: &mut Classes<'py>, p: usize, q: usize, at: usize| -> PyResult<Option<usize>> {
        let end = at + (q - p);
        if end > n {
            return Ok(None);
        }
        for (&a, &b) in t[p..q].iter().zip(&t[at..end]) {
            let same = if a == b {
                true
            } else if a.is_ascii() && b.is_ascii() {
                a.eq_ignore_ascii_case(&b)
            } else if let Some(&same) = folded.get(&(a, b)) {
                same
            } else {
                let mut buf = [0u8; 8];
                let la = a.encode_utf8(&mut buf).len();
                b.encode_utf8(&mut buf[la..]);
                let pair =
                    std::str::from_utf8(&buf[..la + b.len_utf8()]).map_err(|e| PyValueError::new_err(e.to_string()))?;
                let same = same_ignoring_case.call1((pair,))?.is_truthy()?;
                folded.insert((a, b), same);
                same
            };
            if !same {
                return Ok(None);
            }
        }
        // `\b` after the copy: a word character on exactly one side.
        let after = end < n && classes.word(t[end])?;
        Ok((classes.word(t[end - 1])? != after).then_some(end))
    };
    let spaces = |mut i: usize| {
        while i < n && matches!(t[i], ' ' | '\t') {
            i += 1;
        }
        i
    };

    let mut p = 0;
    while p < n {
        // `\b([^\W\d_]++)`: a letter run that starts after a non-word character.
        if !classes.letter(t[p])? || (p > 0 && classes.word(t[p - 1])?) {
            p += 1;
            continue;
        }
        let mut q = p + 1;
        while q < n && classes.letter(t[q])? {
            q += 1;
        }
        // First alternative: spaces or tabs only.
        let r = spaces(q);
        let mut hit = if r > q {
            backref(&mut classes, p, q, r)?.map(|end| (r, end))
        } else {
            None
        };
        // Second: optional spaces, one line break ("\r\n" before "\r" before "\n"), spaces.
        if hit.is_none() && r < n {
            let breaks: &[usize] = match (t[r], t.get(r + 1)) {
                ('\r', Some('\n')) => &[2, 1],
                ('\r', _) | ('\n', _) => &[1],
                _ => &[],
            };
            for &len in breaks {
                let at = spaces(r + len);
                if let Some(end) = backref(&mut classes, p, q, at)? {
                    hit = Some((at, end));
                    break;
                }
            }
        }
        match hit {
            Some((at, end)) => {
                found.push((p, q, at, end));
                p = end; // finditer resumes after the match
            }
            None => p += 1,
        }
    }
    Ok(Some(found))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(token_table, m)?)?;
    m.add_function(wrap_pyfunction!(repeats, m)?)?;
    Ok(())
}
