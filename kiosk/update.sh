#!/bin/sh
# Put a new kiosk edition in place, from a USB stick or a folder copied over the network.
# The new copy is checked and copied beside the old one first, then swapped in, so a stick
# pulled out half way or a bad copy never leaves the kiosk without its pages.
#
#   kiosk/update.sh SOURCE [TARGET]
#     SOURCE  a site-kiosk/ folder, e.g. /media/$USER/KIOSK/site-kiosk
#     TARGET  the folder the kiosk shows (default: site-kiosk/ beside this folder)
#
# Then restart the kiosk (systemctl --user restart liaocheng-kiosk), or wait for the attract
# screen: every reset loads the pages again.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
source_dir=${1:?usage: kiosk/update.sh SOURCE [TARGET]}
target=${2:-$here/../site-kiosk}
start_page=exhibits/kiosk/attract.html

for needed in index.html en/index.html "$start_page" search/search_index.js en/search/search_index.js; do
    if [ ! -f "$source_dir/$needed" ]; then
        echo "$source_dir is not a kiosk edition: $needed is missing. Build it with 'make kiosk' and copy site-kiosk/." >&2
        exit 1
    fi
done

new="$target.new"
old="$target.old"
rm -rf "$new" "$old"
mkdir -p "$(dirname "$target")"
if command -v rsync >/dev/null 2>&1; then
    rsync -a --delete "$source_dir/" "$new/"
else
    cp -R "$source_dir" "$new"
fi
[ -f "$new/$start_page" ] || { echo "The copy is incomplete; the kiosk was left as it was." >&2; rm -rf "$new"; exit 1; }
sync
if [ -e "$target" ]; then
    mv "$target" "$old"
fi
mv "$new" "$target"
rm -rf "$old"
echo "Kiosk updated: $target ($(find "$target" -name '*.html' | wc -l | tr -d ' ') pages)."
