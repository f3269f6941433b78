//! The per-paragraph and per-sentence facts of a big text's piece (newslint/piece_facts.py).
//!
//! Why: each piece of a big text reports a fingerprint of every long paragraph and sentence,
//! its line segments and its dateline candidates; in Python that is a split, a normalization
//! and a hash per unit (~0.1 CPU-s per 1.75M-character piece). The Python code stays the
//! reference (`collect` with NEWSLINT_NO_NATIVE=1); tests/test_native.py compares both.
//!
//! A [`Piece`] loads the text once (as [`Text`]: code points and Python's character classes)
//! and its prose (the text with the non-prose masks blanked, as `Document.prose`), then
//! answers each question about it.

use crate::{Text, SPACE};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

/// `duplicates._MIN_PARAGRAPH_WORDS`, `_SHORT_LINE_WORDS`, `_MIN_SENTENCE_WORDS`.
const MIN_PARAGRAPH_WORDS: usize = 6;
const SHORT_LINE_WORDS: usize = 12;
const MIN_SENTENCE_WORDS: usize = 8;
/// `boilerplate._SHORT_WORDS`.
const SHORT_SEGMENT_WORDS: usize = 12;

/// `units.fold_quotes`, one character.
fn fold(c: char) -> char {
    match c {
        '“' | '”' | '„' | '«' | '»' => '"',
        '‘' | '’' | '‚' | '`' => '\'',
        _ => c,
    }
}

/// CRC-32 tables (zlib's polynomial), slice-by-8.
const CRC: [[u32; 256]; 8] = {
    let mut t = [[0u32; 256]; 8];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[0][i] = c;
        i += 1;
    }
    let mut i = 0;
    while i < 256 {
        let mut j = 1;
        while j < 8 {
            t[j][i] = (t[j - 1][i] >> 8) ^ t[0][(t[j - 1][i] & 0xff) as usize];
            j += 1;
        }
        i += 1;
    }
    t
};

