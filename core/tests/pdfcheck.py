"""Reading back what a PDF says about its own accessibility: tagging, structure tree, language."""

from __future__ import annotations

import re
import subprocess
import tempfile
import zlib
from dataclasses import dataclass


@dataclass
class PdfAccessibility:
    tagged: bool  # pdfinfo's "Tagged: yes" (MarkInfo Marked true)
    structure: str  # pdfinfo -struct: the structure tree as text
    catalog: bytes  # the document catalog dictionary (possibly from a compressed object stream)

    @property
    def lang(self) -> str | None:
        match = re.search(rb"/Lang\s*\(([^)]*)\)", self.catalog)
        return match.group(1).decode() if match else None

    @property
    def elements(self) -> set[str]:
        """The structure types named in the tree (H1, L, LI, Table, TH, TD, ...)."""
        return set(re.findall(r"^\s*([A-Za-z][A-Za-z0-9]*)\b", self.structure, re.M))

    @property
    def marked(self) -> bool:
        return bool(re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", self.catalog))

    @property
    def has_struct_tree_root(self) -> bool:
        return b"/StructTreeRoot" in self.catalog


def _catalog(content: bytes) -> bytes:
    # The catalog may sit in the file itself or inside a Flate-compressed object stream (PDF 1.5+).
    chunks = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", content, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    for chunk in chunks:
        found = re.search(rb"<<[^>]*?/Type\s*/Catalog.*?(?=\d+\s+0\s+obj|\Z)", chunk, re.S)
        if found:
            return found.group(0)
    return b""


def pdf_accessibility(content: bytes) -> PdfAccessibility:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
        struct = subprocess.run(
            ["pdfinfo", "-struct", f.name], capture_output=True, text=True, check=True
        ).stdout
    tagged = bool(re.search(r"^Tagged:\s+yes", info, re.M))
    return PdfAccessibility(tagged=tagged, structure=struct, catalog=_catalog(content))
