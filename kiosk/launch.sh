#!/bin/sh
# Start a hall kiosk (Linux): a static server on 127.0.0.1 serving the kiosk edition
# (site-kiosk/, built by `make kiosk`), and Chromium in kiosk mode on its attract screen.
# Nothing listens beyond this machine; nothing is fetched from the network.
#
#   kiosk/launch.sh [SITE_DIR]        SITE_DIR defaults to site-kiosk/ beside this folder
#
# Settings (environment):
#   KIOSK_PORT      port on 127.0.0.1 (default 8765)
#   KIOSK_BROWSER   the browser to run (default: chromium, chromium-browser or google-chrome)
#   KIOSK_PROFILE   browser profile folder (default: a new empty one, removed on exit)
#   KIOSK_FLAGS     extra browser flags, e.g. "--force-device-scale-factor=1.25"
# See kiosk/README.md for starting at boot and for updating the content.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
site=$(cd "${1:-$here/../site-kiosk}" 2>/dev/null && pwd) || site=${1:-$here/../site-kiosk}
port=${KIOSK_PORT:-8765}
start_page=index.html  # the kiosk's one address: it opens the attract screen

if [ ! -f "$site/$start_page" ]; then
    echo "No kiosk edition in $site (missing $start_page)." >&2
    echo "Build it with 'make kiosk', or copy a site-kiosk/ folder there (kiosk/update.sh)." >&2
    exit 1
fi
python=$(command -v python3 || command -v python || true)
if [ -z "$python" ]; then
    echo "Python 3 is needed for the local server: install it (apt install python3)." >&2
    exit 1
fi
browser=${KIOSK_BROWSER:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$browser" ]; then
    echo "Chromium not found: install it (apt install chromium) or set KIOSK_BROWSER." >&2
    exit 1
fi
profile=${KIOSK_PROFILE:-}
if [ -z "$profile" ]; then
    profile=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-profile.XXXXXX")
    remove_profile=$profile
else
    remove_profile=
fi

"$python" -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
stop() {
    kill "$server" 2>/dev/null || true
    [ -z "$remove_profile" ] || rm -rf "$remove_profile"
}
trap stop EXIT
trap 'exit 130' INT TERM

# Wait (up to 10 s) until the server answers.
url="http://127.0.0.1:$port/$start_page"
tries=0
until "$python" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" "$url" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -ge 20 ] || ! kill -0 "$server" 2>/dev/null; then
        echo "The local server did not start on 127.0.0.1:$port (is the port in use? set KIOSK_PORT)." >&2
        exit 1
    fi
    sleep 0.5
done

# Kiosk flags: see kiosk/README.md ("Chromium's kiosk flags").
# shellcheck disable=SC2086  # KIOSK_FLAGS is a list of flags
"$browser" \
    --kiosk \
    --incognito \
    --noerrdialogs \
    --disable-infobars \
    --disable-pinch \
    --overscroll-history-navigation=0 \
    --disable-features=TouchpadOverscrollHistoryNavigation,Translate,MediaRouter \
    --disable-session-crashed-bubble \
    --no-first-run \
    --no-default-browser-check \
    --password-store=basic \
    --disable-component-update \
    --check-for-update-interval=31536000 \
    --autoplay-policy=no-user-gesture-required \
    --user-data-dir="$profile" \
    ${KIOSK_FLAGS:-} \
    "$url"
