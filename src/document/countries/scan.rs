//! Reading a document for names: paragraphs in chunks on one or two
//! threads, each text piece scanned in place.

use super::capitals::{capitals_mask, capitals_mask_avx512};
use super::gazetteer::{Around, Probe, gazetteer};
use super::names::Quick;
use super::{Mention, Place, Spot};
use crate::document::{Document, Inline};

/// Each country's mentions, the forms it uses and its paragraphs, in
/// reading order, and the sections titled with its name (both indexed as
/// `gazetteer().countries()`); a long report's paragraphs are read on two
/// threads, in chunks of `chunk` paragraphs, when `chunk` is given.
pub(super) fn read(doc: &Document, chunk: Option<usize>) -> (Vec<Gathered>, Vec<Vec<usize>>) {
    let gz = gazetteer();
    // A footnote's mentions are recorded for each citing paragraph:
    // (paragraph, footnote, times cited), in reading order.
    let mut cites: Vec<(usize, usize, usize)> = Vec::new();
    for (fi, f) in doc.footnotes.iter().enumerate() {
        cites.extend(f.cited_by.iter().map(|&pi| (pi, fi, 1)));
    }
    cites.sort_unstable();
    cites.dedup_by(|b, a| {
        let same = (a.0, a.1) == (b.0, b.1);
        a.2 += usize::from(same);
        same
    });
    let cites_from = |pi: usize| cites.partition_point(|c| c.0 < pi);

    // A long report is read in chunks of paragraphs by this thread and
    // a helper, each taking the next chunk when done with one: neither
    // waits for the other, though the helper starts late and either may
    // share its core. The chunks' hits are kept apart, in order, small (a
    // run of hits shares its paragraph and place); then each thread writes
    // the mentions of half the countries into vectors of the right size.
    let count = doc.paragraphs.len();
    let countries = gz.countries.len();
    let size = chunk.unwrap_or(count).max(1);
    let chunks: Vec<std::ops::Range<usize>> = (0..count)
        .step_by(size)
        .map(|start| start..(start + size).min(count))
        .collect();
    let slots: Vec<std::sync::RwLock<Scanned>> = chunks
        .iter()
        .map(|r| std::sync::RwLock::new(Scanned::with_room(doc, r.clone())))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = |reader: &mut Reader| {
        loop {
            let c = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let (Some(range), Some(slot)) = (chunks.get(c), slots.get(c)) else {
                break;
            };
            let mut slot = slot
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            // Filled on this thread's stack: neighbouring slots share
            // cache lines, and the other thread may be filling the next.
            let mut out = std::mem::take(&mut *slot);
            let cites = &cites[cites_from(range.start)..cites_from(range.end)];
            reader.paragraphs(doc, range.clone(), cites, &mut out);
            out.count(countries);
            *slot = out;
        }
    };
    // Citations from no paragraph the document has, then footnotes
    // nothing cites.
    let rest: std::sync::OnceLock<Scanned> = std::sync::OnceLock::new();
    let read_rest = |reader: &mut Reader| {
        let mut rest = Scanned::default();
        for &cite in &cites[cites_from(count)..] {
            reader.cite(doc, cite, &mut rest);
        }
        for (fi, f) in doc.footnotes.iter().enumerate() {
            if f.cited_by.is_empty() {
                reader.joined.scan(doc, &f.text, |hit| rest.hits.push(hit));
                rest.close(None, Place::Footnote(fi as u32));
            }
        }
        rest.count(countries);
        rest
    };
    let scanned = || {
        slots.iter().map(|slot| {
            slot.read()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        })
    };
    let totals = || {
        let mut totals = vec![0usize; countries];
        let mut add = |counts: &[u32]| {
            for (t, &n) in totals.iter_mut().zip(counts) {
                *t += n as usize;
            }
        };
        for s in scanned() {
            add(&s.counts);
        }
        if let Some(rest) = rest.get() {
            add(&rest.counts);
        }
        totals
    };
    // The mentions of the countries in `range`, from every chunk in order.
    let part = |range: std::ops::Range<usize>, totals: &[usize]| -> Vec<Gathered> {
        let mut gathered: Vec<Gathered> = range
            .clone()
            .map(|c| Gathered::with_room(totals[c]))
            .collect();
        for s in scanned() {
            s.gather(range.start, &mut gathered);
        }
        if let Some(rest) = rest.get() {
            rest.gather(range.start, &mut gathered);
        }
        for g in &mut gathered {
            g.settle();
        }
        gathered
    };
    // Sections titled with a country's name, looked up by whichever thread
    // is first to finish reading, while it would otherwise wait.
    let sections: std::sync::OnceLock<Vec<Vec<usize>>> = std::sync::OnceLock::new();
    let look_up = || {
        sections.get_or_init(|| {
            let mut sections = vec![Vec::new(); countries];
            for (si, s) in doc.sections.iter().enumerate() {
                if let Some(c) = gz.lookup(&s.title) {
                    sections[c].push(si);
                }
            }
            sections
        });
    };
    let look_up = &look_up;
    let (work, part) = (&work, &part);
    // Each gathers the mentions of about half the countries, split
    // where the counts say; both work the split out the same way.
    let split = || {
        let totals = totals();
        let half = totals.iter().sum::<usize>() / 2;
        let mut sum = 0;
        let split = totals
            .iter()
            .position(|&n| {
                sum += n;
                sum > half
            })
            .map_or(countries, |c| c + 1);
        (split, totals)
    };
    let split = &split;
    // Both threads arrive here before either gathers. Whoever is first
    // waits without sleeping: the other is at most a chunk away, and
    // waking a sleeping thread costs tens of microseconds.
    let arrived = std::sync::atomic::AtomicUsize::new(0);
    let arrived = &arrived;
    let wait = || {
        let mut spins = 0u32;
        while arrived.load(std::sync::atomic::Ordering::Acquire) < 2 {
            spins += 1;
            if spins.is_multiple_of(256) {
                std::thread::yield_now();
            } else {
                std::hint::spin_loop();
            }
        }
    };
    let wait = &wait;
    let (mut reader, mut helper) = (Reader::new(doc), Reader::new(doc));
    let gathered = std::thread::scope(|s| {
        let helping = chunk
            .is_some()
            .then(|| {
                std::thread::Builder::new()
                    .spawn_scoped(s, move || {
                        {
                            // Arrives even if the work panics.
                            let _arrive = Arrive(arrived);
                            work(&mut helper);
                        }
                        if arrived.load(std::sync::atomic::Ordering::Acquire) < 2 {
                            look_up();
                        }
                        wait();
                        let (split, totals) = split();
                        part(split..countries, &totals)
                    })
                    .ok()
            })
            .flatten();
        {
            let _arrive = Arrive(arrived);
            work(&mut reader);
            let _ = rest.set(read_rest(&mut reader));
        }
        if helping.is_none() || arrived.load(std::sync::atomic::Ordering::Acquire) < 2 {
            look_up();
        }
        let (split, totals) = match helping {
            Some(_) => {
                wait();
                split()
            }
            None => (countries, totals()),
        };
        let mut gathered = part(0..split, &totals);
        if let Some(helper) = helping {
            let theirs = helper
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            gathered.extend(theirs);
        }
        gathered
    });
    debug_assert_eq!(gathered.len(), countries);
    look_up();
    (gathered, sections.into_inner().unwrap_or_default())
}

