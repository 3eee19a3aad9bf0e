//! What actions do in the text pane, and the actions that work everywhere.

use super::*;

pub(super) fn global_action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Help => app.overlay = Overlay::Help { scroll: 0 },
        Action::ToggleContents | Action::FocusNext if app.narrow() => app.toggle_full_contents(),
        Action::ToggleContents => {
            app.contents_wanted = !app.contents_wanted;
            if !app.contents_wanted {
                app.focus = Focus::Reader;
            } else if app.areas().contents.is_none() {
                app.set_message(
                    "the window is too narrow for the contents pane",
                    MessageKind::Info,
                );
            }
        }
        Action::FocusNext => {
            if app.areas().contents.is_none() {
                app.contents_wanted = true;
                if app.areas().contents.is_none() {
                    app.set_message(
                        "the window is too narrow for the contents pane",
                        MessageKind::Info,
                    );
                    return Vec::new();
                }
            }
            app.focus = match app.focus {
                Focus::Reader => Focus::Contents,
                Focus::Contents => Focus::Reader,
            };
        }
        Action::GotoParagraph | Action::Search => {
            let kind = if action == Action::Search {
                PromptKind::Search
            } else {
                PromptKind::Goto
            };
            app.overlay = Overlay::Prompt(Prompt {
                kind,
                input: String::new(),
                origin: app.place(),
                recalled: None,
                typed: String::new(),
            });
            if kind == PromptKind::Search {
                app.search = Search::default();
            }
        }
        Action::CountryFinder => app.open_finder(),
        _ => {}
    }
    Vec::new()
}

pub(super) fn reader_action(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    let page = app.text_height().saturating_sub(2).max(1) as isize;
    match action {
        Action::LineDown => app.scroll(1),
        Action::LineUp => app.scroll(-1),
        Action::PageDown => app.scroll(page),
        Action::PageUp => app.scroll(-page),
        Action::HalfPageDown => app.scroll(page / 2 + 1),
        Action::HalfPageUp => app.scroll(-(page / 2 + 1)),
        Action::Top => {
            let from = app.place();
            app.top = Pos::default();
            app.current = None;
            if from != app.place() {
                app.remember(from);
            }
        }
        Action::Bottom => {
            let from = app.place();
            let h = app.text_height();
            app.top = app.wrap.last_screen(&app.blocks, h);
            app.current = app.doc.paragraphs.len().checked_sub(1);
            if from != app.place() {
                app.remember(from);
            }
        }
        Action::NextParagraph => {
            let next = app.current.map_or(0, |p| p + 1);
            if next < app.doc.paragraphs.len() {
                app.goto_paragraph(next, false);
            } else {
                app.set_message("this is the last paragraph", MessageKind::Info);
            }
        }
        Action::PreviousParagraph => match app.current {
            Some(p) if p > 0 => app.goto_paragraph(p - 1, false),
            Some(_) => {
                app.top = Pos::default();
                app.current = None;
            }
            None => app.set_message("this is the top", MessageKind::Info),
        },
        Action::NextSection | Action::PreviousSection => {
            let here = app
                .current
                .map_or(app.top.block, |p| app.paragraph_block[p]);
            let is_heading = |b: usize| {
                matches!(
                    app.blocks.kind(b),
                    Some(BlockKind::Part(_) | BlockKind::Section(_))
                )
            };
            let target = if action == Action::NextSection {
                (here + 1..app.blocks.len()).find(|&b| is_heading(b))
            } else {
                // The heading of the section we are in, then the one before it.
                let own = (0..=here.min(app.blocks.len().saturating_sub(1)))
                    .rev()
                    .find(|&b| is_heading(b));
                match own {
                    Some(o)
                        if app.top.block > o
                            || (app.top.block == o
                                && app.top.line > app.blocks.gap(o) as usize) =>
                    {
                        Some(o)
                    }
                    Some(o) => (0..o).rev().find(|&b| is_heading(b)),
                    None => None,
                }
            };
            match target {
                Some(b) => app.goto_block(b, false),
                None if action == Action::PreviousSection => {
                    app.top = Pos::default();
                    app.current = None;
                }
                None => app.set_message("this is the last section", MessageKind::Info),
            }
        }
        Action::SearchNext => app.step_match(true),
        Action::MatchList => app.open_match_list(),
        Action::SearchPrevious => app.step_match(false),
        Action::ClearSearch => app.search = Search::default(),
        Action::JumpBack => match app.back.pop() {
            Some(place) => {
                let here = app.place();
                app.forward.push(here);
                app.restore(place);
            }
            None => app.set_message("no earlier jump to go back to", MessageKind::Info),
        },
        Action::JumpForward => match app.forward.pop() {
            Some(place) => {
                let here = app.place();
                app.back.push(here);
                app.restore(place);
            }
            None => app.set_message("no later jump to go forward to", MessageKind::Info),
        },
        Action::Footnotes => app.open_footnotes(),
        Action::AddNote => app.add_note_here(),
        Action::SelectPassage => app.start_selection(),
        Action::StepHighlights => app.step_highlights(),
        Action::NotesList => effects.extend(app.open_notes_list()),
        Action::RecentReports => effects.extend(app.open_recent()),
        Action::ToggleInlineNotes => {
            app.show_notes_inline = !app.show_notes_inline;
            app.rebuild_blocks();
            let text = match (app.show_notes_inline, app.note_index.views.len()) {
                (true, 0) => "notes shown under their paragraphs (none yet: a adds one)",
                (true, _) => "notes shown under their paragraphs",
                (false, _) => "notes hidden (✎ marks them in the margin)",
            };
            app.set_message(text, MessageKind::Info);
        }
        Action::CopyCitation => effects.extend(app.copy_citation(None)),
        Action::SetMark => {
            app.awaiting = Some(Awaiting::SetMark);
            app.set_message("mark: type a letter", MessageKind::Info);
        }
        Action::GotoMark => {
            app.awaiting = Some(Awaiting::GotoMark);
            app.set_message("go to mark: type its letter", MessageKind::Info);
        }
        _ => {}
    }
    effects
}
