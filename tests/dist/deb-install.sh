#!/usr/bin/env bash
# Installs the .deb in the given folder on this machine, starts the installed app on a temporary data
# folder, checks that its window opens with its first screen loaded and drawn, and removes the package.
# Needs an X display (make dist-test runs it under xvfb-run), tauri-driver and WebKitWebDriver, xdotool,
# ImageMagick and curl; root or sudo.
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
driver_pid=""
cleanup() {
	# SIGTERM, not SIGKILL: tauri-driver then ends WebKitWebDriver and the app too.
	if [ -n "$driver_pid" ]; then kill "$driver_pid" 2>/dev/null || true; wait "$driver_pid" 2>/dev/null || true; fi
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
# Opening a .juri file from the file manager starts Juri with its path: the menu entry takes files
# (%F) of the type the package registers for *.juri.
entry=$(dpkg -L "$package" | grep '^/usr/share/applications/.*\.desktop$' | head -n 1)
grep -q '^Exec=.* %F$' "$entry" || { echo "$entry does not pass opened files to Juri"; exit 1; }
grep -q '^MimeType=application/x-juri' "$entry" || { echo "$entry claims no .juri files"; exit 1; }
grep -q 'glob pattern="\*.juri"' /usr/share/mime/packages/juri.xml ||
	{ echo "$package registers no type for *.juri"; exit 1; }
echo "installed $package $version: $binary"

# The installed program is started through WebDriver (tauri-driver in front of WebKitWebDriver, as the
# end-to-end tests do), so the check can read what its first screen shows. The app and WebKit keep
# everything under the temporary folder, never in a real user's home; the data folder does not exist yet:
# the app makes it.
# A port found free can be taken by another program before tauri-driver binds it; tauri-driver then says
# "can not listen to address" and ends, and it is started again on two other ports (three tries).
mkdir -p "$work/xdg/data" "$work/xdg/config" "$work/xdg/cache"
webdriver() { # method path [json body]
	curl -sf -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "http://127.0.0.1:$port$2"
}
for attempt in 1 2 3; do
	read -r port native_port < <(python3 -c '
import socket
sockets = [socket.socket() for _ in range(2)]
for s in sockets: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in sockets])')
	XDG_DATA_HOME=$work/xdg/data XDG_CONFIG_HOME=$work/xdg/config XDG_CACHE_HOME=$work/xdg/cache \
		tauri-driver --port "$port" --native-port "$native_port" >"$work/driver.log" 2>&1 &
	driver_pid=$!
	listening=""
	for _ in $(seq 1 100); do
		if webdriver GET /status >/dev/null 2>&1; then listening=yes; break; fi
		kill -0 "$driver_pid" 2>/dev/null || break
		sleep 0.2
	done
	[ -n "$listening" ] && break
	kill "$driver_pid" 2>/dev/null || true; wait "$driver_pid" 2>/dev/null || true; driver_pid=""
	if [ "$attempt" -eq 3 ] || ! grep -q 'can not listen' "$work/driver.log"; then
		echo "tauri-driver did not listen on port $port:"; cat "$work/driver.log"; exit 1
	fi
done
session=$(webdriver POST /session "{\"capabilities\": {\"alwaysMatch\": {\"tauri:options\": {
	\"application\": \"$binary\", \"args\": [\"--data-dir\", \"$work/data/juri\"]}}}}" |
	python3 -c 'import json, sys; print(json.load(sys.stdin)["value"]["sessionId"])') ||
	{ echo "tauri-driver could not start $binary:"; cat "$work/driver.log"; exit 1; }

# The window: the title from tauri.conf.json.
window=""
for _ in $(seq 1 60); do
	window=$(xdotool search --onlyvisible --name '^Juri$' 2>/dev/null | head -1 || true)
	[ -n "$window" ] && break
	sleep 0.5
done
[ -n "$window" ] || { echo "no window titled Juri within 30 s"; cat "$work/driver.log"; exit 1; }

# The first screen on a new laptop: the juror's form to open a package, loaded (not "Memuat…").
found=""
for _ in $(seq 1 60); do
	found=$(webdriver POST "/session/$session/execute/sync" \
		'{"script": "return !!document.querySelector(\"[data-testid=package-form]\")", "args": []}' |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["value"])' 2>/dev/null || true)
	[ "$found" = True ] && break
	sleep 0.5
done
[ "$found" = True ] || { echo "the first screen (the package form) did not appear within 30 s"; exit 1; }

# And it is painted: the screen holds text, buttons and the side bar, not a blank or half-drawn window.
/usr/bin/import -window root "$shot"
colours=$(/usr/bin/convert "$shot" -format '%k' info:)
[ "$colours" -gt 32 ] || { echo "the window looks blank ($colours colours; see $shot)"; exit 1; }
[ -d "$work/data/juri" ] || { echo "the app did not make its --data-dir $work/data/juri"; exit 1; }

webdriver DELETE "/session/$session" >/dev/null || true
kill "$driver_pid"; wait "$driver_pid" 2>/dev/null || true; driver_pid=""
DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y "$package" >/dev/null
[ ! -e "$binary" ] || { echo "$binary is still there after removing $package"; exit 1; }
echo "deb: $package $version installed, its window showed the first screen ($colours colours, $shot), removed; $(($(date +%s) - started)) s"
