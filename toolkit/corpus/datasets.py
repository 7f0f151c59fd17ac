"""Public datasets: download, verify against packaged SHA-256 sums, and ingest into a store.

This is the only code of the toolkit that touches the network. Files are written as
``.<name>.part`` and renamed only once their checksum matches, so a failed or tampered
download never leaves a partial or wrong file behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

#: progress callback: (file name, bytes received so far, total bytes or None)
Progress = Callable[[str, int, "int | None"], None]
_NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*$")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Dataset:
    """A public corpus: where it lives, its checksum file in the package, its licence."""

    name: str
    base_url: str
    checksums: str
    licence: str
    citation: str
    description: str


DATASETS = {
    "saudinewsnet": Dataset(
        name="saudinewsnet",
        base_url="https://github.com/parallelfold/SaudiNewsNet/raw/HEAD/dataset/",
        checksums="saudinewsnet.sha256",
        licence=(
            "SaudiNewsNet is licensed under CC BY-NC-SA 4.0 (Creative Commons "
            "Attribution-NonCommercial-ShareAlike 4.0 International, "
            "https://creativecommons.org/licenses/by-nc-sa/4.0/): research and other "
            "non-commercial use, with attribution, sharing derivatives alike."
        ),
        citation="Mazen A. Alhagri (2015), Saudi Newspapers Arabic Corpus (SaudiNewsNet), "
        "https://github.com/parallelfold/SaudiNewsNet",
        description="31,030 articles from 14 Saudi newspapers, 2015-07-21 to 2015-08-11, "
        "in 18 daily zip files of one JSON array each",
    ),
}


class ChecksumError(ValueError):
    """A downloaded file does not match its packaged SHA-256 sum (the file is not kept)."""


class DownloadError(OSError):
    """A file could not be fetched; the message names the URL."""


def get_dataset(name: str) -> Dataset:
    """The :class:`Dataset` called ``name``; ``ValueError`` listing the known names otherwise."""
    try:
        return DATASETS[name]
    except KeyError:
        raise ValueError(
            f"dataset={name!r} is unknown; accepted values: {', '.join(sorted(DATASETS))}"
        ) from None


def checksums(name: str) -> dict[str, str]:
    """``{file name: sha256}`` for dataset ``name``, read from the package's checksum file.

    Example::

        >>> len(checksums("saudinewsnet")), sorted(checksums("saudinewsnet"))[0]
        (18, '2015-07-21.zip')
    """
    dataset = get_dataset(name)
    folder = resources.files("toolkit").joinpath("data").joinpath("datasets")
    text = folder.joinpath(dataset.checksums).read_text(encoding="utf-8")
    sums = {}
    for line in text.splitlines():
        if line.strip():
            digest, file = line.split()
            if not _NAME.match(file):  # names become paths under dest: keep them plain
                raise ValueError(f"unsafe file name {file!r} in {dataset.checksums}")
            sums[file] = digest.lower()
    return sums


def sha256_file(path: Path) -> str:
    """The SHA-256 (hex) of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _base(url: str) -> str:
    scheme = url.split(":", 1)[0].lower()
    if scheme not in ("http", "https", "file"):
        raise ValueError(f"url={url!r} must be an http://, https:// or file:// address")
    return url if url.endswith("/") else url + "/"


def download(
    name: str,
    dest: str | Path,
    base_url: str | None = None,
    progress: Progress | None = None,
    timeout: float = 60.0,
) -> list[tuple[Path, str]]:
    """Download every file of dataset ``name`` into ``dest`` and verify its SHA-256.

    Files already in ``dest`` with the right checksum are not fetched again. A mismatch
    raises :class:`ChecksumError` naming the file, and leaves no partial file. Returns
    ``(path, status)`` pairs, status ``"downloaded"`` or ``"present"``.

    Example::

        >>> download("saudinewsnet", "data/saudinewsnet")  # doctest: +SKIP
        [(PosixPath('data/saudinewsnet/2015-07-21.zip'), 'downloaded'), ...]
    """
    dataset = get_dataset(name)
    base = _base(base_url or dataset.base_url)
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    results = []
    for file, expected in checksums(name).items():
        target = dest / file
        if target.is_file() and sha256_file(target) == expected:
            results.append((target, "present"))
            continue
        _fetch(base + file, target, expected, progress, timeout)
        results.append((target, "downloaded"))
    return results


def _fetch(url: str, target: Path, expected: str, progress: Progress | None,
           timeout: float) -> None:
    part = target.with_name(f".{target.name}.part")
    digest = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, open(part, "wb") as out:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            done = 0
            while chunk := response.read(_CHUNK):
                out.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                if progress:
                    progress(target.name, done, total)
    except (urllib.error.URLError, OSError) as exc:
        part.unlink(missing_ok=True)
        raise DownloadError(f"cannot download {target.name} from {url}: {exc}") from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    actual = digest.hexdigest()
    if actual != expected:
        part.unlink(missing_ok=True)
        raise ChecksumError(
            f"{target.name}: SHA-256 mismatch (expected {expected}, got {actual}) "
            f"for {url}; the file was not kept"
        )
    os.replace(part, target)


def default_dest(name: str) -> Path:
    """Where datasets go by default: ``$ANTK_DATA/<name>``, else the user's data folder."""
    root = os.environ.get("ANTK_DATA")
    if root:
        return Path(root) / name
    xdg = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(xdg) / "antk" / "datasets" / name
