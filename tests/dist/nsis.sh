#!/usr/bin/env bash
# The Windows installer's Indonesian texts: every message of Tauri's English language file is translated
# (tests/dist/fixtures/tauri-English.nsh), and the language file and Juri's installer hooks compile with
# makensis (Debian's nsis package) into a small installer that shows every message.
set -euo pipefail
cd "$(dirname "$0")/../.."

english=tests/dist/fixtures/tauri-English.nsh
indonesian=src-tauri/windows/Indonesian.nsh
hooks=src-tauri/windows/installer-hooks.nsh

keys() { sed -n 's/^LangString \([A-Za-z0-9_]*\) .*/\1/p' "$1" | sort -u; }

missing=$(comm -23 <(keys "$english") <(keys "$indonesian"))
if [ -n "$missing" ]; then
	echo "$indonesian lacks these keys of Tauri's English installer texts:" $missing
	exit 1
fi
wrong=$(grep '^LangString ' "$indonesian" | grep -v '^LangString [A-Za-z0-9_]* ${LANG_INDONESIAN} "' || true)
if [ -n "$wrong" ]; then
	echo "every text in $indonesian must be LangString KEY \${LANG_INDONESIAN} \"...\"; these are not:"
	echo "$wrong"
	exit 1
fi
# Tauri's own settings file must point at the files checked here.
grep -q '"Indonesian": "windows/Indonesian.nsh"' src-tauri/tauri.conf.json
grep -q '"installerHooks": "windows/installer-hooks.nsh"' src-tauri/tauri.conf.json

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
	cat <<NSI
Unicode true
!define PRODUCTNAME "Juri"
!define VERSION "0.0.0"
Name "\${PRODUCTNAME}"
OutFile "$work/juri-check.exe"
InstallDir "\$LOCALAPPDATA\\\${PRODUCTNAME}"
RequestExecutionLevel user
!include MUI2.nsh
!include LogicLib.nsh
; The variables Tauri's installer template declares and the hooks read.
Var PassiveMode
Var UpdateMode
Var DeleteAppDataCheckboxState
!include "$PWD/$hooks"
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Indonesian"
!include "$PWD/$indonesian"
Section Install
  StrCpy \$PassiveMode 0
  StrCpy \$UpdateMode 0
  StrCpy \$DeleteAppDataCheckboxState 0
  WriteUninstaller "\$INSTDIR\\uninstall.exe"
NSI
	for key in $(keys "$indonesian"); do echo "  DetailPrint \"\$($key)\""; done
	cat <<'NSI'
SectionEnd
Section Uninstall
  !insertmacro NSIS_HOOK_POSTUNINSTALL
SectionEnd
NSI
} > "$work/check.nsi"

# -WX: any warning (a text set twice, a text missing for the language, an unused variable) fails.
if ! makensis -INPUTCHARSET UTF8 -WX -V2 "$work/check.nsi" > "$work/makensis.log" 2>&1; then
	cat "$work/makensis.log"
	echo "makensis could not compile $indonesian with $hooks"
	exit 1
fi
test -s "$work/juri-check.exe"
echo "nsis: $(keys "$english" | wc -l) of Tauri's installer texts translated; $indonesian and $hooks compile with makensis"
