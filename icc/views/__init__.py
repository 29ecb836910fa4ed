"""What each page shows, as data. A page has one view-data function, `<page>_data(session, state)`, that
returns everything it draws (a dataclass whose `frames()` is the page's data twin: the same frames feed the
page, its downloads and the tests); a page with sidebar filters also has `<page>_choices(session)` for what
the filters offer. `url_state.py` holds each page's state and builds every link between pages."""
