-- Good practices matching free text (title or summary), area, country, city and years; '' or 0 = any.
WITH matched AS (
    SELECT p.*
    FROM practice AS p
    WHERE ($text = '' OR p.title ILIKE '%' || $text || '%' OR p.summary ILIKE '%' || $text || '%')
      AND ($area = '' OR EXISTS (SELECT 1 FROM practice_area AS a
                                WHERE a.practice_id = p.practice_id AND a.harmonised_code = $area))
      AND ($country = '' OR EXISTS (SELECT 1 FROM practice_city AS c
                                   WHERE c.practice_id = p.practice_id AND c.country_iso2 = $country))
      AND ($city_id = '' OR EXISTS (SELECT 1 FROM practice_city AS c
                                   WHERE c.practice_id = p.practice_id AND c.city_id = $city_id))
      AND ($year_from = 0 OR coalesce(p.year_to, p.year_from) >= $year_from)
      AND ($year_to = 0 OR p.year_from <= $year_to)
)
SELECT m.practice_id, m.title, m.summary, m.year_from, m.year_to, m.url, m.language_of_source,
       l.cities, l.countries_en, l.countries_fr, l.area_codes, l.classified
FROM matched AS m
JOIN practice_lists AS l USING (practice_id)
ORDER BY m.year_from DESC NULLS LAST, m.title;
