"""Areas page: placeholder until its issue lands."""

from icc.app import setup
from icc.ui import coming_soon

setup("areas")
coming_soon("areas")
