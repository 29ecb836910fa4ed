-- The definition of one harmonised policy area, with its source.
SELECT harmonised_code, definition_en, definition_fr, source_url, wording
FROM area_definition
WHERE harmonised_code = $harmonised_code;
