"""Compare page: placeholder until its issue lands."""

from icc.app import setup
from icc.ui import coming_soon

setup("compare")
coming_soon("compare")
