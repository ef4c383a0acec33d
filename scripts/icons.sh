#!/usr/bin/env bash
# Renders the app icon's PNG sizes (hicolor theme, 16 to 512 px) from the SVG.
# The PNGs are committed, so building the package needs none of these tools;
# run this after changing assets/icons/io.github.mailconf.mailconf.svg.
#
# Needs: librsvg2-bin (rsvg-convert), optipng (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."

ID=io.github.mailconf.mailconf
SVG=assets/icons/$ID.svg
for size in 16 22 24 32 48 64 128 256 512; do
    dir=assets/icons/hicolor/${size}x${size}/apps
    mkdir -p "$dir"
    rsvg-convert --width "$size" --height "$size" "$SVG" --output "$dir/$ID.png"
    # Lossless; -strip drops the time stamps so a re-run changes nothing.
    optipng -quiet -o5 -strip all "$dir/$ID.png"
done
echo "icons: rendered $(ls assets/icons/hicolor | wc -l) sizes from $SVG"
