"""Cross-report analysis of a folder run with pandas: 机关对比, 逐年变化, 汇总核对, 问题统计.

Imported only when a summary workbook is written or the folder window shows its analysis:
pandas and numpy cost start-up time and memory nothing else needs. Everything here reads
``core.batch.BatchRow``s (no document is opened again) and returns DataFrames.
"""
