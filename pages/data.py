"""Data page: placeholder until its issue lands."""

from icc.app import setup
from icc.ui import coming_soon

setup("data")
coming_soon("data")
