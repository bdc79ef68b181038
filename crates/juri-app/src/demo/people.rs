//! Who takes part in the demo competition: forty innovations from the five categories (category,
//! code, title, institution, rintisan) and the five jurors (id, name, institution, role, categories).

use juri_core::model::Role;

pub(super) const ENTRIES: &[(&str, &str, &str, &str, bool)] = &[
    (
        "pd-provinsi",
        "PROV-01",
        "SAPA NTT: Layanan Pengaduan Terpadu Satu Pintu",
        "Dinas Komunikasi dan Informatika Provinsi NTT",
        false,
    ),
    (
        "pd-provinsi",
        "PROV-02",
        "Gerobak Cinta: Jemput Bola Layanan Kependudukan",
        "Dinas Kependudukan dan Pencatatan Sipil Provinsi NTT",
        false,
    ),
    (
        "pd-provinsi",
        "PROV-03",
        "Tenun Digital: Katalog dan Pemasaran Tenun Ikat Daerah",
        "Dinas Perindustrian dan Perdagangan Provinsi NTT",
        false,
    ),
    (
        "pd-provinsi",
        "PROV-04",
        "Ambulans Laut Sehati untuk Pulau-Pulau Kecil",
        "Dinas Kesehatan Provinsi NTT",
        false,
    ),
    (
        "pd-provinsi",
        "PROV-05",
        "E-Samsat Keliling Desa",
        "Badan Pendapatan dan Aset Daerah Provinsi NTT",
        false,
    ),
    (
        "pd-provinsi",
        "PROV-06",
        "Lumbung Pangan Digital Berbasis Data Cuaca",
        "Dinas Pertanian dan Ketahanan Pangan Provinsi NTT",
        true,
    ),
    (
        "pd-provinsi",
        "PROV-07",
        "Sistem Informasi Beasiswa Anak Pulau",
        "Dinas Pendidikan dan Kebudayaan Provinsi NTT",
        false,
    ),
    (
        "pd-provinsi",
        "PROV-08",
        "Klinik Perizinan Berusaha Akhir Pekan",
        "Dinas Penanaman Modal dan PTSP Provinsi NTT",
        false,
    ),
    (
        "pd-kabkota",
        "KAB-01",
        "Kelor Mandiri: Gizi Anak Berbasis Pekarangan",
        "Dinas Kesehatan Kabupaten Sikka",
        false,
    ),
    (
        "pd-kabkota",
        "KAB-02",
        "Bemo Pintar: Angkutan Pelajar Gratis Terjadwal",
        "Dinas Perhubungan Kota Kupang",
        false,
    ),
    (
        "pd-kabkota",
        "KAB-03",
        "Sumur Bor Tenaga Surya untuk Desa Kering",
        "Dinas Pekerjaan Umum Kabupaten Sumba Timur",
        false,
    ),
    (
        "pd-kabkota",
        "KAB-04",
        "Satu Data Stunting Manggarai",
        "Badan Perencanaan Pembangunan Daerah Kabupaten Manggarai",
        false,
    ),
    (
        "pd-kabkota",
        "KAB-05",
        "Posyandu Remaja Digital",
        "Dinas Kesehatan Kabupaten Ende",
        true,
    ),
    (
        "pd-kabkota",
        "KAB-06",
        "Pasar Ikan Higienis Berbasis Koperasi Nelayan",
        "Dinas Kelautan dan Perikanan Kabupaten Flores Timur",
        false,
    ),
    (
        "pd-kabkota",
        "KAB-07",
        "Akta Lahir Langsung dari Rumah Sakit",
        "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Belu",
        false,
    ),
    (
        "pd-kabkota",
        "KAB-08",
        "Pemetaan Lahan Adat Partisipatif",
        "Dinas Pertanahan Kabupaten Sumba Barat Daya",
        false,
    ),
    (
        "upt",
        "UPT-01",
        "Puskesmas Ramah Lansia Oepoi",
        "UPTD Puskesmas Oepoi Kota Kupang",
        false,
    ),
    (
        "upt",
        "UPT-02",
        "Antar Obat ke Rumah Pasien Kronis",
        "UPTD Puskesmas Maumere",
        false,
    ),
    (
        "upt",
        "UPT-03",
        "Laboratorium Keliling Air Bersih",
        "UPTD Laboratorium Kesehatan Provinsi NTT",
        false,
    ),
    (
        "upt",
        "UPT-04",
        "Balai Benih Ikan Terbuka untuk Sekolah",
        "UPTD Balai Benih Ikan Tablolong",
        true,
    ),
    (
        "upt",
        "UPT-05",
        "Uji KIR Daring dan Terjadwal",
        "UPTD Pengujian Kendaraan Bermotor Kota Kupang",
        false,
    ),
    (
        "upt",
        "UPT-06",
        "Perpustakaan Terapung Antar Pulau",
        "UPTD Perpustakaan Daerah Kabupaten Alor",
        false,
    ),
    (
        "upt",
        "UPT-07",
        "Layanan Rehabilitasi Sosial Berbasis Keluarga",
        "UPTD Panti Sosial Naibonat",
        false,
    ),
    (
        "upt",
        "UPT-08",
        "Klinik Hewan Keliling Ternak Rakyat",
        "UPTD Pusat Kesehatan Hewan Kabupaten Kupang",
        false,
    ),
    (
        "sekolah",
        "SEK-01",
        "Kelas Literasi Malam di Rumah Warga",
        "SD Inpres Oeleta",
        false,
    ),
    (
        "sekolah",
        "SEK-02",
        "Bank Sampah Sekolah untuk Seragam Siswa",
        "SMP Negeri 2 Kupang",
        false,
    ),
    (
        "sekolah",
        "SEK-03",
        "Laboratorium IPA dari Bahan Lokal",
        "SMA Negeri 1 Soe",
        false,
    ),
    (
        "sekolah",
        "SEK-04",
        "Radio Sekolah untuk Belajar Jarak Jauh",
        "SMK Negeri 1 Waingapu",
        false,
    ),
    (
        "sekolah",
        "SEK-05",
        "Kebun Gizi Sekolah dan Makan Siang Bersama",
        "SD Katolik Ruteng 3",
        true,
    ),
    (
        "sekolah",
        "SEK-06",
        "Bahasa Ibu di Kelas Awal",
        "SD Negeri Lewoleba",
        false,
    ),
    (
        "sekolah",
        "SEK-07",
        "Sekolah Ramah Difabel Berbasis Relawan",
        "SLB Negeri Pembina Kupang",
        false,
    ),
    (
        "sekolah",
        "SEK-08",
        "Tabungan Pendidikan Hasil Tenun Siswi",
        "SMP Negeri 1 Atambua",
        false,
    ),
    (
        "desa",
        "DES-01",
        "Air Bersih Gravitasi Swadaya",
        "Desa Wolwal, Kabupaten Alor",
        false,
    ),
    (
        "desa",
        "DES-02",
        "Lumbung Desa Anti Rawan Pangan",
        "Desa Oeletsala, Kabupaten Kupang",
        false,
    ),
    (
        "desa",
        "DES-03",
        "Posyandu Ibu Hamil Terpencil dengan Ojek Desa",
        "Desa Kuanheun, Kabupaten Kupang",
        false,
    ),
    (
        "desa",
        "DES-04",
        "Wisata Kampung Adat Dikelola BUMDes",
        "Desa Wae Rebo, Kabupaten Manggarai",
        false,
    ),
    (
        "desa",
        "DES-05",
        "Peta Desa Rawan Bencana oleh Pemuda",
        "Kelurahan Oesapa, Kota Kupang",
        true,
    ),
    (
        "desa",
        "DES-06",
        "Pengolahan Garam Rakyat Berbasis Koperasi",
        "Desa Nunkurus, Kabupaten Kupang",
        false,
    ),
    (
        "desa",
        "DES-07",
        "Layanan Surat Desa Lewat Pesan Singkat",
        "Desa Detusoko Barat, Kabupaten Ende",
        false,
    ),
    (
        "desa",
        "DES-08",
        "Jalan Tani Gotong Royong Terjadwal",
        "Kelurahan Lewoleba Tengah, Kabupaten Lembata",
        false,
    ),
];

