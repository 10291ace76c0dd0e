"""年报审核台的核心库：读取、抽取、核对、导出。

This package must never import Qt (tests/core/test_no_qt.py enforces it): the GUI,
the CLI and the tests all call the same functions here.
"""

__version__ = "0.1.0"
