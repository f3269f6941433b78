//! Native scans for newslint: the per-word passes that dominate the pure-Python profile.
//!
//! Why: on a 10 MB text the word table and name statistics (`newslint/lexicon/tokens.py`),
//! the repeated-word regex (`newslint/rules/repetition.py`) and the sentence starts
//! (`newslint/rules/sentence_start.py`) are whole-text loops that Python can only run one
//! object per word or match (docs/native.md has the figures). The Python code stays the reference and the fallback: every function here
//! must give exactly what it gives (tests/test_native.py proves it on seeds, corpus and
//! generated texts).
//!
//! Exactness rules kept throughout:
//! * Offsets are code points (Python `str` indices), so the text is scanned as `char`s.
//! * Character classes are Python's, not Rust's: `str.isalnum()`, `isdecimal()`, `isspace()` of the
//!   running interpreter (its Unicode database may differ from Rust's). ASCII is decided by a
//!   table; every other distinct character is asked of Python once per call (news text has a
//!   few dozen of them).
//! * Case-insensitive comparison is the regex engine's own (see [`repeats`]); Unicode
//!   lowercasing is left to Python (non-ASCII words in `name_stats` and `sentence_starts`).
//! * No `unsafe`: the text is read through a temporary UTF-8 copy.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyInt, PyList, PyString};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

mod facts;
mod rules;

/// `str.isalnum()`: `[^\W_]`, a letter or digit in Python's sense.
const ALNUM: u8 = 1;
/// `[^\W\d_]`: alnum but not `str.isdecimal()` (so "²" and "Ⅻ" count, as in Python).
const LETTER: u8 = 2;
/// `\w`: alnum or "_".
const WORD: u8 = 4;
/// `[\w'’ʼ\-.]`, inside a `_WORD` match: a word character, an apostrophe, a hyphen or a dot.
const INNER: u8 = 8;
/// `str.isspace()` (Python's whitespace: also the separators \x1c-\x1f that Rust's is not).
const SPACE: u8 = 16;

/// The class bits of a character, from Python's `isalnum()`, `isdecimal()` and `isspace()` of it.
const fn class_bits(c: char, alnum: bool, decimal: bool, space: bool) -> u8 {
    let mut bits = if space { SPACE } else { 0 };
    if alnum {
        bits |= ALNUM | WORD | INNER;
        if !decimal {
            bits |= LETTER;
        }
    }
    if c == '_' {
        bits |= WORD | INNER;
    }
    if matches!(c, '\'' | '’' | 'ʼ' | '-' | '.') {
        bits |= INNER;
    }
    bits
}

/// The class bits of a non-ASCII character, asked of the running Python once per character
/// (`known` keeps the answers: news text has a few dozen), so its Unicode database decides, not Rust's.
fn python_class(py: Python<'_>, c: char, known: &mut FxHashMap<char, u8>) -> PyResult<u8> {
    if let Some(&bits) = known.get(&c) {
        return Ok(bits);
    }
    let mut buf = [0u8; 4];
    let s = PyString::new(py, c.encode_utf8(&mut buf));
    let alnum = s.call_method0("isalnum")?.is_truthy()?;
    let decimal = s.call_method0("isdecimal")?.is_truthy()?;
    let space = s.call_method0("isspace")?.is_truthy()?;
    let bits = class_bits(c, alnum, decimal, space);
    known.insert(c, bits);
    Ok(bits)
}

/// ASCII classes (every Unicode version agrees on them: letters and digits are alnum, digits decimal).
const ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8 as char;
        let space = matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f');
        table[i] = class_bits(c, c.is_ascii_alphanumeric(), c.is_ascii_digit(), space);
        i += 1;
    }
    table
};

/// A text as code points with each one's class bits.
struct Text {
    chars: Vec<char>,
    class: Vec<u8>,
}

