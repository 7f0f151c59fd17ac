"""A brief's files as one set: swapped in whole, one writer per target, write faults named."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import PARAMETERS

from toolkit.cli import main as antk
from toolkit.reports.files import (
    TMP_PREFIX,
    FolderLockedError,
    exclusive,
    remove_stale_temps,
    staging_folder,
    swap_in,
)


def _notebook(path: Path, body: str = "print('موجز: ' + title)") -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(PARAMETERS)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(body)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


def test_one_writer_per_target(tmp_path):
    target = tmp_path / "2015-W31"
    with exclusive(target):
        with pytest.raises(FolderLockedError, match="another run is writing"):
            with exclusive(target):
                pass
    with exclusive(target):  # released
        pass


def test_a_killed_holder_releases_the_lock(tmp_path):
    target = tmp_path / "w"
    code = ("import sys, time; from toolkit.reports.files import exclusive\n"
            "with exclusive(sys.argv[1]):\n    print('held', flush=True); time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(FolderLockedError):
            with exclusive(target):
                pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    with exclusive(target):
        pass


def test_brief_refused_while_another_run_writes_the_target(tmp_path, capsys):
    notebook = _notebook(tmp_path / "nb.ipynb")
    out = tmp_path / "out"
    with exclusive(out / "race"):
        code = antk(["brief", "--notebook", str(notebook), "--out", str(out), "--label", "race",
                     "--format", "html"])
    assert code == 2
    assert "another run is writing" in capsys.readouterr().err
    assert not (out / "race").exists()


def test_two_simultaneous_briefs_one_is_refused(tmp_path):
    notebook = _notebook(tmp_path / "nb.ipynb")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "toolkit", "brief", "--notebook", str(notebook), "--out",
           str(out), "--label", "race", "--format", "html"]
    runs = [subprocess.Popen([*cmd, "--title", name], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True) for name in ("first", "second")]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2], results
    refused = next(err for code, err in results if code == 2)
    assert "another run is writing" in refused or "a brief already exists" in refused
    assert sorted(p.name for p in (out / "race").iterdir()) == ["brief.html", "brief.ipynb"]


WRITER = """\
import sys, time
from pathlib import Path
from toolkit.reports.files import staging_folder, swap_in
target = Path(sys.argv[1])
run = 0
while True:
    run += 1
    stage = staging_folder(target)
    for name in ("brief.ipynb", "brief.html", "brief.pdf"):
        (stage / name).write_text(f"run {run} " + "حفتر " * 2000, encoding="utf-8")
    swap_in(stage, target)
"""


def _runs(folder: Path) -> set[str]:
    return {(folder / n).read_text(encoding="utf-8").split()[1]
            for n in ("brief.ipynb", "brief.html", "brief.pdf")}


def test_kills_during_the_commit_never_mix_two_runs(tmp_path):
    target = tmp_path / "brief"
    for kill in range(10):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target)])
        time.sleep(1.0 + 0.05 * kill)  # the writer commits sets back to back, killed anywhere
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        assert sorted(p.name for p in target.iterdir()) == ["brief.html", "brief.ipynb", "brief.pdf"]
        assert len(_runs(target)) == 1, f"kill {kill}: files of runs {_runs(target)}"
        remove_stale_temps(tmp_path)
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(TMP_PREFIX)]


def test_swap_in_keeps_a_users_files_out_of_the_brief(tmp_path):
    target = tmp_path / "w"
    stage = staging_folder(target)
    (stage / "brief.html").write_text("١", encoding="utf-8")
    swap_in(stage, target)
    stage = staging_folder(target)
    (stage / "brief.html").write_text("٢", encoding="utf-8")
    swap_in(stage, target)
    assert (target / "brief.html").read_text(encoding="utf-8") == "٢"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(TMP_PREFIX)] == []


def test_out_is_a_file_exits_2_with_the_cause(tmp_path, capsys):
    notebook = _notebook(tmp_path / "nb.ipynb")
    out = tmp_path / "out.txt"
    out.write_text("ملف", encoding="utf-8")
    assert antk(["brief", "--notebook", str(notebook), "--out", str(out), "--format", "html"]) == 2
    err = capsys.readouterr().err
    assert "cannot write the brief in" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "ملف"


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")
def test_disk_full_while_writing_a_brief_exits_2_and_keeps_the_previous(tmp_path):
    notebook = _notebook(tmp_path / "nb.ipynb", "print('حفتر ' * 200_000)")  # ~1.4 MB of output
    out = tmp_path / "out"
    args = ["brief", "--notebook", str(notebook), "--out", str(out), "--label", "full",
            "--format", "html"]
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "if len(sys.argv) > 1 and sys.argv[1] == 'limit':\n"
        "    resource.setrlimit(resource.RLIMIT_FSIZE, (500_000, 500_000))\n"
        "from toolkit.cli import main\n"
        f"sys.exit(main({[*args, '--force']!r}))\n"
    )
    small = _notebook(tmp_path / "small.ipynb")
    assert antk(["brief", "--notebook", str(small), "--out", str(out), "--label", "full",
                 "--format", "html"]) == 0
    before = {p.name: p.read_bytes() for p in (out / "full").iterdir()}
    done = subprocess.run([sys.executable, "-c", code, "limit"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 2, done.stderr[-800:]
    assert "cannot write the brief in" in done.stderr and "File too large" in done.stderr
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert {p.name: p.read_bytes() for p in (out / "full").iterdir()} == before
