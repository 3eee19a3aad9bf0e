//! The words a UN document's furniture is printed in, in the languages the
//! readers and parsers know: English, French, Spanish and Russian. Each
//! shape of the masthead and of the headings asks here, so a rule is
//! written once for every language.

/// Months, as a date in the masthead prints them (Russian in the genitive).
const MONTHS: [&str; 48] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december", // English
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre", // French
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre", // Spanish
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря", // Russian
];

pub(crate) fn is_month(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.']).to_lowercase();
    MONTHS.contains(&w.as_str())
}

/// "21 July 2010", "21 juillet 2010", "21 de julio de 2010", "21 июля 2010
/// года", or "[29 July 2025]" as a report printed for the Official Records
/// dates itself.
pub(crate) fn is_date(line: &str) -> bool {
    let line = line
        .strip_prefix('[')
        .and_then(|l| l.strip_suffix(']'))
        .unwrap_or(line);
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| !matches!(*w, "de" | "года" | "г."))
        .collect();
    let [d, m, y] = words[..] else {
        return false;
    };
    d.len() <= 2
        && d.bytes().all(|b| b.is_ascii_digit())
        && is_month(m)
        && y.len() == 4
        && y.bytes().all(|b| b.is_ascii_digit())
}

/// "Report of the Secretary-General", "Note by the Secretary-General", and
/// the same in the other languages: what kind of document the masthead
/// says this is, and often who wrote it.
pub(crate) fn is_kind(line: &str) -> bool {
    const KINDS: [&str; 25] = [
        "Report of the",
        "Note by the",
        "Resolution adopted by",
        "Decision adopted by",
        // A Security Council resolution: "Adopted by the Security Council at
        // its 9847th meeting, on 24 January 2025".
        "Adopted by the ",
        "Adoptée par le ",
        "Aprobada por el ",
        "Принята ",
        "Résolution adoptée par",
        "Décision adoptée par",
        "Resolución aprobada por",
        "Decisión adoptada por",
        "Резолюция, принятая",
        "Rapport du ",
        "Rapport de la ",
        "Rapport de l’",
        "Rapport de l'",
        "Note du ",
        "Note de la ",
        "Informe del ",
        "Informe de la ",
        "Nota del ",
        "Nota de la ",
        "Доклад ",
        "Записка ",
    ];
    KINDS.iter().any(|k| line.starts_with(k))
}

/// The heading over a report's summary.
pub(crate) fn is_summary_heading(t: &str) -> bool {
    matches!(t, "Summary" | "Résumé" | "Resumen" | "Резюме")
}

/// The heading of the contents table, perhaps with "(continued)".
pub(crate) fn is_contents_heading(t: &str) -> bool {
    let head = t.split(" (").next().unwrap_or(t).trim();
    [
        "contents",
        "table des matières",
        "índice",
        "indice",
        "содержание",
    ]
    .iter()
    .any(|w| head.to_lowercase() == *w)
}

/// The heading over endnotes.
pub(crate) fn is_notes_heading(t: &str) -> bool {
    matches!(t, "Notes" | "Endnotes" | "Notas" | "Примечания")
}

/// "Chapter", "Chapitre", "Capítulo", "Глава": the word before a chapter's
/// Roman numeral.
pub(crate) fn chapter_rest(t: &str) -> Option<&str> {
    [
        "Chapter ",
        "CHAPTER ",
        "Chapitre ",
        "CHAPITRE ",
        "Capítulo ",
        "CAPÍTULO ",
        "Глава ",
    ]
    .iter()
    .find_map(|w| t.strip_prefix(w))
}

/// The organs that head a masthead, above the session line.
pub(crate) fn is_organ(line: &str) -> bool {
    const ORGANS: [&str; 22] = [
        "united nations",
        "general assembly",
        "security council",
        "economic and social council",
        "human rights council",
        "trusteeship council",
        "secretariat",
        "nations unies",
        "assemblée générale",
        "conseil de sécurité",
        "conseil économique et social",
        "conseil des droits de l’homme",
        "conseil des droits de l'homme",
        "naciones unidas",
        "asamblea general",
        "consejo de seguridad",
        "consejo económico y social",
        "consejo de derechos humanos",
        "организация объединенных наций",
        "генеральная ассамблея",
        "совет безопасности",
        "совет по правам человека",
    ];
    ORGANS.contains(&line.trim().to_lowercase().as_str())
}

/// "Agenda item 6", "Item 69 (b) of the provisional agenda*", "Point 69 b)
/// de l'ordre du jour provisoire", "Tema 69 b) del programa provisional",
/// also with the session or dates before it on one line.
pub(crate) fn is_agenda_item(lower: &str) -> bool {
    lower.contains("agenda item")
        || lower.contains("provisional agenda")
        || (lower.starts_with("item ") && lower.contains("agenda"))
        || lower.contains("ordre du jour")
        || lower.contains("del programa")
        || lower.contains("повестки дня")
}