impl Text {
    /// The text of a Python str, or None when it holds lone surrogates (not UTF-8 encodable):
    /// the caller then takes the Python path, which handles them.
    ///
    /// Non-ASCII classes are asked of the running Python, once per distinct character (news
    /// text has a few dozen), so its Unicode database decides, not Rust's.
    fn load(text: &Bound<'_, PyString>) -> PyResult<Option<Text>> {
        // A temporary UTF-8 copy (PyUnicode_AsUTF8String), not `to_str`, which would cache a
        // UTF-8 copy inside the str object for as long as the document lives.
        let Ok(bytes) = text.encode_utf8() else { return Ok(None) };
        let Ok(utf8) = std::str::from_utf8(bytes.as_bytes()) else {
            return Ok(None);
        };
        let py = text.py();
        let mut other: FxHashMap<char, u8> = FxHashMap::default();
        let mut chars = Vec::with_capacity(utf8.len());
        let mut class = Vec::with_capacity(utf8.len());
        for c in utf8.chars() {
            let bits = if c.is_ascii() { ASCII[c as usize] } else { python_class(py, c, &mut other)? };
            chars.push(c);
            class.push(bits);
        }
        Ok(Some(Text { chars, class }))
    }

    /// True when the character at `i` has any of the class `bits`.
    fn is(&self, i: usize, bits: u8) -> bool {
        self.class[i] & bits != 0
    }
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
    let Some(text) = Text::load(text)? else { return Ok(None) };
    let t = &text.chars;
    let n = t.len();
    let mut index: FxHashMap<&[char], usize> = FxHashMap::default();
    let mut vocab_spans: Vec<(usize, usize)> = Vec::new();
    let mut ids: Vec<usize> = Vec::new();
    let mut starts: Vec<i64> = Vec::new();

