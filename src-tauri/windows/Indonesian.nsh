; The Windows installer's own messages in Bahasa Indonesia. NSIS has Indonesian for its standard pages;
; this file translates the messages Tauri's installer adds (tests/dist/fixtures/tauri-English.nsh lists
; them, and tests/dist/nsis.sh checks that every one is here and that makensis compiles this file).
; Wired in src-tauri/tauri.conf.json (bundle > windows > nsis > customLanguageFiles).
LangString addOrReinstall ${LANG_INDONESIAN} "Tambah atau pasang ulang komponen"
LangString alreadyInstalled ${LANG_INDONESIAN} "Sudah Terpasang"
LangString alreadyInstalledLong ${LANG_INDONESIAN} "${PRODUCTNAME} ${VERSION} sudah terpasang. Pilih tindakan yang diinginkan, lalu klik Lanjut."
LangString appRunning ${LANG_INDONESIAN} "${PRODUCTNAME} sedang berjalan. Tutup aplikasinya terlebih dahulu, lalu coba lagi."
LangString noPermissionToCloseApp ${LANG_INDONESIAN} "Tidak ada izin untuk menutup ${PRODUCTNAME}. Tutup aplikasinya sendiri, lalu coba lagi."
LangString appRunningOkKill ${LANG_INDONESIAN} "${PRODUCTNAME} sedang berjalan.$\nKlik OK untuk menutupnya secara paksa."
LangString chooseMaintenanceOption ${LANG_INDONESIAN} "Pilih tindakan pemeliharaan yang diinginkan."
LangString chooseHowToInstall ${LANG_INDONESIAN} "Pilih cara memasang ${PRODUCTNAME}."
LangString createDesktop ${LANG_INDONESIAN} "Buat pintasan di desktop"
LangString dontUninstall ${LANG_INDONESIAN} "Jangan hapus instalasi"
LangString dontUninstallDowngrade ${LANG_INDONESIAN} "Jangan hapus instalasi (penginstal ini tidak memasang versi yang lebih lama tanpa menghapus instalasi)"
LangString failedToKillApp ${LANG_INDONESIAN} "Gagal menutup ${PRODUCTNAME}. Tutup aplikasinya terlebih dahulu, lalu coba lagi."
LangString installingWebview2 ${LANG_INDONESIAN} "Memasang WebView2..."
LangString newerVersionInstalled ${LANG_INDONESIAN} "Versi ${PRODUCTNAME} yang lebih baru sudah terpasang. Memasang versi yang lebih lama tidak disarankan. Jika memang ingin memasang versi lama ini, sebaiknya hapus instalasi versi yang sekarang terlebih dahulu. Pilih tindakan yang diinginkan, lalu klik Lanjut."
LangString older ${LANG_INDONESIAN} "lebih lama"
LangString olderOrUnknownVersionInstalled ${LANG_INDONESIAN} "Versi ${PRODUCTNAME} yang $R4 sudah terpasang di komputer ini. Sebaiknya hapus instalasi versi tersebut sebelum memasang. Pilih tindakan yang diinginkan, lalu klik Lanjut."
LangString silentDowngrades ${LANG_INDONESIAN} "Penginstal ini tidak dapat memasang versi yang lebih lama secara senyap (tanpa tampilan). Jalankan penginstal dengan tampilan biasa.$\n"
LangString unableToUninstall ${LANG_INDONESIAN} "Instalasi tidak dapat dihapus."
LangString uninstallApp ${LANG_INDONESIAN} "Hapus instalasi ${PRODUCTNAME}"
LangString uninstallBeforeInstalling ${LANG_INDONESIAN} "Hapus instalasi sebelum memasang"
LangString unknown ${LANG_INDONESIAN} "tidak diketahui"
LangString webview2AbortError ${LANG_INDONESIAN} "Gagal memasang WebView2. Aplikasi tidak dapat berjalan tanpanya. Coba jalankan penginstal sekali lagi."
LangString webview2DownloadError ${LANG_INDONESIAN} "Galat: WebView2 gagal diunduh - $0"
LangString webview2DownloadSuccess ${LANG_INDONESIAN} "Pemasang awal WebView2 berhasil diunduh"
LangString webview2Downloading ${LANG_INDONESIAN} "Mengunduh pemasang awal WebView2..."
LangString webview2InstallError ${LANG_INDONESIAN} "Galat: WebView2 gagal dipasang (kode keluar $1)"
LangString webview2InstallSuccess ${LANG_INDONESIAN} "WebView2 berhasil dipasang"
; The uninstaller's check box. It starts unticked: unless the user ticks it, the competitions stay.
LangString deleteAppData ${LANG_INDONESIAN} "Hapus juga data ${PRODUCTNAME} (semua kompetisi dan nilai)"

; Juri's own messages (used by installer-hooks.nsh).
LangString juriDataKept ${LANG_INDONESIAN} "Data kompetisi dan nilai tidak dihapus: tetap tersimpan di komputer ini dan terbuka lagi bila ${PRODUCTNAME} dipasang kembali."
LangString juriDataDeleted ${LANG_INDONESIAN} "Data kompetisi dan nilai dihapus dari komputer ini."
