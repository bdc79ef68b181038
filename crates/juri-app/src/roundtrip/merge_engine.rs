//! Reading score bundles for a merge: decrypting and verifying them on both cores, and checking
//! every record against the competition while converting it to the store's integer ids. Used by
//! `merge` and by `rebuild`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use juri_bundle::{BundleRecords, BundleView, ChairKeys, DecryptedBundle, Fingerprint, Incoming};
use juri_core::{Fixed, StageDef};
use juri_store::{CellKey, Tx};
use rust_i18n::t;

use crate::chair::Snapshot;
use crate::error::AppError;
use crate::roundtrip::records::CellContent;

/// A verified bundle's versions, keyed by the store's ids (notes and submission states have
/// criterion 0).
pub(crate) type StoreBundle = BundleRecords<CellKey, CellKey, CellContent>;

/// A verified bundle, converted to the store's ids.
pub(crate) struct Converted {
    pub fingerprint: Fingerprint,
    /// The fingerprint of the signed content (what sheets and the merge preview show).
    pub content_fingerprint: Fingerprint,
    pub juror: usize,
    pub sequence: u64,
    pub package_version: u32,
    pub exported_at: String,
    pub records: StoreBundle,
    /// Signed by a retired key of the juror and accepted by the chair: the key's retirement and
    /// the chair's reason.
    pub retired: Option<(RetiredKey, String)>,
    /// The bytes of the photos the notes name (format version 3), checked against the signed
    /// hashes: (SHA-256, bytes).
    pub photos: Vec<(String, Vec<u8>)>,
}

/// A juror key the chair retired (`juri package --new-code`): when, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RetiredKey {
    /// When the key was retired (RFC 3339).
    pub retired_at: String,
    /// The chair's reason, when one was given.
    pub reason: Option<String>,
}

impl RetiredKey {
    /// "2026-11-30 (laptop lost)", or the date alone.
    pub fn describe(&self) -> String {
        let date = self.retired_at.get(..10).unwrap_or(&self.retired_at);
        match &self.reason {
            Some(reason) => format!("{date} ({reason})"),
            None => date.to_string(),
        }
    }
}

/// A bundle signed by a retired key of its juror, held back until the chair accepts it.
pub(crate) struct Held {
    /// The fingerprint of the signed content.
    pub content_fingerprint: Fingerprint,
    pub juror: usize,
    pub sequence: u64,
    pub exported_at: String,
    pub retired: RetiredKey,
    pub said: Said,
}

/// The chair's acceptances of bundles signed by a retired key: each names a bundle by its
/// fingerprint (the signed content's as the merge preview shows it, or the file's; full, or the
/// short form) and gives a reason.
pub type RetiredAcceptances = [(String, String)];

/// The reason the chair gave for accepting the bundle whose file and content have these
/// fingerprints, if they did.
fn acceptance(
    accepted: &RetiredAcceptances,
    file: Fingerprint,
    content: Fingerprint,
) -> Option<&str> {
    let names = [
        file.to_hex(),
        file.short(),
        content.to_hex(),
        content.short(),
    ];
    accepted
        .iter()
        .find(|(named, _)| names.contains(&named.trim().to_ascii_lowercase()))
        .map(|(_, reason)| reason.as_str())
}

struct StageIx<'s> {
    id: i64,
    /// The stage in the current definition (absent for a stage that was removed).
    def: Option<&'s StageDef>,
    /// (code, id) of the stage's criteria: a handful, scanned.
    criteria: Vec<(String, i64)>,
}

/// The competition as the merge sees it: text ids to store ids, and the rules to check.
pub(crate) struct Index<'s> {
    pub snap: &'s Snapshot,
    stages: HashMap<String, StageIx<'s>>,
    entries: HashMap<&'s str, usize>,
    jurors: HashMap<&'s str, usize>,
    keys: HashMap<String, Vec<[u8; 32]>>,
    /// Every retired key, with when and why it was retired.
    retired: HashMap<[u8; 32], RetiredKey>,
    /// The newest package version issued to each juror (by juror index), 0 for none.
    issued: Vec<i64>,
}

