//! TypeScript bindings for the types that cross IPC, written to `ui/src/lib/bindings/`.
//!
//! `cargo test` regenerates them into a temporary folder and fails when they differ from the
//! committed files. With `JURI_BINDINGS_OUT=<folder>` the test writes them there instead
//! (`make bindings` uses it to refresh the committed files).

use crate::commands::app::OpenedFile;
use crate::commands::chair::StageRecord;
use crate::dto::{
    ChairStart, Competitions, DecisionRecord, DefinitionView, ImportKind, JurorStart, LogFilter,
    MergeProgress, TemplateInfo,
};
use crate::error::{CommandError, ErrorCode};
use crate::state::AppInfo;
use juri_app::core::definition::Method;
use juri_app::core::{
    Completeness, Decision, Definition, Entry, Juror, MethodComparison, Screening, StageResults,
    WeightWarning,
};
use juri_app::{
    AddedPhoto, BackupReport, BackupStatus, ConflictView, DocumentInfo, DocumentKind,
    DocumentSettings, EntryEdit, EntryEvidence, EntryProgress, EntryScreening, ExportContent,
    ExportFormat, ExportReport, FieldChange, FieldNote, Finalized, ImportReport,
    InstalledDocuments, InstalledPackage, IssuedPackage, JurorDocument, JurorEntryEvidence,
    JurorPrint, LogLine, LogoChange, MergeReport, NotePhotoView, Overview, PassphraseNeeded,
    PrintRequest, Privacy, PublishReport, RecordRef, Reopened, ReplacedJuror, SavedCell,
    ScoreCorrection, Sheet, StageProgress, SubmitAll,
};
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

/// Writes every exported type, with the types it depends on, into `dir`.
fn export_into(dir: &Path) {
    // serde_json sends 64-bit integers as JSON numbers, which the UI reads as `number`.
    let config = Config::new().with_out_dir(dir).with_large_int("number");
    macro_rules! export {
        ($($ty:ty),* $(,)?) => {
            $(<$ty>::export_all(&config)
                .unwrap_or_else(|error| panic!("export {}: {error}", stringify!($ty)));)*
        };
    }
    export!(
        AppInfo,
        CommandError,
        ErrorCode,
        ChairStart,
        Competitions,
        BackupReport,
        BackupStatus,
        Privacy,
        PublishReport,
        PassphraseNeeded,
        TemplateInfo,
        DefinitionView,
        DecisionRecord,
        LogLine,
        EntryEdit,
        FieldChange,
        EntryEvidence,
        DocumentInfo,
        FieldNote,
        NotePhotoView,
        AddedPhoto,
        ReplacedJuror,
        ExportContent,
        LogFilter,
        ImportKind,
        Definition,
        Entry,
        Juror,
        Screening,
        EntryScreening,
        Decision,
        Method,
        Completeness,
        StageResults,
        MethodComparison,
        Finalized,
        ImportReport,
        Overview,
        JurorStart,
        MergeProgress,
        InstalledPackage,
        InstalledDocuments,
        JurorEntryEvidence,
        JurorDocument,
        StageProgress,
        EntryProgress,
        Sheet,
        SavedCell,
        ExportReport,
        IssuedPackage,
        MergeReport,
        ConflictView,
        RecordRef,
        DocumentKind,
        ExportFormat,
        PrintRequest,
        JurorPrint,
        WeightWarning,
        SubmitAll,
        OpenedFile,
        StageRecord,
        Reopened,
        ScoreCorrection,
        DocumentSettings,
        LogoChange,
    );
    write_methods(dir);
}

/// `methods.ts`: the aggregation methods `juri-core` defines, in its order, so the UI's method
/// pickers list exactly those.
fn write_methods(dir: &Path) {
    let names: Vec<String> = Method::ALL
        .iter()
        .map(|m| format!("'{}'", m.as_str()))
        .collect();
    let text = format!(
        "// Generated from juri-core's `Method::ALL` by src-tauri/src/bindings.rs. Do not edit.\n\
         import type {{ Method }} from './Method';\n\n\
         /** Every aggregation method, in the order the results compare them. */\n\
         export const METHODS: readonly Method[] = [{}];\n",
        names.join(", ")
    );
    let path = dir.join("methods.ts");
    std::fs::write(&path, text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings")
}

fn ts_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("read {}: {error}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ts"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("read binding");
            (name, text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn bindings_match_the_committed_files() {
    if let Some(out) = std::env::var_os("JURI_BINDINGS_OUT") {
        export_into(Path::new(&out));
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    export_into(temp.path());
    let fresh = ts_files(temp.path());
    assert!(!fresh.is_empty(), "no bindings were generated");
    let committed = ts_files(&committed_dir());
    let stale: Vec<&str> = fresh
        .iter()
        .filter(|file| !committed.contains(file))
        .chain(committed.iter().filter(|file| !fresh.contains(file)))
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/lib/bindings is out of date ({}): run `make bindings`",
        stale.join(", ")
    );
}
