//! `y`: the citation of what is being read, for the clipboard.

use super::{App, Effect, MessageKind};
use crate::notes::Target;
use crate::notes::citation::full_citation;

impl App {
    /// `y`: the citation of what is being read, for the clipboard.
    pub(super) fn copy_citation(&mut self, footnote: Option<usize>) -> Vec<Effect> {
        let target = match footnote {
            Some(f) => Target::Footnote(self.doc.footnotes[f].label.to_string()),
            None => match self.note_targets() {
                Some((targets, chosen)) => targets[chosen].clone(),
                None => {
                    self.set_message("go to a numbered paragraph to cite it", MessageKind::Info);
                    return Vec::new();
                }
            },
        };
        let text = crate::text::for_clipboard(&full_citation(&self.doc, &target));
        self.set_message(format!("copied: {text}"), MessageKind::Info);
        vec![Effect::Copy(text)]
    }
}
