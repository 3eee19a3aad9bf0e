//! The terminal's picture: what it shows now, what the next frame wants, and
//! the fewest bytes between the two.
//!
//! A reader frame after a reader frame does what `less` does: the terminal
//! moves the text rows itself (a scrolling region). Each part of the frame
//! (every text row, every gutter, the contents pane, the title, the
//! scrollbar, the status line) is compared by its key, what it is drawn
//! from, and only parts whose keys changed are drawn and sent. Any other
//! frame (a popup, a resize) is drawn whole and sent as a difference, as
//! ratatui does.

use std::io::{self, Write};
use std::ops::Range;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::ui::{self, ReaderKeys, Redraw, RowKey};

pub struct Screen<W: Write> {
    out: W,
    /// What the terminal shows.
    frame: Buffer,
    /// A frame drawn whole, or the cells of `frame` about to be drawn again.
    scratch: Buffer,
    /// What the last frame was drawn from, when it was a reader frame.
    keys: Option<ReaderKeys>,
    /// Room for the next frame's keys, and for the lists a frame makes:
    /// a scroll allocates nothing.
    spare: ReaderKeys,
    plan: Redraw,
    /// The bytes of the frame being sent, kept to spare an allocation.
    bytes: Vec<u8>,
    /// The rows of the contents pane as bytes, to send them again after a
    /// scroll without reading their cells.
    contents_rows: Option<EncodedRows>,
    /// Rows whose cells in `frame` are not what the terminal shows: rows
    /// the terminal moved, and lines sent without cells, are known by their
    /// keys only.
    stale: Vec<bool>,
    /// One row of cells, for a line with characters that are not one
    /// column wide: drawn there, then sent from its cells.
    line_cells: Buffer,
    /// A row of blank cells: what a row the terminal scrolled in shows.
    blank: Vec<Cell>,
    /// The terminal's content is unknown (start, resize): clear and draw all.
    fresh: bool,
}

impl<W: Write> Screen<W> {
    pub fn new(out: W, width: u16, height: u16) -> Screen<W> {
        let area = Rect::new(0, 0, width, height);
        Screen {
            out,
            frame: Buffer::empty(area),
            scratch: Buffer::empty(area),
            keys: None,
            spare: ReaderKeys::default(),
            plan: Redraw::default(),
            bytes: Vec::with_capacity(1 << 14),
            contents_rows: None,
            stale: vec![false; usize::from(height)],
            line_cells: Buffer::empty(Rect::new(0, 0, width, 1)),
            blank: vec![Cell::EMPTY; usize::from(width)],
            fresh: true,
        }
    }

    pub fn size(&self) -> (u16, u16) {
        (self.frame.area.width, self.frame.area.height)
    }

    /// After a resize nothing on the terminal can be trusted: the next
    /// frame clears it and is drawn whole.
    pub fn resize(&mut self, width: u16, height: u16) {
        let area = Rect::new(0, 0, width, height);
        self.frame = Buffer::empty(area);
        self.scratch = Buffer::empty(area);
        self.keys = None;
        self.contents_rows = None;
        self.stale = vec![false; usize::from(height)];
        self.line_cells = Buffer::empty(Rect::new(0, 0, width, 1));
        self.blank = vec![Cell::EMPTY; usize::from(width)];
        self.fresh = true;
    }

    pub fn writer(&mut self) -> &mut W {
        &mut self.out
    }

