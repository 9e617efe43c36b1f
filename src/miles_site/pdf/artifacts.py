"""Mark page decoration (running header, footer, page numbers) as artifacts.

WeasyPrint tags the text of page-margin boxes with marked-content ids that point at structure
elements it never links into the structure tree (tags.py: "only allowed in PDF 2.0"). A screen
reader then meets orphans. The body already holds that text once (title, version, privacy
line), so the margin copies become /Artifact /Pagination sequences, as PDF/UA asks.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator, Pdf

_BDC = Operator("BDC")


def _reachable(root: pikepdf.Object) -> set[tuple[int, int]]:
    """Collect the object ids of every structure element below the structure tree root."""
    seen: set[tuple[int, int]] = set()
    pending = [root.get("/K")]
    while pending:
        node = pending.pop()
        if isinstance(node, Array):
            pending.extend(node)
        elif isinstance(node, Dictionary) and node.get("/Type") != Name.MCR:
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            pending.append(node.get("/K"))
    return seen


def _parent_tree(root: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """Read a flat number tree (WeasyPrint writes one /Nums array) into a dict."""
    nums = root.ParentTree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def mark_page_decoration(pdf: Pdf) -> int:
    """Turn marked content that no reachable structure element owns into artifacts."""
    if "/StructTreeRoot" not in pdf.Root:
        return 0
    root = pdf.Root.StructTreeRoot
    reachable = _reachable(root)
    parents = _parent_tree(root)
    changed = 0
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        owners = parents.get(int(key)) if key is not None else None
        if not isinstance(owners, Array):
            continue
        orphans = {
            mcid
            for mcid, owner in enumerate(owners)
            if isinstance(owner, Dictionary) and owner.objgen not in reachable
        }
        if not orphans:
            continue
        instructions = pikepdf.parse_content_stream(page)
        for index, instruction in enumerate(instructions):
            operands = instruction.operands
            if instruction.operator != _BDC or len(operands) != 2:
                continue
            properties = operands[1]
            if isinstance(properties, Dictionary) and int(properties.get("/MCID", -1)) in orphans:
                pagination = [Name.Artifact, Dictionary(Type=Name.Pagination)]
                instructions[index] = pikepdf.ContentStreamInstruction(pagination, _BDC)
                changed += 1
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        for mcid in orphans:
            owners[mcid] = None
    return changed