/// A mention as first found, in 12 bytes: its paragraph and place are
/// its `Run`'s.
#[derive(Clone, Copy)]
struct Hit {
    start: u32,
    end: u32,
    country: u16,
    /// Index into `Gazetteer::patterns`.
    form: u16,
}

/// One country's share of the index while it is built.
pub(super) struct Gathered {
    pub(super) mentions: Vec<Mention>,
    /// Forms (`Gazetteer::patterns`) in order of first use (when `sorted`).
    pub(super) forms: Vec<u16>,
    /// Paragraph indices in hit order, without immediate repeats.
    pub(super) paragraphs: Vec<u32>,
    /// `mentions` are in reading order.
    sorted: bool,
}

impl Gathered {
    /// Puts the mentions in reading order if the text pieces ran backwards
    /// in the source (then the forms' order of first use is redone too),
    /// and the paragraphs in order, once each.
    fn settle(&mut self) {
        if !self.sorted {
            self.mentions.sort_by_key(Mention::order_key);
            self.forms.clear();
            for m in &self.mentions {
                if !self.forms.contains(&m.form) {
                    self.forms.push(m.form);
                }
            }
            self.sorted = true;
        }
        if !self.paragraphs.is_sorted() {
            self.paragraphs.sort_unstable();
        }
        self.paragraphs.dedup();
    }

    fn with_room(mentions: usize) -> Gathered {
        Gathered {
            mentions: Vec::with_capacity(mentions),
            forms: Vec::new(),
            paragraphs: Vec::new(),
            sorted: true,
        }
    }
}

/// Hits up to `end` not in an earlier run share a paragraph and place.
struct Run {
    end: u32,
    spot: Spot,
}