impl<'s> Index<'s> {
    pub fn new(tx: &Tx<'_>, snap: &'s Snapshot) -> Result<Index<'s>, AppError> {
        let mut stages = HashMap::new();
        for (id, code) in tx.stage_codes()? {
            let criteria = tx.criteria(id)?.into_iter().map(|(i, c)| (c, i)).collect();
            let def = snap.definition.stage(&code);
            stages.insert(code, StageIx { id, def, criteria });
        }
        let mut keys: HashMap<String, Vec<[u8; 32]>> = HashMap::new();
        let by_id: HashMap<i64, usize> = snap
            .juror_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        let mut retired = HashMap::new();
        for k in tx.juror_keys(None)? {
            if let (Some(&j), Ok(key)) = (by_id.get(&k.juror_id), k.public_key.try_into()) {
                keys.entry(snap.jurors[j].id.clone()).or_default().push(key);
                if let Some(at) = k.retired_at {
                    retired.insert(
                        key,
                        RetiredKey {
                            retired_at: at,
                            reason: k.retired_reason,
                        },
                    );
                }
            }
        }
        let issued = snap
            .juror_ids
            .iter()
            .map(|id| Ok(tx.last_package_version(*id)?.unwrap_or(0)))
            .collect::<Result<Vec<i64>, AppError>>()?;
        Ok(Index {
            snap,
            stages,
            issued,
            entries: snap
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.code.as_str(), i))
                .collect(),
            jurors: snap
                .jurors
                .iter()
                .enumerate()
                .map(|(i, j)| (j.id.as_str(), i))
                .collect(),
            keys,
            retired,
        })
    }

    /// When and why `key` was retired, if it was.
    pub fn retired_key(&self, key: &[u8; 32]) -> Option<&RetiredKey> {
        self.retired.get(key)
    }

    /// Every key registered for a juror, or `None` for an unknown juror.
    pub fn keys_of(&self, juror: &str) -> Option<Vec<[u8; 32]>> {
        self.jurors
            .get(juror)
            .map(|_| self.keys.get(juror).cloned().unwrap_or_default())
    }

    pub fn juror_id(&self, juror: usize) -> i64 {
        self.snap.juror_ids[juror]
    }
}

/// Why a file is refused: in the language of the person's messages (`shown`), and in English
/// as the audit log keeps it (`recorded`), so the log does not depend on who merged.
#[derive(Debug, Clone, Default)]
pub(crate) struct Said {
    pub shown: Vec<String>,
    pub recorded: Vec<String>,
}

impl Said {
    /// A problem another crate words (a file that cannot be read, a bundle that does not verify):
    /// the same text in both.
    fn same(text: String) -> Said {
        Said {
            shown: vec![text.clone()],
            recorded: vec![text],
        }
    }

    /// An error another crate words: as the person reads it, and in English for the log.
    fn of(e: &dyn std::fmt::Display) -> Said {
        Said {
            shown: vec![e.to_string()],
            recorded: vec![crate::in_english(|| e.to_string())],
        }
    }
}

/// Problems found in one bundle; the first few are kept word for word.
#[derive(Default)]
pub(crate) struct Problems {
    pub said: Said,
    pub total: usize,
}

const SHOWN: usize = 12;

impl Problems {
    /// A problem as the person reads it and as the log keeps it (English).
    fn say(&mut self, shown: Cow<'_, str>, recorded: Cow<'_, str>) {
        self.total += 1;
        if self.said.shown.len() < SHOWN {
            self.said.shown.push(shown.into_owned());
            self.said.recorded.push(recorded.into_owned());
        }
    }

    pub fn into_messages(self) -> Said {
        let mut said = self.said;
        let more = self.total - said.shown.len();
        if more > 0 {
            said.shown
                .push(t!("merge.more_problems", count = more).into_owned());
            said.recorded
                .push(t!("merge.more_problems", locale = "en", count = more).into_owned());
        }
        said
    }
}

/// The last (stage, entry) pair seen and its ids, or `None` inside when it was refused.
type PairCache<'a> = Option<(String, String, Option<(i64, i64, &'a StageIx<'a>)>)>;

/// Progress of a long merge: files read so far, of how many.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// What reading one input gave.
pub(crate) enum ReadResult {
    /// Imported before: the same file (not decrypted) or the same signed content in another
    /// encryption. The fingerprint shown: the signed content's when it is known, else the file's.
    Known(Fingerprint),
    Rejected(Option<Fingerprint>, Said),
    /// Verified and valid, but signed by a retired key the chair has not accepted.
    Held(Box<Held>),
    Accepted(Box<Converted>),
}

