; Inno Setup 6 recipe (6.5 or newer) for the Windows installer of the check-in kiosk.
;
; Build (on Windows, from the repository root):
;   py packaging\build.py                                  -> dist\kiosk\ and build\icons\kiosk.ico
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\kiosk.iss
;                                                          -> dist\installer\kiosk-setup-0.1.0.exe
; Relative paths below are relative to this file's folder (Inno Setup's SourceDir).
; Pass another version with: ISCC /DAppVersion=0.2.0 packaging\windows\kiosk.iss

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "체크인 키오스크"
#define AppExe "kiosk.exe"

[Setup]
; Keep AppId unchanged across versions: it is how an upgrade finds the installed copy.
AppId={{8F4C2B1E-5A7D-4E3B-9C61-2D0F7A1B3E54}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=kiosk
DefaultDirName={autopf}\kiosk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-machine by default (all front-desk accounts see it); a user without admin rights may
; choose a per-user install in the dialog.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=kiosk-setup-{#AppVersion}
SetupIconFile=..\..\build\icons\kiosk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Korean or English Windows: that language without asking; any other: a language choice.
ShowLanguageDialog=auto
; The program must not be running while its files are replaced.
CloseApplications=yes

[Languages]
; Inno Setup 6.5+ ships Languages\Korean.isl (an official translation); older: drop this line.
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole PyInstaller folder: kiosk.exe, _internal\ (Python, Qt, plugins, FFmpeg, zbar,
; migrations, resources) and kiosk.ico (copied there by build.py).
Source: "..\..\dist\kiosk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

; Remove files of the previous version that this one no longer has (old Qt plugins, ...).
[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "gui"; IconFilename: "{app}\kiosk.ico"; Comment: "행사 참석자 체크인"
Name: "{group}\{#AppName} - 손님용 셀프 체크인"; Filename: "{app}\{#AppExe}"; Parameters: "gui --kiosk-mode"; IconFilename: "{app}\kiosk.ico"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "gui"; IconFilename: "{app}\kiosk.ico"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "gui"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The event database, backups and logs live in the user's data folder (%APPDATA%\kiosk),
; not under {app}: uninstalling keeps them, on purpose (an event's records outlive the program).
