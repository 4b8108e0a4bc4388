"""Writing a file so that a reader sees the old one or the whole new one, never half of it.

Every file the tool writes into a project (a report's text and BibTeX by ``kg add``, the build's
outputs, exports given ``--out``) goes through :func:`write_atomically`: the data is written to a
uniquely named file beside the target, then renamed over it (``os.replace`` is atomic on one file
system). A killed writer leaves at most a hidden ``.NAME.*.tmp`` file, never a broken target.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: What a new file's mode would be without ``mkstemp``'s private 0600: 0666 less the umask.
_UMASK = os.umask(0)
os.umask(_UMASK)
SHARED_MODE = 0o666 & ~_UMASK


def temp_beside(target: Path) -> Path:
    """A new, empty, uniquely named file in the target's folder (``.NAME.XXXX.tmp``); the folder must exist."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    os.chmod(name, SHARED_MODE)  # mkstemp makes it private; project files are meant to be shared
    return Path(name)


def write_atomically(target: Path, data: bytes, *, make_folder: bool = False) -> None:
    """Write ``data`` to ``target`` atomically, with the usual file mode (its folder made first if asked)."""
    if make_folder:
        target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_beside(target)
    try:
        temp.write_bytes(data)
        os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()
