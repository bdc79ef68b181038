; Juri's additions to Tauri's NSIS installer (bundle > windows > nsis > installerHooks in tauri.conf.json).
; Texts are in Indonesian.nsh. Checked by tests/dist/nsis.sh, which compiles this file with makensis.

; After an uninstall (not an update), say what happened to the user's competitions. Tauri's uninstaller
; deletes the data folders only when its "delete the application data" box was ticked; it starts unticked.
!macro NSIS_HOOK_POSTUNINSTALL
  ${If} $UpdateMode <> 1
    ${If} $DeleteAppDataCheckboxState = 1
      DetailPrint "$(juriDataDeleted)"
    ${Else}
      DetailPrint "$(juriDataKept)"
      ${IfNot} ${Silent}
      ${AndIf} $PassiveMode <> 1
        MessageBox MB_OK|MB_ICONINFORMATION "$(juriDataKept)"
      ${EndIf}
    ${EndIf}
  ${EndIf}
!macroend
