#!/usr/bin/env bash
# Refreshes the front-end assets under static/vendor/ from npm packages.
# The portal never loads assets from a CDN: run this when bumping a version,
# then commit the copied files.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
    bootstrap@5.3.8 @fontsource/ibm-plex-sans-arabic@5.3.0 axe-core@4.14.1 chart.js@4.6.1)
dest=static/vendor
rm -rf "$dest/bootstrap" "$dest/fonts" "$dest/chartjs"
mkdir -p "$dest/bootstrap" "$dest/fonts/ibm-plex-sans-arabic" "$dest/chartjs"
bs="$work/node_modules/bootstrap"
cp "$bs/LICENSE" "$dest/bootstrap/"
cp "$bs/dist/css/bootstrap.min.css" "$bs/dist/css/bootstrap.rtl.min.css" "$dest/bootstrap/"
cp "$bs/dist/js/bootstrap.bundle.min.js" "$dest/bootstrap/"
font="$work/node_modules/@fontsource/ibm-plex-sans-arabic"
cp "$font/LICENSE" "$dest/fonts/ibm-plex-sans-arabic/"
for weight in 400 600 700; do
  for subset in arabic latin; do
    cp "$font/files/ibm-plex-sans-arabic-$subset-$weight-normal.woff2" "$dest/fonts/ibm-plex-sans-arabic/"
  done
done
# Chart.js draws the staff reports' charts (the UMD build: one file, no module loader).
cp "$work/node_modules/chart.js/LICENSE.md" "$work/node_modules/chart.js/dist/chart.umd.min.js" "$dest/chartjs/"
# The source maps are not vendored: drop the comments that name them, or collectstatic's manifest
# storage (DEBUG off, the Docker build) stops at the first missing map.
sed -i '/sourceMappingURL=/d' "$dest"/bootstrap/*.min.* "$dest/chartjs/chart.umd.min.js"
# axe-core checks accessibility in the browser tests only; it is never served.
mkdir -p tests/browser/vendor
cp "$work/node_modules/axe-core/axe.min.js" "$work/node_modules/axe-core/LICENSE" tests/browser/vendor/
echo "vendored into $dest and tests/browser/vendor:"; find "$dest" tests/browser/vendor -type f | sort
