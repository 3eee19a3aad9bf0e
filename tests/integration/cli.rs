//! The command line as a script or a pipe sees it.

use crate::common;

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    common::run_cli(args)
}

#[test]
fn toc_json_has_the_promised_shape() {
    let (code, out, _) = run(&["--toc", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["paragraphs"], 67);
    assert_eq!(v["footnotes"], 18);
    assert_eq!(v["parts"].as_array().map(Vec::len), Some(9));
    assert_eq!(v["parts"][1]["numeral"], "II");
    assert_eq!(v["parts"][1]["paragraphs"], serde_json::json!([3, 19]));
    assert_eq!(
        v["parts"][1]["sections"][0],
        serde_json::json!({"title": "Egypt", "page": 3, "paragraphs": [4, 6]})
    );
    assert_eq!(v["parts"][2]["sections"][5]["title"], "Spain");
    assert!(
        v["title"]
            .as_str()
            .unwrap_or("")
            .starts_with("Promotion and protection")
    );
    assert_eq!(v["symbol"], serde_json::Value::Null);
}

#[test]
fn toc_text_lists_parts_and_countries() {
    let (code, out, _) = run(&["--toc"]);
    assert_eq!(code, 0);
    assert!(out.contains("VII. Universal periodic review of the Human Rights Council  [para. 55]"));
    assert!(out.contains("    Lithuania  [paras. 30–34]"));
}

#[test]
fn print_rejoins_paragraphs_and_places_footnotes() {
    let (code, out, _) = run(&["--print"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    let p5 = lines
        .iter()
        .position(|l| l.starts_with("5. "))
        .expect("para 5");
    assert!(lines[p5].ends_with("in cooperation with the Government of Italy and the International Organization for Migration (IOM)."));
    let p2 = lines
        .iter()
        .position(|l| l.starts_with("2. "))
        .expect("para 2");
    assert!(
        lines[p2 + 1].starts_with("    ¹ Part II includes responses"),
        "footnote 1 follows para 2, which cites it"
    );
    let p55 = lines
        .iter()
        .position(|l| l.starts_with("55. "))
        .expect("para 55");
    for (k, n) in ["²", "³", "⁴"].iter().enumerate().skip(1) {
        assert!(
            lines[p55 + k].starts_with(&format!("    {n} ")),
            "{}",
            lines[p55 + k]
        );
    }
    assert!(!out.contains("**") && !out.contains("<i>") && !out.contains("Contents"));
    assert!(out.contains("    (j) Urges States to achieve policy coherence"));
}

#[test]
fn bad_files_get_one_line_and_status_two() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let words = dir.path().join("words.txt");
    std::fs::write(&words, "nothing like a report\n").expect("write");
    let missing = dir.path().join("missing.txt");
    let cases = [
        (missing.clone(), "no such file"),
        (dir.path().to_path_buf(), "is a directory"),
        (empty.clone(), "the file is empty"),
        ("/bin/ls".into(), "binary file"),
        (words.clone(), "no report structure"),
    ];
    for (path, what) in cases {
        let p = path.to_string_lossy().into_owned();
        for flag in [&["--toc"][..], &["--print"][..]] {
            let mut args = flag.to_vec();
            args.push(&p);
            let (code, out, err) = run(&args);
            assert_eq!(code, 2, "{p}");
            assert!(out.is_empty());
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains(&p) && err.contains(what), "{err}");
            assert!(!err.contains("panicked"));
        }
    }
}

#[test]
fn help_and_version() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--toc") && out.contains("--print"));
    assert!(out.contains("FILE is a UN report as a PDF"), "{out}");
    let (code, short, _) = run(&["-h"]);
    assert_eq!(code, 0);
    assert!(short.contains("A report as a PDF or as text"), "{short}");
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("report-reader "));
}

#[test]
fn control_characters_never_reach_the_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("evil.txt");
    std::fs::write(
        &f,
        "I. Evil\x1b]52;c;SGVsbG8=\x07\n\n1. Text \x1b[2J with \u{202e}escapes\u{9b}.\n",
    )
    .expect("write");
    let (code, out, _) = run(&["--print", &f.to_string_lossy()]);
    assert_eq!(code, 0);
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    assert!(out.contains("1. Text ␛[2J with"));
}

