#!/usr/bin/env bash
# Installs the .deb in the given folder on this machine, starts the installed app on a temporary data
# folder, checks that its window opens with its first screen drawn, and removes the package again.
# Needs an X display (make dist-test runs it under xvfb-run), xdotool and ImageMagick; root or sudo.
# Usage: tests/dist/deb-install.sh DEB_FOLDER
set -euo pipefail
cd "$(dirname "$0")/../.."

deb_dir=${1:?usage: tests/dist/deb-install.sh DEB_FOLDER}
shopt -s nullglob
debs=("$deb_dir"/*.deb)
[ "${#debs[@]}" -eq 1 ] || { echo "expected one .deb in $deb_dir, found ${#debs[@]}"; exit 1; }
deb=$(realpath "${debs[0]}")
[ -n "${DISPLAY:-}" ] || { echo "no X display: run under xvfb-run"; exit 1; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

package=$(dpkg-deb --field "$deb" Package)
version=$(dpkg-deb --field "$deb" Version)
expected=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
[ "$version" = "$expected" ] || { echo "$deb has version $version, Cargo.toml says $expected"; exit 1; }

work=$(mktemp -d)
mkdir -p out
shot=out/dist-test-first-screen.png
app_pid=""
cleanup() {
	if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
	if dpkg -s "$package" >/dev/null 2>&1; then
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y "$package" >/dev/null
	fi
	rm -rf "$work"
}
trap cleanup EXIT

started=$(date +%s)
# apt installs what the package depends on; the same packages the build needed are already here.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
	{ cat "$work/apt.log"; exit 1; }
binary=$(dpkg -L "$package" | grep '^/usr/bin/' | head -1)
[ -x "$binary" ] || { echo "$package installed no program in /usr/bin"; dpkg -L "$package"; exit 1; }
dpkg -L "$package" | grep -q '^/usr/share/applications/.*\.desktop$' ||
	{ echo "$package installed no menu entry (.desktop file)"; exit 1; }
echo "installed $package $version: $binary"

# The app and WebKit keep everything under the temporary folder, never in a real user's home.
# The data folder does not exist yet: the app makes it.
mkdir -p "$work/xdg/data" "$work/xdg/config" "$work/xdg/cache"
XDG_DATA_HOME=$work/xdg/data XDG_CONFIG_HOME=$work/xdg/config XDG_CACHE_HOME=$work/xdg/cache \
	"$binary" --data-dir "$work/data/juri" >"$work/app.log" 2>&1 &
app_pid=$!

# The window: the title from tauri.conf.json, on a window that belongs to the installed program.
window=""
for _ in $(seq 1 60); do
	window=$(xdotool search --onlyvisible --name '^Juri$' 2>/dev/null | head -1 || true)
	[ -n "$window" ] && break
	kill -0 "$app_pid" 2>/dev/null || { echo "the installed app exited:"; cat "$work/app.log"; exit 1; }
	sleep 0.5
done
[ -n "$window" ] || { echo "no window titled Juri within 30 s"; cat "$work/app.log"; exit 1; }

# The first screen: the webview paints the UI over a blank window. Wait until the screen holds more than
# a handful of colours (text, buttons, the header), which a blank or half-painted window does not.
colours=0
for _ in $(seq 1 60); do
	/usr/bin/import -window root "$shot" 2>/dev/null || true
	colours=$(/usr/bin/convert "$shot" -format '%k' info: 2>/dev/null || echo 0)
	[ "$colours" -gt 32 ] && break
	sleep 0.5
done
[ "$colours" -gt 32 ] || { echo "the window stayed blank ($colours colours; see $shot)"; cat "$work/app.log"; exit 1; }
[ -d "$work/data/juri" ] || { echo "the app did not make its --data-dir $work/data/juri"; exit 1; }

kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y "$package" >/dev/null
[ ! -e "$binary" ] || { echo "$binary is still there after removing $package"; exit 1; }
echo "deb: $package $version installed, its window drew the first screen ($colours colours, $shot), removed; $(($(date +%s) - started)) s"
