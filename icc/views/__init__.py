"""What each page shows, as data: one module per page that needs more than a query."""
