-- Which dataset this database holds and when it was built (printed under exported charts).
SELECT dataset, built_at FROM build_info;
