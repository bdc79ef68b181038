// Bahasa Indonesia: the default language and the reference catalogue. Every other language must
// provide exactly these keys (checked by TypeScript through the `Messages` type).
export const id = {
  app: {
    name: 'Juri',
    tagline: 'Penilaian kompetisi inovasi pelayanan publik',
    skipToContent: 'Lewati ke konten',
  },
  mode: {
    label: 'Mode',
    juror: 'Juri',
    chair: 'Ketua',
    jurorTitle: 'Mode juri',
    chairTitle: 'Mode ketua tim penilai',
  },
  nav: {
    label: 'Navigasi utama',
    home: 'Beranda',
    about: 'Tentang Juri',
  },
  language: {
    label: 'Bahasa',
    id: 'Bahasa Indonesia',
    en: 'English',
  },
  home: {
    jurorIntro:
      'Sebagai juri, Anda menilai setiap inovasi di laptop ini, juga tanpa internet. Nilai tersimpan otomatis saat Anda mengetik.',
    chairIntro:
      'Sebagai ketua tim penilai, Anda menyusun kompetisi, membagikan paket juri, menggabungkan bundel nilai, lalu menetapkan peringkat dan mencetak berita acara.',
    stepsTitle: 'Langkah kerja',
    jurorSteps: {
      receive: 'Terima paket juri dari panitia dan impor ke Juri.',
      score: 'Beri nilai setiap inovasi menurut rubrik tiap tahap.',
      submit: 'Ekspor bundel nilai bertanda tangan dan kirimkan ke panitia.',
    },
    chairSteps: {
      define: 'Susun kompetisi: kategori, tahap, rubrik, dan daftar juri.',
      issue: 'Terbitkan paket juri pribadi untuk setiap anggota tim penilai.',
      merge: 'Impor dan gabungkan bundel nilai dari para juri.',
      finalise: 'Tetapkan peringkat tiap tahap lalu cetak rekapitulasi dan berita acara.',
    },
  },
  about: {
    title: 'Tentang Juri',
    version: 'Versi',
    dataDir: 'Folder data',
    openDataDir: 'Buka folder data',
    today: 'Tanggal hari ini',
    loading: 'Memuat informasi aplikasi…',
  },
  common: {
    cancel: 'Batal',
    confirm: 'Ya, lanjutkan',
    close: 'Tutup',
    retry: 'Coba lagi',
    loading: 'Memuat…',
    notifications: 'Pemberitahuan',
    dismiss: 'Tutup pemberitahuan',
  },
  errors: {
    title: 'Terjadi masalah',
    io: 'Berkas atau folder tidak dapat dibaca atau ditulis.',
    open_failed: 'Sistem tidak dapat membuka berkas atau folder ini.',
    unknown: 'Terjadi kesalahan yang tidak terduga.',
  },
} as const;