/// "Sixty-fifth session", "Soixante-cinquième session", "Sexagésimo quinto
/// período de sesiones", "Шестьдесят пятая сессия", the Security Council's
/// "Eightieth year": a masthead line naming the session, not a title.
pub(crate) fn is_session(lower: &str) -> bool {
    let words = lower.split_whitespace().count();
    // "the twenty-third special session of …" goes on from a title.
    if lower.starts_with(|c: char| c.is_alphabetic())
        && lower.split_whitespace().next().is_some_and(|w| {
            matches!(
                w,
                "the" | "la" | "le" | "el" | "of" | "its" | "at" | "on" | "and"
            )
        })
    {
        return false;
    }
    if words <= 3
        && (lower.ends_with(" year") || lower.ends_with(" année") || lower.ends_with(" año"))
    {
        return true;
    }
    words <= 20
        && !lower.ends_with('.')
        && (lower.contains("período de sesiones")
            || lower
                .split_whitespace()
                .any(|w| matches!(w.trim_end_matches([',', ';']), "session" | "сессия")))
}

/// "Letter dated …", "Identical letters dated …", "Note verbale dated …",
/// and the same in the other languages: a letter's title, which is the
/// document's own title whatever agenda items stand above it.
pub(crate) fn is_letter_title(line: &str) -> bool {
    const OPENINGS: [&str; 12] = [
        "Letter dated ",
        "Identical letters dated ",
        "Note verbale dated ",
        "Lettre datée ",
        "Lettres identiques datées ",
        "Note verbale datée ",
        "Carta de fecha ",
        "Cartas idénticas de fecha ",
        "Nota verbal de fecha ",
        "Письмо ",
        "Идентичные письма ",
        "Вербальная нота ",
    ];
    OPENINGS.iter().any(|o| line.starts_with(o))
}

/// "Official Records", "Supplement No. 21", "Official Records, 2025
/// Supplement No. 2": where a report of the General Assembly or the
/// Council is printed, a field of the masthead, never its title.
pub(crate) fn is_official_records(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    [
        "official records",
        "supplement no",
        "documents officiels",
        "supplément n",
        "documentos oficiales",
        "suplemento n",
        "официальные отчеты",
        "дополнение №",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

/// "English", "Français": the language of this version, set above the
/// "Original:" line of a translated document.
pub(crate) fn is_language(line: &str) -> bool {
    let lower = line.trim().trim_end_matches(['*', ' ']).to_lowercase();
    // "English only": a document not translated.
    let lower = lower.strip_suffix(" only").unwrap_or(&lower);
    matches!(
        lower,
        "english"
            | "french"
            | "spanish"
            | "russian"
            | "arabic"
            | "chinese"
            | "anglais"
            | "français"
            | "espagnol"
            | "russe"
            | "arabe"
            | "chinois"
            | "inglés"
            | "francés"
            | "español"
            | "ruso"
            | "árabe"
            | "chino"
            | "английский"
            | "французский"
            | "испанский"
            | "русский"
            | "арабский"
            | "китайский"
    )
}

/// "Distr.: General", "Distr. générale", "Distr. general".
pub(crate) fn distribution(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("Distr.")?;
    Some(rest.trim_start_matches([':', ' ']).trim())
}

/// "Original: English", "Original : anglais", "Язык оригинала: английский".
pub(crate) fn original(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("Original")
        .or_else(|| line.strip_prefix("ORIGINAL"))
        .or_else(|| line.strip_prefix("Язык оригинала"))?;
    let rest = rest.trim_start();
    rest.strip_prefix(':').map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_four_languages() {
        assert!(is_date("21 July 2010"));
        assert!(is_date("21 juillet 2010"));
        assert!(is_date("21 de julio de 2010"));
        assert!(is_date("21 июля 2010 года"));
        assert!(is_date("[29 July 2025]"));
        assert!(!is_date("21 meetings 2010"));
    }

    #[test]
    fn masthead_fields_in_four_languages() {
        assert_eq!(distribution("Distr. générale"), Some("générale"));
        assert_eq!(distribution("Distr.: General"), Some("General"));
        assert_eq!(original("Original : anglais"), Some("anglais"));
        assert_eq!(original("Original: inglés"), Some("inglés"));
        assert!(is_session("soixante-cinquième session"));
        assert!(is_session("sexagésimo quinto período de sesiones"));
        assert!(is_agenda_item("point 69 b) de l'ordre du jour provisoire*"));
        assert!(is_agenda_item("tema 69 b) del programa provisional*"));
        assert!(is_kind("Rapport du Secrétaire général"));
        assert!(is_kind("Informe del Secretario General"));
        assert!(is_contents_heading("Table des matières"));
        assert!(is_contents_heading("Índice"));
        assert!(is_organ("Assemblée générale"));
        assert!(!is_organ("Promotion et protection des droits de l’homme"));
    }
}
