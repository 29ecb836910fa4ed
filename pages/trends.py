"""Trends page: placeholder until its issue lands."""

from icc.app import setup
from icc.ui import coming_soon

setup("trends")
coming_soon("trends")
