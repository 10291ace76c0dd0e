"""Exports: the JSON contract (cli.md), the corrected workbook, the 审核意见 memo."""
