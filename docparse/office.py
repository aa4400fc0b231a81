"""LibreOffice headless conversions (``soffice --convert-to``): the one wrapper of the project.

Two callers: ``docparse.extract`` turns an old Word 97-2003 ``.doc`` into ``.docx`` before
reading it, and ``reviews.exports.pdf`` renders the compiled report's DOCX as PDF.

Why here, in docparse: docparse is a plain Python package that must not import Django (nor
anything of the project), while the reviews app may import a plain library. So the helper lives
in the lower of the two and speaks only Python: it raises its own ``OfficeError`` and each
caller turns that into its own message (``DocumentError`` for docparse, ``ActionError`` for
reviews).

- ``find_soffice``: the ``SOFFICE_PATH`` environment variable when it names an existing file
  (a LibreOffice outside PATH, e.g. /opt/libreoffice/program/soffice), else ``soffice`` or
  ``libreoffice`` on PATH, else None.
- ``convert``: one file, in a throwaway directory with a private user profile, so parallel
  conversions never fight over LibreOffice's profile lock and nothing is left behind; bounded by
  a timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class OfficeError(Exception):
    """LibreOffice failed: it could not run, reported an error or wrote nothing."""


class OfficeTimeout(OfficeError):
    """The conversion took longer than allowed (the process was killed)."""


def find_soffice() -> str | None:
    """The LibreOffice executable: ``SOFFICE_PATH`` if it exists, else the one on PATH."""
    configured = os.environ.get("SOFFICE_PATH")
    if configured and Path(configured).exists():
        return configured
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(soffice: str, data: bytes, source_name: str, target: str, *, timeout: float) -> bytes:
    """Convert ``data`` (a file named ``source_name``, whose extension tells LibreOffice what
    it is) to the ``target`` format (``"pdf"``, ``"docx"``, ``"doc"``…) and return its bytes.

    Raises ``OfficeTimeout`` after ``timeout`` seconds, ``OfficeError`` on any other failure."""
    with tempfile.TemporaryDirectory(prefix="soffice-") as tmp:
        work = Path(tmp)
        source = work / source_name
        source.write_bytes(data)
        # A private profile per conversion: parallel conversions never fight over a lock.
        profile = (work / "profile").as_uri()
        try:
            subprocess.run(  # noqa: S603 - fixed argument list, no shell
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(work),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as exc:
            raise OfficeTimeout(f"LibreOffice took more than {timeout:g} s") from exc
        except (subprocess.CalledProcessError, OSError) as exc:
            raise OfficeError(f"LibreOffice failed: {exc}") from exc
        output = source.with_suffix(f".{target.split(':')[0]}")
        if not output.exists():
            raise OfficeError("LibreOffice wrote no output")
        return output.read_bytes()
