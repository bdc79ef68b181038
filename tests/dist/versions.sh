#!/usr/bin/env bash
# One version number: the root Cargo.toml's [workspace.package] version. The desktop app (src-tauri, its own
# workspace, whose version the installers carry: tauri.conf.json names none), the UI's package.json and
# lock file, the changelog and `juri --version` must all say the same. Also: rust-version is at least what
# every locked dependency declares, and rust-toolchain.toml pins a toolchain that is not older.
# Usage: tests/dist/versions.sh [path to a built juri binary]
set -euo pipefail
cd "$(dirname "$0")/../.."

fail=0
say_bad() { echo "version check: $*"; fail=1; }

# The first `version = "..."` after a section header.
toml_value() { # file section key
	awk -v section="[$2]" -v key="$3" '
		/^\[/ { inside = ($0 == section) }
		inside && $1 == key && $2 == "=" { gsub(/"/, "", $3); print $3; exit }' "$1"
}

version=$(toml_value Cargo.toml workspace.package version)
rust_version=$(toml_value Cargo.toml workspace.package rust-version)
[ -n "$version" ] || { echo "no [workspace.package] version in Cargo.toml"; exit 1; }

[ "$(toml_value src-tauri/Cargo.toml package version)" = "$version" ] ||
	say_bad "src-tauri/Cargo.toml says $(toml_value src-tauri/Cargo.toml package version), Cargo.toml says $version"
[ "$(toml_value src-tauri/Cargo.toml package rust-version)" = "$rust_version" ] ||
	say_bad "src-tauri/Cargo.toml's rust-version differs from Cargo.toml's $rust_version"
! grep -q '^  "version"' src-tauri/tauri.conf.json ||
	say_bad "src-tauri/tauri.conf.json names a version: leave it out so the installers take src-tauri/Cargo.toml's"
for crate in crates/*/Cargo.toml; do
	grep -q '^version.workspace = true' "$crate" || say_bad "$crate does not take the workspace version"
done

json_version() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }
[ "$(json_version ui/package.json 'd["version"]')" = "$version" ] || say_bad "ui/package.json is not $version"
[ "$(json_version ui/package-lock.json 'd["version"]')" = "$version" ] || say_bad "ui/package-lock.json is not $version"
[ "$(json_version ui/package-lock.json 'd["packages"][""]["version"]')" = "$version" ] ||
	say_bad "ui/package-lock.json's root package is not $version"

grep -q "^## \[$version\]" CHANGELOG.md || say_bad "CHANGELOG.md has no entry for $version"

# The CLI prints the version clap takes from its package, which inherits the workspace's.
tr -d ' \n' <crates/juri-cli/src/main.rs | grep -q '#\[command(name="juri",version' || say_bad "juri has no --version"
juri=${1:-target/debug/juri}
if [ -x "$juri" ]; then
	[ "$("$juri" --version)" = "juri $version" ] || say_bad "$juri --version says '$("$juri" --version)', not 'juri $version'"
else
	echo "version check: $juri not built, its --version not run"
fi

# rust-version is true: no locked dependency asks for a newer Rust, and the pinned toolchain is not older.
at_least() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }
for manifest in Cargo.toml src-tauri/Cargo.toml; do
	needed=$(cargo metadata --format-version 1 --manifest-path "$manifest" 2>/dev/null | python3 -c '
import json, sys
versions = [p["rust_version"] for p in json.load(sys.stdin)["packages"] if p.get("rust_version")]
print(max(versions, key=lambda v: tuple(int(x) for x in v.split("."))))')
	at_least "$rust_version" "$needed" || say_bad "a dependency of $manifest needs Rust $needed, rust-version says $rust_version"
done
pinned=$(toml_value rust-toolchain.toml toolchain channel)
at_least "$pinned" "$rust_version" || say_bad "rust-toolchain.toml pins $pinned, older than rust-version $rust_version"

[ "$fail" -eq 0 ] || exit 1
echo "versions: $version everywhere (Cargo.toml, src-tauri, ui/package.json, CHANGELOG.md, juri --version); rust-version $rust_version, toolchain $pinned"