    /// Draws the app's state and sends what changed to the terminal.
    pub fn draw(&mut self, app: &App) -> io::Result<()> {
        let mut bytes = std::mem::take(&mut self.bytes);
        bytes.clear();
        if self.fresh {
            bytes.extend_from_slice(b"\x1b[0m\x1b[2J");
            self.frame.reset();
            self.stale.fill(false);
            self.fresh = false;
        }
        let reader = ui::is_reader_frame(app) && app.size == self.size();
        let keys = reader.then(|| {
            let mut keys = std::mem::take(&mut self.spare);
            ui::fill_reader_keys(app, &mut keys);
            keys
        });
        match (self.keys.take(), keys) {
            (Some(old), Some(new)) if old.areas == new.areas => {
                self.redraw(app, &old, &new, &mut bytes);
                self.keys = Some(new);
                self.spare = old;
            }
            (old, new) => {
                if let Some(old) = old {
                    self.spare = old;
                }
                self.scratch.reset();
                ui::draw(app, &mut self.scratch);
                let mut pen = Pen::default();
                let w = usize::from(self.frame.area.width);
                for y in 0..self.frame.area.height {
                    let at = usize::from(y) * w;
                    let old = &self.frame.content[at..at + w];
                    let new = &self.scratch.content[at..at + w];
                    // A row with stale cells is sent whole: a wide character
                    // may straddle the stale part's edge.
                    let stale = self.stale.get(usize::from(y)).copied().unwrap_or(true);
                    let old = (!stale).then_some(old);
                    pen.row(&mut bytes, old, new, y, 0..self.frame.area.width);
                }
                pen.finish(&mut bytes);
                std::mem::swap(&mut self.frame, &mut self.scratch);
                self.stale.fill(false);
                self.keys = new;
                self.contents_rows = None;
            }
        }
        let sent = self.out.write_all(&bytes).and_then(|()| self.out.flush());
        self.bytes = bytes;
        sent
    }

    /// A reader frame after a reader frame of the same shape. Rows that only
    /// moved are moved by the terminal; every other part whose key changed
    /// is sent: gutters, text rows, title and status line straight from
    /// their lines, the contents pane as a difference of cells (or again
    /// from its bytes, when the terminal moved it with the text), the
    /// scrollbar cell by cell.
    fn redraw(&mut self, app: &App, old: &ReaderKeys, new: &ReaderKeys, bytes: &mut Vec<u8>) {
        let areas = &new.areas;
        let mut plan = std::mem::take(&mut self.plan);
        let shift = reuse(&old.rows, &new.rows, &mut plan.text);
        let scrolled = shift != 0 && plan.text.iter().any(|&draw| !draw);
        let moved = Moved {
            by: if scrolled { shift } else { 0 },
            rows: areas.text.y..areas.text.bottom(),
        };
        // Lines sent without cells leave their rows' cells in `frame` stale.
        for y in moved.rows.clone().chain([areas.title.y, areas.status.y]) {
            if let Some(stale) = self.stale.get_mut(usize::from(y)) {
                *stale = true;
            }
        }
        if scrolled {
            scroll_terminal(bytes, areas.text, shift);
        }
        plan.gutters.clear();
        plan.gutters
            .extend((0..new.gutters.len()).map(|i| {
                moved.before(i).and_then(|j| old.gutters.get(j)) != Some(&new.gutters[i])
            }));
        plan.title = old.title != new.title;
        plan.status = old.status != new.status;
        let mut pen = Pen::default();
        self.send_contents(app, old, new, &moved, &mut pen, bytes);
        self.send_lines(app, areas, &plan, &moved, &mut pen, bytes);
        send_scrollbar(
            old.scrollbar,
            new.scrollbar,
            areas.scrollbar,
            &moved,
            &mut pen,
            bytes,
        );
        pen.finish(bytes);
        self.plan = plan;
    }