pub(super) const JURORS: &[(&str, &str, &str, Role, &[&str])] = &[
    (
        "J1",
        "Dr. Maria Goreti Lénda, M.Si.",
        "Universitas Nusa Cendana (akademisi)",
        Role::Ketua,
        &["pd-provinsi", "pd-kabkota", "upt"],
    ),
    (
        "J2",
        "Drs. Yohanes Bria Seran",
        "Biro Organisasi Setda Provinsi NTT (pemerintah)",
        Role::Sekretaris,
        &["pd-kabkota", "upt", "sekolah"],
    ),
    (
        "J3",
        "Ir. Fransiska Ndoen",
        "Ombudsman RI Perwakilan NTT",
        Role::WakilKetua,
        &["upt", "sekolah", "desa"],
    ),
    (
        "J4",
        "Agustinus Mau, S.Sos.",
        "Pos Kupang (media)",
        Role::Anggota,
        &["sekolah", "desa", "pd-provinsi"],
    ),
    (
        "J5",
        "Theresia Kase, S.H.",
        "Forum Masyarakat Sipil NTT",
        Role::Anggota,
        &["desa", "pd-provinsi", "pd-kabkota"],
    ),
];

/// NIPs of the panel members who are civil servants.
pub(super) const NIPS: &[(&str, &str)] =
    &[("J1", "197203151998032001"), ("J2", "196811201994031005")];

/// The demo organiser's kop: institution lines, then the address.
pub(super) const KOP_LINES: &[&str] = &[
    "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR",
    "SEKRETARIAT DAERAH",
    "BIRO ORGANISASI",
];
pub(super) const KOP_ADDRESS: &[&str] =
    &["Jalan Polisi Militer No. 2, Kupang 85111 — Telepon (0380) 833 000"];

/// The demo's "Mengetahui" signer: (office, name, NIP).
pub(super) const WITNESS: (&str, &str, &str) = (
    "Kepala Biro Organisasi Setda Provinsi NTT",
    "Dra. Yuliana Benu, M.Si.",
    "197007071995032002",
);

/// A small emblem (64 × 64 PNG) standing in for the organiser's logo.
pub(super) const LOGO: &[u8] = include_bytes!("logo.png");