/// What reading needs besides the inputs: the chair's keys and the competition.
pub(crate) struct Reader<'a> {
    pub chair: &'a ChairKeys,
    pub competition: &'a str,
    pub ix: &'a Index<'a>,
    /// Bundles imported before, by the fingerprint (hex) of their file and of their signed
    /// content, each giving the fingerprint to show: a known file is skipped before it is
    /// decrypted, a known content in another encryption after.
    pub known: &'a HashMap<String, Fingerprint>,
    /// Check every record against the competition (a rebuild replays without).
    pub validate: bool,
    /// Bundles signed by a retired key that the chair accepts (with `validate`; without, a
    /// rebuild replays what was accepted).
    pub accept_retired: &'a RetiredAcceptances,
}

/// Reads, decrypts, verifies and converts every input on up to two threads, handing each result
/// to `sink` on this thread as soon as it is ready (so memory holds a few bundles at a time).
pub(crate) fn read_all(
    count: usize,
    load: &(dyn Fn(usize) -> Result<Vec<u8>, AppError> + Sync),
    reader: &Reader<'_>,
    progress: Option<Progress<'_>>,
    mut sink: impl FnMut(usize, ReadResult),
) {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 2)
        .min(count.max(1));
    // Room for the files read while the merge writes a batch (a file's records are ~200 KB).
    let (send, receive) = mpsc::sync_channel::<(usize, ReadResult)>(32);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    break;
                }
                let result = read_one(load, i, reader);
                if send.send((i, result)).is_err() {
                    break;
                }
            });
        }
        drop(send);
        let mut done = 0;
        for (i, result) in receive {
            done += 1;
            if let Some(p) = progress {
                p(done, count);
            }
            sink(i, result);
        }
    });
}

fn read_one(
    load: &(dyn Fn(usize) -> Result<Vec<u8>, AppError> + Sync),
    i: usize,
    reader: &Reader<'_>,
) -> ReadResult {
    let Reader {
        chair,
        competition,
        ix,
        known,
        validate,
        accept_retired,
    } = *reader;
    let bytes = match load(i) {
        Ok(b) => b,
        Err(AppError::BadFile { message, .. }) => {
            return ReadResult::Rejected(None, Said::same(message))
        }
        Err(AppError::Io { source, .. }) => {
            return ReadResult::Rejected(None, Said::same(source.to_string()))
        }
        Err(e) => return ReadResult::Rejected(None, Said::same(e.to_string())),
    };
    let fingerprint = Fingerprint::of(&bytes);
    if let Some(shown) = known.get(&fingerprint.to_hex()) {
        return ReadResult::Known(*shown);
    }
    let refused =
        |e: juri_bundle::BundleError| ReadResult::Rejected(Some(fingerprint), Said::of(&e));
    // A rebuild (no validation) replays bundles merged before the errata of docs/formats.md as
    // they were accepted then.
    let decrypted = if validate {
        DecryptedBundle::decrypt_with_fingerprint(&bytes, fingerprint, chair)
    } else {
        DecryptedBundle::decrypt_as_merged(&bytes, fingerprint, chair)
    };
    let decrypted = match decrypted {
        Ok(d) => d,
        Err(e) => return refused(e),
    };
    drop(bytes);
    let content_fingerprint = decrypted.content_fingerprint();
    if let Some(shown) = known.get(&content_fingerprint.to_hex()) {
        return ReadResult::Known(*shown);
    }
    let verified = if validate {
        decrypted.verify(competition, |j| ix.keys_of(j))
    } else {
        decrypted.verify_as_merged(competition, |j| ix.keys_of(j))
    };
    let view = match verified {
        Ok(v) => v,
        Err(e) => return refused(e),
    };
    let mut converted = match convert(&view, ix, validate) {
        Ok(converted) => converted,
        Err(problems) => return ReadResult::Rejected(Some(fingerprint), problems.into_messages()),
    };
    // A juror's clock cannot be trusted, so a bundle signed by a retired key (a lost laptop's)
    // counts only if the chair accepts it, one by one, with a reason.
    if let Some(retired) = ix.retired_key(view.signer_key()).filter(|_| validate) {
        match acceptance(accept_retired, fingerprint, content_fingerprint) {
            Some(reason) => converted.retired = Some((retired.clone(), reason.to_string())),
            None => {
                let (juror, when) = (view.juror_id(), retired.describe());
                let shown = t!("merge.retired_key_held", juror = juror, retired = when);
                let recorded = t!(
                    "merge.retired_key_held",
                    locale = "en",
                    juror = juror,
                    retired = when
                );
                return ReadResult::Held(Box::new(Held {
                    content_fingerprint,
                    juror: converted.juror,
                    sequence: converted.sequence,
                    exported_at: converted.exported_at,
                    retired: retired.clone(),
                    said: Said {
                        shown: vec![shown.into_owned()],
                        recorded: vec![recorded.into_owned()],
                    },
                }));
            }
        }
    }
    ReadResult::Accepted(Box::new(converted))
}