    /// The contents pane. When only marks moved (the entry being read), the
    /// entries whose mark changed are drawn again; when more changed, all
    /// of it, sent as a difference. Otherwise each entry row whose entry is
    /// not what the terminal shows there (it moved rows with the text) is
    /// sent again from its bytes.
    fn send_contents(
        &mut self,
        app: &App,
        old: &ReaderKeys,
        new: &ReaderKeys,
        moved: &Moved,
        pen: &mut Pen,
        bytes: &mut Vec<u8>,
    ) {
        let (Some(c), Some(key), Some(was)) = (new.areas.contents, &new.contents, &old.contents)
        else {
            return;
        };
        let changed = key != was;
        let w = usize::from(self.frame.area.width);
        if changed && !key.marks_only(was) {
            self.contents_rows = None;
            let cols = usize::from(c.x)..usize::from(c.right());
            // What the terminal showed, kept in `scratch` to compare.
            for y in c.y..c.bottom() {
                let at = usize::from(y) * w;
                let span = at + cols.start..at + cols.end;
                self.scratch.content[span.clone()]
                    .swap_with_slice(&mut self.frame.content[span.clone()]);
                self.frame.content[span].iter_mut().for_each(Cell::reset);
            }
            ui::redraw_contents(app, &mut self.frame, new);
            for y in c.y..c.bottom() {
                let at = usize::from(y) * w;
                // A row the terminal moved shows the old row it came from.
                let old = match moved.from(y) {
                    Some(Some(from)) => {
                        let at = usize::from(from) * w;
                        &self.scratch.content[at..at + w]
                    }
                    Some(None) => &self.blank[..],
                    None => &self.scratch.content[at..at + w],
                };
                let new = &self.frame.content[at..at + w];
                pen.row(bytes, Some(old), new, y, c.x..c.right());
            }
            return;
        }
        let rows = key.rows();
        if changed {
            // Only marks moved: the entries whose mark changed are drawn
            // again, over blank cells, and encoded again.
            let redrawn: Vec<usize> = key.changed_from(was).collect();
            let cols = key.entry_columns();
            for &i in &redrawn {
                let at = usize::from(rows.start + i as u16) * w;
                let span = at + usize::from(cols.start)..at + usize::from(cols.end);
                self.frame.content[span].iter_mut().for_each(Cell::reset);
            }
            ui::redraw_contents_rows(app, &mut self.frame, new, &redrawn);
            if let Some(encoded) = self.contents_rows.as_mut() {
                encoded.encode_again(&self.frame, c, &redrawn, rows.start - c.y);
            }
        } else if moved.by == 0 {
            return;
        }
        let frame = &self.frame;
        let encoded = self
            .contents_rows
            .get_or_insert_with(|| EncodedRows::new(frame, c));
        // What the terminal shows at row y: the old entry of the row it
        // moved from, or nothing (scrolled in), or the old entry of row y.
        let send = |y: u16| match moved.from(y) {
            Some(Some(from)) => !key.same_as(y, was, from),
            Some(None) => true,
            None => !key.same_as(y, was, y),
        };
        // Rows to send one after the other go out as one slice.
        let mut y = rows.start;
        while y < rows.end {
            if !send(y) {
                y += 1;
                continue;
            }
            let first = y;
            while y < rows.end && send(y) {
                y += 1;
            }
            bytes.extend_from_slice(encoded.rows(first - c.y..y - c.y));
        }
        // Where the rows ended, and in which style, is left unknown.
        pen.cursor = None;
        pen.style = None;
    }

    /// Gutters, text rows, title and status line whose keys changed, sent
    /// from their lines. A row the terminal scrolled in is blank: its blanks
    /// are not sent again.
    fn send_lines(
        &mut self,
        app: &App,
        areas: &ui::areas::Areas,
        plan: &Redraw,
        moved: &Moved,
        pen: &mut Pen,
        bytes: &mut Vec<u8>,
    ) {
        let cells = &mut self.line_cells;
        let text = areas.text;
        let gutter = Rect::new(areas.section.x, text.y, text.x - areas.section.x, 1);
        for row in 0..text.height {
            let y = text.y + row;
            let blank = moved.from(y) == Some(None);
            if plan.gutters.get(usize::from(row)).copied().unwrap_or(true) {
                let line = ui::gutter_line(app, areas, usize::from(row)).unwrap_or_default();
                let place = Rect { y, ..gutter };
                pen.put_line(bytes, cells, &line, Style::default(), place, !blank);
            }
            if !plan.text.get(usize::from(row)).copied().unwrap_or(true) {
                continue;
            }
            let (indent, line) = ui::text_line(app, areas, usize::from(row))
                .unwrap_or((text.width, Line::default()));
            if !blank {
                pen.put_blank(bytes, text.x, y, indent, Style::default());
            }
            let place = Rect::new(text.x + indent, y, text.width - indent, 1);
            pen.put_line(bytes, cells, &line, Style::default(), place, !blank);
        }
        if plan.title {
            let line = ui::title_line(app, areas.title.width);
            let place = areas.title;
            pen.put_line(bytes, cells, &line, Style::default(), place, true);
        }
        if plan.status {
            let (line, style) = ui::status_line(app, areas.status.width);
            pen.put_line(bytes, cells, &line, style, areas.status, true);
        }
    }
}

