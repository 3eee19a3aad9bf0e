//! `:` followed by what a reader cites: "37", "para. 37", "66(b)", "66b",
//! "66 (b)", or a numbered recommendation "140.12".

use super::{App, MessageKind, Prompt};
use crate::layout::BlockKind;
use crate::text::sanitize;

/// What was typed after `:`: a paragraph number and, maybe, a sub-item's
/// label as the model keeps it ("b", or "140.12").
pub fn parse_goto(input: &str) -> Option<(u32, Option<String>)> {
    let s = input.trim();
    let s = s
        .strip_prefix("paras.")
        .or_else(|| s.strip_prefix("para."))
        .unwrap_or(s)
        .trim();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let number: u32 = s.get(..digits)?.parse().ok()?;
    let rest = s.get(digits..)?.trim();
    if rest.is_empty() {
        return Some((number, None));
    }
    if let Some(sub) = rest.strip_prefix('.') {
        // "140.12": a recommendation, labelled as printed.
        return (!sub.is_empty() && sub.bytes().all(|b| b.is_ascii_digit()))
            .then(|| (number, Some(format!("{number}.{sub}"))));
    }
    let label = rest
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim()
        .to_ascii_lowercase();
    (!label.is_empty() && label.bytes().all(|b| b.is_ascii_lowercase()))
        .then_some((number, Some(label)))
}

impl App {
    pub(super) fn confirm_goto(&mut self, prompt: Prompt) {
        let input = prompt.input.trim();
        if input.is_empty() {
            return;
        }
        // ":p12": the first paragraph on printed page 12.
        if let Some(page) = input
            .strip_prefix('p')
            .and_then(|n| n.trim().parse::<u32>().ok())
        {
            let found = self
                .doc
                .paragraph_on_printed_page(page)
                .or_else(|| self.doc.paragraphs.iter().position(|p| p.page >= page));
            match found {
                Some(i) => {
                    self.restore(prompt.origin);
                    self.goto_paragraph(i, true);
                }
                None => self.set_message(
                    format!("no page {page} with a paragraph in this report"),
                    MessageKind::Warning,
                ),
            }
            return;
        }
        let Some((number, label)) = parse_goto(input) else {
            self.no_paragraph(input);
            return;
        };
        let Some(i) = self.doc.paragraph_index(number) else {
            self.no_paragraph(input);
            return;
        };
        let Some(label) = label else {
            self.restore(prompt.origin);
            self.goto_paragraph(i, true);
            return;
        };
        let items = &self.doc.paragraphs[i].sub_items;
        let Some(k) = items.iter().position(|item| item.label == label) else {
            let labels: Vec<String> = items.iter().take(8).map(|it| it.marker()).collect();
            let has = match labels.len() {
                0 => "no sub-items".to_string(),
                _ if items.len() > 8 => format!("{} …", labels.join(" ")),
                _ => labels.join(" "),
            };
            let text = format!(
                "para. {number} has no sub-item \"{}\" (it has {has})",
                sanitize(&label)
            );
            self.set_message(text, MessageKind::Warning);
            return;
        };
        let Some(block) = self
            .blocks
            .kinds()
            .skip(self.paragraph_block[i])
            .position(|kind| kind == BlockKind::SubItem(i, k))
            .map(|d| d + self.paragraph_block[i])
        else {
            return;
        };
        self.restore(prompt.origin);
        self.goto_block(block, true);
    }

    fn no_paragraph(&mut self, input: &str) {
        let text = format!(
            "no paragraph \"{}\" in this report ({})",
            sanitize(input),
            self.paragraph_number_text()
        );
        self.set_message(text, MessageKind::Warning);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_goto;

    #[test]
    fn what_a_reader_cites_is_read() {
        let some = |n, l: &str| Some((n, Some(l.to_string())));
        assert_eq!(parse_goto("37"), Some((37, None)));
        assert_eq!(parse_goto("para. 37"), Some((37, None)));
        assert_eq!(parse_goto("66(b)"), some(66, "b"));
        assert_eq!(parse_goto("66b"), some(66, "b"));
        assert_eq!(parse_goto("66 (B)"), some(66, "b"));
        assert_eq!(parse_goto("140.12"), some(140, "140.12"));
        assert_eq!(parse_goto("140."), None);
        assert_eq!(parse_goto("x"), None);
        assert_eq!(parse_goto("66(b"), some(66, "b"));
        assert_eq!(parse_goto("66 (2)"), None);
    }
}
