-- Headline figures of the overview: one row, one pass over the cities.
WITH assessed AS (
    SELECT count(DISTINCT city_id) AS cities_with_index, max(assessed_on) AS newest_assessment,
           arg_max(date_precision, assessed_on) AS newest_precision
    FROM assessment
)
SELECT
    count(*) AS cities,
    count(DISTINCT c.country_iso2) AS countries,
    (SELECT count(*) FROM network) AS national_networks,
    count(*) FILTER (WHERE m.membership_class IN ('member', 'both')) AS international_members,
    count(*) FILTER (WHERE m.membership_class = 'associated') AS associated_only,
    count(*) FILTER (WHERE m.membership_class = 'both') AS members_in_both,
    count(*) FILTER (WHERE m.membership_class = 'unknown') AS status_unknown,
    any_value(a.cities_with_index) AS cities_with_index,
    any_value(a.newest_assessment) AS newest_assessment,
    any_value(a.newest_precision) AS newest_precision,
    (SELECT dataset FROM build_info) AS dataset
FROM city AS c
JOIN city_membership AS m USING (city_id)
CROSS JOIN assessed AS a;