/// How the terminal moved the section pane's rows this frame.
struct Moved {
    /// New row `i` of the pane shows old row `i + by`.
    by: isize,
    /// The screen rows that moved.
    rows: Range<u16>,
}

impl Moved {
    /// Which row of the pane showed, before the move, what row `i` shows now.
    fn before(&self, i: usize) -> Option<usize> {
        let j = i as isize + self.by;
        (j >= 0).then_some(j as usize)
    }

    /// For a screen row the terminal moved (None: not moved): the screen
    /// row its content came from, or None when it was scrolled in blank.
    fn from(&self, y: u16) -> Option<Option<u16>> {
        if self.by == 0 || !self.rows.contains(&y) {
            return None;
        }
        let from = y as isize + self.by;
        let inside = (self.rows.start as isize..self.rows.end as isize).contains(&from);
        Some(inside.then_some(from as u16))
    }
}

/// The scrollbar: only the cells whose symbol differs from what the
/// terminal shows there now.
fn send_scrollbar(
    was: usize,
    now: usize,
    bar: Rect,
    moved: &Moved,
    pen: &mut Pen,
    bytes: &mut Vec<u8>,
) {
    let (was, now) = (
        ui::ScrollbarShape::new(was, bar.height),
        ui::ScrollbarShape::new(now, bar.height),
    );
    for row in 0..bar.height {
        let shown = moved
            .before(usize::from(row))
            .filter(|&j| j < usize::from(bar.height))
            .and_then(|j| was.symbol(j as u16))
            .unwrap_or(' ');
        let symbol = now.symbol(row).unwrap_or(' ');
        if shown != symbol {
            pen.put_char(bytes, bar.x, bar.y + row, symbol);
        }
    }
}

/// How far the text moved (new row `i` shows old row `i + shift`); `draw`
/// gets, per new row, whether it shows anything but exactly what an old row
/// showed.
fn reuse(old: &[RowKey], new: &[RowKey], draw: &mut Vec<bool>) -> isize {
    draw.clear();
    draw.resize(new.len(), true);
    let (Some(first_new), Some(first_old)) = (new.first(), old.first()) else {
        return 0;
    };
    let shift = if let Some(i) = old.iter().position(|k| k.pos == first_new.pos) {
        i as isize
    } else if let Some(i) = new.iter().position(|k| k.pos == first_old.pos) {
        -(i as isize)
    } else {
        return 0;
    };
    for (i, key) in new.iter().enumerate() {
        let j = i as isize + shift;
        draw[i] = !(j >= 0 && old.get(j as usize) == Some(key));
    }
    shift
}

/// Asks the terminal to move the rows of `text` up (`shift` > 0) or down:
/// inside a scrolling region the size of `text`, lines are deleted (or
/// inserted) at its top. Delete and insert line are as old as the VT102, so
/// every terminal in use has them, the Linux console included.
fn scroll_terminal(bytes: &mut Vec<u8>, text: Rect, shift: isize) {
    bytes.extend_from_slice(b"\x1b[0m\x1b[");
    push_num(bytes, u32::from(text.y) + 1);
    bytes.push(b';');
    push_num(bytes, u32::from(text.bottom()));
    bytes.push(b'r');
    push_cursor(bytes, 0, text.y);
    bytes.extend_from_slice(b"\x1b[");
    push_num(bytes, shift.unsigned_abs() as u32);
    bytes.push(if shift > 0 { b'M' } else { b'L' });
    bytes.extend_from_slice(b"\x1b[r");
}

