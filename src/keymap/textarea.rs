//! Keys handed to the note editor's text area (ratatui-textarea).

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::KeyPress;

impl KeyPress {
    /// The key as the note editor's text area takes it.
    pub fn to_textarea(self) -> ratatui_textarea::Input {
        use ratatui_textarea::Key;
        let key = match self.code {
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::F(n) => Key::F(n),
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Enter => Key::Enter,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Tab => Key::Tab,
            KeyCode::Delete => Key::Delete,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Esc => Key::Esc,
            _ => Key::Null,
        };
        ratatui_textarea::Input {
            key,
            ctrl: self.mods.contains(KeyModifiers::CONTROL),
            alt: self.mods.contains(KeyModifiers::ALT),
            shift: self.mods.contains(KeyModifiers::SHIFT),
        }
    }
}
