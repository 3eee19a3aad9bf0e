//! Where each pane goes for a given terminal size. Both `update` (for paging
//! and mouse hits) and drawing use this one function, so they always agree.

use ratatui::layout::Rect;

/// Below this the reader shows a "too small" notice instead of panes.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;
/// Narrower than this, the contents pane hides itself.
pub const CONTENTS_MIN_TOTAL_WIDTH: u16 = 80;
/// Columns left of the text for paragraph numbers of up to four digits:
/// note mark, number, current-paragraph bar, space.
pub const GUTTER: u16 = 7;

/// The gutter's width for a report whose largest paragraph number is `max`.
pub fn gutter_for(max: u32) -> u16 {
    let digits = max.max(1).ilog10() as u16 + 1;
    GUTTER.max(digits + 3)
}

/// Columns of a footnote's text in its popup, on a screen `width` wide,
/// with `notes` notes listed beside it (a list when more than one): the
/// popup is 100 columns at most, within a border, 2 columns from the sides.
pub fn footnote_text_width(width: u16, notes: usize) -> u16 {
    let inner = width.saturating_sub(4).min(100).saturating_sub(2);
    if notes > 1 {
        inner.saturating_sub(6.min(inner / 3) + 1)
    } else {
        inner
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub too_small: bool,
    pub contents: Option<Rect>,
    /// The text pane as a whole (title line, gutter, text, scrollbar).
    pub pane: Rect,
    pub title: Rect,
    pub gutter: Rect,
    pub text: Rect,
    pub scrollbar: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn compute(area: Rect, contents_wanted: bool) -> Areas {
        Areas::compute_with_gutter(area, contents_wanted, GUTTER)
    }

    pub fn compute_with_gutter(area: Rect, contents_wanted: bool, gutter: u16) -> Areas {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Areas {
                too_small: true,
                ..Areas::default()
            };
        }
        let body_h = area.height - 1;
        let status = Rect::new(area.x, area.y + body_h, area.width, 1);
        let show_contents = contents_wanted && area.width >= CONTENTS_MIN_TOTAL_WIDTH;
        let (contents, pane) = if show_contents {
            let w = (area.width / 3).clamp(24, 40);
            (
                Some(Rect::new(area.x, area.y, w, body_h)),
                Rect::new(area.x + w, area.y, area.width - w, body_h),
            )
        } else {
            (None, Rect::new(area.x, area.y, area.width, body_h))
        };
        let title = Rect::new(pane.x, pane.y, pane.width, 1);
        let rows = pane.height.saturating_sub(1);
        let y = pane.y + 1;
        let gutter_w = gutter.min(pane.width.saturating_sub(2));
        let gutter = Rect::new(pane.x, y, gutter_w, rows);
        let text_w = pane.width.saturating_sub(gutter_w + 2);
        let text = Rect::new(pane.x + gutter_w, y, text_w, rows);
        let scrollbar = Rect::new(pane.x + pane.width.saturating_sub(1), y, 1, rows);
        Areas {
            too_small: false,
            contents,
            pane,
            title,
            gutter,
            text,
            scrollbar,
            status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_fits_inside_the_terminal() {
        for (w, h) in [
            (1, 1),
            (5, 200),
            (200, 5),
            (24, 6),
            (79, 24),
            (80, 24),
            (120, 40),
            (400, 3),
        ] {
            let area = Rect::new(0, 0, w, h);
            let a = Areas::compute(area, true);
            for r in [a.pane, a.title, a.gutter, a.text, a.scrollbar, a.status]
                .into_iter()
                .chain(a.contents)
            {
                assert!(
                    area.contains(r.as_position()) || r.area() == 0,
                    "{w}x{h}: {r:?}"
                );
                assert!(
                    r.right() <= area.right() && r.bottom() <= area.bottom(),
                    "{w}x{h}: {r:?}"
                );
            }
        }
        assert!(Areas::compute(Rect::new(0, 0, 1, 1), true).too_small);
        assert!(
            Areas::compute(Rect::new(0, 0, 79, 30), true)
                .contents
                .is_none()
        );
        assert!(
            Areas::compute(Rect::new(0, 0, 120, 40), true)
                .contents
                .is_some()
        );
    }
}