/// The rows of an area of the screen as bytes, one after the other, each
/// complete in itself: the cursor moved to its start, its style set, and
/// reset at its end.
struct EncodedRows {
    bytes: Vec<u8>,
    /// Where each row starts in `bytes`, and where the last one ends.
    starts: Vec<usize>,
}

impl EncodedRows {
    fn new(frame: &Buffer, area: Rect) -> EncodedRows {
        let mut bytes = Vec::new();
        let mut starts = vec![0];
        for y in area.y..area.bottom() {
            encode_row(&mut bytes, frame, area, y);
            starts.push(bytes.len());
        }
        EncodedRows { bytes, starts }
    }

    /// Encodes again entries `entries` (counted from row `first` of the
    /// area), keeping the other rows' bytes.
    fn encode_again(&mut self, frame: &Buffer, area: Rect, entries: &[usize], first: u16) {
        let mut bytes = Vec::with_capacity(self.bytes.len());
        let mut starts = vec![0];
        for (i, y) in (area.y..area.bottom()).enumerate() {
            let again = i
                .checked_sub(usize::from(first))
                .is_some_and(|e| entries.contains(&e));
            if again {
                encode_row(&mut bytes, frame, area, y);
            } else {
                bytes.extend_from_slice(&self.bytes[self.starts[i]..self.starts[i + 1]]);
            }
            starts.push(bytes.len());
        }
        *self = EncodedRows { bytes, starts };
    }

    /// The bytes of rows `rows` (counted from the area's top).
    fn rows(&self, rows: Range<u16>) -> &[u8] {
        &self.bytes[self.starts[usize::from(rows.start)]..self.starts[usize::from(rows.end)]]
    }
}

/// Row `y` of `area` in `frame` as bytes complete in themselves: the cursor
/// moved to its start, its style set and reset at its end. A long run of
/// blank cells (a short entry's end) is erased by the terminal (ECH, as old
/// as the VT220) rather than sent. The cell after a wide character is part
/// of it, never blank.
fn encode_row(bytes: &mut Vec<u8>, frame: &Buffer, area: Rect, y: u16) {
    let w = usize::from(frame.area.width);
    let (left, right) = (usize::from(area.x), usize::from(area.right()));
    let mut pen = Pen::default();
    let at = usize::from(y) * w;
    let row = &frame.content[at..at + w];
    let blank = |i: usize| same(&row[i], &Cell::EMPTY) && !(i > 0 && is_wide(&row[i - 1]));
    let run_at = |i: usize| (i..right).take_while(|&j| blank(j)).count();
    let mut x = left;
    while x < right {
        let blanks = run_at(x);
        if blanks >= ERASE_AT_LEAST {
            pen.erase(bytes, x as u16, y, blanks as u16);
            x += blanks;
            continue;
        }
        let mut end = x + 1;
        while end < right && run_at(end) < ERASE_AT_LEAST {
            end += 1;
        }
        pen.put_run_cells(bytes, row, y, x, end);
        x = end;
    }
    pen.finish(bytes);
}

/// Blank cells in a row fewer than this are sent as spaces; more are
/// erased, which costs about as many bytes as eight spaces.
const ERASE_AT_LEAST: usize = 8;

/// A blank cell's style, as `Pen` keeps styles.
const DEFAULT_STYLE: (Color, Color, Modifier) = (Color::Reset, Color::Reset, Modifier::empty());

/// Writes cells as escape sequences, remembering where the cursor is and
/// which style is set, so neither is sent again when it has not changed.
#[derive(Default)]
struct Pen {
    cursor: Option<(u16, u16)>,
    style: Option<(Color, Color, Modifier)>,
}