/// Reads a verified bundle into store ids. With `validate`, every cell is checked against the
/// competition as it is now (known stage, entry and criterion; value on the scale; the juror
/// active, assigned and not recused); without, only the ids are mapped (a rebuild replays bundles
/// that were accepted when they were imported).
pub(crate) fn convert(
    view: &BundleView<'_>,
    ix: &Index<'_>,
    validate: bool,
) -> Result<Converted, Problems> {
    let mut p = Problems::default();
    let Some(&j) = ix.jurors.get(view.juror_id()) else {
        p.say(
            t!("merge.juror_not_registered", juror = view.juror_id()),
            t!(
                "merge.juror_not_registered",
                locale = "en",
                juror = view.juror_id()
            ),
        );
        return Err(p);
    };
    let juror = &ix.snap.jurors[j];
    let juror_id = ix.juror_id(j);
    if validate && !juror.active {
        p.say(
            t!("merge.juror_removed", juror = juror.id),
            t!("merge.juror_removed", locale = "en", juror = juror.id),
        );
        return Err(p);
    }
    // A bundle names the package its juror scored with: one the chair issued.
    let issued = ix.issued[j];
    if validate && i64::from(view.package_version()) > issued {
        let (named, juror) = (view.package_version(), juror.id.as_str());
        p.say(
            t!(
                "merge.package_not_issued",
                named = named,
                issued = issued,
                juror = juror
            ),
            t!(
                "merge.package_not_issued",
                locale = "en",
                named = named,
                issued = issued,
                juror = juror
            ),
        );
        return Err(p);
    }
    // (stage, entry) → ids, checked once per pair (cells come sorted by pair).
    let mut last: PairCache<'_> = None;
    let mut cells = Vec::with_capacity(view.scores().len());
    for c in view.scores() {
        let ids = match &last {
            Some((s, e, ids)) if *s == *c.stage && *e == *c.entry => *ids,
            _ => {
                let ids = pair_ids(ix, j, &c.stage, &c.entry, validate, &mut p)
                    .map(|(s, e)| (s, e, &ix.stages[&*c.stage]));
                last = Some((c.stage.to_string(), c.entry.to_string(), ids));
                ids
            }
        };
        let Some((stage_id, entry_id, st)) = ids else {
            continue;
        };
        let known = st
            .criteria
            .iter()
            .find(|(code, _)| *code == *c.criterion)
            .map(|(_, id)| *id)
            .filter(|_| !validate || st.def.is_some_and(|d| d.criterion(&c.criterion).is_some()));
        let Some(criterion_id) = known else {
            p.say(
                t!(
                    "merge.unknown_criterion",
                    stage = c.stage,
                    entry = c.entry,
                    criterion = c.criterion
                ),
                t!(
                    "merge.unknown_criterion",
                    locale = "en",
                    stage = c.stage,
                    entry = c.entry,
                    criterion = c.criterion
                ),
            );
            continue;
        };
        let value = match c.value.as_deref() {
            None => None,
            Some(text) => {
                let read = match st.def.filter(|_| validate) {
                    Some(def) => juri_core::read_score(def, text),
                    None => Fixed::parse(text).map_err(juri_core::ScoreError::from),
                };
                match read {
                    Ok(v) => Some(v.raw()),
                    Err(e) => {
                        let place = format!("{}/{}/{}", c.stage, c.entry, c.criterion);
                        let english = crate::in_english(|| e.to_string());
                        p.say(
                            format!("{place}: {e}").into(),
                            format!("{place}: {english}").into(),
                        );
                        continue;
                    }
                }
            }
        };
        cells.push(Incoming {
            key: CellKey {
                stage_id,
                entry_id,
                juror_id,
                criterion_id,
            },
            revision: c.revision,
            content: CellContent {
                value,
                comment: c.comment.to_string(),
            },
            updated_at: c.updated_at.to_string(),
        });
    }
    let mut notes = Vec::new();
    for n in view.notes() {
        if let Some(key) = pair_ids(ix, j, &n.stage, &n.entry, validate, &mut p) {
            notes.push(Incoming {
                key: pair_key(key, juror_id),
                revision: n.revision,
                content: juri_bundle::NoteContent {
                    text: n.note.to_string(),
                    photos: n.photos.clone(),
                },
                updated_at: n.updated_at.to_string(),
            });
        }
    }
    let mut submissions = Vec::new();
    for s in view.submissions() {
        if let Some(key) = pair_ids(ix, j, &s.stage, &s.entry, validate, &mut p) {
            submissions.push(Incoming {
                key: pair_key(key, juror_id),
                revision: s.revision,
                content: s.submitted,
                updated_at: s.updated_at.to_string(),
            });
        }
    }
    if p.total > 0 {
        return Err(p);
    }
    Ok(Converted {
        fingerprint: view.fingerprint(),
        content_fingerprint: view.content_fingerprint(),
        juror: j,
        sequence: view.sequence(),
        package_version: view.package_version(),
        exported_at: view.exported_at().to_string(),
        records: BundleRecords {
            scores: cells,
            notes,
            submissions,
        },
        retired: None,
        photos: view
            .photos()
            .iter()
            .map(|p| (p.sha256.to_string(), p.bytes.to_vec()))
            .collect(),
    })
}

