"""What the Data page shows before anyone signs in: how much the dataset holds, and the files it offers
(the import itself is the coordinators' form; see imports/round_file.py) (data twin: `DataPageData.frames()`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.store.sessions import DataSession


@dataclass
class DataPageData:
    counts: pd.Series  # index_figures, cities, ...
    batches: pd.DataFrame  # the imported rounds the data shows now (listed to coordinators)

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"source_counts": self.counts.to_frame().T, "import_batches": self.batches}


def data_page_data(session: DataSession) -> DataPageData:
    return DataPageData(session.query("source_counts").iloc[0], session.query("import_batches"))