/// Fewer equal cells than this between two changes are sent again rather
/// than skipped with a cursor move, which costs about as many bytes.
const GAP: u16 = 4;

impl Pen {
    /// Sends the cells of row `y` within `columns` that differ between `old`
    /// (what the terminal shows; None: not known, send every cell) and `new`,
    /// both whole rows. A wide character is sent whole, with the cells it
    /// covers now or covered before.
    fn row(
        &mut self,
        bytes: &mut Vec<u8>,
        old: Option<&[Cell]>,
        new: &[Cell],
        y: u16,
        columns: Range<u16>,
    ) {
        let (lo, hi) = (usize::from(columns.start), usize::from(columns.end));
        if lo >= hi {
            return;
        }
        let Some(old) = old else {
            self.put_run_cells(bytes, new, y, lo, hi);
            return;
        };
        let mut x = lo;
        while x < hi {
            if same(&old[x], &new[x]) {
                x += 1;
                continue;
            }
            // A run of changes, until GAP equal cells in a row.
            let mut start = x;
            let mut end = x + 1;
            let mut equal = 0;
            let mut i = x + 1;
            while i < hi && equal < GAP {
                if same(&old[i], &new[i]) {
                    equal += 1;
                } else {
                    equal = 0;
                    end = i + 1;
                }
                i += 1;
            }
            // Widen to whole wide characters, old and new; they never
            // cross the edge of a pane.
            while start > lo && (is_wide(&new[start - 1]) || is_wide(&old[start - 1])) {
                start -= 1;
            }
            let mut j = start;
            while j < end {
                let w = cell_width(&new[j]).max(cell_width(&old[j]));
                end = end.max(j + w).min(hi);
                j += 1;
            }
            self.put_run_cells(bytes, new, y, start, end);
            x = end;
        }
    }

    /// Sends cells `start..end` of a row, one after the other.
    fn put_run_cells(
        &mut self,
        bytes: &mut Vec<u8>,
        row: &[Cell],
        y: u16,
        start: usize,
        end: usize,
    ) {
        let mut x = start;
        self.move_to(bytes, x as u16, y);
        while x < end {
            let cell = &row[x];
            self.set_style(bytes, (cell.fg, cell.bg, cell.modifier));
            let symbol = cell.symbol().as_bytes();
            match *symbol {
                // Nearly every cell: one printable ASCII character.
                [b] if (0x20..0x7f).contains(&b) => {
                    bytes.push(b);
                    x += 1;
                    continue;
                }
                [] | [_] => bytes.push(b' '),
                _ if cell.symbol().chars().any(crate::text::is_unsafe) => bytes.push(b' '),
                _ => bytes.extend_from_slice(symbol),
            }
            x += cell_width(cell);
        }
        self.cursor = Some((x as u16, y));
    }

