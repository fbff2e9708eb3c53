"""Offline kits: an evaluator scores on their own laptop without a network.

The secretariat exports one kit per evaluator (`export_kit`); the evaluator opens
it as a workspace database (`open_kit`), scores with the ordinary sheets service,
and exports a return file (`export_return`); the secretariat imports it
(`import_return`), choosing explicitly for every sheet changed on both sides. The
file format is documented in resources/formats/kit.md."""

from desktop.kits.export import KitSummary, export_kit
from desktop.kits.format import FORMAT_VERSION, KitProblem
from desktop.kits.returns import (
    CENTRAL,
    RETURNED,
    BlockedSheet,
    ReturnConflict,
    ReturnResult,
    ReturnSummary,
    SheetSide,
    export_return,
    import_return,
)
from desktop.kits.workspace import WorkspaceInfo, open_kit, workspace_info, workspace_path

__all__ = [
    "CENTRAL",
    "FORMAT_VERSION",
    "RETURNED",
    "BlockedSheet",
    "KitProblem",
    "KitSummary",
    "ReturnConflict",
    "ReturnResult",
    "ReturnSummary",
    "SheetSide",
    "WorkspaceInfo",
    "export_kit",
    "export_return",
    "import_return",
    "open_kit",
    "workspace_info",
    "workspace_path",
]
