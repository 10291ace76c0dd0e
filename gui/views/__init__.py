"""Widgets that show one part of a review (text, table, findings, inspector, history)."""