/// `zlib.crc32(buf)`.
fn crc32(buf: &[u8]) -> u32 {
    let mut crc = !0u32;
    let mut chunks = buf.chunks_exact(8);
    for ch in &mut chunks {
        let lo = u32::from_le_bytes([ch[0], ch[1], ch[2], ch[3]]) ^ crc;
        let hi = u32::from_le_bytes([ch[4], ch[5], ch[6], ch[7]]);
        crc = CRC[7][(lo & 0xff) as usize]
            ^ CRC[6][((lo >> 8) & 0xff) as usize]
            ^ CRC[5][((lo >> 16) & 0xff) as usize]
            ^ CRC[4][(lo >> 24) as usize]
            ^ CRC[3][(hi & 0xff) as usize]
            ^ CRC[2][((hi >> 8) & 0xff) as usize]
            ^ CRC[1][((hi >> 16) & 0xff) as usize]
            ^ CRC[0][(hi >> 24) as usize];
    }
    for &b in chunks.remainder() {
        crc = CRC[0][((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// `Text::load(text)`, faster on the mostly-ASCII text of news: runs of ASCII characters are
/// copied with their table classes in bulk; each other character is classed as `Text::load`
/// classes it (Python asked once per distinct character).
fn load_text(text: &Bound<'_, PyString>) -> PyResult<Option<Text>> {
    let Ok(bytes) = text.encode_utf8() else { return Ok(None) };
    let Ok(utf8) = std::str::from_utf8(bytes.as_bytes()) else { return Ok(None) };
    let b = utf8.as_bytes();
    let py = text.py();
    let mut other: rustc_hash::FxHashMap<char, u8> = rustc_hash::FxHashMap::default();
    let mut chars: Vec<char> = Vec::with_capacity(b.len());
    let mut class: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let run = b[i..].iter().position(|&x| x >= 0x80).map_or(b.len(), |k| i + k);
        chars.extend(b[i..run].iter().map(|&x| x as char));
        class.extend(b[i..run].iter().map(|&x| crate::ASCII[x as usize]));
        let Some(c) = utf8[run..].chars().next() else { break };
        let bits = crate::python_class(py, c, &mut other)?;
        chars.push(c);
        class.push(bits);
        i = run + c.len_utf8();
    }
    Ok(Some(Text { chars, class }))
}

/// A piece's text and prose, loaded once for the questions below.
#[pyclass(module = "newslint._native", frozen)]
pub struct Piece {
    text: Text,
    /// The prose where it differs from the text (None: no non-prose mask).
    prose: Option<Text>,
    /// `doc.paragraphs`: (start, end) offsets, sorted by start.
    paragraphs: Vec<(usize, usize)>,
}

impl Piece {
    fn prose(&self) -> &Text {
        self.prose.as_ref().unwrap_or(&self.text)
    }

    /// Whitespace-separated words of `t[s..e]` (`len(t[s:e].split(None, cap - 1))`: counted up to `cap`).
    fn words(t: &Text, s: usize, e: usize, cap: usize) -> usize {
        let mut n = 0;
        let mut inside = false;
        for &bits in &t.class[s..e] {
            let space = bits & SPACE != 0;
            if !space && !inside {
                n += 1;
                if n >= cap {
                    return n;
                }
            }
            inside = !space;
        }
        n
    }

    /// `_fingerprint(normalized_span(text, s, e))`: the key's length in code points times 2**32
    /// plus zlib's CRC-32 of its UTF-8 (piece_facts._fingerprint, the reference).
    fn fingerprint(&self, buf: &mut Vec<u8>, s: usize, e: usize) -> u64 {
        let count = self.normalize(buf, s, e, &[], &mut []);
        (count << 32) | crc32(buf) as u64
    }

    /// `normalized_span(text, s, e)` as UTF-8 in `buf`; returns its length in code points.
    ///
    /// `marks`: (offset of a non-space character, 0 before it / 1 after it), sorted; `at[k]`
    /// receives the (byte, code point) length of the key when mark k is passed, so the key of
    /// a span inside `[s, e)` whose ends are non-space characters is read off this one.
    fn normalize(&self, buf: &mut Vec<u8>, s: usize, e: usize, marks: &[(usize, u8)], at: &mut [(usize, u64)]) -> u64 {
        let chars = &self.text.chars[s..e];
        let class = &self.text.class[s..e];
        if chars.iter().fold(0u32, |acc, &c| acc | c as u32) >= 0x80 {
            return self.normalize_wide(buf, s, e, marks, at);
        }
        // All ASCII (most paragraphs of news): one byte per character, spaces as " ", "`" folded
        // (a loop the compiler vectorizes), then runs of spaces collapsed in place without a
        // branch per character (spaces come at no regular interval: a branch on them is
        // mispredicted often); a trailing space is dropped. ~2x faster than the general loop.
        buf.clear();
        buf.extend(chars.iter().zip(class).map(|(&c, &bits)| {
            if bits & SPACE != 0 {
                b' '
            } else if c == '`' {
                b'\''
            } else {
                c as u8
            }
        }));
        let out = buf.as_mut_slice();
        let mut w = 0usize;
        let mut prev_space = true; // leading spaces are dropped too
        let mut m = 0;
        let mut next = marks.first().map_or(usize::MAX, |k| k.0);
        for r in 0..out.len() {
            let b = out[r];
            if next == s + r {
                // A mark is on a non-space character: before it, then after it.
                while next == s + r && marks[m].1 == 0 {
                    at[m] = (w, w as u64);
                    m += 1;
                    next = marks.get(m).map_or(usize::MAX, |k| k.0);
                }
                out[w] = b;
                w += 1;
                prev_space = false;
                while next == s + r {
                    at[m] = (w, w as u64);
                    m += 1;
                    next = marks.get(m).map_or(usize::MAX, |k| k.0);
                }
                continue;
            }
            let space = b == b' ';
            out[w] = b;
            w += usize::from(!(space && prev_space));
            prev_space = space;
        }
        if prev_space && w > 0 {
            w -= 1;
        }
        buf.truncate(w);
        w as u64
    }

    /// [`Piece::normalize`] of a span holding non-ASCII characters, one character at a time.
    fn normalize_wide(&self, buf: &mut Vec<u8>, s: usize, e: usize, marks: &[(usize, u8)], at: &mut [(usize, u64)]) -> u64 {
        let chars = &self.text.chars[s..e];
        let class = &self.text.class[s..e];
        buf.clear();
        buf.reserve(chars.len());
        let mut count: u64 = 0;
        let mut gap = false;
        let mut tmp = [0u8; 4];
        let mut m = 0;
        let mut next = marks.first().map_or(usize::MAX, |k| k.0);
        for (i, (&c, &bits)) in (s..).zip(chars.iter().zip(class)) {
            if bits & SPACE != 0 {
                gap = count > 0;
                continue;
            }
            if gap {
                buf.push(b' ');
                count += 1;
                gap = false;
            }
            while next == i && marks[m].1 == 0 {
                at[m] = (buf.len(), count);
                m += 1;
                next = marks.get(m).map_or(usize::MAX, |k| k.0);
            }
            if c.is_ascii() {
                buf.push(if c == '`' { b'\'' } else { c as u8 });
            } else {
                buf.extend_from_slice(fold(c).encode_utf8(&mut tmp).as_bytes());
            }
            count += 1;
            while next == i {
                at[m] = (buf.len(), count);
                m += 1;
                next = marks.get(m).map_or(usize::MAX, |k| k.0);
            }
        }
        count
    }
}

/// The ends of a Python slice `[s:e]` of a sequence of length `n` (non-negative bounds).
fn clamp(s: usize, e: usize, n: usize) -> (usize, usize) {
    let e = e.min(n);
    (s.min(e), e)
}

#[pymethods]
impl Piece {
    /// The piece `text` with `masks` (sorted non-prose spans) blanked as `Document.prose` does
    /// (every character but line breaks becomes a space), and its `paragraphs`; None when the
    /// text holds lone surrogates (the caller takes the Python path).
    #[staticmethod]
    fn load(text: &Bound<'_, PyString>, masks: Vec<(usize, usize)>, paragraphs: Vec<(usize, usize)>) -> PyResult<Option<Piece>> {
        let Some(text) = load_text(text)? else { return Ok(None) };
        let n = text.chars.len();
        let mut prose: Option<Text> = None;
        for (s, e) in masks {
            let (s, e) = clamp(s, e, n);
            for i in s..e {
                let c = text.chars[i];
                if c != '\r' && c != '\n' && c != ' ' {
                    let p = prose.get_or_insert_with(|| Text { chars: text.chars.clone(), class: text.class.clone() });
                    p.chars[i] = ' ';
                    p.class[i] = crate::ASCII[b' ' as usize];
                }
            }
        }
        Ok(Some(Piece { text, prose, paragraphs }))
    }

    /// The NL402/NL403 facts: `(dup, sent)` as `piece_facts.collect` builds them, offsets plus `a`.
    ///
    /// `dup`: `(i, a + ps, a + pe, fingerprint)` for each paragraph that `paragraph_key` keeps;
    /// `sent` (only when `starts`, the sorted sentence starts, is given): `(i, a + ps, a + pe,
    /// [(a + s, a + e, fingerprint)])` for each paragraph with a sentence `sentence_keys` keeps.
    #[pyo3(signature = (starts, a))]
    fn units<'py>(
        &self,
        py: Python<'py>,
        starts: Option<Vec<usize>>,
        a: usize,
    ) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyList>)> {
        let t = &self.text;
        let p = self.prose();
        let n = t.chars.len();
        // A normalized key's UTF-8 (a paragraph's; another for a sentence not read off it), reused.
        let (mut buf, mut other) = (Vec::new(), Vec::new());
        let dup = PyList::empty(py);
        let sent = PyList::empty(py);
        for (i, &(ps0, pe0)) in self.paragraphs.iter().enumerate() {
            let (ps, pe) = clamp(ps0, pe0, n);
            // paragraph_key: words of the stripped prose, counted up to one past the largest limit.
            let words = Self::words(p, ps, pe, SHORT_LINE_WORDS + 1);
            let keep = words >= MIN_PARAGRAPH_WORDS
                && (words > SHORT_LINE_WORDS || {
                    let last = (ps..pe).rev().find(|&k| !p.is(k, SPACE));
                    last.is_some_and(|k| matches!(p.chars[k], '.' | '!' | '?' | '…' | ':' | ';' | '"' | '”' | '’' | '\'' | ')' | ']'))
                });
            // sentences(): the starts in [ps0, pe0), each running to the next or the paragraph end;
            // sentence_keys keeps those of MIN_SENTENCE_WORDS words.
            let mut sentences: Vec<(usize, usize)> = Vec::new();
            if let Some(starts) = &starts {
                let lo = starts.partition_point(|&s| s < ps0);
                let hi = starts.partition_point(|&s| s < pe0);
                for k in lo..hi {
                    let s = starts[k];
                    let mut e = if k + 1 < hi { starts[k + 1] } else { pe0 };
                    e = e.min(n);
                    while e > s && t.is(e - 1, SPACE) {
                        e -= 1;
                    }
                    let (s, e) = clamp(s, e, n);
                    if Self::words(p, s, e, MIN_SENTENCE_WORDS) >= MIN_SENTENCE_WORDS {
                        sentences.push((s, e));
                    }
                }
            }
            if !keep && sentences.is_empty() {
                continue;
            }
            // One normalization of the paragraph; a sentence starting and ending with a non-space
            // character (every one, in practice) is a slice of its key.
            let mut marks: Vec<(usize, u8)> = Vec::with_capacity(2 * sentences.len());
            let mut sliced = vec![false; sentences.len()];
            for (k, &(s, e)) in sentences.iter().enumerate() {
                let fits = ps <= s && s < e && e <= pe && !t.is(s, SPACE) && !t.is(e - 1, SPACE);
                let after = marks.last().is_none_or(|&(m, _)| m < s);
                if fits && after {
                    marks.push((s, 0));
                    marks.push((e - 1, 1));
                    sliced[k] = true;
                }
            }
            let mut at = vec![(0usize, 0u64); marks.len()];
            let count = self.normalize(&mut buf, ps, pe, &marks, &mut at);
            if keep {
                dup.append((i, a + ps0, a + pe0, (count << 32) | crc32(&buf) as u64))?;
            }
            if sentences.is_empty() {
                continue;
            }
            let mut keys: Vec<(usize, usize, u64)> = Vec::with_capacity(sentences.len());
            let mut m = 0;
            for (k, &(s, e)) in sentences.iter().enumerate() {
                let h = if sliced[k] {
                    let ((b0, c0), (b1, c1)) = (at[m], at[m + 1]);
                    m += 2;
                    ((c1 - c0) << 32) | crc32(&buf[b0..b1]) as u64
                } else {
                    self.fingerprint(&mut other, s, e)
                };
                keys.push((a + s, a + e, h));
            }
            sent.append((i, a + ps0, a + pe0, keys))?;
        }
        Ok((dup, sent))
    }

    /// `units.segments(doc)` as offsets: each paragraph's prose cut at line breaks, stripped,
    /// empty pieces dropped. Returns `(starts, ends, short, shown)` with offsets plus `a`:
    /// `short`, the indices of segments that are short and unpunctuated
    /// (`boilerplate._is_short_unpunctuated`); `shown`, those whose prose differs from the text.
    fn segments<'py>(
        &self,
        py: Python<'py>,
        a: usize,
    ) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyList>, Bound<'py, PyList>, Bound<'py, PyList>)> {
        let t = &self.text;
        let p = self.prose();
        let n = t.chars.len();
        let (mut starts, mut ends, mut short, mut shown) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for &(ps, pe) in &self.paragraphs {
            let (ps, pe) = clamp(ps, pe, n);
            let mut k = ps;
            while k < pe {
                // A run of characters other than "\r" and "\n" (`[^\r\n]+`), stripped.
                if matches!(p.chars[k], '\r' | '\n') {
                    k += 1;
                    continue;
                }
                let mut end = k;
                while end < pe && !matches!(p.chars[end], '\r' | '\n') {
                    end += 1;
                }
                let mut s = k;
                while s < end && p.is(s, SPACE) {
                    s += 1;
                }
                let mut e = end;
                while e > s && p.is(e - 1, SPACE) {
                    e -= 1;
                }
                k = end;
                if s == e {
                    continue;
                }
                let index = starts.len();
                starts.push(a + s);
                ends.push(a + e);
                if !matches!(p.chars[e - 1], '.' | '!' | '?' | '…' | ':' | ';' | ',' | '"' | '”' | '’' | '\'' | ')' | ']')
                    && Self::words(p, s, e, SHORT_SEGMENT_WORDS + 1) <= SHORT_SEGMENT_WORDS
                {
                    short.push(index);
                }
                if self.prose.is_some() && p.chars[s..e] != t.chars[s..e] {
                    shown.push(index);
                }
            }
        }
        Ok((PyList::new(py, starts)?, PyList::new(py, ends)?, PyList::new(py, short)?, PyList::new(py, shown)?))
    }

    /// `[doc.in_quote(s, e) for s, e in spans]` (`Document.quotation_at`, the reference): a
    /// span lies inside a quotation of a paragraph holding it (paragraphs may nest in Markdown
    /// and HTML: every paragraph starting at or before the span that may reach it is asked).
    fn in_quotes(&self, spans: Vec<(usize, usize)>) -> PyResult<Vec<bool>> {
        let paragraphs = &self.paragraphs;
        let p = self.prose();
        let n = p.chars.len();
        let mut reach = Vec::with_capacity(paragraphs.len());
        let mut best = 0usize;
        for &(_, pe) in paragraphs {
            best = best.max(pe);
            reach.push(best);
        }
        let mut memo: rustc_hash::FxHashMap<usize, Vec<(usize, usize)>> = rustc_hash::FxHashMap::default();
        let mut out = Vec::with_capacity(spans.len());
        for (start, end) in spans {
            // bisect.bisect_right over the starts, step for step (paragraphs are sorted by start).
            let (mut lo, mut hi) = (0, paragraphs.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                if start < paragraphs[mid].0 {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            let mut para = lo;
            let mut held = false;
            while para > 0 && reach[para - 1] >= end {
                para -= 1;
                let (ps, pe) = paragraphs[para];
                if pe < end {
                    continue;
                }
                if !memo.contains_key(&para) {
                    let (s, e) = clamp(ps, pe, n);
                    let found = quotations(&p.chars[s..e], |i| Ok(p.class[s + i]))?;
                    memo.insert(para, found.into_iter().map(|(a, b)| (ps + a, ps + b)).collect());
                }
                if memo[&para].iter().any(|&(a, b)| a <= start && end <= b) {
                    held = true;
                    break;
                }
            }
            out.push(held);
        }
        Ok(out)
    }

    /// `(paragraph index, offset)` where a paragraph may open with a wire dateline: the offset of
    /// its first non-space prose character, where `stories._may_open_with_dateline` holds.
    fn dateline_candidates(&self) -> Vec<(usize, usize)> {
        let paragraphs = &self.paragraphs;
        let p = self.prose();
        let n = p.chars.len();
        let c = &p.chars;
        let mut out = Vec::new();
        for (i, &(ps, pe)) in paragraphs.iter().enumerate() {
            let (ps, pe) = clamp(ps, pe, n);
            let mut j = ps;
            while j < pe && p.is(j, SPACE) {
                j += 1;
            }
            if j >= pe || !c[j].is_ascii_uppercase() {
                continue;
            }
            let e = (j..pe).find(|&k| c[k] == '\n').unwrap_or(pe);
            let dash_space = (j..e.saturating_sub(1)).any(|k| matches!(c[k], '-' | '–' | '—') && c[k + 1] == ' ');
            if dash_space || matches!(c[e - 1], '-' | '–' | '—') {
                out.push((i, j));
            }
        }
        out
    }
}

/// `quotes.quotation_spans(text)` (the reference): spans of quotations, marks included, or
/// None when `text` holds lone surrogates.
#[pyfunction]
pub fn quotation_spans(text: &Bound<'_, PyString>) -> PyResult<Option<Vec<(usize, usize)>>> {
    // A temporary UTF-8 copy, not `to_str`, which would keep one inside the str object.
    let Ok(bytes) = text.encode_utf8() else { return Ok(None) };
    let Ok(utf8) = std::str::from_utf8(bytes.as_bytes()) else { return Ok(None) };
    let c: Vec<char> = utf8.chars().collect();
    // Python's `\w` and `\s` of a character (asked of Python for non-ASCII ones, once each).
    let py = text.py();
    let mut asked: rustc_hash::FxHashMap<char, u8> = rustc_hash::FxHashMap::default();
    let class = |i: usize| -> PyResult<u8> {
        let ch = c[i];
        if ch.is_ascii() { Ok(crate::ASCII[ch as usize]) } else { crate::python_class(py, ch, &mut asked) }
    };
    quotations(&c, class).map(Some)
}

/// The quotations of `c` (`quotes.python_quotation_spans`); `class(i)` gives the class bits of
/// `c[i]` (only `WORD` and `SPACE` are read).
///
/// Double quotes (curly or straight) pair up in order, one left open running to the end; a
/// single quote opens (`['‘]` at the start or after a space, bracket, double quote or dash,
/// before a word character) only when a closing one follows (`['’]` after a word character or
/// sentence mark, before a space, mark or the end), and counts outside double quotations.
fn quotations(c: &[char], mut class: impl FnMut(usize) -> PyResult<u8>) -> PyResult<Vec<(usize, usize)>> {
    let n = c.len();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, &ch) in c.iter().enumerate() {
        if !matches!(ch, '“' | '”' | '"') {
            continue;
        }
        match start {
            None if ch != '”' => start = Some(i),
            Some(s) if ch != '“' => {
                spans.push((s, i + 1));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, n));
    }
    let doubles = spans.len();
    if !c.iter().any(|&ch| matches!(ch, '\'' | '‘')) {
        return Ok(spans);
    }
    let mut pos = 0;
    loop {
        // _OPEN_SINGLE.search(text, pos)
        let mut open = None;
        for o in pos..n {
            if !matches!(c[o], '\'' | '‘') || o + 1 >= n || class(o + 1)? & crate::WORD == 0 {
                continue;
            }
            if o == 0 || matches!(c[o - 1], '(' | '[' | '“' | '"' | '—' | '–' | '-') || class(o - 1)? & SPACE != 0 {
                open = Some(o);
                break;
            }
        }
        let Some(o) = open else { break };
        // _CLOSE_SINGLE.search(text, o + 1)
        let mut close = None;
        for q in o + 1..n {
            if !matches!(c[q], '\'' | '’') {
                continue;
            }
            if !(matches!(c[q - 1], '.' | ',' | '!' | '?') || class(q - 1)? & crate::WORD != 0) {
                continue;
            }
            if q + 1 == n
                || matches!(c[q + 1], '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '”' | '"' | '—' | '–' | '-')
                || class(q + 1)? & SPACE != 0
            {
                close = Some(q);
                break;
            }
        }
        let Some(q) = close else { break };
        // Outside every double quotation (they are sorted and disjoint).
        let k = spans[..doubles].partition_point(|&(a, _)| a <= o);
        if !(k > 0 && o < spans[k - 1].1) {
            spans.push((o, q + 1));
        }
        pos = q + 1;
    }
    spans.sort_unstable();
    Ok(spans)
}