    let mut i = 0;
    while i < n {
        if !text.is(i, LETTER) {
            i += 1;
            continue;
        }
        // Greedy `[\w'’ʼ\-.]*` then backtrack to the last `[^\W_]`: the word ends after the
        // last letter or digit of the run of word-inner characters.
        let s = i;
        let mut e = s + 1;
        let mut j = s + 1;
        while j < n && text.is(j, INNER) {
            if text.is(j, ALNUM) {
                e = j + 1;
            }
            j += 1;
        }
        // finditer resumes at the match end; t[e..j] holds no letter, so nothing is skipped.
        i = e;
        if s > 0 && (bad_before(t[s - 1]) || text.is(s - 1, ALNUM)) {
            continue; // "#tag", "£4.8bn", "79th"
        }
        if e < n && (bad_after(t[e]) || (t[e] == '.' && e + 1 < n && text.is(e + 1, ALNUM))) {
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
/// not `str.lower()`; `same_ignoring_case(a + b)` (Python, memoised here per pair) asks the
/// engine itself, so a "K" (Kelvin sign) matches "k" exactly when Python says so.
#[pyfunction]
fn repeats<'py>(
    text: &Bound<'py, PyString>,
    same_ignoring_case: &Bound<'py, PyAny>,
) -> PyResult<Option<Vec<RepeatSpans>>> {
    let Some(text) = Text::load(text)? else { return Ok(None) };
    let t = &text.chars;
    let n = t.len();
    let mut folded: FxHashMap<(char, char), bool> = FxHashMap::default();
    let mut found = Vec::new();

    // `(\1)\b` at `at`: the end of the second copy, if the group `t[p..q]` matches there.
    let mut backref = |p: usize, q: usize, at: usize| -> PyResult<Option<usize>> {
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
        let after = end < n && text.is(end, WORD);
        Ok((text.is(end - 1, WORD) != after).then_some(end))
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
        if !text.is(p, LETTER) || (p > 0 && text.is(p - 1, WORD)) {
            p += 1;
            continue;
        }
        let mut q = p + 1;
        while q < n && text.is(q, LETTER) {
            q += 1;
        }
        // First alternative: spaces or tabs only.
        let r = spaces(q);
        let mut hit = if r > q {
            backref(p, q, r)?.map(|end| (r, end))
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
                if let Some(end) = backref(p, q, at)? {
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

/// Counts of `NameStats`: (capitalized, lowercase, any_case) as dicts, the uses of each word
/// (`counter()`, a `collections.Counter`, filled as `Counter(ids)` would be), and the
/// `(word id, mid_sentence, uses)` whose base is not ASCII, left to Python.
type NameCounts<'py> = (
    Bound<'py, PyDict>,
    Bound<'py, PyDict>,
    Bound<'py, PyDict>,
    Bound<'py, PyAny>,
    Vec<(usize, bool, u64)>,
);

/// Uses per word, and the id of a base whose str is exactly the word (its object becomes the key).
type Tally<'a> = FxHashMap<Cow<'a, str>, (u64, Option<usize>)>;

/// Add `n` uses of `word` (first seen in base `source`, when it is that whole base).
fn tally<'a>(counts: &mut Tally<'a>, word: Cow<'a, str>, source: Option<usize>, n: u64) {
    let entry = counts.entry(word).or_insert((0, source));
    entry.0 += n;
    if entry.1.is_none() {
        entry.1 = source;
    }
}

/// What `doc_name_stats` counts, for a table's `ids`, `flags` and `bases`; `counter` is `collections.Counter`.
///
/// Each word's uses are split into mid-sentence ones and ones at a sentence start or in the
/// headline (any flag). For an ASCII base the parts between "-" and "." are counted here with
/// ASCII case rules, which are Python's on ASCII; other bases (their case rules are Unicode's:
/// `str.lower()` may change length) are returned for the Python loop to count.
#[pyfunction]
fn name_stats<'py>(
    py: Python<'py>,
    ids: &Bound<'py, PyList>,
    flags: &Bound<'py, PyByteArray>,
    bases: Vec<Bound<'py, PyString>>,
    counter: &Bound<'py, PyAny>,
) -> PyResult<NameCounts<'py>> {
    let flags = flags.to_vec();
    if flags.len() != ids.len() {
        return Err(PyValueError::new_err("ids and flags differ in length"));
    }
    let mut total = vec![0u64; bases.len()];
    let mut flagged = vec![0u64; bases.len()];
    // The first int object of each id, to key the uses Counter (no new int per word).
    let mut id_objs: Vec<Option<Bound<'py, PyAny>>> = vec![None; bases.len()];
    for (item, &flag) in ids.iter().zip(&flags) {
        let id: usize = item.extract()?;
        let slot = total
            .get_mut(id)
            .ok_or_else(|| PyValueError::new_err("word id out of range"))?;
        if *slot == 0 {
            id_objs[id] = Some(item);
        }
        *slot += 1;
        if flag != 0 {
            flagged[id] += 1;
        }
    }
    // Keys borrow the bases' text; each count remembers the first base that is exactly its key,
    // so the dict can reuse that str object as Python's loop does (no copy of the vocabulary).
    let mut cap: Tally = FxHashMap::default();
    let mut low: Tally = FxHashMap::default();
    let mut any: Tally = FxHashMap::default();
    let mut rest = Vec::new();
    let texts: Vec<Option<&str>> = bases.iter().map(|b| b.to_str().ok().filter(|t| t.is_ascii())).collect();
    for (id, text) in texts.iter().enumerate() {
        let uses = [(true, total[id] - flagged[id]), (false, flagged[id])];
        // An ASCII str lends its own bytes (no UTF-8 copy is cached in it).
        let Some(text) = *text else {
            rest.extend(uses.iter().filter(|u| u.1 > 0).map(|&(mid, n)| (id, mid, n)));
            continue;
        };
        for part in text.split(['-', '.']) {
            let Some(first) = part.bytes().next() else { continue };
            if !first.is_ascii_alphabetic() {
                continue;
            }
            let whole = (part.len() == text.len()).then_some(id);
            let all = uses[0].1 + uses[1].1;
            let upper = part.bytes().any(|b| b.is_ascii_uppercase());
            if upper {
                tally(&mut any, Cow::Owned(part.to_ascii_lowercase()), None, all);
            } else {
                tally(&mut any, Cow::Borrowed(part), whole, all);
            }
            // str.islower(): a cased character and no uppercase one; the first is a letter.
            if !upper {
                tally(&mut low, Cow::Borrowed(part), whole, all);
            } else if first.is_ascii_uppercase() && uses[0].1 > 0 {
                tally(&mut cap, Cow::Borrowed(part), whole, uses[0].1);
            }
        }
    }
    let to_dict = |counts: Tally| -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (word, (n, source)) in counts {
            match source {
                Some(id) => dict.set_item(&bases[id], n)?,
                None => dict.set_item(word.as_ref(), n)?,
            }
        }
        Ok(dict)
    };
    // `Counter(ids)`: every id in first-use order, which is id order (the vocabulary's).
    let uses = counter.call0()?;
    for (obj, n) in id_objs.into_iter().zip(&total) {
        if let Some(obj) = obj {
            uses.set_item(obj, n)?;
        }
    }
    Ok((to_dict(cap)?, to_dict(low)?, to_dict(any)?, uses, rest))
}

/// `_SENTENCE_END` matched at `k`, searching within `..pe`: the end of the match (after the spaces).
///
/// `([.!?])(?<![.…][.!?])(?<!\. \.)([”’"')\]]*)[ \t]+(?=[^\W\d_])`: the closing marks and the
/// spaces are disjoint sets, so the greedy runs never backtrack; the look-behinds may see
/// before the paragraph (they read the whole string), the rest stops at its end.
fn sentence_end(text: &Text, k: usize, pe: usize) -> Option<usize> {
    let t = &text.chars;
    if !matches!(t[k], '.' | '!' | '?') {
        return None;
    }
    if k >= 1 && matches!(t[k - 1], '.' | '…') {
        return None; // an ellipsis, or "?!" after a period
    }
    if k >= 2 && t[k - 2] == '.' && t[k - 1] == ' ' && t[k] == '.' {
        return None; // the spaced ". . ."
    }
    let mut j = k + 1;
    while j < pe && matches!(t[j], '”' | '’' | '"' | '\'' | ')' | ']') {
        j += 1;
    }
    let spaces = j;
    while j < pe && matches!(t[j], ' ' | '\t') {
        j += 1;
    }
    (j > spaces && j < pe && text.is(j, LETTER)).then_some(j)
}

/// `_is_abbreviation(token)`: dotted initials ("U.S", "e.g") or a known abbreviation ("Mr").
/// An ASCII token is judged here; any other goes to Python (`str.lower()` is Unicode's).
fn abbreviation(token: &[char], python: &Bound<'_, PyAny>, known: &Bound<'_, PyAny>) -> PyResult<bool> {
    if !token.iter().all(char::is_ascii) {
        return python.call1((token.iter().collect::<String>(),))?.is_truthy();
    }
    // token.lstrip("(“\"'‘["): of those marks only ( " ' [ are ASCII.
    let skip = token.iter().take_while(|c| matches!(c, '(' | '"' | '\'' | '[')).count();
    let bare = &token[skip..];
    // fullmatch((?:[A-Za-z]\.)*[A-Za-z]): letters at even places, dots between; such a token
    // always has a "." or is one letter, the reference's second condition.
    let dotted = bare.len() % 2 == 1
        && bare
            .iter()
            .enumerate()
            .all(|(i, c)| if i % 2 == 0 { c.is_ascii_alphabetic() } else { *c == '.' });
    if dotted {
        return Ok(true);
    }
    known.contains(bare.iter().map(|c| c.to_ascii_lowercase()).collect::<String>())
}

/// `_embedded_parenthesis`: the parenthesis closing after the period at `mark` opened
/// mid-sentence in the paragraph starting at `ps` ("Boren (D-Okla.) said").
fn embedded_parenthesis(text: &Text, ps: usize, mark: usize) -> bool {
    let t = &text.chars;
    let Some(open) = (ps..mark).rev().find(|&j| t[j] == '(') else {
        return false;
    };
    if t[open..mark].contains(&')') {
        return false;
    }
    let mut end = open; // text[ps:open].rstrip()
    while end > ps && text.is(end - 1, SPACE) {
        end -= 1;
    }
    end > ps && !matches!(t[end - 1], '.' | '!' | '?' | ':')
}

/// Sentence starts of `paragraphs`, in the order `sentence_starts(doc)` yields them
/// (newslint/rules/sentence_start.py, the reference), or None for lone surrogates.
///
/// Per paragraph: its first character after spaces and opening marks, then the end of each
/// `_SENTENCE_END` match that passes the same filters. `is_abbreviation` is Python's
/// `_is_abbreviation` (for tokens that are not ASCII), `abbreviations` its `ABBREVIATIONS`.
#[pyfunction]
fn sentence_starts<'py>(
    text: &Bound<'py, PyString>,
    paragraphs: Vec<(usize, usize)>,
    is_abbreviation: &Bound<'py, PyAny>,
    abbreviations: &Bound<'py, PyAny>,
) -> PyResult<Option<Vec<usize>>> {
    let Some(text) = Text::load(text)? else { return Ok(None) };
    let t = &text.chars;
    let mut found = Vec::new();
    for (ps, pe) in paragraphs {
        let pe = pe.min(t.len());
        let mut i = ps;
        while i < pe && (text.is(i, SPACE) || "“\"‘'([-–—•*#>".contains(t[i])) {
            i += 1;
        }
        if i < pe {
            found.push(i);
        }
        let mut k = ps;
        while k < pe {
            let Some(end) = sentence_end(&text, k, pe) else {
                k += 1;
                continue;
            };
            let (mark_at, mark) = (k, t[k]);
            let closers_end = (k + 1..end).find(|&j| matches!(t[j], ' ' | '\t')).unwrap_or(end);
            let closers = &t[k + 1..closers_end];
            k = end; // finditer resumes after the match
            if !closers.is_empty() && matches!(mark, '?' | '!') {
                continue; // "Why?" he asked.
            }
            if mark == '.' {
                if closers.iter().any(|c| matches!(c, '”' | '"' | '’' | '\'')) {
                    continue; // "...now." he said
                }
                let mut start = mark_at; // the whitespace-delimited token before the period
                while start > 0 && !text.is(start - 1, SPACE) {
                    start -= 1;
                }
                if abbreviation(&t[start..mark_at], is_abbreviation, abbreviations)? {
                    continue;
                }
                if closers.contains(&')') && embedded_parenthesis(&text, ps, mark_at) {
                    continue; // "Sen. David Boren (D-Okla.) said"
                }
            }
            found.push(end);
        }
    }
    Ok(Some(found))
}

