"""The entrance: the frame every page shares (page settings, error hook, language, dataset, sidebar and its
navigation), run once per page view, then the page the address names (pages/, listed in icc/site.py)."""

from icc.web import frame

frame.run()
