-- The stored assessments an import is checked against: one per city, date and Index version.
-- internal: for the coordinators' import and its checks; not published as a data twin
SELECT assessment_id, city_id, version_id, assessed_on, date_precision
FROM assessment
ORDER BY city_id, assessed_on;
