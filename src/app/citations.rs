//! `y`: the citation of what is being read, for the clipboard.

use super::{App, Effect, MessageKind};
use crate::notes::Target;
use crate::notes::citation::{full_citation, full_unit_citation};

impl App {
    /// `y`: the citation of what is being read, for the clipboard.
    pub(super) fn copy_citation(&mut self, footnote: Option<usize>) -> Vec<Effect> {
        let citation = match footnote {
            Some(f) => {
                let label = self.doc.footnotes[f].label.to_string();
                full_citation(&self.doc, &Target::Footnote(label))
            }
            None => match self.note_targets() {
                Some((targets, chosen)) => full_citation(&self.doc, &targets[chosen]),
                None => match self.unit_paragraph() {
                    // A resolution set out in the report, by its own numbers.
                    Some((unit, n)) => full_unit_citation(&self.doc, unit, n),
                    None => {
                        self.set_message(
                            "go to a numbered paragraph to cite it",
                            MessageKind::Info,
                        );
                        return Vec::new();
                    }
                },
            },
        };
        let text = crate::text::for_clipboard(&citation);
        self.set_message(format!("copied: {text}"), MessageKind::Info);
        vec![Effect::Copy(text)]
    }

    /// The paragraph of a resolution set out in the report that the top of
    /// the pane shows: ("resolution 14/1", 6).
    pub(super) fn unit_paragraph(&self) -> Option<(&str, u32)> {
        let block = self.blocks.get(self.top.block)?;
        let &(_, source, _) = block.source_map.first()?;
        self.doc.unit_paragraph_at(source)
    }
}
