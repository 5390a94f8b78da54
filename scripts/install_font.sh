#!/bin/sh
# Put the Vazirmatn web font (SIL OFL 1.1) into the web app's static dir, from the
# npm registry via `npm pack`. Idempotent; never fatal: without the font the pages
# fall back to system fonts. Pages never fetch fonts from the internet themselves.
set -eu
VERSION="${VAZIRMATN_VERSION:-33.0.3}"
DEST="$(dirname "$0")/../src/khabar/web/static/fonts"
TARGET="$DEST/Vazirmatn-Variable.woff2"
[ -s "$TARGET" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
    echo "install_font: npm not found; the web app will use system fonts" >&2
    exit 0
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
if ! (cd "$TMP" && npm pack "vazirmatn@$VERSION" --silent >/dev/null 2>&1); then
    echo "install_font: could not fetch vazirmatn@$VERSION from the npm registry; using system fonts" >&2
    exit 0
fi
tar -xzf "$TMP"/vazirmatn-*.tgz -C "$TMP"
SRC="$(find "$TMP/package" -name 'Vazirmatn*wght*.woff2' -path '*webfonts*' | grep -v -i 'UI\|RD\|NL' | head -n 1)"
if [ -z "$SRC" ]; then
    echo "install_font: no variable woff2 in vazirmatn@$VERSION; using system fonts" >&2
    exit 0
fi
mkdir -p "$DEST"
cp "$SRC" "$TARGET"
cp "$TMP/package/OFL.txt" "$DEST/OFL.txt" 2>/dev/null || true
echo "install_font: $TARGET"
