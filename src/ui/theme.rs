//! Colours and emphasis. With NO_COLOR set, only bold, italic, underline and
//! reverse video are used.

use ratatui::style::{Color, Modifier, Style};

use crate::layout::Look;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(no_color: bool) -> Theme {
        Theme { color: !no_color }
    }

    fn fg(&self, style: Style, c: Color) -> Style {
        if self.color { style.fg(c) } else { style }
    }

    pub fn look(&self, look: Look) -> Style {
        let s = Style::default();
        match look {
            Look::Plain => s,
            Look::Bold => s.add_modifier(Modifier::BOLD),
            Look::Italic => s.add_modifier(Modifier::ITALIC),
            Look::BoldItalic => s.add_modifier(Modifier::BOLD | Modifier::ITALIC),
            Look::Link => self.fg(s.add_modifier(Modifier::UNDERLINED), Color::Blue),
            Look::Marker(_) => self.fg(s.add_modifier(Modifier::BOLD), Color::Yellow),
            Look::Title => self.fg(s.add_modifier(Modifier::BOLD), Color::Cyan),
            Look::PartHeading => self.fg(s.add_modifier(Modifier::BOLD), Color::Cyan),
            Look::SectionHeading => self.fg(
                s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                Color::Green,
            ),
            Look::Meta => self.fg(s, Color::Gray),
            Look::Label => s.add_modifier(Modifier::BOLD),
            Look::Note => self.fg(s.add_modifier(Modifier::ITALIC), Color::Magenta),
        }
    }

    pub fn search_match(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    pub fn current_match(&self) -> Style {
        if self.color {
            Style::default().bg(Color::LightRed).fg(Color::Black)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    /// A highlight in colour 1 to 5: a light background; underlined
    /// without colour.
    pub fn highlight(&self, colour: u8) -> Style {
        if !self.color {
            return Style::default().add_modifier(Modifier::UNDERLINED);
        }
        let bg = match colour {
            2 => Color::Indexed(157),
            3 => Color::Indexed(153),
            4 => Color::Indexed(218),
            5 => Color::Indexed(216),
            _ => Color::Indexed(229),
        };
        Style::default().bg(bg).fg(Color::Black)
    }

    /// The highlight chosen with `H`, over its colour.
    pub fn chosen_highlight(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A passage being selected.
    pub fn selection(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    pub fn gutter_number(&self, current: bool) -> Style {
        if current {
            self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Yellow)
        } else {
            self.dim()
        }
    }

    pub fn note_mark(&self) -> Style {
        self.fg(
            Style::default().add_modifier(Modifier::BOLD),
            Color::Magenta,
        )
    }

    pub fn current_bar(&self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else if self.color {
            Style::default()
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
        } else {
            self.dim()
        }
    }

    pub fn status(&self) -> Style {
        if self.color {
            Style::default().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn warning(&self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    pub fn error(&self) -> Style {
        self.fg(
            Style::default().add_modifier(Modifier::BOLD),
            Color::LightRed,
        )
    }
}