#[test]
fn countries_json_lists_libya_under_its_old_name() {
    let (code, out, _) = run(&["--countries", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let list = v.as_array().expect("a list");
    let libya = list
        .iter()
        .find(|c| c["country"] == "Libya")
        .expect("Libya");
    assert_eq!(
        libya["names"],
        serde_json::json!(["Libyan Arab Jamahiriya"])
    );
    assert_eq!(libya["paragraphs"], serde_json::json!([49]));
    assert_eq!(libya["subsections"], serde_json::json!([]));
    let spain = list
        .iter()
        .find(|c| c["country"] == "Spain")
        .expect("Spain");
    assert_eq!(
        spain["subsections"],
        serde_json::json!(["II. Spain", "III. Spain"])
    );
    assert!(list.iter().all(|c| c["country"] != "Dominica"));
    let (code, text, _) = run(&["--countries"]);
    assert_eq!(code, 0);
    assert!(
        text.lines()
            .any(|l| l.starts_with("Senegal: paras 48, 49, 66")),
        "{text}"
    );
}

#[test]
fn notes_export_reads_the_notes_file_in_the_config_dir() {
    let config = tempfile::tempdir().expect("tempdir");
    let out = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_report-reader"))
            .args(args)
            .env("REPORT_READER_CONFIG_DIR", config.path())
            .output()
            .expect("runs");
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    let (code, empty) = out(&["--notes"]);
    assert_eq!(code, Some(0));
    assert!(empty.starts_with("# Notes: Promotion and protection"));
    let doc = report_reader::document::Document::embedded();
    let (mut store, _) = report_reader::notes::store::NoteStore::open(config.path());
    store
        .add(
            &doc,
            &report_reader::notes::Target::Paragraph(37),
            "Shelters: 23",
        )
        .expect("added");
    let (code, md) = out(&["--notes"]);
    assert_eq!(code, Some(0));
    assert!(
        md.contains("### Mexico") && md.contains("**para. 37**") && md.contains("Shelters: 23"),
        "{md}"
    );
    let (code, json) = out(&["--notes", "--format", "json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["groups"][0]["notes"][0]["citation"], "para. 37");
    let (_, all) = out(&["--notes", "--all"]);
    assert!(all.contains("Shelters: 23"));
}

#[test]
fn a_file_name_with_escapes_reaches_the_error_line_harmless() {
    let (code, _, err) = run(&["--toc", "no\x1b[31mfile\x07.txt"]);
    assert_eq!(code, 2);
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    assert!(err.contains("no␛[31mfile␇.txt"), "{err}");
}

#[test]
fn json_output_escapes_bidi_overrides_and_c1_controls() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("bidi.txt");
    std::fs::write(
        &f,
        "I. Over\u{202e}ride\u{9b}\n\n1. Text with \u{202e}an override.\n\n2. More.\n\n3. And more.\n",
    )
    .expect("write");
    for args in [&["--toc", "--json"][..], &["--print", "--json"][..]] {
        let mut args = args.to_vec();
        let path = f.to_string_lossy();
        args.push(&path);
        let (code, out, _) = run(&args);
        assert_eq!(code, 0);
        assert!(
            !out.chars().any(report_reader::text::is_unsafe_but_newline),
            "{out:?}"
        );
        assert!(out.contains("\\u202e"), "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        assert!(v.to_string().contains('\u{202e}'), "the meaning is kept");
    }
}

#[test]
fn print_says_the_text_lost_invalid_utf8_on_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("latin1.txt");
    std::fs::write(&f, b"I. Intro\n\n1. Caf\xe9 text.\n\n2. More.\n\n3. End.\n").expect("write");
    let (code, out, err) = run(&["--print", &f.to_string_lossy()]);
    assert_eq!(code, 0);
    assert!(out.contains("Caf\u{fffd} text."), "{out}");
    assert!(err.contains("invalid UTF-8"), "{err}");
}

#[test]
fn one_stray_nul_byte_does_not_make_a_report_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("nul.txt");
    std::fs::write(
        &f,
        b"I. Intro\n\n1. A stray\0 byte.\n\n2. More.\n\n3. End.\n",
    )
    .expect("write");
    let (code, out, err) = run(&["--toc", &f.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Intro"), "{out}");
}

#[test]
fn a_file_larger_than_any_report_gets_one_line_and_status_two() {
    let dir = tempfile::tempdir().expect("tempdir");
    let huge = dir.path().join("huge.txt");
    // Sparse: it takes no room on disk, and is never read.
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len((64 << 20) + 1).expect("set_len");
    let p = huge.to_string_lossy().into_owned();
    for flag in ["--toc", "--print"] {
        let (code, out, err) = run(&[flag, &p]);
        assert_eq!(code, 2, "{err}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&p) && err.contains("larger than 64 MiB"),
            "{err}"
        );
    }
}