    /// Sends `line` over the cells of `area` (one row), as drawing it into
    /// cells of style `base` would show it. `fill`: the cells past the
    /// line's end are sent too; without it the terminal shows blank
    /// default cells there already. A line with characters that are not one
    /// column wide is drawn into `cells` first and sent from there.
    fn put_line(
        &mut self,
        bytes: &mut Vec<u8>,
        cells: &mut Buffer,
        line: &Line<'_>,
        base: Style,
        area: Rect,
        fill: bool,
    ) {
        let (x0, right) = (area.x, area.right().min(cells.area.right()));
        if x0 >= right {
            return;
        }
        let simple = line
            .spans
            .iter()
            .all(|span| crate::text::one_column_each(&span.content));
        if !simple {
            let row = &mut cells.content[usize::from(x0)..usize::from(right)];
            for cell in row.iter_mut() {
                cell.reset();
                cell.set_style(base);
            }
            ui::put_line(cells, x0, 0, line, right - x0);
            let all = &cells.content[..];
            self.put_run_cells(bytes, all, area.y, usize::from(x0), usize::from(right));
            return;
        }
        let mut x = x0;
        self.move_to(bytes, x, area.y);
        let mut utf8 = [0u8; 4];
        'spans: for span in &line.spans {
            let style = cell_style(base, line.style.patch(span.style));
            for c in span.content.chars() {
                if x >= right {
                    break 'spans;
                }
                self.set_style(bytes, style);
                if c.is_ascii() {
                    bytes.push(c as u8);
                } else if crate::text::is_unsafe(c) {
                    bytes.push(b' ');
                } else {
                    bytes.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                }
                x += 1;
            }
        }
        self.cursor = Some((x, area.y));
        if fill {
            self.put_blank(bytes, x, area.y, right - x, base);
        }
    }

    /// Sends `n` blank cells of style `base` from column `x` of row `y`.
    fn put_blank(&mut self, bytes: &mut Vec<u8>, x: u16, y: u16, n: u16, base: Style) {
        if n == 0 {
            return;
        }
        self.move_to(bytes, x, y);
        self.set_style(bytes, cell_style(base, Style::default()));
        bytes.extend(std::iter::repeat_n(b' ', usize::from(n)));
        self.cursor = Some((x + n, y));
    }

    /// Blanks `n` cells from column `x` of row `y` in the default style,
    /// and leaves the cursor after them.
    fn erase(&mut self, bytes: &mut Vec<u8>, x: u16, y: u16, n: u16) {
        self.move_to(bytes, x, y);
        self.set_style(bytes, DEFAULT_STYLE);
        bytes.extend_from_slice(b"\x1b[");
        push_num(bytes, u32::from(n));
        bytes.extend_from_slice(b"X\x1b[");
        push_num(bytes, u32::from(n));
        bytes.push(b'C');
        self.cursor = Some((x + n, y));
    }

    /// Sends one character in the default style.
    fn put_char(&mut self, bytes: &mut Vec<u8>, x: u16, y: u16, c: char) {
        self.move_to(bytes, x, y);
        self.set_style(bytes, DEFAULT_STYLE);
        let mut utf8 = [0u8; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        self.cursor = Some((x + 1, y));
    }

    fn move_to(&mut self, bytes: &mut Vec<u8>, x: u16, y: u16) {
        if self.cursor != Some((x, y)) {
            push_cursor(bytes, x, y);
        }
    }

    fn set_style(&mut self, bytes: &mut Vec<u8>, style: (Color, Color, Modifier)) {
        if self.style != Some(style) {
            push_style(bytes, style);
            self.style = Some(style);
        }
    }

    fn finish(&mut self, bytes: &mut Vec<u8>) {
        if self.style.is_some() {
            bytes.extend_from_slice(b"\x1b[0m");
        }
    }
}

/// The style of a blank cell given `base`, then `style`, as the cells
/// of a line drawn over an area of style `base` get it.
fn cell_style(base: Style, style: Style) -> (Color, Color, Modifier) {
    let mut cell = Cell::EMPTY;
    cell.set_style(base);
    cell.set_style(style);
    (cell.fg, cell.bg, cell.modifier)
}

/// `Cell`'s own equality, with the common case (one-byte symbols) decided
/// without a call to compare strings.
fn same(a: &Cell, b: &Cell) -> bool {
    let (x, y) = (a.symbol().as_bytes(), b.symbol().as_bytes());
    if let ([x], [y]) = (x, y) {
        #[allow(deprecated)]
        let skip = a.skip == b.skip;
        return x == y && a.style() == b.style() && a.diff_option == b.diff_option && skip;
    }
    a == b
}

fn cell_width(cell: &Cell) -> usize {
    let s = cell.symbol();
    if s.len() == 1 { 1 } else { s.width().max(1) }
}

fn is_wide(cell: &Cell) -> bool {
    cell.symbol().len() > 1 && cell.symbol().width() > 1
}

/// Moves the cursor to column `x` of row `y` (both from 0).
fn push_cursor(bytes: &mut Vec<u8>, x: u16, y: u16) {
    bytes.extend_from_slice(b"\x1b[");
    push_num(bytes, u32::from(y) + 1);
    bytes.push(b';');
    push_num(bytes, u32::from(x) + 1);
    bytes.push(b'H');
}

