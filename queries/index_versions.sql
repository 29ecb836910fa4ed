-- The Index versions with how many areas each has and how many assessments use it.
SELECT
    v.*,
    (SELECT count(*) FROM policy_area AS p WHERE p.version_id = v.version_id AND p.group_code <> 'composite')
        AS area_count,
    (SELECT count(*) FROM assessment AS a WHERE a.version_id = v.version_id) AS assessment_count
FROM index_version AS v
ORDER BY v.first_year;