fn pair_key((stage_id, entry_id): (i64, i64), juror_id: i64) -> CellKey {
    CellKey {
        stage_id,
        entry_id,
        juror_id,
        criterion_id: 0,
    }
}

fn pair_ids(
    ix: &Index<'_>,
    j: usize,
    stage: &str,
    entry: &str,
    validate: bool,
    p: &mut Problems,
) -> Option<(i64, i64)> {
    let st = ix
        .stages
        .get(stage)
        .filter(|s| !validate || s.def.is_some());
    let Some(st) = st else {
        p.say(
            t!("error.unknown_stage", stage = stage),
            t!("error.unknown_stage", locale = "en", stage = stage),
        );
        return None;
    };
    let Some(&e) = ix.entries.get(entry) else {
        p.say(
            t!("merge.unknown_entry", stage = stage, entry = entry),
            t!(
                "merge.unknown_entry",
                locale = "en",
                stage = stage,
                entry = entry
            ),
        );
        return None;
    };
    if validate {
        let def = st.def?;
        let juror = &ix.snap.jurors[j];
        let en = &ix.snap.entries[e];
        if !def.is_scored_by_jurors() {
            p.say(
                t!("refusal.stage_not_scored", stage = stage),
                t!("refusal.stage_not_scored", locale = "en", stage = stage),
            );
            return None;
        }
        if let Some(conflict) = juror.recusal(en) {
            p.say(
                t!(
                    "merge.juror_recused",
                    stage = stage,
                    entry = entry,
                    juror = juror.id,
                    reason = conflict.reason
                ),
                t!(
                    "merge.juror_recused",
                    locale = "en",
                    stage = stage,
                    entry = entry,
                    juror = juror.id,
                    reason = conflict.reason
                ),
            );
            return None;
        }
        if !juror.is_assigned(stage, en) {
            p.say(
                t!(
                    "merge.juror_not_assigned",
                    stage = stage,
                    entry = entry,
                    juror = juror.id
                ),
                t!(
                    "merge.juror_not_assigned",
                    locale = "en",
                    stage = stage,
                    entry = entry,
                    juror = juror.id
                ),
            );
            return None;
        }
    }
    Some((st.id, ix.snap.entry_ids[e]))
}