fn push_num(bytes: &mut Vec<u8>, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    bytes.extend_from_slice(&digits[i..]);
}

/// One SGR sequence that sets the whole style from a reset.
fn push_style(bytes: &mut Vec<u8>, (fg, bg, modifier): (Color, Color, Modifier)) {
    bytes.extend_from_slice(b"\x1b[0");
    for (m, code) in [
        (Modifier::BOLD, b'1'),
        (Modifier::DIM, b'2'),
        (Modifier::ITALIC, b'3'),
        (Modifier::UNDERLINED, b'4'),
        (Modifier::SLOW_BLINK, b'5'),
        (Modifier::RAPID_BLINK, b'6'),
        (Modifier::REVERSED, b'7'),
        (Modifier::HIDDEN, b'8'),
        (Modifier::CROSSED_OUT, b'9'),
    ] {
        if modifier.contains(m) {
            bytes.push(b';');
            bytes.push(code);
        }
    }
    push_color(bytes, fg, 30);
    push_color(bytes, bg, 40);
    bytes.push(b'm');
}

/// `base` is 30 for the foreground, 40 for the background.
fn push_color(bytes: &mut Vec<u8>, color: Color, base: u32) {
    let plain = |i: u32| if i < 8 { base + i } else { base + 60 + i - 8 };
    let code = match color {
        Color::Reset => return,
        Color::Black => plain(0),
        Color::Red => plain(1),
        Color::Green => plain(2),
        Color::Yellow => plain(3),
        Color::Blue => plain(4),
        Color::Magenta => plain(5),
        Color::Cyan => plain(6),
        Color::Gray => plain(7),
        Color::DarkGray => plain(8),
        Color::LightRed => plain(9),
        Color::LightGreen => plain(10),
        Color::LightYellow => plain(11),
        Color::LightBlue => plain(12),
        Color::LightMagenta => plain(13),
        Color::LightCyan => plain(14),
        Color::White => plain(15),
        Color::Indexed(i) => {
            bytes.push(b';');
            push_num(bytes, base + 8);
            bytes.extend_from_slice(b";5;");
            push_num(bytes, u32::from(i));
            return;
        }
        Color::Rgb(r, g, b) => {
            bytes.push(b';');
            push_num(bytes, base + 8);
            bytes.extend_from_slice(b";2;");
            for (k, v) in [r, g, b].into_iter().enumerate() {
                if k > 0 {
                    bytes.push(b';');
                }
                push_num(bytes, u32::from(v));
            }
            return;
        }
    };
    bytes.push(b';');
    push_num(bytes, code);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `encode_row` sends for a row drawn with `text` at column 0.
    fn encoded(text: &str, width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut frame = Buffer::empty(area);
        frame.set_string(0, 0, text, Style::default());
        let mut bytes = Vec::new();
        encode_row(&mut bytes, &frame, area, 0);
        String::from_utf8(bytes).expect("UTF-8")
    }

    #[test]
    fn a_long_blank_run_is_erased_and_a_short_one_sent() {
        assert_eq!(
            encoded("Egypt", 20),
            "\x1b[1;1H\x1b[0mEgypt\x1b[15X\x1b[15C\x1b[0m"
        );
        assert_eq!(
            encoded("Switzerland", 16),
            "\x1b[1;1H\x1b[0mSwitzerland     \x1b[0m"
        );
    }

    #[test]
    fn the_cell_after_a_wide_character_is_never_erased() {
        // 移 takes columns 1 and 2; the blanks are columns 3 to 19. Erasing
        // from column 2 would erase half of the character, and terminals
        // then blank all of it (the test emulator does not).
        assert_eq!(
            encoded("a移", 20),
            "\x1b[1;1H\x1b[0ma移\x1b[17X\x1b[17C\x1b[0m"
        );
    }
}
