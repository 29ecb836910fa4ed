"""Where commands may write what they make (packs, PDFs, galleries): never over the data, never over a file
the user made. An existing file is replaced only when an earlier run of ours wrote it, or with --force."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from icc.paths import DATA

GENERATOR = "ICC Index Explorer"
# What marks a file as one of ours: the HTML files carry a generator tag; PDFs are printed by headless Chromium.
MARKS = {".html": f'<meta name="generator" content="{GENERATOR}">'.encode(), ".pdf": b"HeadlessChrome"}
GENERATOR_TAG = MARKS[".html"].decode()


class UnsafeOutput(ValueError):
    """The output path would overwrite data or a file that is not ours, or cannot be written."""


def is_earlier_output(path: Path) -> bool:
    if path.suffix.lower() == ".pptx":  # a zip: its properties name the program that wrote it
        return GENERATOR in zipped_part(path, "docProps/core.xml")
    mark = MARKS.get(path.suffix.lower())
    if mark is None:
        return False
    try:
        return mark in path.read_bytes()
    except OSError:
        return False


def zipped_part(path: Path, name: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read(name).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""


def check_target(path: Path, force: bool = False, data_dir: Path = DATA) -> Path:
    """`path` if writing there is safe; else UnsafeOutput with a sentence that says why and what to do."""
    resolved = path.resolve()
    if resolved == data_dir.resolve() or data_dir.resolve() in resolved.parents:
        raise UnsafeOutput(f"{path} is inside {data_dir}, where the source data, the database and the imported "
                           "batches live: write it somewhere else")
    if resolved.is_dir():
        raise UnsafeOutput(f"{path} is a folder: give a file name, such as {path / ('visit' + path.suffix or '.html')}")
    if resolved.exists() and not force and not is_earlier_output(resolved):
        raise UnsafeOutput(f"{path} exists and was not written by {GENERATOR}: choose another name, or add --force "
                           "to replace it")
    parent = resolved.parent
    if not parent.is_dir():
        raise UnsafeOutput(f"the folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (resolved.exists() and not os.access(resolved, os.W_OK)):
        raise UnsafeOutput(f"{path} cannot be written here (no permission)")
    return path


def check_folder(folder: Path, force: bool = False, data_dir: Path = DATA) -> Path:
    """A folder that a command fills (the gallery): new, empty, or one it filled before."""
    resolved = folder.resolve()
    if resolved == data_dir.resolve() or data_dir.resolve() in resolved.parents:
        raise UnsafeOutput(f"{folder} is inside {data_dir}: write it somewhere else")
    if resolved.exists() and not resolved.is_dir():
        raise UnsafeOutput(f"{folder} is a file, not a folder")
    if resolved.is_dir() and any(resolved.iterdir()) and not force \
            and not is_earlier_output(resolved / "index.html"):
        raise UnsafeOutput(f"{folder} holds files that {GENERATOR} did not write: choose an empty or new folder, "
                           "or add --force")
    return folder