/// A source this long is read on two threads: below it, starting a
/// thread costs more than it saves.
pub(super) const PARALLEL_FROM: usize = 1 << 20;

/// Counts a thread's arrival when dropped, on panic too.
struct Arrive<'a>(&'a std::sync::atomic::AtomicUsize);

impl Drop for Arrive<'_> {
    fn drop(&mut self) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Release);
    }
}

/// Paragraphs in a chunk: enough that a chunk's first cache misses are
/// few next to its work, few enough that the threads end close together.
pub(super) const CHUNK: usize = 1024;

/// One thread's reading: its scanner, and the footnotes it has scanned.
/// Aligned to two cache lines, so two readers side by side never share
/// one: each writes its own on every paragraph, and a shared line made the
/// whole build a third slower, or not, as the stack happened to fall.
#[repr(align(128))]
struct Reader {
    joined: JoinedText,
    /// Footnotes' hits, each footnote scanned when first cited: then its
    /// text is likely still in the cache from the paragraph just read.
    notes: Vec<Hit>,
    /// Each footnote's hits in `notes`, once scanned.
    noted: Vec<Option<(u32, u32)>>,
}

impl Reader {
    fn new(doc: &Document) -> Reader {
        Reader {
            joined: JoinedText {
                #[cfg(target_arch = "x86_64")]
                avx512: std::arch::is_x86_feature_detected!("avx512bw"),
                ..JoinedText::default()
            },
            notes: Vec::new(),
            noted: vec![None; doc.footnotes.len()],
        }
    }

    /// The hits in `paragraphs`: their bodies, sub-items and the footnotes
    /// they cite (`cites`: (paragraph, footnote, times), ascending).
    fn paragraphs(
        &mut self,
        doc: &Document,
        paragraphs: std::ops::Range<usize>,
        cites: &[(usize, usize, usize)],
        out: &mut Scanned,
    ) {
        let mut cites = cites.iter().copied().peekable();
        for pi in paragraphs {
            if let Some(ahead) = doc.paragraphs.get(pi + 4) {
                prefetch(doc, &ahead.text);
            }
            let p = &doc.paragraphs[pi];
            self.joined.scan(doc, &p.text, |hit| out.hits.push(hit));
            out.close(Some(pi), Place::Body);
            for (k, item) in p.sub_items.iter().enumerate() {
                self.joined.scan(doc, &item.text, |hit| out.hits.push(hit));
                out.close(Some(pi), Place::SubItem(k as u32));
            }
            while let Some(cite) = cites.next_if(|c| c.0 == pi) {
                self.cite(doc, cite, out);
            }
        }
    }

    /// Paragraph `pi` cites footnote `fi` `times` times: each time, each of
    /// the footnote's names is a mention.
    fn cite(&mut self, doc: &Document, (pi, fi, times): (usize, usize, usize), out: &mut Scanned) {
        let (start, end) = match self.noted[fi] {
            Some(range) => range,
            None => {
                let start = self.notes.len() as u32;
                let notes = &mut self.notes;
                self.joined
                    .scan(doc, &doc.footnotes[fi].text, |hit| notes.push(hit));
                let range = (start, notes.len() as u32);
                self.noted[fi] = Some(range);
                range
            }
        };
        for &hit in &self.notes[start as usize..end as usize] {
            for _ in 0..times {
                out.hits.push(hit);
            }
        }
        out.close(Some(pi), Place::Footnote(fi as u32));
    }
}

