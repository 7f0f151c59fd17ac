#!/bin/sh
# The install route a new user takes: build the wheel, install it in a fresh venv, and
# brief the embedded sample in an empty folder (HTML, and PDF when a Chromium is there);
# `jupyter nbconvert --template antk` and `antk notebooks copy` from the same install.
# Reuses pip's cache, so on a machine that ran `make` once nothing is downloaded.
# Usage: sh tools/check_wheel.sh [PYTHON]   (run from the project root)
set -eu
PYTHON=${1:-python3}
ROOT=$(pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/antk-wheel-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
step() { printf 'check_wheel: %s\n' "$*"; }

step "building the wheel"
"$PYTHON" -m pip wheel -q --no-deps -w "$WORK/dist" "$ROOT" >/dev/null
WHEEL=$(ls "$WORK"/dist/antk-*.whl)
for member in toolkit/notebooks/weekly_brief.ipynb toolkit/data/sample/seed_article.json \
    'antk-[^/]*.data/data/share/jupyter/nbconvert/templates/antk/conf.json'; do
  "$PYTHON" -c "import re, sys, zipfile; names = zipfile.ZipFile(sys.argv[1]).namelist(); \
sys.exit(0 if any(re.fullmatch(sys.argv[2], n) for n in names) else 'not in the wheel: ' + sys.argv[2])" \
    "$WHEEL" "$member"
done

step "installing $(basename "$WHEEL") in a fresh venv"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q --disable-pip-version-check "$WHEEL[report]" \
  2>&1 | grep -v "^WARNING: Location" || true
"$WORK/venv/bin/python" -c "import toolkit" || { echo "check_wheel: the wheel did not install"; exit 1; }

step "antk brief in an empty folder"
mkdir "$WORK/empty"
cd "$WORK/empty"
"$WORK/venv/bin/antk" brief --out out >/dev/null
test -s out/sample/brief.html || { echo "check_wheel: no out/sample/brief.html"; exit 1; }
if "$WORK/venv/bin/python" -c "import sys; from toolkit.reports import find_chromium; sys.exit(find_chromium() is None)"; then
  test -s out/sample/brief.pdf || { echo "check_wheel: Chromium is there but no brief.pdf"; exit 1; }
  head -c 5 out/sample/brief.pdf | grep -q '%PDF-' || { echo "check_wheel: brief.pdf is not a PDF"; exit 1; }
else
  echo "check_wheel: no Chromium here: HTML only (tools/ensure_chromium.sh installs one)"
fi

step "jupyter nbconvert --to html --template antk"
"$WORK/venv/bin/jupyter" nbconvert --log-level=ERROR --to html --template antk \
  --output-dir converted out/sample/brief.ipynb
grep -q '<html dir="rtl" lang="ar">' converted/brief.html \
  || { echo "check_wheel: nbconvert --template antk did not give the RTL page"; exit 1; }

step "antk notebooks copy"
"$WORK/venv/bin/antk" notebooks copy mine >/dev/null
test -s mine/weekly_brief.ipynb \
  || { echo "check_wheel: antk notebooks copy wrote no weekly_brief.ipynb"; exit 1; }
for form in student solutions; do
  test -s "mine/tutorials/$form/01_text_and_normalization.ipynb" \
    || { echo "check_wheel: the tutorials' $form form is not in the wheel"; exit 1; }
done
step "ok: wheel installs, briefs in an empty folder, template and notebooks ship"
