"""Figures in a report's prose and the claims they make about its statistical table."""

from core.narrative.claims import find_claims
from core.narrative.figures import find_figures
from core.narrative.model import Claim, Figure
from core.narrative.patterns import CountPattern, PatternSet, ZeroPattern

__all__ = ["Claim", "CountPattern", "Figure", "PatternSet", "ZeroPattern", "find_claims", "find_figures"]
