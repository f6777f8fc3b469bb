#!/usr/bin/env bash
# Cross-compiles Readiness for 64-bit Windows into dist/windows/Readiness.exe:
# a GUI-subsystem program (no console window) with the icon, version
# information and an application manifest embedded, as `fyne package -os
# windows` builds it. Runs on Debian or Ubuntu; installs the MinGW-w64
# cross compiler with apt-get when it is missing, which needs root.
#
# The name, ID, version and build number come from FyneApp.toml, the icon
# from assets/icon.ico (see assets/gen).
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-w64-mingw32
out_dir=dist/windows
exe=Readiness.exe

# 1. Toolchain. Debian ships MinGW-w64 as packages, so no download of our own.
packages=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 file)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "build-windows: missing packages ${missing[*]}: run as root, or install them with apt-get" >&2
    exit 1
  fi
  echo "build-windows: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Metadata from FyneApp.toml's [Details] table.
toml_value() {
  awk -v key="$1" '
    /^\[/ { in_details = ($0 ~ /^\[Details\]/) }
    in_details && $1 == key && $2 == "=" {
      sub(/^[^=]*=[ \t]*/, ""); gsub(/^"|"[ \t]*$/, ""); print; exit
    }' FyneApp.toml
}
name=$(toml_value Name)
app_id=$(toml_value ID)
version=$(toml_value Version)
build=$(toml_value Build)
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "build-windows: FyneApp.toml Version is \"$version\": write it as MAJOR.MINOR.PATCH, for example 0.1.0" >&2
  exit 1
fi
if [[ ! "$build" =~ ^[0-9]+$ ]] || [ -z "$name" ] || [ -z "$app_id" ]; then
  echo "build-windows: FyneApp.toml needs Name, ID and a whole-number Build under [Details]" >&2
  exit 1
fi
# The values go into XML, a resource script and Go source below unescaped.
if [[ ! "$app_id" =~ ^[A-Za-z0-9.-]+$ ]]; then
  echo "build-windows: FyneApp.toml ID is \"$app_id\": use a reverse-DNS name of letters, digits, dots and hyphens" >&2
  exit 1
fi
if [[ "$name" == *[\"\\\<\>\&]* ]]; then
  echo "build-windows: FyneApp.toml Name is \"$name\": leave out quotes, backslashes, <, > and &" >&2
  exit 1
fi
# Windows shows four numbers; like fyne package, the build number is the fourth.
file_version="$version.$build"
file_version_commas=${file_version//./,}

# 3. Windows resources: icon, version information and manifest, compiled to a
# .syso object that `go build` links into package main. The _windows_amd64
# suffix keeps it out of every other build.
work=$(mktemp -d)
syso=rsrc_windows_amd64.syso
metadata=zz_fyne_metadata_windows.go
cleanup() { rm -rf "$work" "$syso" "$metadata"; }
trap cleanup EXIT

cp assets/icon.ico "$work/icon.ico"
cat >"$work/app.manifest" <<MANIFEST
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="$app_id" version="$file_version" processorArchitecture="amd64"/>
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security>
      <requestedPrivileges>
        <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
      </requestedPrivileges>
    </security>
  </trustInfo>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application>
      <supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>
      <supportedOS Id="{1f676c76-80e1-4239-95bb-83d0f6d0da78}"/>
      <supportedOS Id="{4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38}"/>
      <supportedOS Id="{35138b9a-5d96-4fbd-8e2d-a2440225f93a}"/>
    </application>
  </compatibility>
  <application xmlns="urn:schemas-microsoft-com:asm.v3">
    <windowsSettings>
      <dpiAware xmlns="http://schemas.microsoft.com/SMI/2005/WindowsSettings">true/pm</dpiAware>
      <dpiAwareness xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">permonitorv2,permonitor</dpiAwareness>
      <longPathAware xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">true</longPathAware>
    </windowsSettings>
  </application>
</assembly>
MANIFEST

# Numbers instead of winver.h names: FILEOS 0x40004 is VOS_NT_WINDOWS32,
# FILETYPE 1 is VFT_APP, resource type 24 is RT_MANIFEST, and the
# translation 0x409, 1200 is US English in UTF-16.
cat >"$work/app.rc" <<RC
1 ICON "icon.ico"
1 24 "app.manifest"
1 VERSIONINFO
FILEVERSION $file_version_commas
PRODUCTVERSION $file_version_commas
FILEFLAGSMASK 0x3f
FILEFLAGS 0x0
FILEOS 0x40004
FILETYPE 0x1
FILESUBTYPE 0x0
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904b0"
    BEGIN
      VALUE "FileDescription", "$name"
      VALUE "FileVersion", "$file_version"
      VALUE "InternalName", "$name"
      VALUE "OriginalFilename", "$exe"
      VALUE "ProductName", "$name"
      VALUE "ProductVersion", "$file_version"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
RC
(cd "$work" && "$target-windres" --codepage=65001 -O coff -i app.rc -o rsrc.syso)
cp "$work/rsrc.syso" "$syso"

# 4. Fyne's run-time metadata (fyne.CurrentApp().Metadata()), which `fyne
# build` and `fyne package` compile in from FyneApp.toml. Only a program that
# links Fyne's app package can take it.
if go list -tags migrated_fynedo -f '{{join .Imports "\n"}}' . | grep -qx 'fyne.io/fyne/v2/app'; then
  cat >"$metadata" <<GO
// Code generated by scripts/build-windows.sh from FyneApp.toml. DO NOT EDIT.

package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"readiness/assets"
)

func init() {
	fyneapp.SetMetadata(fyne.AppMetadata{
		ID:         "$app_id",
		Name:       "$name",
		Version:    "$version",
		Build:      $build,
		Icon:       assets.Icon,
		Migrations: map[string]bool{"fyneDo": true},
	})
}
GO
fi

# 5. Build. -H=windowsgui selects the GUI subsystem, so Windows opens no
# console window beside the app; -s -w drop the symbol table and DWARF data,
# which panics do not need for their stack traces.
mkdir -p "$out_dir"
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="$target-gcc" CXX="$target-g++" \
  go build -trimpath -tags migrated_fynedo -ldflags "-H=windowsgui -s -w" -o "$out_dir/$exe" .

# 6. Check what was built: a 64-bit GUI executable whose resource section has
# an icon (type 3), an icon group (14), version information (16) and a
# manifest (24), with the version and ID written into them.
fail() { echo "build-windows: $out_dir/$exe $1" >&2; exit 1; }
description=$(file -b "$out_dir/$exe")
[[ "$description" == "PE32+ executable (GUI) x86-64"* ]] || fail "is \"$description\", want a PE32+ GUI executable"
headers=$("$target-objdump" -p "$out_dir/$exe")
grep -q 'Subsystem.*(Windows GUI)' <<<"$headers" || fail "lacks the Windows GUI subsystem"
# A school laptop has no MinGW runtime, so the program must not import one.
runtime_dlls=$(grep -Eio 'DLL Name: (libwinpthread|libgcc_s|libstdc\+\+)[^ ]*' <<<"$headers" || true)
[ -z "$runtime_dlls" ] || fail "needs MinGW runtime DLLs that Windows lacks: $runtime_dlls"
for type in 03 0e 10 18; do
  grep -Eq "^[0-9a-f]+   Entry: ID: 0x0000$type," <<<"$headers" || fail "lacks resource type 0x$type"
done
# Captured first: under pipefail, grep -q closing the pipe early would fail
# the strings command instead.
utf16_strings=$("$target-strings" -el "$out_dir/$exe")
ascii_strings=$("$target-strings" "$out_dir/$exe")
grep -qxF "$file_version" <<<"$utf16_strings" || fail "lacks version $file_version in its version information"
grep -qF "name=\"$app_id\"" <<<"$ascii_strings" || fail "lacks ID $app_id in its manifest"

echo "build-windows: wrote $out_dir/$exe ($description, version $file_version, $(du -h "$out_dir/$exe" | cut -f1))"
