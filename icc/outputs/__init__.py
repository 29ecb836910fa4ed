"""Files users hand on: tables, chart images, the factsheet, the study-visit pack, the gallery."""