/// Indices of the tokens whose word id is wanted, in text order: `TokenTable.uses`.
///
/// `ids`: the table's word ids packed as native-endian 64-bit integers (`array("q", ids)`);
/// `wanted`: one byte per vocabulary word, non-zero for the wanted ids. The Python reference,
/// `list(compress(range(len(ids)), map(word_ids.__contains__, ids)))`, asks a set once per
/// token; rules ask this for a few hundred words at a time, several times per document.
/// An id outside `wanted` (or negative) is not wanted; a trailing partial integer is ignored.
#[pyfunction]
fn uses<'py>(py: Python<'py>, ids: &[u8], wanted: &[u8]) -> PyResult<Bound<'py, PyList>> {
    let mut found: Vec<usize> = Vec::new();
    for (i, chunk) in ids.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = i64::from_ne_bytes(word);
        if w >= 0 && (w as u64) < wanted.len() as u64 && wanted[w as usize] != 0 {
            found.push(i);
        }
    }
    PyList::new(py, found)
}

/// The functions and signatures this build offers; newslint/native.py ignores a build whose
/// number differs from its own (a stale in-place build after a pull), so raise it with any change.
const API_VERSION: u32 = 6;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("API_VERSION", API_VERSION)?;
    // An unoptimised build is several times slower than the Python it replaces: tests refuse one.
    m.add("OPTIMIZED", !cfg!(debug_assertions))?;
    m.add_function(wrap_pyfunction!(token_table, m)?)?;
    m.add_function(wrap_pyfunction!(repeats, m)?)?;
    m.add_function(wrap_pyfunction!(name_stats, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_starts, m)?)?;
    m.add_function(wrap_pyfunction!(uses, m)?)?;
    m.add_class::<facts::Piece>()?;
    m.add_function(wrap_pyfunction!(facts::quotation_spans, m)?)?;
    m.add_class::<rules::WordSet>()?;
    m.add_function(wrap_pyfunction!(rules::spaced_marks, m)?)?;
    m.add_function(wrap_pyfunction!(rules::balanced_paragraphs, m)?)?;
    m.add_function(wrap_pyfunction!(rules::pack_ids, m)?)?;
    Ok(())
}
