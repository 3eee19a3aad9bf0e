//! `R`: the reports read before, kept in state.json (bounded, every other
//! key kept), from the shelf and from inside a report opened on its own.

use report_reader::app::{App, Effect, Input, ShelfView, Start, update};
use report_reader::document::Document;
use report_reader::keymap::Keymap;
use report_reader::notes::state::{self, RECENT_REPORTS, RecentReport};

use crate::common::{press, render};
use crate::shelf_ui::{Rig, shelf_dir};

#[test]
fn r_lists_the_reports_opened_last_first_and_enter_opens_one() {
    let mut rig = Rig::start(shelf_dir());
    rig.settle();
    rig.keys("R");
    assert!(rig.screen().contains("no report opened before"));
    // Open two reports, one after the other.
    rig.keys("<Enter><Esc><Down><Enter><Esc>");
    rig.keys("R");
    let shelf = rig.app.shelf.as_ref().unwrap();
    assert_eq!(shelf.view, ShelfView::Recent);
    let screen = rig.screen();
    let rows: Vec<&str> = screen.lines().skip(2).take(2).collect();
    assert!(rows[0].starts_with("A/HRC/59/15"), "{screen}");
    assert!(rows[0].contains("Human rights of migrants"), "{screen}");
    assert!(rows[0].contains("A-HRC-59-15.pdf"), "{screen}");
    assert!(rows[1].contains("A/HRC/12/3"), "{screen}");
    // When it was read: "YYYY-MM-DD HH:MM".
    assert!(
        rows[0]
            .split_whitespace()
            .any(|w| w.len() == 10 && w.as_bytes()[4] == b'-'),
        "{screen}"
    );
    // Enter opens the chosen one; back comes to the recent list.
    rig.keys("<Down><Enter>");
    assert_eq!(rig.app.doc.header.symbol.as_deref(), Some("A/HRC/12/3"));
    // What the report lost on the way in is said, not kept as a notice:
    // one Esc goes back.
    let said = rig.app.message.clone().expect("a warning");
    assert!(!said.sticky, "{said:?}");
    rig.keys("<Esc>");
    assert!(rig.app.shelf_shown());
    assert_eq!(rig.app.shelf.as_ref().unwrap().view, ShelfView::Recent);
    // Esc on the list: the reports.
    rig.keys("<Esc>");
    assert_eq!(rig.app.shelf.as_ref().unwrap().view, ShelfView::Reports);
    // Reopened, A/HRC/12/3 comes first now.
    assert!(rig.state.recent[0].path.ends_with("A-HRC-12-3.pdf"));
    assert_eq!(rig.state.recent.len(), 2);
}

#[test]
fn r_in_a_report_opened_on_its_own_lists_them_and_esc_goes_back() {
    let mut app = App::new(Document::embedded(), Keymap::default_keymap(), (100, 30));
    let recent = vec![RecentReport {
        path: "/reports/A-HRC-59-15.pdf".into(),
        symbol: Some("A/HRC/59/15".into()),
        title: "Human rights of migrants".into(),
        fingerprint: "x".into(),
        read: 1_741_600_000,
        extra: Default::default(),
    }];
    update(
        &mut app,
        Input::Start(Box::new(Start {
            recent,
            ..Start::default()
        })),
    );
    press(&mut app, "R");
    assert!(app.shelf_shown());
    let screen = render(&app);
    assert!(screen.contains("Recent reports"), "{screen}");
    assert!(screen.contains("A/HRC/59/15"), "{screen}");
    assert!(screen.contains("2025-03-10 09:46"), "{screen}");
    // `/` and `A` need a shelf; they say so.
    press(&mut app, "/");
    assert!(render(&app).contains("no shelf here"));
    let effects = press(&mut app, "<Enter>");
    assert!(
        matches!(&effects[..], [Effect::OpenReport(r)] if r.path.ends_with("A-HRC-59-15.pdf")),
        "{effects:?}"
    );
    press(&mut app, "<Esc>");
    assert!(!app.shelf_shown());
    assert!(render(&app).contains("Promotion and protection"));
    // Esc in the report clears the search, as ever: it came from no shelf.
    press(&mut app, "<Esc>");
    assert!(!app.shelf_shown());
}

#[test]
fn the_recent_list_is_kept_in_state_json_bounded_with_every_other_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(state::STATE_FILE),
        r#"{"schema_version":1,"documents":{},"future":{"kept":true},"history":{"search":["old"]}}"#,
    )
    .unwrap();
    let (mut loaded, message) = state::load(dir.path());
    assert!(message.is_none());
    for k in 0..RECENT_REPORTS + 50 {
        state::remember(
            &mut loaded.recent,
            RecentReport {
                path: format!("/r/{k}.pdf"),
                read: k as u64,
                ..RecentReport::default()
            },
        );
    }
    // Opened again: first, once.
    state::remember(
        &mut loaded.recent,
        RecentReport {
            path: "/r/240.pdf".into(),
            ..RecentReport::default()
        },
    );
    assert_eq!(loaded.recent.len(), RECENT_REPORTS);
    assert_eq!(loaded.recent[0].path, "/r/240.pdf");
    assert_eq!(loaded.recent[1].path, "/r/249.pdf");
    state::save(dir.path(), &loaded).unwrap();
    let text = std::fs::read_to_string(dir.path().join(state::STATE_FILE)).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["future"]["kept"], true);
    assert_eq!(json["history"]["search"][0], "old");
    assert_eq!(json["recent"].as_array().unwrap().len(), RECENT_REPORTS);
    let (again, _) = state::load(dir.path());
    assert_eq!(again.recent, loaded.recent);
    // A copy that read no recent list leaves it alone.
    let mut other = state::ReadingState::default();
    other.history.search.push("new".into());
    state::save(dir.path(), &other).unwrap();
    let (after, _) = state::load(dir.path());
    assert_eq!(after.recent.len(), RECENT_REPORTS);
}