/// Brings a paragraph's first inlines and text into the cache ahead of its
/// scan: the hardware does not foresee the jump to the next paragraph's
/// inlines, nor the first bytes of its text.
#[inline(always)]
fn prefetch(doc: &Document, inlines: &[Inline]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let first = inlines.as_ptr().cast::<i8>();
        let text = match inlines.first() {
            Some(Inline::Text { range, .. }) => Some(
                doc.source
                    .as_ptr()
                    .wrapping_add(range.start as usize)
                    .cast::<i8>(),
            ),
            _ => None,
        };
        // SAFETY: a prefetch reads nothing and never faults, whatever the
        // address.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(first);
            _mm_prefetch::<_MM_HINT_T0>(first.wrapping_add(64));
            if let Some(text) = text {
                for line in 0..8 {
                    _mm_prefetch::<_MM_HINT_T0>(text.wrapping_add(64 * line));
                }
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (doc, inlines);
}

/// The hits of a run of paragraphs, in reading order.
#[derive(Default)]
struct Scanned {
    hits: Vec<Hit>,
    runs: Vec<Run>,
    /// Hits per country, once `count`ed.
    counts: Vec<u32>,
}

impl Scanned {
    /// Ends a run of the hits found since the last run, if any, in
    /// `paragraph` at `place`.
    fn close(&mut self, paragraph: Option<usize>, place: Place) {
        // Hits, paragraphs, sub-items and footnotes are counted in u32: a
        // chunk has fewer hits than bytes, and the source is under 4 GiB.
        let end = self.hits.len() as u32;
        if self.runs.last().map_or(0, |r| r.end) < end {
            self.runs.push(Run {
                end,
                spot: Spot::new(paragraph.map(|p| p as u32), place),
            });
        }
    }

    /// Room for the hits of `paragraphs`: reports name a State every few
    /// hundred bytes at most, and room up front saves copying the hits as
    /// they grow. A run has at least one hit.
    fn with_room(doc: &Document, paragraphs: std::ops::Range<usize>) -> Scanned {
        let bytes = doc.source.len() / doc.paragraphs.len().max(1) * paragraphs.len();
        Scanned {
            hits: Vec::with_capacity(bytes / 128),
            runs: Vec::with_capacity(bytes / 128),
            counts: Vec::new(),
        }
    }

    /// Counts the hits per country, while they are still in the cache.
    fn count(&mut self, countries: usize) {
        self.counts.clear();
        self.counts.resize(countries, 0);
        for hit in &self.hits {
            if let Some(n) = self.counts.get_mut(usize::from(hit.country)) {
                *n += 1;
            }
        }
    }

    /// Adds the mentions, forms and paragraphs of the countries from
    /// `first` on that `gathered` holds, in one pass over the hits.
    fn gather(&self, first: usize, gathered: &mut [Gathered]) {
        let mut from = 0;
        for run in &self.runs {
            for hit in &self.hits[from..run.end as usize] {
                let Some(g) = usize::from(hit.country)
                    .checked_sub(first)
                    .and_then(|c| gathered.get_mut(c))
                else {
                    continue;
                };
                let m = Mention {
                    range: hit.start..hit.end,
                    spot: run.spot,
                    country: hit.country,
                    form: hit.form,
                };
                if let Some(last) = g.mentions.last() {
                    g.sorted &= last.order_key() <= m.order_key();
                }
                if !g.forms.contains(&hit.form) {
                    g.forms.push(hit.form);
                }
                if let Some(p) = run.spot.paragraph()
                    && g.paragraphs.last() != Some(&p)
                {
                    g.paragraphs.push(p);
                }
                g.mentions.push(m);
            }
            from = run.end as usize;
        }
    }
}

/// Inline text read as one string (page-break `Space`s as spaces), so names
/// split by markup are still found. Pieces are scanned in place; only a
/// capital whose answer depends on the next piece has the string built,
/// with the way back to source bytes.
#[derive(Default)]
struct JoinedText {
    /// Built for the current inlines.
    built: bool,
    text: String,
    /// (offset in `text`, offset in source) at the start of each text piece.
    pieces: Vec<(u32, u32)>,
    /// The CPU has AVX-512BW.
    avx512: bool,
}

impl JoinedText {
    fn scan(&mut self, doc: &Document, inlines: &[Inline], found: impl FnMut(Hit)) {
        #[cfg(target_arch = "x86_64")]
        if self.avx512 {
            // SAFETY: `avx512` is set only when the CPU has AVX-512BW.
            return unsafe { self.scan_avx512(doc, inlines, found) };
        }
        self.scan_with(doc, inlines, found, capitals_mask);
    }

    /// AVX-512 finds a block's capitals in three instructions where SSE2
    /// takes sixteen.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512bw")]
    unsafe fn scan_avx512(&mut self, doc: &Document, inlines: &[Inline], found: impl FnMut(Hit)) {
        self.scan_with(doc, inlines, found, |buf, at| capitals_mask_avx512(buf, at));
    }

    #[inline(always)]
    fn scan_with(
        &mut self,
        doc: &Document,
        inlines: &[Inline],
        mut found: impl FnMut(Hit),
        capitals_mask: impl Fn(&[u8], usize) -> u64,
    ) {
        let table = &gazetteer().table;
        let source = doc.source.as_bytes();
        self.built = false;
        // Offset in the joined string of the current piece, and where the
        // next name may start (a name consumes its words).
        let mut at = 0usize;
        let mut resume = 0usize;
        for (i, inline) in inlines.iter().enumerate() {
            let range = match inline {
                Inline::Text { range, .. } => range,
                // One char each: a space, or \u{1} for a URL or a footnote
                // marker, which separate words and name nothing.
                Inline::Space | Inline::Link { .. } | Inline::FootnoteRef { .. } => {
                    at += 1;
                    continue;
                }
            };
            let base = range.start as usize;
            let Some(piece) = source.get(base..range.end as usize) else {
                continue;
            };
            let len = piece.len();
            let mut block = 0;
            while block < len {
                let mut mask = capitals_mask(source, base + block);
                if len - block < 64 {
                    mask &= (1u64 << (len - block)) - 1;
                }
                while mask != 0 {
                    let k = block + mask.trailing_zeros() as usize;
                    mask &= mask - 1;
                    // Bytes past the piece may be markup, so only a key
                    // wholly inside it can rule a name out.
                    let may = piece.get(k..k + 4).is_none_or(|key| table.may_begin(key));
                    if may && at + k >= resume {
                        match table.match_at(piece, k) {
                            Quick::No => {}
                            Quick::Found(c, end) => {
                                if let Some(country) = c.country() {
                                    found(Hit {
                                        start: (base + k) as u32,
                                        end: (base + end) as u32,
                                        country: country as u16,
                                        form: c.pattern,
                                    });
                                }
                                resume = at + end;
                            }
                            Quick::Slow => {
                                resume = resume.max(self.probe(doc, inlines, i, at, k, &mut found));
                            }
                        }
                    }
                }
                block += 64;
            }
            at += len;
        }
    }

    /// Reports the name, if any, whose first capital is byte `k` of text
    /// piece `inlines[i]`, which starts at `at` in the joined string, and
    /// returns the joined offset where it ends (0 for none; a place that
    /// is not a State still hides the names inside it). Kept out of the
    /// hot loop, as most capitals never get here.
    #[inline(never)]
    fn probe(
        &mut self,
        doc: &Document,
        inlines: &[Inline],
        i: usize,
        at: usize,
        k: usize,
        found: &mut impl FnMut(Hit),
    ) -> usize {
        let gz = gazetteer();
        let Some(Inline::Text { range, .. }) = inlines.get(i) else {
            return 0;
        };
        let piece = doc.slice(range);
        let base = range.start as usize;
        // The text piece just before this one, "" after a space or marker;
        // it matters only when a name (lead included) may start the piece.
        let before = (k <= gz.table.longest_lead).then(|| {
            inlines[..i]
                .iter()
                .rev()
                .map(|inline| match inline {
                    Inline::Text { range, .. } => Some(doc.slice(range)),
                    _ => None,
                })
                .find(|piece| piece.is_none_or(|p| !p.is_empty()))
                .flatten()
        });
        let around = Around {
            before_alnum: before
                .flatten()
                .and_then(|b| b.chars().next_back())
                .is_some_and(char::is_alphanumeric),
            at_start: at == 0,
            at_end: i + 1 == inlines.len(),
        };
        let (pattern, country, range, end) = match gz.probe(piece, k, around) {
            Probe::No => return 0,
            Probe::Found {
                pattern,
                country,
                start,
                end,
            } => {
                let range = (base + start) as u32..(base + end) as u32;
                (pattern, country, range, at + end)
            }
            Probe::Unsure => {
                self.build(doc, inlines);
                let Probe::Found {
                    pattern,
                    country,
                    start,
                    end,
                } = gz.probe(&self.text, at + k, Around::WHOLE)
                else {
                    return 0;
                };
                // The last byte of a name is always inside a text piece.
                let range = self.to_source(start)..self.to_source(end - 1) + 1;
                (pattern, country, range, end)
            }
        };
        if let Some(country) = country {
            found(Hit {
                start: range.start,
                end: range.end,
                // The name table holds them as u8 and u16.
                country: country as u16,
                form: pattern as u16,
            });
        }
        end
    }

    /// Joins `inlines` into `text`, once per scan.
    fn build(&mut self, doc: &Document, inlines: &[Inline]) {
        if self.built {
            return;
        }
        self.built = true;
        self.text.clear();
        self.pieces.clear();
        for inline in inlines {
            match inline {
                Inline::Text { range, .. } => {
                    self.pieces.push((self.text.len() as u32, range.start));
                    self.text.push_str(doc.slice(range));
                }
                Inline::Space => self.text.push(' '),
                Inline::Link { .. } | Inline::FootnoteRef { .. } => self.text.push('\u{1}'),
            }
        }
    }

    /// Source offset of byte `at` of `text`.
    fn to_source(&self, at: usize) -> u32 {
        let i = self.pieces.partition_point(|&(t, _)| t as usize <= at);
        match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(&(t, s)) => s + (at as u32 - t),
            None => 0,
        }
    }
}
