// The only module that talks to the Rust side. Screens and stores call these functions and never
// import `@tauri-apps/api` or a plugin themselves, so every IPC call is typed and errors always
// arrive as `ApiError`.
import { Channel, invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { homeDir } from '@tauri-apps/api/path';
import { open, save, type DialogFilter } from '@tauri-apps/plugin-dialog';
import type { AddedPhoto } from './bindings/AddedPhoto';
import type { AppInfo } from './bindings/AppInfo';
import type { EntryEdit } from './bindings/EntryEdit';
import type { FieldChange } from './bindings/FieldChange';
import type { DocumentInfo } from './bindings/DocumentInfo';
import type { EntryEvidence } from './bindings/EntryEvidence';
import type { FieldNote } from './bindings/FieldNote';
import type { ExportContent } from './bindings/ExportContent';
import type { LogFilter } from './bindings/LogFilter';
import type { ReplacedJuror } from './bindings/ReplacedJuror';
import type { LogLine } from './bindings/LogLine';
import type { BackupReport } from './bindings/BackupReport';
import type { Privacy } from './bindings/Privacy';
import type { PublishReport } from './bindings/PublishReport';
import type { BackupStatus } from './bindings/BackupStatus';
import type { PassphraseNeeded } from './bindings/PassphraseNeeded';
import type { ChairStart } from './bindings/ChairStart';
import type { Competitions } from './bindings/Competitions';
import type { CompetitionFile } from './bindings/CompetitionFile';
import type { Completeness } from './bindings/Completeness';
import type { Decision } from './bindings/Decision';
import type { DecisionRecord } from './bindings/DecisionRecord';
import type { Definition } from './bindings/Definition';
import type { DefinitionView } from './bindings/DefinitionView';
import type { Entry } from './bindings/Entry';
import type { ErrorCode } from './bindings/ErrorCode';
import type { Finalized } from './bindings/Finalized';
import type { ImportKind } from './bindings/ImportKind';
import type { ImportReport } from './bindings/ImportReport';
import type { Juror } from './bindings/Juror';
import type { Method } from './bindings/Method';
import type { MethodComparison } from './bindings/MethodComparison';
import type { Overview } from './bindings/Overview';
import type { Problem } from './bindings/Problem';
import type { Screening } from './bindings/Screening';
import type { EntryScreening } from './bindings/EntryScreening';
import type { StageResults } from './bindings/StageResults';
import type { TemplateInfo } from './bindings/TemplateInfo';
import type { ConflictView } from './bindings/ConflictView';
import type { EntryProgress } from './bindings/EntryProgress';
import type { ExportReport } from './bindings/ExportReport';
import type { InstalledPackage } from './bindings/InstalledPackage';
import type { InstalledDocuments } from './bindings/InstalledDocuments';
import type { JurorDocument } from './bindings/JurorDocument';
import type { JurorEntryEvidence } from './bindings/JurorEntryEvidence';
import type { IssuedPackage } from './bindings/IssuedPackage';
import type { JurorStart } from './bindings/JurorStart';
import type { MergeProgress } from './bindings/MergeProgress';
import type { MergeReport } from './bindings/MergeReport';
import type { NotePhotoView } from './bindings/NotePhotoView';
import type { RecordRef } from './bindings/RecordRef';
import type { SavedCell } from './bindings/SavedCell';
import type { Sheet } from './bindings/Sheet';
import type { StageProgress } from './bindings/StageProgress';
import type { DocumentKind } from './bindings/DocumentKind';
import type { DocumentSettings } from './bindings/DocumentSettings';
import type { LogoChange } from './bindings/LogoChange';
import type { LogoInfo } from './bindings/LogoInfo';
import type { ExportFormat } from './bindings/ExportFormat';
import type { PrintRequest } from './bindings/PrintRequest';
import type { JurorPrint } from './bindings/JurorPrint';
import type { WeightWarning } from './bindings/WeightWarning';
import type { SubmitAll } from './bindings/SubmitAll';
import type { OpenedFile } from './bindings/OpenedFile';
import type { Reopened } from './bindings/Reopened';
import type { ScoreCorrection } from './bindings/ScoreCorrection';
import type { StageRecord } from './bindings/StageRecord';

export type {
  AddedPhoto,
  AppInfo,
  BackupReport,
  Privacy,
  PublishReport,
  BackupStatus,
  PassphraseNeeded,
  EntryEdit,
  FieldChange,
  DocumentInfo,
  EntryEvidence,
  FieldNote,
  ExportContent,
  LogFilter,
  LogLine,
  ReplacedJuror,
  ChairStart,
  Competitions,
  CompetitionFile,
  Completeness,
  Decision,
  DecisionRecord,
  Definition,
  DefinitionView,
  Entry,
  ErrorCode,
  Finalized,
  ImportKind,
  ImportReport,
  Juror,
  Method,
  MethodComparison,
  Overview,
  Problem,
  Screening,
  EntryScreening,
  StageResults,
  TemplateInfo,
  ConflictView,
  EntryProgress,
  ExportReport,
  InstalledPackage,
  InstalledDocuments,
  JurorDocument,
  JurorEntryEvidence,
  IssuedPackage,
  JurorStart,
  JurorPrint,
  MergeProgress,
  MergeReport,
  NotePhotoView,
  WeightWarning,
  SubmitAll,
  OpenedFile,
  Reopened,
  ScoreCorrection,
  StageRecord,
  RecordRef,
  SavedCell,
  Sheet,
  StageProgress,
  DocumentKind,
  ExportFormat,
  PrintRequest,
  DocumentSettings,
  LogoChange,
  LogoInfo,
};

/** Error codes from Rust, plus `unknown` for a rejection that did not come as `{code, message}`. */
export type ApiErrorCode = ErrorCode | 'unknown';

/**
 * A failed call: `code` is for branching and choosing a translated title, `message` is the detail,
 * `problems` lists every bad row or definition problem with its place (often empty).
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly problems: Problem[];

  constructor(code: ApiErrorCode, message: string, problems: Problem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.problems = problems;
  }
}

// A `Record` over the generated `ErrorCode`, so a code added in Rust fails the type check here
// until it is listed (and given a translation under `errors.` in the message catalogues).
const KNOWN_CODES: Record<ErrorCode, true> = {
  io: true,
  open_failed: true,
  nothing_open: true,
  not_found: true,
  invalid_input: true,
  invalid_file: true,
  invalid_definition: true,
  not_allowed: true,
  database: true,
  internal: true,
};

function isKnownCode(code: string): code is ErrorCode {
  return Object.hasOwn(KNOWN_CODES, code);
}

/** Turns whatever a command rejected with into an `ApiError`. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (isCommandError(reason)) {
    const problems = Array.isArray(reason.problems) ? reason.problems.filter(isProblem) : [];
    return new ApiError(isKnownCode(reason.code) ? reason.code : 'unknown', reason.message, problems);
  }
  if (reason instanceof Error) return new ApiError('unknown', reason.message);
  return new ApiError('unknown', typeof reason === 'string' ? reason : JSON.stringify(reason));
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { place?: unknown }).place === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function isCommandError(
  value: unknown,
): value is { code: string; message: string; problems?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** The commands registered in `src-tauri/src/lib.rs`. */
type Command =
  | 'app_info'
  | 'set_language'
  | 'open_data_dir'
  | 'open_log_dir'
  | 'open_document'
  | 'open_link'
  | 'opened_file'
  | 'chair_start'
  | 'templates'
  | 'chair_create_demo'
  | 'chair_create'
  | 'chair_archive'
  | 'chair_competitions'
  | 'chair_switch'
  | 'chair_backup'
  | 'chair_publish'
  | 'chair_passphrase_needed'
  | 'chair_unlock'
  | 'chair_backup_status'
  | 'chair_restore'
  | 'chair_overview'
  | 'chair_definition'
  | 'validate_definition'
  | 'definition_warnings'
  | 'chair_save_definition'
  | 'chair_import'
  | 'chair_entries'
  | 'chair_jurors'
  | 'chair_status'
  | 'chair_results'
  | 'chair_compare_methods'
  | 'chair_screen'
  | 'chair_screening'
  | 'chair_decide'
  | 'chair_decisions'
  | 'chair_finalize'
  | 'chair_stage_record'
  | 'chair_reopen'
  | 'chair_review'
  | 'chair_revoke'
  | 'chair_correct_score'
  | 'chair_set_withdrawn'
  | 'chair_entry_documents'
  | 'chair_field_notes'
  | 'chair_photo'
  | 'chair_save_photo'
  | 'chair_add_entry_document'
  | 'chair_edit_entry'
  | 'chair_replace_juror'
  | 'chair_log'
  | 'chair_print'
  | 'chair_export'
  | 'chair_document_settings'
  | 'chair_save_document_settings'
  | 'chair_issue_packages'
  | 'chair_merge'
  | 'chair_conflicts'
  | 'chair_resolve'
  | 'juror_start'
  | 'juror_install'
  | 'juror_stages'
  | 'juror_entries'
  | 'juror_sheet'
  | 'juror_set_score'
  | 'juror_set_note'
  | 'juror_add_note_photo'
  | 'juror_remove_note_photo'
  | 'juror_note_photo'
  | 'juror_submit'
  | 'juror_submit_all'
  | 'juror_export'
  | 'juror_print'
  | 'juror_documents'
  | 'juror_install_documents'
  | 'juror_document'
  | 'juror_save_document';

async function call<T>(command: Command, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

async function dialog<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** A file type offered in the open and save dialogs, e.g. `{ name: 'PDF', extensions: ['pdf'] }`. */
export type FileFilter = DialogFilter;

/** Version, data folder and log folder of this installation. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>('app_info');
}

/** The language of the messages the app's core writes (refusals, problems in a file). */
export function setMessageLanguage(lang: 'id' | 'en'): Promise<void> {
  return call<void>('set_language', { lang });
}

/** Opens the data folder in the system's file manager. */
export function openDataDir(): Promise<void> {
  return call<void>('open_data_dir');
}

/** Opens the folder of the log file and crash reports in the system's file manager. */
export function openLogDir(): Promise<void> {
  return call<void>('open_log_dir');
}

/** Opens a document the app wrote (a PDF) in the system's viewer. */
export function openDocument(path: string): Promise<void> {
  return call<void>('open_document', { path });
}

// The chair's competition.

/** Opens the competition of the data folder (or the demo with `--demo`); `competition` is null on a first launch. */
export function chairStart(): Promise<ChairStart> {
  return call<ChairStart>('chair_start');
}

export function listTemplates(): Promise<TemplateInfo[]> {
  return call<TemplateInfo[]>('templates');
}

export function createDemo(): Promise<Overview> {
  return call<Overview>('chair_create_demo');
}

/** Creates a competition from a template name or a definition file path. */
export function createCompetition(
  source: { template: string } | { file: string },
): Promise<Overview> {
  return call<Overview>('chair_create', source);
}

/** Closes the competition and moves its database aside; returns where it went. */
export function archiveCompetition(): Promise<string> {
  return call<string>('chair_archive');
}

/** Every competition of the data folder and which one is open. */
export function listCompetitions(): Promise<Competitions> {
  return call<Competitions>('chair_competitions');
}

/** Opens another competition of the data folder in place of the one open. */
export function switchCompetition(path: string): Promise<Overview> {
  return call<Overview>('chair_switch', { path });
}

/** Whether the chair's passphrase is needed (a new one to choose, or the existing one) before the
 *  chair's keys are used; `null` when they are open (or, unless `makingKeys`, do not exist yet). */
export function chairPassphraseNeeded(makingKeys: boolean): Promise<PassphraseNeeded | null> {
  return call<PassphraseNeeded | null>('chair_passphrase_needed', { makingKeys });
}

/** Gives the chair's passphrase for this session. */
export function chairUnlock(passphrase: string): Promise<void> {
  return call<void>('chair_unlock', { passphrase });
}

/** Saves a complete backup of the open competition to `file`. */
export function saveBackup(file: string): Promise<BackupReport> {
  return call<BackupReport>('chair_backup', { file });
}

/** Writes the public verification archive to `file` (a zip when it ends in `.zip`, else a new
 *  folder), with personal data published only where `privacy` says. */
export function publishArchive(file: string, privacy: Privacy): Promise<PublishReport> {
  return call<PublishReport>('chair_publish', { file, privacy });
}

/** When the last backup was saved, and whether a merge or finalisation came after it. */
export function backupStatus(): Promise<BackupStatus> {
  return call<BackupStatus>('chair_backup_status');
}

/** Restores a backup as a new competition of the data folder and opens it. */
export function restoreBackup(file: string): Promise<Overview> {
  return call<Overview>('chair_restore', { file });
}

export function chairOverview(): Promise<Overview> {
  return call<Overview>('chair_overview');
}

export function chairDefinition(): Promise<DefinitionView> {
  return call<DefinitionView>('chair_definition');
}

/** Every problem of an edited definition with its place; empty when valid. */
export function validateDefinition(definition: Definition): Promise<Problem[]> {
  return call<Problem[]>('validate_definition', { definition });
}

/**
 * The stages of a final whose effective weight differs from the stated one (different conversions
 * or scale minima combined): said, not refused.
 */
export function definitionWarnings(definition: Definition): Promise<WeightWarning[]> {
  return call<WeightWarning[]>('definition_warnings', { definition });
}

/** Records the edited definition as a new version; resolves to the version number. */
export function saveDefinition(definition: Definition): Promise<number> {
  return call<number>('chair_save_definition', { definition });
}

/** Imports entries, jurors or paper scores from an XLSX or CSV file (all rows or none). */
export function importSheet(kind: ImportKind, path: string): Promise<ImportReport> {
  return call<ImportReport>('chair_import', { kind, path });
}

export function chairEntries(): Promise<Entry[]> {
  return call<Entry[]>('chair_entries');
}

export function chairJurors(): Promise<Juror[]> {
  return call<Juror[]>('chair_jurors');
}

export function stageStatus(stage: string): Promise<Completeness> {
  return call<Completeness>('chair_status', { stage });
}

export function stageResults(stage: string, method: Method | null = null): Promise<StageResults> {
  return call<StageResults>('chair_results', { stage, method });
}

export function compareMethods(stage: string): Promise<MethodComparison> {
  return call<MethodComparison>('chair_compare_methods', { stage });
}

export function screen(stage: string, records: Screening[]): Promise<void> {
  return call<void>('chair_screen', { stage, records });
}

/** Every entry of a screening stage with the checklist items that apply to it and its record. */
export function screening(stage: string): Promise<EntryScreening[]> {
  return call<EntryScreening[]>('chair_screening', { stage });
}

/** Records a chair decision; resolves to its number. */
export function decide(decision: Decision): Promise<number> {
  return call<number>('chair_decide', { decision });
}

export function listDecisions(): Promise<DecisionRecord[]> {
  return call<DecisionRecord[]>('chair_decisions');
}

export function finalizeStage(stage: string): Promise<Finalized> {
  return call<Finalized>('chair_finalize', { stage });
}

/** A stage's snapshot version and whether it must be reviewed before it is finalised. */
export function stageRecord(stage: string): Promise<StageRecord> {
  return call<StageRecord>('chair_stage_record', { stage });
}

/** Re-opens a finalised stage, with a reason (audited). */
export function reopenStage(stage: string, reason: string): Promise<Reopened> {
  return call<Reopened>('chair_reopen', { stage, reason });
}

/** Records that a stage was reviewed after an earlier one was re-opened, with a reason. */
export function reviewStage(stage: string, reason: string): Promise<void> {
  return call<void>('chair_review', { stage, reason });
}

/** Revokes a recorded decision, with a reason. */
export function revokeDecision(id: number, reason: string): Promise<number | null> {
  return call<number | null>('chair_revoke', { id, reason });
}

/** Corrects a paper score (a new revision; the original is kept), with a reason. */
export function correctScore(correction: ScoreCorrection, reason: string): Promise<void> {
  return call<void>('chair_correct_score', { correction, reason });
}

/** Withdraws an entry, or restores it, with a reason. */
export function setWithdrawn(entry: string, withdrawn: boolean, reason: string): Promise<void> {
  return call<void>('chair_set_withdrawn', { entry, withdrawn, reason });
}

/** An entry's documents (by SHA-256) and links. */
export function entryDocuments(entry: string): Promise<EntryEvidence> {
  return call<EntryEvidence>('chair_entry_documents', { entry });
}

/** The jurors' merged field notes on `entry` that say something or carry photos, by stage and juror. */
export function chairFieldNotes(entry: string): Promise<FieldNote[]> {
  return call<FieldNote[]>('chair_field_notes', { entry });
}

/** The JPEG of a photo on a merged field note, by its SHA-256. */
export function chairPhoto(sha256: string): Promise<ArrayBuffer> {
  return call<ArrayBuffer>('chair_photo', { sha256 });
}

/** Saves a copy of a merged photo to `file` (an existing file is not overwritten); resolves to its
 *  size in bytes. */
export function chairSavePhoto(sha256: string, file: string): Promise<number> {
  return call<number>('chair_save_photo', { sha256, file });
}

/** Adds the document `file` to an entry, or puts it in the place of the entry's document named `replace`. */
export function addEntryDocument(entry: string, file: string, replace: string | null): Promise<DocumentInfo> {
  return call<DocumentInfo>('chair_add_entry_document', { entry, file, replace });
}

/** Corrects an entry's data (each field given replaces the old one); resolves to what changed. */
export function editEntry(entry: string, edit: EntryEdit, reason: string): Promise<FieldChange[]> {
  return call<FieldChange[]>('chair_edit_entry', { entry, edit, reason });
}

/** Replaces a juror from an open stage on; `keepSheets`: their submitted sheets there still count. */
export function replaceJuror(
  stage: string,
  departing: string,
  replacement: string,
  keepSheets: boolean,
  reason: string,
): Promise<ReplacedJuror> {
  return call<ReplacedJuror>('chair_replace_juror', { stage, departing, replacement, keepSheets, reason });
}

/** The audit log, oldest first, narrowed to one kind of line, a stage or an entry when given. */
export function auditLog(filter: LogFilter = { action: null, stage: null, entry: null }): Promise<LogLine[]> {
  return call<LogLine[]>('chair_log', { filter });
}

/** Renders a document to a PDF in the data folder; resolves to its path. */
export function printDocument(document: DocumentKind, request: PrintRequest): Promise<string> {
  return call<string>('chair_print', { document, request });
}

/** Writes the results (or, with `what: 'scores'`, every score cell) as XLSX, CSV or JSON to `file`. */
export function exportResults(
  format: ExportFormat,
  request: PrintRequest,
  file: string,
  what: ExportContent = 'recaps',
): Promise<string> {
  return call<string>('chair_export', { format, request, file, what });
}

/** The chair's document settings: kop, logo, decree, Mengetahui signer, NIPs. */
export function documentSettings(): Promise<DocumentSettings> {
  return call<DocumentSettings>('chair_document_settings');
}

/** Replaces the document settings (the logo as `logo` says); resolves to them as stored. */
export function saveDocumentSettings(
  settings: DocumentSettings,
  logo: LogoChange,
): Promise<DocumentSettings> {
  return call<DocumentSettings>('chair_save_document_settings', { settings, logo });
}

/** Writes a package for every active juror into `dir`; new access codes come back once. */
/** Writes every active juror's package; with `newCodes`, new keys, the old ones retired for `reason`. */
export function issuePackages(
  dir: string,
  newCodes: boolean,
  reason: string | null = null,
  allDocuments = false,
): Promise<IssuedPackage[]> {
  return call<IssuedPackage[]>('chair_issue_packages', { dir, newCodes, reason, allDocuments });
}

/**
 * Verifies and plans the merge of score bundles; with `apply` writes it. `onProgress` hears each
 * file read.
 */
/** Previews (or applies) a merge. `acceptRetired` lists the bundles signed by a retired key that
 *  the chair accepts, each as [fingerprint, reason]. */
export function mergeBundles(
  files: string[],
  apply: boolean,
  onProgress: (progress: MergeProgress) => void = () => {},
  acceptRetired: [string, string][] = [],
): Promise<MergeReport> {
  const progress = new Channel<MergeProgress>();
  progress.onmessage = onProgress;
  return call<MergeReport>('chair_merge', { files, apply, acceptRetired, progress });
}

export function listConflicts(all: boolean): Promise<ConflictView[]> {
  return call<ConflictView[]>('chair_conflicts', { all });
}

/** Rules on a conflict: `choose` names the version that counts (`v1`, `v2`, …). */
export function resolveConflict(record: RecordRef, choose: string): Promise<ConflictView> {
  return call<ConflictView>('chair_resolve', { record, choose });
}

// The juror's workspace.

export function jurorStart(): Promise<JurorStart> {
  return call<JurorStart>('juror_start');
}

/** Installs a package file; the first one needs the access code. */
export function installPackage(file: string, code: string | null): Promise<InstalledPackage> {
  return call<InstalledPackage>('juror_install', { file, code });
}

export function jurorStages(): Promise<StageProgress[]> {
  return call<StageProgress[]>('juror_stages');
}

export function jurorEntries(stage: string): Promise<EntryProgress[]> {
  return call<EntryProgress[]>('juror_entries', { stage });
}

export function jurorSheet(stage: string, entry: string): Promise<Sheet> {
  return call<Sheet>('juror_sheet', { stage, entry });
}

/** Saves one score (empty clears it) and optionally its comment; durable when it resolves. */
export function setScore(
  stage: string,
  entry: string,
  criterion: string,
  value: string | null,
  comment: string | null = null,
): Promise<SavedCell> {
  return call<SavedCell>('juror_set_score', { stage, entry, criterion, value, comment });
}

export function setNote(stage: string, entry: string, text: string): Promise<number> {
  return call<number>('juror_set_note', { stage, entry, text });
}

/** Attaches the photo `file` (JPEG, PNG or WebP) to the juror's note, turned upright and scaled
 *  down; the camera's time and place are kept only with `keepLocation`. */
export function addNotePhoto(
  stage: string,
  entry: string,
  file: string,
  keepLocation: boolean,
): Promise<AddedPhoto> {
  return call<AddedPhoto>('juror_add_note_photo', { stage, entry, file, keepLocation });
}

/** Removes a photo from the juror's note; resolves to the note's new revision. */
export function removeNotePhoto(stage: string, entry: string, sha256: string): Promise<number> {
  return call<number>('juror_remove_note_photo', { stage, entry, sha256 });
}

/** The JPEG of a photo on one of the juror's notes, by its SHA-256. */
export function jurorNotePhoto(sha256: string): Promise<ArrayBuffer> {
  return call<ArrayBuffer>('juror_note_photo', { sha256 });
}

/** Submits the sheet, or with `submitted: false` opens it again. */
export function submitSheet(stage: string, entry: string, submitted: boolean): Promise<Sheet> {
  return call<Sheet>('juror_submit', { stage, entry, submitted });
}

/** The `.juri` file the app was started with (opened from the file manager), once. */
export function openedFile(): Promise<OpenedFile | null> {
  return call<OpenedFile | null>('opened_file');
}

/** Calls `handler` whenever a second start of Juri hands a `.juri` file to this window (a package or
 *  bundle double-clicked while Juri is open); the file is then waiting in `openedFile`. */
export function onFileHandedOver(handler: () => void): Promise<UnlistenFn> {
  return listen('opened-file', handler);
}

/** Submits every finished sheet of a stage; with `dryRun`, only says what that would do. */
export function submitAllSheets(stage: string, dryRun: boolean): Promise<SubmitAll> {
  return call<SubmitAll>('juror_submit_all', { stage, dryRun });
}

/** Exports the signed score bundle to `file`. `code` opens the juror's key when it is not open yet
 *  in this session (`WorkspaceInfo.unlocked`). */
export function exportBundle(file: string, code: string | null = null): Promise<ExportReport> {
  return call<ExportReport>('juror_export', { file, code });
}

/** The documents and links the juror's package names for `entry`, each document installed or not. */
export async function jurorDocuments(entry: string): Promise<JurorEntryEvidence> {
  const list = await call<JurorEntryEvidence[]>('juror_documents', { entry });
  return list[0] ?? { entry, documents: [], links: [] };
}

/** Installs the documents file the chair sent with the package (each checked against the package). */
export function jurorInstallDocuments(file: string): Promise<InstalledDocuments> {
  return call<InstalledDocuments>('juror_install_documents', { file });
}

/** The bytes of one of an entry's installed documents, for the viewer. */
export function jurorDocument(entry: string, name: string): Promise<ArrayBuffer> {
  return call<ArrayBuffer>('juror_document', { entry, name });
}

/** Saves a copy of one of an entry's documents to `file`; resolves to its size in bytes. */
export function jurorSaveDocument(entry: string, name: string, file: string): Promise<number> {
  return call<number>('juror_save_document', { entry, name, file });
}

/** Opens an entry's link in the system's browser. */
export function openLink(url: string): Promise<void> {
  return call<void>('open_link', { url });
}

/** Prints the juror's filled sheets, or blank ones, of a stage (or one entry) to a PDF; resolves
 *  to its path. */
export function printJurorSheets(request: JurorPrint): Promise<string> {
  return call<string>('juror_print', { request });
}

/** Asks the user for a folder; `null` when they cancel. */
export async function chooseFolder(title: string): Promise<string | null> {
  // Start in the home folder: without a starting folder the system dialog opens on "Recent",
  // where no folder is selected and a typed path cannot be chosen.
  const home = await homeDir().catch(() => null);
  return dialog(() =>
    open({ title, multiple: false, directory: true, ...(home ? { defaultPath: home } : {}) }),
  );
}

/** Asks the user for one existing file; `null` when they cancel. */
export function chooseFile(title: string, filters: FileFilter[]): Promise<string | null> {
  return dialog(() => open({ title, filters, multiple: false, directory: false }));
}

/** Asks the user for several existing files; an empty list when they cancel. */
export async function chooseFiles(title: string, filters: FileFilter[]): Promise<string[]> {
  const chosen = await dialog(() => open({ title, filters, multiple: true, directory: false }));
  return chosen ?? [];
}

/** Asks the user where to save a new file; `null` when they cancel. */
export function chooseSaveLocation(
  title: string,
  defaultPath: string,
  filters: FileFilter[],
): Promise<string | null> {
  return dialog(() => save({ title, defaultPath, filters }));
}
