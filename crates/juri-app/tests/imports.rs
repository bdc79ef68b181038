//! Spreadsheet imports: XLSX as the secretariat keeps it, and the all-or-nothing rule.

use juri_app::{AppError, Chair};
use rust_xlsxwriter::Workbook;

fn chair(dir: &std::path::Path) -> Chair {
    Chair::init(
        &dir.join("l.db"),
        juri_core::templates::template("koin-yanlik-berdasi").unwrap(),
    )
    .unwrap()
}

#[test]
fn entries_and_jurors_from_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let mut chair = chair(dir.path());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let rows: [[&str; 5]; 4] = [
        ["Kode", "Judul", "Instansi", "Kategori", "Rintisan"],
        [
            "PROV-01",
            "SAPA NTT",
            "Dinas Kominfo Provinsi NTT",
            "pd-provinsi",
            "tidak",
        ],
        [
            "SEK-01",
            "Kelas Literasi Malam",
            "SD Inpres Oeleta",
            "Sekolah",
            "ya",
        ],
        [
            "DES-01",
            "Air Bersih Gravitasi — Wolwal",
            "Desa Wolwal, Kabupaten Alor",
            "desa",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(dir.path().join("entries.xlsx")).unwrap();
    let rep = chair
        .import_entries(&dir.path().join("entries.xlsx"))
        .unwrap();
    assert_eq!((rep.added, rep.updated), (3, 0));
    let snap = chair.snapshot().unwrap();
    let sek = snap.entries.iter().find(|e| e.code == "SEK-01").unwrap();
    assert_eq!(
        sek.category, "sekolah",
        "a category may be given by its name"
    );
    assert!(sek.rintisan);

    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let jurors: [[&str; 5]; 3] = [
        ["id", "nama", "peran", "penugasan", "konflik"],
        [
            "J1",
            "Dr. Maria Goreti Lénda",
            "ketua",
            "proposal=*; presentasi=*",
            "",
        ],
        [
            "J2",
            "Agustinus Mau",
            "anggota",
            "proposal=sekolah,desa",
            "entry:SEK-01 (pembimbing)",
        ],
    ];
    for (r, row) in jurors.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(dir.path().join("jurors.xlsx")).unwrap();
    chair
        .import_jurors(&dir.path().join("jurors.xlsx"))
        .unwrap();
    let snap = chair.snapshot().unwrap();
    let j2 = snap.jurors.iter().find(|j| j.id == "J2").unwrap();
    assert_eq!(j2.conflicts.len(), 1);
    assert!(!j2.is_assigned("proposal", sek), "recused from SEK-01");
    let des = snap.entries.iter().find(|e| e.code == "DES-01").unwrap();
    assert!(j2.is_assigned("proposal", des));

    // Re-importing updates in place; one bad row stops everything.
    let rep = chair
        .import_entries(&dir.path().join("entries.xlsx"))
        .unwrap();
    assert_eq!((rep.added, rep.unchanged), (0, 3));
    std::fs::write(
        dir.path().join("bad.csv"),
        "code;title;institution;category\nX-1;Baru;Dinas X;pd-provinsi\nX-2;;Dinas Y;luar-negeri\n",
    )
    .unwrap();
    match chair.import_entries(&dir.path().join("bad.csv")) {
        Err(AppError::BadRows { problems, .. }) => {
            assert_eq!(problems.len(), 2, "{problems:?}");
            assert!(problems.iter().all(|p| p.row == 3));
        }
        other => panic!("expected bad rows, got {other:?}"),
    }
    assert_eq!(
        chair.snapshot().unwrap().entries.len(),
        3,
        "nothing imported from a file with a bad row"
    );
}
