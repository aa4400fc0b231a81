"""docparse.office: finding LibreOffice and converting with it, against a stand-in executable
(a small Python script that behaves like ``soffice --convert-to``), so these run everywhere."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from docparse import office

# Writes "<stem>.<target>" into --outdir holding "converted:" + the source, and records its
# arguments next to itself; MODE changes the behaviour.
FAKE = """#!{python}
import sys, time
from pathlib import Path
args = sys.argv[1:]
Path({log!r}).write_text("\\n".join(args))
mode = {mode!r}
if mode == "fail":
    sys.exit(1)
if mode == "slow":
    time.sleep(10)
if mode == "silent":
    sys.exit(0)
target = args[args.index("--convert-to") + 1]
outdir = Path(args[args.index("--outdir") + 1])
source = Path(args[-1])
(outdir / (source.stem + "." + target)).write_bytes(b"converted:" + source.read_bytes())
"""


def fake_soffice(tmp_path: Path, mode: str = "ok") -> tuple[str, Path]:
    log = tmp_path / f"args-{mode}.txt"
    script = tmp_path / f"soffice-{mode}"
    script.write_text(FAKE.format(python=sys.executable, log=str(log), mode=mode))
    script.chmod(0o755)
    return str(script), log


def test_soffice_path_setting_wins_over_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe, _log = fake_soffice(tmp_path)
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setenv("SOFFICE_PATH", exe)
    assert office.find_soffice() == exe


def test_a_soffice_path_that_does_not_exist_falls_back_to_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOFFICE_PATH", str(tmp_path / "missing"))
    monkeypatch.setattr(
        shutil, "which", lambda name: "/opt/lo/libreoffice" if name == "libreoffice" else None
    )
    assert office.find_soffice() == "/opt/lo/libreoffice"
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert office.find_soffice() is None


def test_convert_returns_the_output_and_leaves_nothing_behind(tmp_path: Path) -> None:
    exe, log = fake_soffice(tmp_path)
    assert office.convert(exe, b"DOCX", "baocao.docx", "pdf", timeout=30) == b"converted:DOCX"
    args = log.read_text().splitlines()
    assert args[args.index("--convert-to") + 1] == "pdf"
    assert "--headless" in args
    workdir = Path(args[args.index("--outdir") + 1])
    # A private profile inside the throwaway directory, which is gone afterwards.
    profile = next(a for a in args if a.startswith("-env:UserInstallation="))
    assert profile == "-env:UserInstallation=" + (workdir / "profile").as_uri()
    assert not workdir.exists()


@pytest.mark.parametrize("mode", ["fail", "silent"])
def test_a_failed_conversion_raises_office_error(tmp_path: Path, mode: str) -> None:
    exe, _log = fake_soffice(tmp_path, mode)
    with pytest.raises(office.OfficeError) as raised:
        office.convert(exe, b"DOC", "input.doc", "docx", timeout=30)
    assert not isinstance(raised.value, office.OfficeTimeout)


def test_a_slow_conversion_is_stopped(tmp_path: Path) -> None:
    exe, _log = fake_soffice(tmp_path, "slow")
    with pytest.raises(office.OfficeTimeout):
        office.convert(exe, b"DOC", "input.doc", "docx", timeout=0.5)


def test_an_executable_that_cannot_run_raises_office_error(tmp_path: Path) -> None:
    with pytest.raises(office.OfficeError):
        office.convert(str(tmp_path / "nothing"), b"DOC", "input.doc", "docx", timeout=30)


def test_doc_extraction_reads_the_converted_docx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """extract_text hands a .doc to LibreOffice through the helper and maps its failures."""
    from docparse import DocumentError, extract_text

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    for mode, message in (("fail", "Không chuyển đổi được"), ("slow", "quá thời gian")):
        exe, _log = fake_soffice(tmp_path, mode)
        monkeypatch.setenv("SOFFICE_PATH", exe)
        monkeypatch.setattr("docparse.extract.SOFFICE_TIMEOUT", 0.5)
        with pytest.raises(DocumentError) as raised:
            extract_text(ole, "old.doc")
        assert message in raised.value.message_vi
