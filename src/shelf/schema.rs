//! What the shelf's index holds. Two kinds of entry: a unit of a report
//! (a paragraph, a sub-item, a heading, a footnote, a table row), and one
//! record per file seen (its size, time and hash, and whether it was read),
//! kept in the same index so both change in one commit.

use tantivy::TantivyDocument;
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};

use super::tokens::TOKENIZER;
use super::units::{Card, Kind, Report, Unit};

/// Raised whenever what the index holds, or how it cuts words, changes: an
/// index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 2;

/// The fields, by handle.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// A unit's file, relative to the shelf ("sub/A-80-188.pdf").
    pub file: Field,
    /// A file record's file: deleted apart from its units.
    pub record: Field,
    pub fingerprint: Field,
    /// The symbol as printed, stored.
    pub symbol: Field,
    /// The symbol folded, for `sym:`.
    pub symbol_key: Field,
    pub title: Field,
    pub year: Field,
    /// The organ the report is addressed to.
    pub body: Field,
    pub paragraph: Field,
    pub sub_item: Field,
    pub footnote: Field,
    pub page: Field,
    pub kind: Field,
    /// The unit's text, searched.
    pub text: Field,
    pub country: Field,
    /// Where the unit stands in its report's reading order.
    pub order: Field,
    pub size: Field,
    pub mtime: Field,
    pub hash: Field,
    /// A file record's outcome: "read", "failed" or "skipped".
    pub status: Field,
    pub reason: Field,
    /// A file record's report as the shelf lists it (JSON, stored only:
    /// never searched).
    pub card: Field,
}

pub fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("file", STRING | STORED);
    b.add_text_field("record", STRING | STORED);
    b.add_text_field("fingerprint", STRING | STORED);
    b.add_text_field("symbol", STORED);
    b.add_text_field("symbol_key", STRING);
    b.add_text_field("title", STORED);
    b.add_u64_field("year", INDEXED | STORED);
    b.add_text_field("body", STORED);
    b.add_u64_field("paragraph", STORED);
    b.add_text_field("sub_item", STORED);
    b.add_text_field("footnote", STORED);
    b.add_u64_field("page", STORED);
    b.add_text_field("kind", STRING | STORED);
    let text = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field("text", text);
    b.add_text_field("country", STRING);
    b.add_u64_field("order", STORED);
    b.add_u64_field("size", STORED);
    b.add_u64_field("mtime", STORED);
    b.add_text_field("hash", STORED);
    b.add_text_field("status", STRING | STORED);
    b.add_text_field("reason", STORED);
    b.add_text_field("card", STORED);
    b.build()
}

impl Fields {
    /// The handles in `schema`, which must be `schema()`'s.
    pub fn of(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            file: f("file")?,
            record: f("record")?,
            fingerprint: f("fingerprint")?,
            symbol: f("symbol")?,
            symbol_key: f("symbol_key")?,
            title: f("title")?,
            year: f("year")?,
            body: f("body")?,
            paragraph: f("paragraph")?,
            sub_item: f("sub_item")?,
            footnote: f("footnote")?,
            page: f("page")?,
            kind: f("kind")?,
            text: f("text")?,
            country: f("country")?,
            order: f("order")?,
            size: f("size")?,
            mtime: f("mtime")?,
            hash: f("hash")?,
            status: f("status")?,
            reason: f("reason")?,
            card: f("card")?,
        })
    }

    /// A unit as an index entry.
    pub fn unit(&self, file: &str, report: &Report, order: usize, unit: &Unit) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(self.file, file);
        d.add_text(self.fingerprint, &report.fingerprint);
        if let Some(symbol) = &report.symbol {
            d.add_text(self.symbol, symbol);
            d.add_text(self.symbol_key, symbol_key(symbol));
        }
        d.add_text(self.title, &report.title);
        if let Some(year) = report.year {
            d.add_u64(self.year, year);
        }
        if let Some(body) = &report.body {
            d.add_text(self.body, body);
        }
        if let Some(n) = unit.paragraph {
            d.add_u64(self.paragraph, n.into());
        }
        if let Some(label) = &unit.sub_item {
            d.add_text(self.sub_item, label);
        }
        if let Some(marker) = &unit.footnote {
            d.add_text(self.footnote, marker);
        }
        if let Some(page) = unit.page {
            d.add_u64(self.page, page.into());
        }
        d.add_text(self.kind, unit.kind.name());
        d.add_text(self.text, &unit.text);
        for c in &unit.countries {
            d.add_text(self.country, c);
        }
        d.add_u64(self.order, order as u64);
        d
    }

    /// A file's record.
    pub fn record(&self, file: &str, record: &Record) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(self.record, file);
        d.add_u64(self.size, record.size);
        d.add_u64(self.mtime, record.mtime);
        d.add_text(self.hash, &record.hash);
        d.add_text(self.status, record.status.name());
        d.add_text(self.reason, &record.reason);
        if let Some(card) = record
            .card
            .as_ref()
            .and_then(|c| serde_json::to_string(c).ok())
        {
            d.add_text(self.card, card);
        }
        d.add_text(self.kind, "file");
        d
    }

    /// A record read back; `None` for a unit.
    pub fn read_record(&self, d: &TantivyDocument) -> Option<(String, Record)> {
        let file = self.str(d, self.record)?;
        Some((
            file,
            Record {
                size: self.u64(d, self.size).unwrap_or(0),
                mtime: self.u64(d, self.mtime).unwrap_or(0),
                hash: self.str(d, self.hash).unwrap_or_default(),
                status: Status::from_name(&self.str(d, self.status).unwrap_or_default()),
                reason: self.str(d, self.reason).unwrap_or_default(),
                card: self
                    .str(d, self.card)
                    .and_then(|c| serde_json::from_str(&c).ok()),
            },
        ))
    }

    pub fn str(&self, d: &TantivyDocument, field: Field) -> Option<String> {
        d.get_first(field)
            .and_then(|v| v.as_str().map(str::to_string))
    }

    pub fn u64(&self, d: &TantivyDocument, field: Field) -> Option<u64> {
        d.get_first(field).and_then(|v| v.as_u64())
    }

    pub fn kind(&self, d: &TantivyDocument) -> Option<Kind> {
        Kind::from_name(&self.str(d, self.kind)?)
    }
}

/// A symbol as `sym:` compares it: folded, no blanks.
pub fn symbol_key(symbol: &str) -> String {
    crate::fold::fold(symbol).split_whitespace().collect()
}

/// What the index knows of a file it has seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub size: u64,
    /// Modified, in nanoseconds since 1970.
    pub mtime: u64,
    /// SHA-256 of its bytes, in hex.
    pub hash: String,
    pub status: Status,
    /// Why it was not read, in one line.
    pub reason: String,
    /// What the shelf lists of a report that was read.
    pub card: Option<Card>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Read,
    /// A PDF that could not be read, or a file that could not be opened.
    Failed,
    /// Not a report: left out quietly.
    Skipped,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Read => "read",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }

    fn from_name(name: &str) -> Status {
        match name {
            "read" => Status::Read,
            "failed" => Status::Failed,
            _ => Status::Skipped,
        }
    }
}
