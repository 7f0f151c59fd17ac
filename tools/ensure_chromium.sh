#!/bin/sh
# Make sure a headless Chromium exists for PDF rendering and browser checks.
# Order: $ANTK_CHROMIUM, chromium / chromium-browser / google-chrome on PATH;
# otherwise, as root on Debian/Ubuntu, install Debian's `chromium` (and poppler-utils
# for pdftotext/pdftoppm used by the tests). Never fails the build: without a browser,
# briefs are written as HTML only and PDF tests skip with a message.
if [ -n "$ANTK_CHROMIUM" ] && [ -x "$ANTK_CHROMIUM" ]; then exit 0; fi
have() { command -v "$1" >/dev/null 2>&1; }
if (have chromium || have chromium-browser || have google-chrome) && have pdftotext; then exit 0; fi
if [ "$(id -u)" = "0" ] && have apt-get; then
  echo "installing Debian's chromium and poppler-utils (for PDF briefs)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null) \
    || echo "could not install chromium; PDF briefs will be skipped"
else
  echo "no Chromium found: install one (e.g. 'apt-get install chromium') or set ANTK_CHROMIUM for PDF briefs"
fi
exit 0
