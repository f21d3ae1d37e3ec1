; Inno Setup 6 script: a per-user installer for Reflect that needs no administrator rights.
;
; Built by `python scripts/build_app.py --installer` on Windows, which passes:
;   /DAppVersion=0.1.0  /DSourceDir=...\dist\reflect  /DOutputDir=...\dist  /DRepoRoot=...
; The one-folder app in SourceDir comes from packaging/reflect.spec (reflect.exe for the
; command line, reflect-app.exe for the window, with no console).
; docs/distribution.md says what was verified where.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef RepoRoot
  #define RepoRoot "..\.."
#endif
#ifndef SourceDir
  #define SourceDir RepoRoot + "\dist\reflect"
#endif
#ifndef OutputDir
  #define OutputDir RepoRoot + "\dist"
#endif

[Setup]
; A fixed AppId keeps upgrades in place; never change it.
AppId={{6F1C2B8E-4D2A-4B7E-9C1F-5A3E8D7B2C10}
AppName=Reflect
AppVersion={#AppVersion}
AppVerName=Reflect {#AppVersion}
AppPublisher=Reflect contributors
AppComments=An encrypted reflective journal for leaders in children's social care
; Per user, no elevation: the council laptop's ordinary account is enough.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\Reflect
DefaultGroupName=Reflect
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=Reflect-{#AppVersion}-setup
SetupIconFile={#RepoRoot}\resources\icons\reflect.ico
UninstallDisplayIcon={app}\reflect-app.exe
UninstallDisplayName=Reflect
LicenseFile={#RepoRoot}\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The journal lives in the user's data folder, not here: uninstalling never touches it.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; The Start menu entry starts the windowed program: no console window behind the app.
Name: "{userprograms}\Reflect"; Filename: "{app}\reflect-app.exe"; WorkingDir: "{app}"; Comment: "Your encrypted reflective journal"
Name: "{userdesktop}\Reflect"; Filename: "{app}\reflect-app.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\reflect-app.exe"; Description: "{cm:LaunchProgram,Reflect}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote into its own folder (Python's caches); the journal,
; settings and backups live in the user's data folders and stay.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
